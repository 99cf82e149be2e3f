package dev.kvstores.e2e.realserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kvstores.role.RedisRoleConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Worker State Store's rendered configuration ({@code RedisRoleConfig.workerState}) on a real
 * redis-server: acknowledged writes survive a crash (AOF, fsync every second), and a full store rejects
 * writes with OOM instead of evicting state.
 */
class WorkerStateRoleRealServerTest {

    private static final long MIB = 1024L * 1024L;
    private static final int MEMORY_LIMIT_MIB = 512; // rendered maxmemory: 256mb (50%: fork headroom)

    @TempDir
    Path dir;

    private RedisClients clients;
    private RedisClient client;
    private RedisServerProcess server;

    @BeforeEach
    void startWorkerState() {
        clients = new RedisClients();
        client = clients.client();
        server = RedisServerProcess.redisServer(dir)
                .name("worker-state")
                .roleConfig(RedisRoleConfig.workerState(MEMORY_LIMIT_MIB, true).toRedisConf())
                .start();
    }

    @AfterEach
    void stopWorkerState() {
        try {
            client.shutdown();
            clients.close();
        } finally {
            if (server != null) { // null when the server binary is missing and the test was skipped
                server.close();
            }
        }
    }

    @Test
    void worker_state_config_keeps_acknowledged_writes_across_a_crash() {
        int keys = 2000;
        try (StatefulRedisConnection<String, String> connection = client.connect(RedisClients.plain(server, 0))) {
            RedisCommands<String, String> redis = connection.sync();
            assertEquals("yes", RedisClients.configGet(redis, "appendonly"));
            assertEquals("everysec", RedisClients.configGet(redis, "appendfsync"));
            for (int i = 0; i < keys; i++) {
                assertEquals("OK", redis.set("step:" + i, "state-" + i));
            }
            assertTrue(redis.hset("workflow:42", "step", "7"));
        }
        // everysec: a write can wait in the AOF buffer while a background fsync runs; a SIGKILL keeps what reached
        // the file (the kernel has it), so wait until the buffer is empty and no fsync is pending, then crash.
        awaitAofWritten();
        server.kill(); // SIGKILL: no shutdown save, no final AOF rewrite
        assertTrue(Files.isDirectory(server.dataDir().resolve("appendonlydir")),
                "the AOF (appendonlydir) must be on disk after the crash");

        server.restart(); // same config file, same dir, same port
        try (StatefulRedisConnection<String, String> connection = client.connect(RedisClients.plain(server, 0))) {
            RedisCommands<String, String> redis = connection.sync();
            assertEquals(keys + 1L, redis.dbsize(), "every key written before the crash must be back");
            for (int i = 0; i < keys; i++) {
                assertEquals("state-" + i, redis.get("step:" + i), "step:" + i + " lost in the crash");
            }
            assertEquals("7", redis.hget("workflow:42", "step"));
        }
    }

    @Test
    void worker_state_config_rejects_writes_when_full_and_loses_no_key() {
        try (StatefulRedisConnection<String, String> connection = client.connect(RedisClients.plain(server, 0))) {
            RedisCommands<String, String> redis = connection.sync();
            // The rendered limit is in force first: 50% of 512 MiB.
            assertEquals(String.valueOf(256 * MIB), RedisClients.configGet(redis, "maxmemory"));
            assertEquals("noeviction", RedisClients.configGet(redis, "maxmemory-policy"));
            // Filling 256 MiB would take too long for a unit-test budget, so only the size is lowered (to what
            // the server already uses + 2 MiB); the policy and persistence stay as rendered.
            long used = Long.parseLong(RedisClients.info(redis, "memory").get("used_memory"));
            assertEquals("OK", redis.configSet("maxmemory", String.valueOf(used + 2 * MIB)));

            String value = "w".repeat(8000);
            Map<String, String> acknowledged = new HashMap<>();
            String oomError = null;
            for (int i = 0; i < 5000 && oomError == null; i++) { // bounded: 5000 x 8 KB = 40 MB at most
                String key = "state:" + i;
                String stored = value + i;
                try {
                    assertEquals("OK", redis.set(key, stored));
                    acknowledged.put(key, stored);
                } catch (RedisCommandExecutionException e) {
                    oomError = e.getMessage();
                }
            }
            if (oomError == null) {
                fail("a full worker state store must reject writes; " + acknowledged.size() + " writes accepted");
            }
            assertTrue(oomError.startsWith("OOM command not allowed"), "expected an OOM error, got: " + oomError);
            assertTrue(acknowledged.size() > 100, "the store filled up too early: " + acknowledged.size());

            assertEquals("0", RedisClients.info(redis, "stats").get("evicted_keys"), "noeviction must not evict");
            assertEquals(acknowledged.size(), redis.dbsize().intValue(), "keys were dropped");
            for (Map.Entry<String, String> entry : acknowledged.entrySet()) {
                assertEquals(entry.getValue(), redis.get(entry.getKey()), entry.getKey() + " lost");
            }
            // Still full: the next write is refused again, reads keep working.
            try {
                redis.set("one-more", "x");
                fail("a write past maxmemory must be refused");
            } catch (RedisCommandExecutionException e) {
                assertTrue(e.getMessage().startsWith("OOM command not allowed"), e.getMessage());
            }
        }
    }

    /** Polls INFO persistence (up to 30 s) until the AOF buffer is written and no background fsync is pending. */
    private void awaitAofWritten() {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        try (StatefulRedisConnection<String, String> connection = client.connect(RedisClients.plain(server, 0))) {
            while (true) {
                java.util.Map<String, String> info = RedisClients.info(connection.sync(), "persistence");
                if ("0".equals(info.get("aof_buffer_length")) && "0".equals(info.get("aof_pending_bio_fsync"))
                        && "0".equals(info.get("aof_rewrite_in_progress"))) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the AOF was not written within 30 s: " + info);
                }
                RedisServerProcess.sleep(20);
            }
        }
    }
}
