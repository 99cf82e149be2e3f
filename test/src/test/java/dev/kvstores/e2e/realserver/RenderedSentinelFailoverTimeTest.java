package dev.kvstores.e2e.realserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.e2e.ShippedSynthesis;
import dev.kvstores.e2e.helm.HelmTemplate;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long writes fail during a Sentinel failover with the <em>rendered</em> Sentinel settings of the shipped
 * kubernetes-prod Cache release (the pinned Bitnami chart's {@code sentinel.conf}: down-after-milliseconds,
 * failover-timeout, parallel-syncs, quorum), on a TLS-only primary, two replicas and three sentinels on loopback.
 *
 * <p>The writer behaves like a platform pod behind the chart's {@code -master} Service: it writes to one address
 * and, when a write fails, asks a sentinel where the primary is and reconnects there (the kubectl sidecar moves
 * the Service's label to the promoted pod). The longest run of failed writes is the outage the platform sees.
 */
class RenderedSentinelFailoverTimeTest {

    /** Test-only password of the data nodes; never printed. */
    private static final String PASSWORD = "f4ilover test:pass@word";
    private static final Pattern MONITOR =
            Pattern.compile("(?m)^sentinel monitor (\\S+) \\S+ \\d+ (\\d+)\\s*$");

    @TempDir
    Path dir;

    private final TestResources resources = new TestResources();

    @AfterEach
    void stopEverything() throws Exception {
        resources.close();
    }

    private <T extends AutoCloseable> T track(T resource) {
        return resources.track(resource);
    }

    @Test
    void writes_resume_within_the_rendered_down_after_plus_ten_seconds_when_the_primary_dies() throws Exception {
        RedisServerProcess.requireBinary("redis-sentinel", "redis-sentinel");
        Map<String, JsonNode> releases = HelmTemplate.helmReleases(ShippedSynthesis.stack("kubernetes-prod"));
        JsonNode cache = releases.entrySet().stream().filter(e -> e.getKey().startsWith("Cache_")).findFirst()
                .orElseThrow(() -> new AssertionError("no Cache helm_release: " + releases.keySet())).getValue();
        HelmTemplate.Rendered rendered = HelmTemplate.render(cache, HelmTemplate.testSecrets(cache));
        String sentinelConf = rendered.configMapData("redis-cache-configuration", "sentinel.conf");
        String redisConf = rendered.configMapData("redis-cache-configuration", "redis.conf");

        Matcher monitor = MONITOR.matcher(sentinelConf);
        assertTrue(monitor.find(), "no 'sentinel monitor' line in the rendered sentinel.conf:\n" + sentinelConf);
        String master = monitor.group(1);
        String quorum = monitor.group(2);
        String downAfterLine = renderedLine(sentinelConf, "sentinel down-after-milliseconds " + master);
        String failoverTimeoutLine = renderedLine(sentinelConf, "sentinel failover-timeout " + master);
        String parallelSyncsLine = renderedLine(sentinelConf, "sentinel parallel-syncs " + master);
        long downAfter = Long.parseLong(downAfterLine.substring(downAfterLine.lastIndexOf(' ') + 1));
        assertEquals("2", quorum, "quorum of the rendered 'sentinel monitor'");

        // The rendered redis.conf role lines, without the chart's ACL file (a path inside the pod).
        String roleConfig = redisConf.lines().filter(l -> !l.trim().startsWith("aclfile"))
                .reduce("", (a, b) -> a + b + "\n");
        TestCertificates certificates = TestCertificates.create(dir.resolve("tls"));
        String auth = RedisServerProcess.quote(PASSWORD);

        List<RedisServerProcess> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RedisServerProcess.Builder node = RedisServerProcess.redisServer(dir.resolve("node-" + i))
                    .name("node-" + i).roleConfig(roleConfig).tls(certificates)
                    .line("requirepass " + auth).line("masterauth " + auth);
            if (i > 0) {
                node.line("replicaof " + RedisServerProcess.HOST + " " + nodes.get(0).port());
            }
            nodes.add(track(node.start()));
        }

        RedisClients clients = track(new RedisClients());
        RedisClient client = clients.client(certificates.caCertificate());
        client.setOptions(client.getOptions().mutate().autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        track(client::shutdown);

        List<RedisServerProcess> sentinels = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            sentinels.add(track(RedisServerProcess.sentinel(dir.resolve("sentinel-" + i))
                    .name("sentinel-" + i).tls(certificates)
                    .line("tls-replication yes")
                    .line("sentinel monitor " + master + " " + RedisServerProcess.HOST + " " + nodes.get(0).port()
                            + " " + quorum)
                    .line(downAfterLine)
                    .line(failoverTimeoutLine)
                    .line(parallelSyncsLine)
                    .line("sentinel auth-pass " + master + " " + auth)
                    .start()));
        }
        awaitSettled(client, sentinels, master, nodes.get(0).port(), nodes);

        // (1) A manual failover (what an operator or a rolling update triggers).
        Writer forced = new Writer(client, sentinels, master, nodes.get(0).port());
        forced.startWriting();
        forced.awaitSuccessfulWrites(5); // writing to the primary before the failover starts
        sentinel(client, sentinels.get(0), c -> c.sync().failover(master));
        long forcedWindow = forced.awaitRecoveryAndStop();
        int primaryAfterForced = forced.currentPort();
        assertNotEquals(nodes.get(0).port(), primaryAfterForced, "SENTINEL FAILOVER must promote a replica");
        awaitSettled(client, sentinels, master, primaryAfterForced, nodes);

        // (2) The primary's process dies (node crash, OOM kill).
        RedisServerProcess primary = nodes.stream().filter(n -> n.port() == primaryAfterForced).findFirst()
                .orElseThrow();
        Writer killed = new Writer(client, sentinels, master, primaryAfterForced);
        killed.startWriting();
        killed.awaitSuccessfulWrites(5); // the client is writing to the primary before it dies
        primary.kill();
        long killWindow = killed.awaitRecoveryAndStop();
        assertNotEquals(primaryAfterForced, killed.currentPort(), "the sentinels must promote a replica");

        System.out.println("[failover] SENTINEL FAILOVER: writes failed for " + forcedWindow
                + " ms; killed primary: " + killWindow + " ms (down-after-milliseconds " + downAfter + ")");
        assertTrue(killWindow > downAfter - 1000, "writes failed for only " + killWindow
                + " ms after the primary died: the rendered down-after-milliseconds " + downAfter
                + " seems not to be in effect");
        assertTrue(killWindow < downAfter + 10_000, "writes failed for " + killWindow
                + " ms after the primary died: more than down-after-milliseconds " + downAfter + " + 10 s");
    }

    private static String renderedLine(String conf, String prefix) {
        return conf.lines().map(String::trim).filter(l -> l.startsWith(prefix + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' line in the rendered sentinel.conf:\n"
                        + conf));
    }

    /** Every sentinel names {@code primaryPort}, knows both replicas and both other sentinels; replicas in sync. */
    private static void awaitSettled(RedisClient client, List<RedisServerProcess> sentinels, String master,
                                     int primaryPort, List<RedisServerProcess> nodes) {
        for (RedisServerProcess s : sentinels) {
            await(s + " to know the primary, both replicas and the other sentinels", Duration.ofSeconds(25), () -> {
                try {
                    return sentinel(client, s, c -> {
                        SocketAddress address = c.sync().getMasterAddrByName(master);
                        Map<String, String> info = c.sync().master(master);
                        return address instanceof InetSocketAddress a && a.getPort() == primaryPort
                                && "2".equals(info.get("num-slaves"))
                                && "2".equals(info.get("num-other-sentinels"))
                                && "master".equals(info.get("flags"))
                                && c.sync().replicas(master).stream()
                                        .allMatch(r -> "slave".equals(r.get("flags"))
                                                && "ok".equals(r.get("master-link-status")));
                    });
                } catch (RuntimeException e) {
                    return false;
                }
            });
        }
        RedisServerProcess primary = nodes.stream().filter(n -> n.port() == primaryPort).findFirst().orElseThrow();
        await("both replicas to be online at " + primary, Duration.ofSeconds(25), () ->
                SentinelFailoverRealServerTest.withSync(client, tlsUri(primaryPort), r -> {
                    Map<String, String> replication = RedisClients.info(r, "replication");
                    return "2".equals(replication.get("connected_slaves"))
                            && replication.get("slave0").contains("state=online")
                            && replication.get("slave1").contains("state=online");
                }));
    }

    static RedisURI tlsUri(int port) {
        return RedisURI.builder().withHost(RedisServerProcess.HOST).withPort(port).withSsl(true)
                .withVerifyPeer(SslVerifyMode.FULL).withPassword(PASSWORD.toCharArray())
                .withTimeout(Duration.ofSeconds(1)).build();
    }

    private static <T> T sentinel(RedisClient client, RedisServerProcess sentinel,
            java.util.function.Function<StatefulRedisSentinelConnection<String, String>, T> body) {
        RedisURI uri = RedisURI.builder().withHost(sentinel.host()).withPort(sentinel.port()).withSsl(true)
                .withVerifyPeer(SslVerifyMode.FULL).withTimeout(Duration.ofSeconds(1)).build();
        try (StatefulRedisSentinelConnection<String, String> connection = client.connectSentinel(uri)) {
            return body.apply(connection);
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            RedisServerProcess.sleep(200);
        }
        fail("timed out after " + timeout.toSeconds() + " s waiting for " + what);
    }

    /**
     * Writes {@code SET k i} every 50 ms to the address it believes is the primary; after a failed write it asks
     * the sentinels (in turn) for the primary's address and reconnects. Records the longest run of failed writes,
     * from the first failed write to the next successful one.
     */
    private static final class Writer {
        private final RedisClient client;
        private final List<RedisServerProcess> sentinels;
        private final String master;
        private final Thread thread;
        private volatile boolean stop;
        private volatile int port;
        private volatile long longestFailure;
        private volatile long failuresEnded;
        private volatile Throwable crashed;
        private final java.util.concurrent.atomic.AtomicLong successes = new java.util.concurrent.atomic.AtomicLong();

        Writer(RedisClient client, List<RedisServerProcess> sentinels, String master, int port) {
            this.client = client;
            this.sentinels = sentinels;
            this.master = master;
            this.port = port;
            this.thread = new Thread(this::run, "failover-writer");
            this.thread.setDaemon(true);
        }

        void startWriting() {
            thread.start();
        }

        int currentPort() {
            return port;
        }

        /** Waits (up to 30 s) until {@code count} more writes succeeded. */
        void awaitSuccessfulWrites(long count) throws InterruptedException {
            long goal = successes.get() + count;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (successes.get() < goal) {
                if (crashed != null || System.nanoTime() > deadline) {
                    throw new AssertionError("the writer made no " + count + " successful writes on port " + port,
                            crashed);
                }
                Thread.sleep(20);
            }
        }

        /** Waits until a run of failed writes ended and 2 s of writes succeeded since; returns the longest run. */
        long awaitRecoveryAndStop() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (System.nanoTime() < deadline && crashed == null
                    && (failuresEnded == 0 || System.nanoTime() - failuresEnded < 2_000_000_000L)) {
                Thread.sleep(50);
            }
            stop = true;
            thread.join(10_000);
            if (crashed != null) {
                throw new AssertionError("the writer crashed", crashed);
            }
            if (failuresEnded == 0) {
                fail("writes did not fail and then resume within 40 s (longest failure so far: " + longestFailure
                        + " ms, writing to port " + port + ")");
            }
            return longestFailure;
        }

        private void run() {
            StatefulRedisConnection<String, String> connection = null;
            long failingSince = 0;
            long i = 0;
            int sentinel = 0;
            try {
                while (!stop) {
                    long started = System.nanoTime();
                    boolean ok;
                    try {
                        if (connection == null) {
                            connection = client.connect(tlsUri(port));
                        }
                        ok = "OK".equals(connection.sync().set("k", Long.toString(i++)));
                    } catch (RuntimeException e) {
                        ok = false;
                    }
                    long now = System.nanoTime();
                    if (ok) {
                        successes.incrementAndGet();
                    }
                    if (ok && failingSince != 0) {
                        longestFailure = Math.max(longestFailure, (now - failingSince) / 1_000_000);
                        failingSince = 0;
                        failuresEnded = now;
                    } else if (!ok) {
                        if (failingSince == 0) {
                            failingSince = started;
                        }
                        if (connection != null) {
                            connection.closeAsync();
                            connection = null;
                        }
                        // Where is the primary now? (What the chart's sidecar does for the -master Service.)
                        RedisServerProcess asked = sentinels.get(sentinel++ % sentinels.size());
                        try {
                            SocketAddress address = sentinel(client, asked,
                                    c -> c.sync().getMasterAddrByName(master));
                            if (address instanceof InetSocketAddress a) {
                                port = a.getPort();
                            }
                        } catch (RuntimeException e) {
                            // that sentinel did not answer: ask the next one after the next failed write
                        }
                    }
                    long sleep = 50 - (System.nanoTime() - started) / 1_000_000;
                    if (sleep > 0) {
                        Thread.sleep(sleep);
                    }
                }
            } catch (Throwable t) {
                crashed = t;
            } finally {
                if (connection != null) {
                    connection.close();
                }
            }
        }
    }
}
