package dev.kvstores.stacks.platform.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.Testing;
import dev.kvstores.naming.AzureTags;
import dev.kvstores.azure.ManagedRedisClusteringPolicy;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.stacks.EnvironmentStack;
import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.environment.EnvironmentException;
import dev.kvstores.stacks.EnvironmentLoader;
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
            stateBackend: {type: s3, bucket: tf-state, key: kvstores/test.tfstate, region: eu-west-1, kmsKeyId: arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000, useLockfile: true}
            images: {registry: registry.example.com, repositoryPrefix: bitnami, redis: {tag: 8.2.9-debian-12-r0, digest: "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}, redisSentinel: {tag: 8.2.9-debian-12-r0, digest: "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}, redisCluster: {tag: 8.2.9-debian-12-r0, digest: "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"}, redisExporter: {tag: 1.76.0-debian-12-r0, digest: "sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"}, kubectl: {tag: 1.33.4-debian-12-r0, digest: "sha256:eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"}}
            kubernetes: {configContext: prod-aks}
            azure: {resourceGroupName: rg, location: westeurope}
            connectionSecret: {namespace: suprsend}
            certManager: {issuer: internal-ca}
            network:
              allowedNamespaces: [suprsend]
              apiServerCidrs: [10.0.0.15/32]
              privateEndpointSubnetId: %s
              virtualNetworkId: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/aks
            cache: {}
            workerState: {}
            """.formatted(SUBNET);

    /**
     * {@link #MINIMAL} with {@code cache} replaced and without the in-cluster sections ({@code certManager},
     * {@code images}, {@code network.allowedNamespaces}: for service classic).
     */
    private static String classic(String cache) {
        return MINIMAL.replace("certManager: {issuer: internal-ca}\n", "").replaceFirst("images: [^\n]*\n", "")
                .replace("  allowedNamespaces: [suprsend]\n", "").replace("  apiServerCidrs: [10.0.0.15/32]\n", "")
                .replace("cache: {}", cache);
    }

    @TempDir
    Path dir;

    private Environment load(String yaml) throws IOException {
        return EnvironmentLoader.loadFile(Files.writeString(dir.resolve("az-env.yaml"), yaml), dir);
    }

    private List<String> problems(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("bad-env.yaml"), yaml);
        return assertThrows(EnvironmentException.class, () -> EnvironmentLoader.loadFile(file, dir)).problems();
    }

    private JsonNode synth(String yaml) throws IOException {
        return new ObjectMapper().readTree(Testing.synth(new EnvironmentStack(Testing.app(), load(yaml))));
    }

    private static List<JsonNode> all(JsonNode json, String section, String type) {
        List<JsonNode> out = new java.util.ArrayList<>();
        json.path(section).path(type).elements().forEachRemaining(out::add);
        return out;
    }

    /** The data of the connection Secret (the stack also writes the exporter's password Secret). */
    private static JsonNode connectionSecretData(JsonNode json) {
        for (JsonNode secret : (Iterable<JsonNode>) () -> json.path("resource").path("kubernetes_secret_v1").elements()) {
            if (secret.path("data").has("redisConnBaseUrlKey")) {
                return secret.path("data");
            }
        }
        throw new AssertionError("no connection Secret");
    }

    @Nested
    class Defaults {
        @Test
        void a_minimal_file_puts_the_cache_in_the_aks_cluster_and_the_worker_on_managed_redis() throws IOException {
            AzureSettings s = load(MINIMAL).settings(AzureSettings.class);
            assertEquals(AzurePlatform.IN_CLUSTER, s.cache().service());
            assertEquals("redis-cache", s.cache().inCluster().namespace());
            assertEquals(3, s.cache().inCluster().nodes());
            assertTrue(s.cache().inCluster().sentinel());
            assertTrue(s.cache().createNamespace());
            assertEquals(List.of("suprsend"), s.cache().cluster().allowedNamespaces());
            assertEquals("internal-ca", s.cache().cluster().certificateIssuer().name());
            assertEquals("monitoring", s.cache().cluster().monitoringNamespace());
            assertNull(s.cache().existingCacheName());
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
            JsonNode json = synth(MINIMAL);
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
            int alerts = json.path("resource").path("azurerm_monitor_metric_alert").size();
            int health = json.path("resource").path("azurerm_monitor_activity_log_alert").size();
            assertEquals(6, alerts, "the worker's metric alerts (the in-cluster cache's alerts are a PrometheusRule)");
            assertEquals(2, health, "the worker's Resource Health alerts: down and degraded");
            assertEquals(4 + alerts + health + 1, tagged, "the worker's instance, private endpoint, DNS zone and zone"
                    + " link, its alerts and the dashboard (the cache is in the AKS cluster)");
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
            String worker = load(MINIMAL).settings(AzureSettings.class).workerState().name();
            assertEquals("PT30M", byName.get(worker + "-replication").path("window_size").asText());
            assertEquals(70, byName.get(worker + "-memory").path("criteria").get(0).path("threshold").asInt());
            for (String name : List.of(worker + "-down", worker + "-degraded")) {
                assertEquals(group, byName.get(name).path("action").get(0).path("action_group_id").asText(), name);
            }
            String report = stack.report();
            assertTrue(report.contains("- alerts: 2 Resource Health alerts and 6 Azure Monitor metric alerts"
                    + " notifying action group `" + group + "`"), report);
            for (String name : byName.keySet()) {
                assertTrue(report.contains("  - " + name + " ["), name + " in " + report);
            }
        }

        @Test
        void says_in_the_report_what_the_cache_runs_on_and_why() throws IOException {
            String report = new EnvironmentStack(Testing.app(), load(MINIMAL)).report();
            assertTrue(report.contains("- runs on: " + AzurePlatform.IN_CLUSTER_PLACEMENT), report);
            assertTrue(report.contains("30 Sep 2028"), report);
        }
    }

    @Nested
    class InClusterCache {
        @Test
        void is_a_bitnami_release_in_a_restricted_namespace_with_a_cert_manager_certificate() throws IOException {
            JsonNode json = synth(MINIMAL);
            List<JsonNode> releases = all(json, "resource", "helm_release");
            assertEquals(1, releases.size());
            JsonNode release = releases.get(0);
            assertEquals("redis", release.path("chart").asText());
            assertEquals("redis-cache", release.path("namespace").asText());
            String values = release.path("values").get(0).asText();
            assertTrue(values.contains("maxmemory-policy allkeys-lru"), values);
            assertTrue(values.matches("(?s).*kubernetes\\.io/metadata\\.name\"?:\\s*\"?suprsend.*"),
                    "the NetworkPolicy admits suprsend: " + values);
            assertTrue(values.contains("bitnami/redis") && values.contains("registry.example.com")
                    && values.contains("sha256:" + "a".repeat(64)), "the pinned image of the images section: " + values);
            List<JsonNode> namespaces = all(json, "resource", "kubernetes_namespace_v1");
            assertEquals(1, namespaces.size());
            assertEquals("redis-cache", namespaces.get(0).path("metadata").path("name").asText());
            assertEquals("restricted", namespaces.get(0).path("metadata").path("labels")
                    .path("pod-security.kubernetes.io/enforce").asText());
            long certificates = all(json, "resource", "kubernetes_manifest").stream()
                    .filter(m -> "Certificate".equals(m.path("manifest").path("kind").asText()))
                    .peek(m -> assertEquals("internal-ca", m.path("manifest").path("spec").path("issuerRef")
                            .path("name").asText()))
                    .count();
            assertEquals(1, certificates);
            release.path("set_sensitive").forEach(v -> assertTrue(v.path("value").asText()
                    .matches("\\$\\{random_password\\.\\w+\\.result}"), v.toString()));
            assertEquals(3, release.path("set_sensitive").size(), "admin, platform user, monitoring user");
            assertEquals(0, all(json, "resource", "azurerm_redis_cache").size());
        }

        @Test
        void configures_helm_for_the_aks_context_of_the_connection_secret() throws IOException {
            JsonNode json = synth(MINIMAL.replace("kubernetes: {configContext: prod-aks}",
                    "kubernetes: {configContext: prod-aks, configPath: /etc/kube/aks}"));
            JsonNode helm = json.path("provider").path("helm").path(0).path("kubernetes");
            JsonNode kube = json.path("provider").path("kubernetes").path(0);
            assertEquals("prod-aks", helm.path("config_context").asText(), helm.toString());
            assertEquals(kube.path("config_context").asText(), helm.path("config_context").asText());
            assertEquals(kube.path("config_path").asText(), helm.path("config_path").asText());
            assertEquals("/etc/kube/aks", helm.path("config_path").asText());
        }

        @Test
        void writes_the_release_url_into_the_connection_secret() throws IOException {
            JsonNode json = synth(MINIMAL);
            String url = connectionSecretData(json).path("redisConnBaseUrlKey").asText();
            assertTrue(url.startsWith("rediss://suprsend-cache:"), url);
            assertTrue(url.contains("@redis-cache-master.redis-cache.svc"), url);
        }

        @Test
        void adopts_an_existing_namespace_with_createNamespaces_false() throws IOException {
            JsonNode json = synth(MINIMAL.replace("kubernetes: {configContext: prod-aks}",
                    "kubernetes: {configContext: prod-aks, createNamespaces: false}"));
            assertEquals(0, all(json, "resource", "kubernetes_namespace_v1").size());
            assertEquals(1, all(json, "resource", "helm_release").size());
        }
    }

    @Nested
    class ExistingClassicCache {
        private static final String ADOPT = classic(
                "cache: {service: classic, existingCacheName: legacy-cache, resourceGroupName: legacy-rg}");

        @Test
        void reads_the_existing_cache_and_builds_the_url_from_its_attributes() throws IOException {
            JsonNode json = synth(ADOPT);
            assertEquals(0, all(json, "resource", "azurerm_redis_cache").size(), "nothing is created");
            assertEquals(0, all(json, "resource", "helm_release").size());
            List<JsonNode> data = all(json, "data", "azurerm_redis_cache");
            assertEquals(1, data.size());
            assertEquals("legacy-cache", data.get(0).path("name").asText());
            assertEquals("legacy-rg", data.get(0).path("resource_group_name").asText());
            String conditions = data.get(0).path("lifecycle").path("postcondition").toString();
            assertTrue(conditions.contains("self.shard_count") && conditions.contains("self.non_ssl_port_enabled")
                    && conditions.contains("self.minimum_tls_version")
                    && conditions.contains("maxmemory_policy == \\\"allkeys-lru\\\""), conditions);
            String url = connectionSecretData(json).path("redisConnBaseUrlKey").asText();
            assertTrue(url.matches("rediss://default:\\$\\{replace\\(urlencode\\(data\\.azurerm_redis_cache\\.\\w+"
                    + "\\.primary_access_key\\).*\\}@\\$\\{data\\.azurerm_redis_cache\\.\\w+\\.hostname\\}:"
                    + "\\$\\{data\\.azurerm_redis_cache\\.\\w+\\.ssl_port\\}"), url);
        }

        @Test
        void the_adopted_cache_gets_resource_health_and_classic_metric_alerts_on_its_resource_id() throws IOException {
            JsonNode json = synth(ADOPT);
            String reference = "${data.azurerm_redis_cache." + json.path("data").path("azurerm_redis_cache")
                    .fieldNames().next() + ".id}";
            List<String> health = new java.util.ArrayList<>();
            all(json, "resource", "azurerm_monitor_activity_log_alert").forEach(a -> {
                if (a.path("scopes").get(0).asText().equals(reference)) {
                    assertEquals(reference, a.path("criteria").path("resource_id").asText());
                    assertEquals("ResourceHealth", a.path("criteria").path("category").asText());
                    health.add(a.path("name").asText());
                }
            });
            assertEquals(List.of("legacy-cache-degraded", "legacy-cache-down"), health.stream().sorted().toList());
            List<String> errorTypes = new java.util.ArrayList<>();
            all(json, "resource", "azurerm_monitor_metric_alert").forEach(a -> {
                JsonNode c = a.path("criteria").get(0);
                if (a.path("scopes").get(0).asText().equals(reference) && c.path("metric_name").asText()
                        .equals("errors")) {
                    errorTypes.add(c.path("dimension").get(0).path("values").get(0).asText());
                }
            });
            assertEquals(List.of("Dataloss", "Failover"), errorTypes.stream().sorted().toList());
        }

        @Test
        void takes_the_resource_group_from_the_azure_section_by_default() throws IOException {
            AzureSettings s = load(classic("cache: {service: classic, existingCacheName: c1}"))
                    .settings(AzureSettings.class);
            assertEquals("c1", s.cache().existingCacheName());
            assertEquals("rg", s.cache().existingResourceGroupName());
        }

        @Test
        void says_in_the_report_that_the_cache_is_adopted_and_retiring() throws IOException {
            String report = new EnvironmentStack(Testing.app(), load(ADOPT)).report();
            assertTrue(report.contains("- runs on: " + AzurePlatform.CLASSIC_PLACEMENT), report);
            assertTrue(report.contains("existing Azure Cache for Redis 'legacy-cache'"), report);
        }
    }

    @Nested
    class Validation {
        @Test
        void fails_when_the_cache_is_put_on_managed_redis() throws IOException {
            EnvironmentStack stack = new EnvironmentStack(Testing.app(),
                    load(classic("cache: {service: managed-redis}")));
            assertEquals(List.of("az-env.yaml: cache.service: service managed-redis cannot"
                    + " hold the cache: Azure Managed Redis runs Redis Enterprise, where SELECT does not switch"
                    + " databases under any clustering policy (OSSCluster, EnterpriseCluster, NoCluster), and the"
                    + " platform isolates services by DB number; use service in-cluster (Redis on the AKS cluster, the"
                    + " default) or adopt an existing classic Azure Cache for Redis (service classic) for the cache,"
                    + " and keep Managed Redis for the worker state store"), stack.problems());
        }

        @Test
        void fails_naming_the_field_the_retirement_and_the_fix_when_a_new_classic_cache_is_asked_for()
                throws IOException {
            assertEquals(List.of("bad-env.yaml: cache.service: classic would create a new Azure Cache for Redis, which"
                    + " Microsoft retires on 30 Sep 2028 and no longer lets new customers create; use cache.service:"
                    + " in-cluster (the default: Bitnami Redis on the AKS cluster), or adopt an existing cache with"
                    + " cache.existingCacheName (and cache.resourceGroupName if it is not rg); remove zones,"
                    + " replicasPerPrimary"), problems(classic(
                    "cache: {service: classic, zones: [\"1\", \"2\", \"3\"], replicasPerPrimary: 1}")));
        }

        @Test
        void fails_when_an_existing_cache_is_given_creation_settings() throws IOException {
            assertEquals(List.of("bad-env.yaml: cache.size: does not apply to an existing cache"
                    + " (cache.existingCacheName), which keeps its own settings; remove size"),
                    problems(classic("cache: {service: classic, existingCacheName: c1, size: P1}")));
        }

        @Test
        void fails_when_production_turns_high_availability_off() throws IOException {
            EnvironmentStack stack = new EnvironmentStack(Testing.app(),
                    load(MINIMAL.replace("workerState: {}", "workerState: {highAvailability: false}")));
            assertEquals(List.of(
                    "az-env.yaml: workerState.highAvailability: topology STANDALONE has no"
                            + " failover; use a replicated topology with at least 2 nodes, or record a"
                            + " high-availability exemption with its reason (development only)"),
                    stack.problems());
        }

        static Stream<Arguments> badFiles() {
            return Stream.of(
                    Arguments.of("a classic worker", MINIMAL.replace("workerState: {}", "workerState: {service: classic}"),
                            List.of("bad-env.yaml: workerState.service: is 'classic'; allowed: managed-redis (a classic"
                                    + " Premium worker with AOF to a storage account is not built by kvstores yet)")),
                    Arguments.of("one name for both", classic("cache: {service: classic, existingCacheName: shared}")
                                    .replace("workerState: {}", "workerState: {name: shared}"),
                            List.of("bad-env.yaml: workerState.name: 'shared' is also the cache's name; the two roles"
                                    + " need separate instances")),
                    Arguments.of("an unknown size and policy", MINIMAL.replace("cache: {}", "cache: {size: P9}")
                                    .replace("workerState: {}", "workerState: {clusteringPolicy: Sharded}"),
                            List.of("bad-env.yaml: cache.size: is 'P9'; allowed: small, medium, large",
                                    "bad-env.yaml: workerState.clusteringPolicy: is 'Sharded'; allowed:"
                                            + " EnterpriseCluster, OSSCluster, NoCluster")),
                    Arguments.of("no subnet and no VNet", MINIMAL.replaceAll("(?s)network:.*?cache:", "network: {}\ncache:"),
                            List.of("bad-env.yaml: network.privateEndpointSubnetId: is missing; add it, e.g."
                                            + " /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network"
                                            + "/virtualNetworks/<vnet>/subnets/<subnet>",
                                    "bad-env.yaml: network.virtualNetworkId: is missing; add it",
                                    "bad-env.yaml: network.allowedNamespaces: is missing; add a list with at least"
                                            + " one entry")),
                    Arguments.of("a misspelt field", classic(
                                    "cache: {service: classic, existingCacheName: c1, evictionPolicy: allkeys-lru, zone: [1]}"),
                            List.of("bad-env.yaml: cache.zone: is not a known field; known fields here: credentials,"
                                    + " evictionPolicy, existingCacheName, name, replicasPerPrimary, resourceGroupName, service, size,"
                                    + " zones (check the spelling)")),
                    Arguments.of("an in-cluster cache without allowed namespaces",
                            MINIMAL.replace("  allowedNamespaces: [suprsend]\n", ""),
                            List.of("bad-env.yaml: network.allowedNamespaces: is missing; add a list with at least one entry")),
                    Arguments.of("an in-cluster TLS Secret in a namespace the stack creates, without cert-manager",
                            MINIMAL.replace("certManager: {issuer: internal-ca}\n", "")
                                    .replace("cache: {}", "cache: {tlsSecretName: cache-tls}"),
                            List.of("bad-env.yaml: cache.tlsSecretName: 'cache-tls' must exist before the first apply,"
                                    + " but this stack creates the namespace; add certManager.issuer (kvstores then"
                                    + " requests the certificate from cert-manager), or set kubernetes.createNamespaces:"
                                    + " false and create the namespace and the Secret first")));
        }

        @ParameterizedTest(name = "fails with {0}")
        @MethodSource("badFiles")
        void fails_listing_each_problem(String description, String yaml, List<String> expected) throws IOException {
            assertEquals(expected, problems(yaml));
        }
    }
}
