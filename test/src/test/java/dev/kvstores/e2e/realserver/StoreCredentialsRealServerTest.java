package dev.kvstores.e2e.realserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kvstores.kubernetes.BitnamiReleaseSettings;
import dev.kvstores.kubernetes.StoreAlertRules;
import dev.kvstores.kubernetes.StoreMonitoringProps;
import dev.kvstores.role.RedisRoleConfig;
import dev.kvstores.role.StoreRole;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-cluster stores' ACL users on a real {@code redis-server} with the rules the releases render
 * ({@link BitnamiReleaseSettings#APP_USER_COMMANDS}, {@link BitnamiReleaseSettings#MONITORING_USER_COMMANDS}), and the real
 * {@code prometheus-redis-exporter} scraping as the monitoring user: every metric the alert rules use comes through,
 * the exporter's commands are all granted but {@code CONFIG GET} (which would print the admin password), both users
 * get NOPERM on what they must not run, and a platform workload passes as the platform user.
 */
class StoreCredentialsRealServerTest {

    private static final String ADMIN = "admin-Pw-0123456789";
    private static final String APP = "app-Pw-0123456789";
    private static final String MONITOR = "monitor-Pw-0123456789";
    private static final String APP_USER = "suprsend-worker";

    @TempDir
    Path dir;

    private static List<String> aclLines() {
        return List.of(
                "user " + APP_USER + " on >" + APP + " ~* &* " + BitnamiReleaseSettings.APP_USER_COMMANDS,
                "user " + BitnamiReleaseSettings.MONITORING_USERNAME + " on >" + MONITOR + " resetkeys resetchannels "
                        + BitnamiReleaseSettings.MONITORING_USER_COMMANDS);
    }

    private static RedisServerProcess start(Path dir, String name, Consumer<RedisServerProcess.Builder> more) {
        RedisServerProcess.Builder builder = RedisServerProcess.redisServer(dir).name(name)
                .roleConfig(RedisRoleConfig.workerState(256, true).toRedisConf())
                .line("requirepass " + ADMIN).line("masterauth " + ADMIN)
                // so that ACL, not these switches, is what refuses DEBUG and MODULE below
                .line("enable-debug-command yes").line("enable-module-command yes");
        aclLines().forEach(builder::line);
        more.accept(builder);
        return builder.start();
    }

    private static RedisURI uri(RedisServerProcess server, String user, String password, int db) {
        RedisURI uri = RedisClients.plain(server, db);
        uri.setUsername(user);
        uri.setPassword(password.toCharArray());
        return uri;
    }

    @Test
    void the_monitoring_user_feeds_every_alert_metric_and_runs_nothing_else() throws Exception {
        Path exporterBinary = RedisServerProcess.requireBinary("prometheus-redis-exporter", "prometheus-redis-exporter");
        try (RedisServerProcess primary = start(dir.resolve("primary"), "acl-primary", b -> { });
             RedisServerProcess replica = start(dir.resolve("replica"), "acl-replica",
                     b -> b.line("replicaof " + RedisServerProcess.HOST + " " + primary.port()));
             ExporterProcess onPrimary = ExporterProcess.start(exporterBinary, dir.resolve("exp-primary"),
                     "redis://" + primary.host() + ":" + primary.port(), BitnamiReleaseSettings.MONITORING_USERNAME, MONITOR,
                     null);
             ExporterProcess onReplica = ExporterProcess.start(exporterBinary, dir.resolve("exp-replica"),
                     "redis://" + replica.host() + ":" + replica.port(), BitnamiReleaseSettings.MONITORING_USERNAME, MONITOR,
                     null)) {
            RedisClient client = RedisClient.create();
            try (StatefulRedisConnection<String, String> admin = client.connect(uri(primary, "default", ADMIN, 0));
                 StatefulRedisConnection<String, String> monitor = client.connect(
                         uri(primary, BitnamiReleaseSettings.MONITORING_USERNAME, MONITOR, 0))) {
                awaitReplicaLinked(client, replica);
                admin.sync().aclLogReset();
                // Names the monitoring user must not run (each also leaves an error stat: redis_errors_total).
                assertNoPerm(() -> monitor.sync().configGet("masterauth"), "CONFIG GET (prints masterauth)");
                assertNoPerm(() -> monitor.sync().get("k"), "GET (no keys)");
                assertNoPerm(() -> monitor.sync().configSet("maxmemory", "1"), "CONFIG SET");
                assertNoPerm(() -> raw(monitor.sync(), "DEBUG", "SLEEP", "0"), "DEBUG");
                assertNoPerm(() -> raw(monitor.sync(), "SHUTDOWN", "NOSAVE"), "SHUTDOWN");
                assertNoPerm(() -> raw(monitor.sync(), "REPLICAOF", "127.0.0.1", "1"), "REPLICAOF");
                assertNoPerm(() -> raw(monitor.sync(), "MIGRATE", "127.0.0.1", "1", "", "0", "1000", "KEYS", "k"),
                        "MIGRATE");
                assertNoPerm(() -> raw(monitor.sync(), "MODULE", "LIST"), "MODULE");
                assertNoPerm(() -> monitor.sync().aclList(), "ACL");
                assertNoPerm(() -> monitor.sync().flushall(), "FLUSHALL");
                admin.sync().aclLogReset();

                Set<String> wanted = alertMetrics();
                String primaryMetrics = onPrimary.scrape();
                String replicaMetrics = onReplica.scrape();
                assertTrue(primaryMetrics.lines().anyMatch("redis_up 1"::equals), "the monitoring user logs in");
                Set<String> missing = new TreeSet<>();
                for (String metric : wanted) {
                    if (!primaryMetrics.contains("\n" + metric + "{") && !primaryMetrics.contains("\n" + metric + " ")
                            && !replicaMetrics.contains("\n" + metric + "{")
                            && !replicaMetrics.contains("\n" + metric + " ")) {
                        missing.add(metric);
                    }
                }
                assertEquals(Set.of(), missing, "alert metrics the monitoring user's scrape lacks (of " + wanted + ")");

                // What the exporter tried and was refused: only CONFIG GET (redis_config_* are not used).
                Set<String> denied = new TreeSet<>();
                for (Map<String, Object> entry : admin.sync().aclLog()) {
                    assertEquals(BitnamiReleaseSettings.MONITORING_USERNAME, String.valueOf(entry.get("username")));
                    denied.add(String.valueOf(entry.get("object")));
                }
                assertEquals(Set.of("config|get"), denied, "commands the exporter needs but may not run");
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
    }

    @Test
    void the_platform_user_runs_a_queue_and_cache_workload_but_no_admin_or_dangerous_command() throws Exception {
        try (RedisServerProcess server = start(dir.resolve("app"), "acl-app", b -> { })) {
            RedisClient client = RedisClient.create();
            try (StatefulRedisConnection<String, String> db0 = client.connect(uri(server, APP_USER, APP, 0));
                 StatefulRedisConnection<String, String> db3 = client.connect(uri(server, APP_USER, APP, 3));
                 StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub(uri(server, APP_USER, APP, 0))) {
                RedisCommands<String, String> r = db0.sync();
                assertEquals("OK", r.set("idem:1", "v"));
                assertEquals("OK", r.setex("idem:2", 60, "v"));
                r.hset("job:1", Map.of("state", "active", "attempts", "1"));
                assertEquals(2L, r.hincrby("job:1", "attempts", 1));
                r.lpush("queue:wait", "a", "b");
                assertEquals("a", r.rpoplpush("queue:wait", "queue:active"));
                r.zadd("queue:delayed", 10.0, "c");
                assertEquals(List.of("c"), r.zrangebyscore("queue:delayed", Range.create(0, 20)));
                String id = r.xadd("events", Map.of("step", "sent"));
                List<StreamMessage<String, String>> events = r.xrange("events", Range.create("-", "+"));
                assertEquals(id, events.get(0).getId());
                String sha = r.scriptLoad("return redis.call('INCR', KEYS[1])");
                assertEquals(1L, (Long) r.evalsha(sha, ScriptOutputType.INTEGER, "counter"));
                assertEquals(2L, (Long) r.eval("return redis.call('INCR', KEYS[1])", ScriptOutputType.INTEGER,
                        "counter"));
                r.multi();
                r.incr("tx");
                r.incr("tx");
                assertEquals(2, r.exec().size());
                assertTrue(r.info("server").contains("redis_version"), "INFO (client libraries' version check)");
                assertTrue(r.scan().getKeys().size() > 0);
                // DB-number isolation on the cache: another DB does not see db 0's keys; SELECT works.
                assertEquals(0L, db3.sync().exists("idem:1"));
                db3.sync().set("idem:1", "db3");
                assertEquals("v", r.get("idem:1"));
                assertEquals("OK", r.select(3));
                assertEquals("db3", r.get("idem:1"));
                // pub/sub
                BlockingQueue<String> received = new LinkedBlockingQueue<>();
                sub.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        received.add(message);
                    }
                });
                sub.sync().subscribe("notify");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (r.publish("notify", "hello") == 0 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertEquals("hello", received.poll(10, TimeUnit.SECONDS));

                // What the platform's credential must not run (a leaked URL cannot copy, wipe or reconfigure).
                assertNoPerm(() -> r.migrate(server.host(), server.port(), 0, 1000,
                        io.lettuce.core.MigrateArgs.Builder.key("idem:1")), "MIGRATE");
                assertNoPerm(() -> r.flushall(), "FLUSHALL");
                assertNoPerm(() -> r.flushdb(), "FLUSHDB");
                assertNoPerm(() -> r.configSet("maxmemory", "1"), "CONFIG SET");
                assertNoPerm(() -> r.configGet("masterauth"), "CONFIG GET");
                assertNoPerm(() -> r.aclList(), "ACL");
                assertNoPerm(() -> r.keys("*"), "KEYS");
                assertNoPerm(() -> r.replicaof("127.0.0.1", 1), "REPLICAOF");
                assertNoPerm(() -> raw(r, "SHUTDOWN", "NOSAVE"), "SHUTDOWN");
                assertNoPerm(() -> raw(r, "MODULE", "LIST"), "MODULE");
                assertNoPerm(() -> raw(r, "DEBUG", "SLEEP", "0"), "DEBUG");
                assertNoPerm(() -> r.restore("copy", 0, new byte[0]), "RESTORE");
                assertNoPerm(() -> r.clientList(), "CLIENT LIST");
                assertTrue(server.isAlive(), "SHUTDOWN was refused");
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
    }

    /** Every {@code redis_*} series name in the in-cluster alert baselines of both roles. */
    private static Set<String> alertMetrics() {
        Set<String> names = new TreeSet<>();
        for (StoreRole role : StoreRole.values()) {
            StoreMonitoringProps props = StoreMonitoringProps.builder().role(role).namespace("ns").storeName("s")
                    .expectedReplicas(1).cpuMillicores(1000).maxmemoryEnabled(true).aofEnabled(true).rdbEnabled(true)
                    .build();
            for (StoreAlertRules.Rule rule : StoreAlertRules.baseline(props)) {
                Matcher m = Pattern.compile("\\b(redis_[a-z_]+)\\{").matcher(rule.expression());
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        assertFalse(names.isEmpty());
        return names;
    }

    private static void awaitReplicaLinked(RedisClient client, RedisServerProcess replica) throws InterruptedException {
        try (StatefulRedisConnection<String, String> admin = client.connect(uri(replica, "default", ADMIN, 0))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                if (admin.sync().info("replication").contains("master_link_status:up")) {
                    return;
                }
                Thread.sleep(50);
            }
            fail("the replica never linked to the primary");
        }
    }

    /** Sends a command by name (for those lettuce has no method for). */
    private static Object raw(RedisCommands<String, String> redis, String command, String... args) {
        io.lettuce.core.protocol.ProtocolKeyword keyword = new io.lettuce.core.protocol.ProtocolKeyword() {
            @Override
            public byte[] getBytes() {
                return command.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            }

            @Override
            public String toString() {
                return command;
            }
        };
        io.lettuce.core.protocol.CommandArgs<String, String> commandArgs =
                new io.lettuce.core.protocol.CommandArgs<>(io.lettuce.core.codec.StringCodec.UTF8);
        for (String arg : args) {
            commandArgs.add(arg);
        }
        return redis.dispatch(keyword, new io.lettuce.core.output.StatusOutput<>(io.lettuce.core.codec.StringCodec.UTF8),
                commandArgs);
    }

    private static void assertNoPerm(Runnable command, String what) {
        try {
            command.run();
            fail(what + " must be refused with NOPERM");
        } catch (RedisCommandExecutionException e) {
            assertTrue(e.getMessage().startsWith("NOPERM"), what + ": " + e.getMessage());
        }
    }
}
