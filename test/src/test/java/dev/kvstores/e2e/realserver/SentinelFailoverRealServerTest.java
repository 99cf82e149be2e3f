package dev.kvstores.e2e.realserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kvstores.role.RedisRoleConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.lettuce.core.sentinel.api.sync.RedisSentinelCommands;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Automatic failover of a Sentinel-managed worker state store (the Bitnami chart's topology) with the
 * library's rendered configuration: a primary, a replica and three sentinels on loopback. After the primary
 * is SIGKILLed, the sentinels promote the replica and a Lettuce client that knows only the sentinels
 * (a Sentinel URI) reconnects to it and reads every key written before the crash.
 */
class SentinelFailoverRealServerTest {

    private static final String MASTER = "mymaster";
    /** Test-only password of the data nodes; never printed. */
    private static final String PASSWORD = "s3nt1nel test:pass@word";
    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(30);

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
    void sentinel_promotes_the_replica_and_a_sentinel_uri_client_reads_every_key_after_the_primary_dies() {
        RedisServerProcess.requireBinary("redis-sentinel", "redis-sentinel");
        String roleConfig = RedisRoleConfig.workerState(512, true).toRedisConf();
        String auth = RedisServerProcess.quote(PASSWORD);

        RedisServerProcess primary = track(RedisServerProcess.redisServer(dir.resolve("primary"))
                .name("primary").roleConfig(roleConfig)
                .line("requirepass " + auth).line("masterauth " + auth)
                .start());
        RedisServerProcess replica = track(RedisServerProcess.redisServer(dir.resolve("replica"))
                .name("replica").roleConfig(roleConfig)
                .line("requirepass " + auth).line("masterauth " + auth)
                .line("replicaof " + primary.host() + " " + primary.port())
                .start());

        RedisClients clients = track(new RedisClients());
        RedisClient client = clients.client();
        track(client::shutdown);
        RedisURI replicaUri = authenticated(replica);

        await("the replica to sync with the primary", Duration.ofSeconds(15), () ->
                withSync(client, replicaUri, r -> "up".equals(RedisClients.info(r, "replication")
                        .get("master_link_status"))));

        List<RedisServerProcess> sentinels = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            sentinels.add(track(RedisServerProcess.sentinel(dir.resolve("sentinel-" + i))
                    .name("sentinel-" + i)
                    .line("sentinel monitor " + MASTER + " " + primary.host() + " " + primary.port() + " 2")
                    .line("sentinel down-after-milliseconds " + MASTER + " 1000")
                    .line("sentinel failover-timeout " + MASTER + " 5000")
                    .line("sentinel auth-pass " + MASTER + " " + auth)
                    .start()));
        }
        // Each sentinel must know the replica and the two other sentinels before a failover can be agreed.
        for (RedisServerProcess sentinel : sentinels) {
            await(sentinel + " to see the replica and the other sentinels", Duration.ofSeconds(20), () ->
                    withSentinel(client, sentinel, s -> {
                        Map<String, String> master = s.master(MASTER);
                        return "1".equals(master.get("num-slaves")) && "2".equals(master.get("num-other-sentinels"));
                    }));
        }

        RedisURI viaSentinels = RedisURI.Builder.sentinel(RedisServerProcess.HOST, sentinels.get(0).port(), MASTER)
                .withSentinel(RedisServerProcess.HOST, sentinels.get(1).port())
                .withSentinel(RedisServerProcess.HOST, sentinels.get(2).port())
                .withPassword(PASSWORD.toCharArray())
                .withTimeout(Duration.ofSeconds(10))
                .build();
        int keys = 500;
        StatefulRedisConnection<String, String> connection = track(client.connect(viaSentinels));
        RedisCommands<String, String> redis = connection.sync();
        assertEquals(primary.port(), port(connection), "the sentinels must first point the client to the primary");
        for (int i = 0; i < keys; i++) {
            assertEquals("OK", redis.set("job:" + i, "progress-" + i));
        }
        // Wait until the replica acknowledged everything, so the failover is about availability, not lag.
        assertEquals(1L, redis.waitForReplication(1, 5000), "the replica must acknowledge the writes");

        primary.kill();

        await("the sentinels to promote the replica", FAILOVER_TIMEOUT, () ->
                withSentinel(client, sentinels.get(1), s -> s.getMasterAddrByName(MASTER) instanceof InetSocketAddress a
                        && a.getPort() == replica.port()));

        // The connection opened before the crash reconnects through the sentinels to the new primary.
        assertEquals("progress-0", redis.get("job:0"), "the reconnected client must read the keys");
        assertEquals(replica.port(), port(connection), "the client must have reconnected to the promoted replica");
        assertEquals("master", RedisClients.info(redis, "replication").get("role"));
        for (int i = 0; i < keys; i++) {
            assertEquals("progress-" + i, redis.get("job:" + i), "job:" + i + " lost in the failover");
        }
        assertEquals("OK", redis.set("job:after-failover", "written"), "the new primary must accept writes");

        // A client started after the failover is sent straight to the new primary.
        try (StatefulRedisConnection<String, String> fresh = client.connect(viaSentinels)) {
            assertEquals(replica.port(), port(fresh));
            assertEquals("written", fresh.sync().get("job:after-failover"));
            assertEquals(keys + 1L, fresh.sync().dbsize());
        }
    }

    private static RedisURI authenticated(RedisServerProcess server) {
        return RedisURI.builder().withHost(server.host()).withPort(server.port())
                .withPassword(PASSWORD.toCharArray()).withTimeout(RedisClients.COMMAND_TIMEOUT).build();
    }

    private static int port(StatefulRedisConnection<String, String> connection) {
        // CLIENT INFO names the server address this connection reached (laddr).
        String clientInfo = connection.sync().clientInfo();
        for (String field : clientInfo.trim().split(" ")) {
            if (field.startsWith("laddr=")) {
                return Integer.parseInt(field.substring(field.lastIndexOf(':') + 1));
            }
        }
        throw new AssertionError("CLIENT INFO has no laddr: " + clientInfo);
    }

    static boolean withSync(RedisClient client, RedisURI uri,
                                    java.util.function.Predicate<RedisCommands<String, String>> check) {
        try (StatefulRedisConnection<String, String> connection = client.connect(uri)) {
            return check.test(connection.sync());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean withSentinel(RedisClient client, RedisServerProcess sentinel,
                                        java.util.function.Predicate<RedisSentinelCommands<String, String>> check) {
        RedisURI uri = RedisURI.create(sentinel.host(), sentinel.port());
        uri.setTimeout(RedisClients.COMMAND_TIMEOUT);
        try (StatefulRedisSentinelConnection<String, String> connection = client.connectSentinel(uri)) {
            return check.test(connection.sync());
        } catch (RuntimeException e) {
            return false;
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

}
