package dev.kvstores.e2e.realserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvstores.e2e.ShippedSynthesis;
import dev.kvstores.stacks.environment.Environment;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings the managed backends write (ElastiCache and MemoryDB parameter groups, Memorystore
 * {@code redis_configs}, Azure {@code redis_configuration} and Managed Redis database policies), wherever they
 * exist in open-source Redis, are accepted by a real {@code redis-server} with {@code CONFIG SET} and are in
 * force afterwards, and they are the role's settings. They are read from the synthesized stacks of every
 * shipped environment, so a wrong or misspelled value in any backend fails here.
 */
class ManagedServiceSettingsRealServerTest {

    /** Service-only settings with no open-source Redis equivalent: checked by the policy rules instead. */
    private static final Set<String> SERVICE_ONLY = Set.of("reserved-memory-percent", "cluster-enabled", "maxmemory-gb");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RedisClients clients;
    private static final List<Setting> SETTINGS = new ArrayList<>();

    /** One setting of one store: where it came from, its role, the Redis directive and value. */
    private record Setting(String source, String role, String directive, String value) {
    }

    @BeforeAll
    static void readEveryEnvironment() {
        clients = new RedisClients();
        for (Environment environment : ShippedSynthesis.environments()) {
            collect(environment.name(), ShippedSynthesis.stack(environment.name()).path("resource"));
        }
    }

    @AfterAll
    static void closeClients() {
        clients.close();
    }

    private static void collect(String stack, JsonNode resources) {
        for (String type : List.of("aws_elasticache_parameter_group", "aws_memorydb_parameter_group")) {
            each(resources.path(type), (name, group) -> group.path("parameter").forEach(p ->
                    SETTINGS.add(new Setting(stack + " " + type + "." + name, role(name),
                            p.path("name").asText(), p.path("value").asText()))));
        }
        each(resources.path("google_redis_instance"), (name, instance) -> {
            Iterator<Map.Entry<String, JsonNode>> configs = instance.path("redis_configs").fields();
            while (configs.hasNext()) {
                Map.Entry<String, JsonNode> c = configs.next();
                SETTINGS.add(new Setting(stack + " google_redis_instance." + name, role(name), c.getKey(),
                        c.getValue().asText()));
            }
        });
        each(resources.path("azurerm_redis_cache"), (name, cache) -> SETTINGS.add(new Setting(
                stack + " azurerm_redis_cache." + name, role(name), "maxmemory-policy",
                cache.path("redis_configuration").path("maxmemory_policy").asText())));
        each(resources.path("azurerm_managed_redis"), (name, redis) -> {
            JsonNode database = redis.path("default_database");
            String source = stack + " azurerm_managed_redis." + name;
            SETTINGS.add(new Setting(source, role(name), "maxmemory-policy",
                    azureEvictionPolicy(database.path("eviction_policy").asText())));
            if ("1s".equals(database.path("persistence_append_only_file_backup_frequency").asText())) {
                SETTINGS.add(new Setting(source, role(name), "appendonly", "yes"));
                SETTINGS.add(new Setting(source, role(name), "appendfsync", "everysec"));
            }
        });
    }

