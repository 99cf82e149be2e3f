package dev.kvstores.e2e.realserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.RedisRoleConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Cache Store's rendered configuration ({@code RedisRoleConfig.cache}) on a real redis-server: services
 * are isolated by DB number, a full cache evicts least-recently-used keys and keeps accepting writes, and
 * nothing is persisted.
 */
class CacheRoleRealServerTest {

    private static final long MIB = 1024L * 1024L;
    /** The smallest memory limit the library accepts; maxmemory is rendered as 75% of it (192mb). */
    private static final int MEMORY_LIMIT_MIB = 256;

    @TempDir
    Path dir;

    private RedisClients clients;
    private RedisClient client;
    private RedisServerProcess server;

    @BeforeEach
    void startCache() {
        clients = new RedisClients();
        client = clients.client();
        server = RedisServerProcess.redisServer(dir)
                .name("cache")
                .roleConfig(RedisRoleConfig.cache(MEMORY_LIMIT_MIB, EvictionPolicy.ALLKEYS_LRU).toRedisConf())
                .start();
    }

    @AfterEach
    void stopCache() {
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
    void cache_config_isolates_services_by_db_numbers_0_to_15() {
        try (StatefulRedisConnection<String, String> connection = client.connect(RedisClients.plain(server, 0))) {
            RedisCommands<String, String> redis = connection.sync();
            for (int db = 0; db <= 15; db++) {
                assertEquals("OK", redis.select(db), "SELECT " + db);
                assertEquals("OK", redis.set("service-owner", "service-" + db));
                assertEquals("OK", redis.set("only-in-db-" + db, "x"));
            }
        }
        for (int db = 0; db <= 15; db++) {
            // A fresh connection per DB, selected through the URI as a service's URL would.
            try (StatefulRedisConnection<String, String> connection =
                         client.connect(RedisClients.plain(server, db))) {
                RedisCommands<String, String> redis = connection.sync();
                assertEquals("service-" + db, redis.get("service-owner"), "db " + db + " sees another DB's key");
                assertEquals(2L, redis.dbsize(), "db " + db + " must hold only its own two keys");
                int other = (db + 1) % 16;
                assertEquals(0L, redis.exists("only-in-db-" + other), "db " + db + " sees db " + other);
            }
        }
    }

    @Test
    void cache_config_evicts_least_recently_used_keys_and_keeps_accepting_writes() {
        try (StatefulRedisConnection<String, String> connection = client.connect(RedisClients.plain(server, 0))) {
            RedisCommands<String, String> redis = connection.sync();
            // The rendered limit is in force first: 75% of 256 MiB.
            assertEquals(String.valueOf(192 * MIB), RedisClients.configGet(redis, "maxmemory"));
            assertEquals("allkeys-lru", RedisClients.configGet(redis, "maxmemory-policy"));
            // Filling 192 MiB would take too long for a unit-test budget, so only the size is lowered (to what
            // the server already uses + 3 MiB); the eviction policy and everything else stay as rendered.
            long used = Long.parseLong(RedisClients.info(redis, "memory").get("used_memory"));
            long limit = used + 3 * MIB;
            assertEquals("OK", redis.configSet("maxmemory", String.valueOf(limit)));

            String value = "v".repeat(8000); // 8 KiB allocations
            int oldKeys = 300;   // ~2.4 MiB: fits
            int newKeys = 200;   // ~1.6 MiB more: about 1 MiB of old keys must go
            for (int i = 0; i < oldKeys; i++) {
                assertEquals("OK", redis.set("old:" + i, value), "write " + i + " refused");
            }
            assertEquals("OK", redis.set("hot", "kept because it is used"));
            // Redis's LRU clock ticks in seconds: wait until the old keys are idle for at least one tick (as the
            // server reports it, however slow the machine), then touch "hot".
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (redis.objectIdletime("old:" + (oldKeys - 1)) < 1) {
                assertTrue(System.nanoTime() < deadline, "the LRU clock did not tick within 30 s");
                RedisServerProcess.sleep(50);
            }
            assertEquals("kept because it is used", redis.get("hot"));
            for (int i = 0; i < newKeys; i++) {
                assertEquals("OK", redis.set("new:" + i, value), "write " + i + " past maxmemory refused");
            }

            long evicted = Long.parseLong(RedisClients.info(redis, "stats").get("evicted_keys"));
            long usedAfter = Long.parseLong(RedisClients.info(redis, "memory").get("used_memory"));
            int missingOld = missing(redis, "old:", oldKeys);
            int missingNew = missing(redis, "new:", newKeys);
            System.out.printf("cache eviction: evicted=%d missingOld=%d missingNew=%d used=%d limit=%d%n",
                    evicted, missingOld, missingNew, usedAfter, limit);

            assertTrue(evicted > 0, "filling past maxmemory must evict keys");
            assertTrue(usedAfter <= limit, "used_memory " + usedAfter + " stays within maxmemory " + limit);
            assertEquals("kept because it is used", redis.get("hot"), "the recently used key must survive");
            assertNotNull(redis.get("new:" + (newKeys - 1)), "the newest write must survive");
            assertTrue(missingOld > 0, "the least recently used keys are the ones evicted");
            assertTrue(missingNew * 10 <= missingOld,
                    "LRU evicts the old keys first: " + missingOld + " old vs " + missingNew + " new evicted");
        }
    }

    @Test
    void cache_config_writes_nothing_to_disk_even_on_shutdown() throws Exception {
        try (StatefulRedisConnection<String, String> connection = client.connect(RedisClients.plain(server, 0))) {
            RedisCommands<String, String> redis = connection.sync();
            for (int db = 0; db < 4; db++) {
                redis.select(db);
                for (int i = 0; i < 500; i++) {
                    redis.set("k" + i, "value-" + i);
                }
            }
            RedisServerProcess.sleep(1100); // longer than an everysec fsync interval
            assertEquals(List.of(), filesIn(server.dataDir()), "the cache wrote files while running");

            // A plain SHUTDOWN (no SAVE/NOSAVE): Redis saves an RDB here only if save points are configured.
            connection.async().dispatch(CommandType.SHUTDOWN, new StatusOutput<>(StringCodec.UTF8));
            assertTrue(server.awaitExit(Duration.ofSeconds(10)), "SHUTDOWN must stop the server");
        }
        assertEquals(List.of(), filesIn(server.dataDir()),
                "no dump.rdb, appendonly file or appendonlydir after SHUTDOWN");
    }

    private static int missing(RedisCommands<String, String> redis, String prefix, int count) {
        int missing = 0;
        for (int i = 0; i < count; i++) {
            if (redis.exists(prefix + i) == 0) {
                missing++;
            }
        }
        return missing;
    }

    static List<String> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
