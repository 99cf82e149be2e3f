package dev.kvstores.e2e.realserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.RedisRoleConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The library's rendered role configuration is a {@code redis.conf} that a real Redis 7.0 loads as-is, and
 * the running server reports exactly what the role requires. Expected values are computed here from the
 * role rules (75% of the memory limit, policy, persistence), not read back from the library.
 */
class RoleConfigAcceptedTest {

    private static final long MIB = 1024L * 1024L;

    private static RedisClients clients;

    @BeforeAll
    static void clients() {
        clients = new RedisClients();
    }

    @AfterAll
    static void closeClients() {
        clients.close();
    }

    static Stream<Arguments> roles() {
        return Stream.of(
                Arguments.of("cache 256 MiB allkeys-lru", RedisRoleConfig.cache(256, EvictionPolicy.ALLKEYS_LRU),
                        256, "allkeys-lru", "no", null, ""),
                Arguments.of("cache 2048 MiB volatile-lru", RedisRoleConfig.cache(2048, EvictionPolicy.VOLATILE_LRU),
                        2048, "volatile-lru", "no", null, ""),
                Arguments.of("worker 8192 MiB with RDB", RedisRoleConfig.workerState(8192, true),
                        8192, "noeviction", "yes", "everysec", "3600 1"),
                Arguments.of("worker 1000 MiB without RDB", RedisRoleConfig.workerState(1000, false),
                        1000, "noeviction", "yes", "everysec", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void rendered_role_config_loads_in_redis_server_and_is_in_force(String label, RedisRoleConfig config,
                                                                     int memoryLimitMebibytes,
                                                                     String policy, String appendonly,
                                                                     String appendfsync, String save,
                                                                     @TempDir Path dir) {
        String rendered = config.toRedisConf();
        for (String testLine : new String[] {"port", "bind", "dir", "logfile", "daemonize"}) {
            assertFalse(rendered.lines().anyMatch(l -> l.startsWith(testLine + " ")),
                    "the rendered config must not set the test-only directive " + testLine);
        }
        int percent = dev.kvstores.role.StoreSize.maxmemoryPercent(config.role());
        long expectedMaxmemory = memoryLimitMebibytes * (long) percent / 100L * MIB;

        try (RedisServerProcess server = RedisServerProcess.redisServer(dir).roleConfig(rendered).start()) {
            RedisClient client = clients.client();
            try (StatefulRedisConnection<String, String> connection = client.connect(RedisClients.plain(server, 0))) {
                RedisCommands<String, String> redis = connection.sync();
                assertEquals(String.valueOf(expectedMaxmemory), RedisClients.configGet(redis, "maxmemory"),
                        label + ": maxmemory must be " + percent + "% of the " + memoryLimitMebibytes + " MiB limit");
                assertEquals("yes", RedisClients.configGet(redis, "repl-diskless-sync"), label);
                if ("yes".equals(appendonly)) {
                    assertEquals("yes", RedisClients.configGet(redis, "aof-use-rdb-preamble"), label);
                    assertEquals("100", RedisClients.configGet(redis, "auto-aof-rewrite-percentage"), label);
                }
                assertEquals(policy, RedisClients.configGet(redis, "maxmemory-policy"), label);
                assertEquals(appendonly, RedisClients.configGet(redis, "appendonly"), label);
                if (appendfsync != null) { // the cache has no AOF, so its fsync policy does not matter
                    assertEquals(appendfsync, RedisClients.configGet(redis, "appendfsync"), label);
                }
                assertEquals(save, RedisClients.configGet(redis, "save"), label);
                assertEquals("0", RedisClients.configGet(redis, "timeout"), label);
                assertEquals("yes".equals(appendonly) ? "1" : "0",
                        RedisClients.info(redis, "persistence").get("aof_enabled"), label + ": aof_enabled");
            } finally {
                client.shutdown();
            }
        }
    }
}
