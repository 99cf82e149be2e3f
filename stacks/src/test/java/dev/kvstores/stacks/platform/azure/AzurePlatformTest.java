package dev.kvstores.stacks.platform.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.Testing;
import dev.kvstores.azure.AzureTags;
import dev.kvstores.azure.AzureRedisService;
import dev.kvstores.azure.ClassicCacheSize;
import dev.kvstores.azure.ManagedRedisClusteringPolicy;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.stacks.EnvironmentStack;
import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.environment.EnvironmentException;
import dev.kvstores.stacks.environment.EnvironmentLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AzurePlatformTest {

    private static final String SUBNET = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/n/providers/Microsoft.Network"
            + "/virtualNetworks/aks/subnets/pe";
    private static final String MINIMAL = """
            platform: azure
            profile: production
            kubernetes: {configContext: prod-aks}
            azure: {resourceGroupName: rg, location: westeurope}
            connectionSecret: {namespace: suprsend}
            network:
              privateEndpointSubnetId: %s
              virtualNetworkId: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/aks
            cache: {}
            workerState: {}
            """.formatted(SUBNET);

    @TempDir
    Path dir;

    private Environment load(String yaml) throws IOException {
        return EnvironmentLoader.loadFile(Files.writeString(dir.resolve("az-env.yaml"), yaml), dir);
    }

    private List<String> problems(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("bad-env.yaml"), yaml);
        return assertThrows(EnvironmentException.class, () -> EnvironmentLoader.loadFile(file, dir)).problems();
    }

    @Nested
    class Defaults {
        @Test
        void a_minimal_file_puts_the_cache_on_classic_premium_and_the_worker_on_managed_redis() throws IOException {
            AzureSettings s = load(MINIMAL).settings(AzureSettings.class);
            assertEquals(AzureRedisService.CACHE_FOR_REDIS, s.cache().service());
            assertEquals("az-env-cache", s.cache().name());
            assertEquals(ClassicCacheSize.P1, s.cache().size());
            assertNull(s.cache().zones());
            assertNull(s.cache().replicasPerPrimary(), "left to the construct: zones - 1");
            assertEquals(EvictionPolicy.ALLKEYS_LRU, s.cache().evictionPolicy());
            assertEquals("az-env-state", s.workerState().name());
            assertEquals("Balanced_B10", s.workerState().skuName());
            assertEquals(ManagedRedisClusteringPolicy.ENTERPRISE_CLUSTER, s.workerState().clusteringPolicy());
            assertTrue(s.workerState().highAvailability());
            assertTrue(s.workerState().preventDestroy());
            assertEquals("prod-aks", s.kubernetes().configContext());
            assertNull(s.subscriptionId());
        }

        @Test
        void builds_both_stores_without_problems() throws IOException {
            EnvironmentStack stack = new EnvironmentStack(Testing.app(), load(MINIMAL));
            assertEquals(List.of(), stack.problems());
            assertFalse(stack.policyExemptions().isEmpty());
        }

        @Test
        void tags_every_azure_resource_with_the_environment_and_role_under_azure_safe_names() throws Exception {
            JsonNode json = new ObjectMapper().readTree(Testing.synth(new EnvironmentStack(Testing.app(), load(MINIMAL))));
            int tagged = 0;
            for (Iterator<Map.Entry<String, JsonNode>> types = json.path("resource").fields(); types.hasNext(); ) {
                Map.Entry<String, JsonNode> type = types.next();
                if (!type.getKey().startsWith("azurerm_")) {
                    continue;
                }
                for (JsonNode resource : type.getValue()) {
                    JsonNode tags = resource.path("tags");
                    assertEquals("az-env", tags.path(AzureTags.ENVIRONMENT).asText(), type.getKey());
                    assertTrue(tags.path(AzureTags.ROLE).isTextual(), type.getKey());
                    tags.fields().forEachRemaining(t -> assertEquals(List.of(),
                            AzureTags.problems(t.getKey(), t.getValue().asText()), type.getKey()));
                    tagged++;
                }
            }
            assertEquals(8 + json.path("resource").path("azurerm_monitor_metric_alert").size()
                    + json.path("resource").path("azurerm_monitor_activity_log_alert").size() + 1, tagged,
                    "two stores, each with its instance, private endpoint, DNS zone and zone link; alerts; dashboard");
            assertEquals(13, json.path("resource").path("azurerm_monitor_metric_alert").size());
            assertEquals(4, json.path("resource").path("azurerm_monitor_activity_log_alert").size(),
                    "Resource Health: down and degraded per store");
        }

        @Test
        void resource_health_and_metric_alerts_take_the_environment_thresholds_and_the_report_lists_them_all()
                throws Exception {
            String group = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ops/providers"
                    + "/microsoft.insights/actionGroups/oncall";
            EnvironmentStack stack = new EnvironmentStack(Testing.app(), load(MINIMAL + """
                    monitoring:
                      actionGroupId: %s
                      thresholds: {replicationFor: 20m, workerMemoryPagePercent: 70}
                    """.formatted(group)));
            JsonNode json = new ObjectMapper().readTree(Testing.synth(stack));
            Map<String, JsonNode> byName = new java.util.HashMap<>();
            json.path("resource").path("azurerm_monitor_metric_alert").forEach(a -> byName.put(a.path("name")
                    .asText(), a));
            json.path("resource").path("azurerm_monitor_activity_log_alert").forEach(a -> byName.put(a.path("name")
                    .asText(), a));
            AzureSettings settings = load(MINIMAL).settings(AzureSettings.class);
            String worker = settings.workerState().name();
            String cache = settings.cache().name();
            assertEquals("PT30M", byName.get(worker + "-replication").path("window_size").asText());
            assertEquals(70, byName.get(worker + "-memory").path("criteria").get(0).path("threshold").asInt());
            for (String name : List.of(worker + "-down", worker + "-degraded", cache + "-down", cache + "-degraded")) {
                assertEquals(group, byName.get(name).path("action").get(0).path("action_group_id").asText(), name);
            }
            String report = stack.report();
            assertTrue(report.contains("- alerts: 2 Resource Health alerts and 6 Azure Monitor metric alerts"
                    + " notifying action group `" + group + "`"), report);
            assertTrue(report.contains("- alerts: 2 Resource Health alerts and 7 Azure Monitor metric alerts"),
                    report);
            for (String name : byName.keySet()) {
                assertTrue(report.contains("  - " + name + " ["), name + " in " + report);
            }
        }

        @Test
        void spreads_the_premium_cache_over_three_zones_with_one_node_in_each() throws Exception {
            JsonNode json = new ObjectMapper().readTree(Testing.synth(new EnvironmentStack(Testing.app(), load(MINIMAL))));
            JsonNode cache = json.path("resource").path("azurerm_redis_cache").elements().next();
            assertEquals("[\"1\",\"2\",\"3\"]", cache.path("zones").toString());
            assertEquals(2, cache.path("replicas_per_primary").asInt());
        }
    }

    @Nested
    class Validation {
        @Test
        void fails_when_the_cache_is_put_on_managed_redis() throws IOException {
            EnvironmentStack stack = new EnvironmentStack(Testing.app(),
                    load(MINIMAL.replace("cache: {}", "cache: {service: managed-redis}")));
            assertEquals(List.of("az-env.yaml: cache.service: service managed-redis cannot"
                    + " hold the cache: Azure Managed Redis runs Redis Enterprise, where SELECT does not switch"
                    + " databases under any clustering policy (OSSCluster, EnterpriseCluster, NoCluster), and the"
                    + " platform isolates services by DB number; use service classic (Azure Cache for Redis, Standard"
                    + " or Premium) for the cache and keep Managed Redis for the worker state store"
                    + " [CacheDatabaseNumbers]"), stack.problems());
        }

        @Test
        void fails_naming_the_fields_when_premium_zones_outnumber_the_nodes() throws IOException {
            EnvironmentStack stack = new EnvironmentStack(Testing.app(),
                    load(MINIMAL.replace("cache: {}", "cache: {zones: [\"1\", \"2\", \"3\"], replicasPerPrimary: 1}")));
            assertEquals(List.of("az-env.yaml: cache.replicasPerPrimary: replicasPerPrimary 1 with"
                    + " zones [1, 2, 3] gives 2 nodes for 3 zones, so a zone gets no node; a zone-redundant Premium"
                    + " cache needs replicasPerPrimary = zones - 1; set replicasPerPrimary to 2 or list only 2 zones"
                    + " (e.g. [1, 2]) [ZoneLayout]"), stack.problems());
        }

        @Test
        void fails_when_production_turns_high_availability_off() throws IOException {
            EnvironmentStack stack = new EnvironmentStack(Testing.app(),
                    load(MINIMAL.replace("workerState: {}", "workerState: {highAvailability: false}")
                            .replace("cache: {}", "cache: {size: C1}")));
            assertEquals(List.of(
                    "az-env.yaml: cache.zones: nodes must be spread across zones (hard"
                            + " anti-affinity / Multi-AZ), got zone spread off [ZoneSpread]",
                    "az-env.yaml: workerState.highAvailability: topology STANDALONE has no"
                            + " failover; use a replicated topology with at least 2 nodes, or record a"
                            + " high-availability exemption with its reason (development only) [HighAvailability]"),
                    stack.problems());
        }

        static Stream<Arguments> badFiles() {
            return Stream.of(
                    Arguments.of("a classic worker", MINIMAL.replace("workerState: {}", "workerState: {service: classic}"),
                            List.of("bad-env.yaml: workerState.service: is 'classic'; allowed: managed-redis (a classic"
                                    + " Premium worker with AOF to a storage account is not built by kvstores yet)")),
                    Arguments.of("one name for both", MINIMAL.replace("cache: {}", "cache: {name: shared}")
                                    .replace("workerState: {}", "workerState: {name: shared}"),
                            List.of("bad-env.yaml: workerState.name: 'shared' is also the cache's name; the two roles"
                                    + " need separate instances")),
                    Arguments.of("an unknown size and policy", MINIMAL.replace("cache: {}", "cache: {size: P9}")
                                    .replace("workerState: {}", "workerState: {clusteringPolicy: Sharded}"),
                            List.of("bad-env.yaml: cache.size: is 'P9'; allowed: C1, C2, C3, C4, C5, C6, P1, P2, P3, P4, P5",
                                    "bad-env.yaml: workerState.clusteringPolicy: is 'Sharded'; allowed:"
                                            + " EnterpriseCluster, OSSCluster, NoCluster")),
                    Arguments.of("no subnet and no VNet", MINIMAL.replaceAll("(?s)network:.*?cache:", "network: {}\ncache:"),
                            List.of("bad-env.yaml: network.privateEndpointSubnetId: is missing; add it, e.g."
                                            + " /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network"
                                            + "/virtualNetworks/<vnet>/subnets/<subnet>",
                                    "bad-env.yaml: network.virtualNetworkId: is missing; add it")),
                    Arguments.of("a misspelt field", MINIMAL.replace("cache: {}", "cache: {evictionPolicy: allkeys-lru, zone: [1]}"),
                            List.of("bad-env.yaml: cache.zone: is not a known field; known fields here: credentials,"
                                    + " evictionPolicy, name, replicasPerPrimary, service, size, zones (check the spelling)")));
        }

        @ParameterizedTest(name = "fails with {0}")
        @MethodSource("badFiles")
        void fails_listing_each_problem(String description, String yaml, List<String> expected) throws IOException {
            assertEquals(expected, problems(yaml));
        }
    }
}