    /** Azure Managed Redis spells eviction policies in PascalCase ({@code NoEviction}, {@code AllKeysLRU}). */
    private static String azureEvictionPolicy(String azure) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("NoEviction", "noeviction");
        names.put("AllKeysLRU", "allkeys-lru");
        names.put("VolatileLRU", "volatile-lru");
        String redis = names.get(azure);
        assertTrue(redis != null, "unknown Azure eviction policy '" + azure + "'");
        return redis;
    }

    private static String role(String logicalName) {
        return logicalName.startsWith("Cache") ? "cache" : "worker-state";
    }

    private interface Visitor {
        void visit(String name, JsonNode body);
    }

    private static void each(JsonNode byName, Visitor visitor) {
        Iterator<Map.Entry<String, JsonNode>> it = byName.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            visitor.visit(e.getKey(), e.getValue());
        }
    }

    @Test
    void every_cloud_backend_contributes_settings() {
        // No azurerm_redis_cache: the shipped Azure caches run in the AKS cluster (Bitnami, checked by the in-cluster
        // tests), and kvstores no longer creates classic caches, it only adopts existing ones.
        for (String source : List.of("aws_elasticache_parameter_group", "aws_memorydb_parameter_group",
                "google_redis_instance", "azurerm_managed_redis")) {
            assertTrue(SETTINGS.stream().anyMatch(s -> s.source().contains(source)), "no settings from " + source);
        }
    }

    @Test
    void open_source_settings_are_accepted_by_redis_server_and_match_the_role(@TempDir Path dir) {
        List<Setting> checked = new ArrayList<>();
        try (RedisServerProcess server = RedisServerProcess.redisServer(dir).start()) {
            RedisClient client = clients.client();
            try (StatefulRedisConnection<String, String> connection = client.connect(RedisClients.plain(server, 0))) {
                RedisCommands<String, String> redis = connection.sync();
                for (Setting setting : SETTINGS) {
                    if (SERVICE_ONLY.contains(setting.directive())) {
                        continue;
                    }
                    assertEquals("OK", redis.configSet(setting.directive(), setting.value()),
                            setting.source() + ": CONFIG SET " + setting.directive() + " " + setting.value());
                    assertEquals(setting.value(), RedisClients.configGet(redis, setting.directive()),
                            setting.source() + ": " + setting.directive() + " in force");
                    checked.add(setting);
                }
            } finally {
                client.shutdown();
            }
        }
        assertFalse(checked.isEmpty());
        for (Setting s : checked) {
            if ("maxmemory-policy".equals(s.directive())) {
                if ("cache".equals(s.role())) {
                    assertTrue(Set.of("allkeys-lru", "volatile-lru").contains(s.value()), s.toString());
                } else {
                    assertEquals("noeviction", s.value(), s.toString());
                }
            }
            if ("appendonly".equals(s.directive())) {
                assertEquals("worker-state", s.role(), "only the worker state store persists: " + s);
            }
        }
    }

    /**
     * {@code maxmemory-gb} is the role's share of the instance: 75% for the cache (Google's guidance for headroom),
     * 50% for the worker state store, whose RDB snapshots fork (Google's export and snapshot guidance). The role
     * comes from the instance's logical name and must agree with its eviction policy (the worker never evicts).
     */
    @Test
    void memorystore_maxmemory_gb_is_three_quarters_for_the_cache_and_half_for_the_worker() throws IOException {
        Path out = ShippedSynthesis.result().outdir().resolve("stacks");
        Map<String, Integer> instances = new LinkedHashMap<>();
        try (var files = Files.walk(out)) {
            for (Path file : files.filter(p -> p.getFileName().toString().equals("cdk.tf.json")).toList()) {
                JsonNode redis = JSON.readTree(file.toFile()).path("resource").path("google_redis_instance");
                Iterator<Map.Entry<String, JsonNode>> it = redis.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    JsonNode instance = entry.getValue();
                    String role = role(entry.getKey());
                    JsonNode configs = instance.path("redis_configs");
                    String where = file + " google_redis_instance." + entry.getKey() + " (" + role + ")";
                    assertEquals("cache".equals(role), !"noeviction".equals(configs.path("maxmemory-policy").asText()),
                            where + ": the logical name's role and the eviction policy disagree");
                    double size = instance.path("memory_size_gb").asDouble();
                    double max = Double.parseDouble(configs.path("maxmemory-gb").asText());
                    double share = "cache".equals(role) ? 0.75 : 0.50;
                    assertEquals(size * share, max, 0.001, where + ": maxmemory-gb for " + size + " GB");
                    instances.merge(role, 1, Integer::sum);
                }
            }
        }
        assertTrue(instances.getOrDefault("cache", 0) >= 1 && instances.getOrDefault("worker-state", 0) >= 1
                && instances.values().stream().mapToInt(Integer::intValue).sum() >= 4,
                "Memorystore instances checked by role: " + instances);
    }
}
