package dev.kvstores.azure;

import static dev.kvstores.testing.SynthJson.single;
import static dev.kvstores.testing.SynthJson.synth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.kvstores.StoreConfigException;
import dev.kvstores.connection.ConnectionUrls;
import dev.kvstores.naming.AzureTags;
import dev.kvstores.role.ConnectionInfo;
import dev.kvstores.role.StoreRole;
import dev.kvstores.role.Topology;
import dev.kvstores.testing.SynthJson;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AzureManagedRedisWorkerStateStoreTest {

    private static AzureManagedRedisWorkerStateStoreProps.Builder props() {
        return AzureManagedRedisWorkerStateStoreProps.builder().name("suprsend-state").placement(AzureTesting.placement());
    }

    @Nested
    class Defaults {
        private final TerraformStack stack = AzureTesting.stack();
        private final AzureManagedRedisWorkerStateStore store =
                new AzureManagedRedisWorkerStateStore(stack, "WorkerState", props().build());
        private final JsonNode json = synth(stack);
        private final JsonNode redis = single(json, "azurerm_managed_redis");
        private final JsonNode db = redis.path("default_database");

        @Test
        void is_highly_available_private_and_protected() {
            assertEquals("Balanced_B10", redis.path("sku_name").asText());
            assertTrue(redis.path("high_availability_enabled").asBoolean());
            assertEquals("Disabled", redis.path("public_network_access").asText());
            assertTrue(redis.path("lifecycle").path("prevent_destroy").asBoolean());
        }

        @Test
        void persists_aof_every_second_without_eviction_over_tls() {
            assertEquals("1s", db.path("persistence_append_only_file_backup_frequency").asText());
            assertNull(db.get("persistence_redis_database_backup_frequency"));
            assertEquals("NoEviction", db.path("eviction_policy").asText());
            assertEquals("Encrypted", db.path("client_protocol").asText());
            assertEquals("EnterpriseCluster", db.path("clustering_policy").asText());
            assertTrue(db.path("access_keys_authentication_enabled").asBoolean());
        }

        @Test
        void tags_every_resource_with_azure_safe_names() {
            for (String type : List.of("azurerm_managed_redis", "azurerm_private_endpoint", "azurerm_private_dns_zone",
                    "azurerm_private_dns_zone_virtual_network_link")) {
                JsonNode tags = single(json, type).path("tags");
                assertEquals("worker-state", tags.path(AzureTags.ROLE).asText(), type);
                assertEquals(List.of(), AzureTags.problems(SynthJson.textMap(tags)), type);
            }
        }

        @Test
        void is_reached_through_a_private_endpoint_with_its_dns_zone() {
            JsonNode connection = single(json, "azurerm_private_endpoint").path("private_service_connection");
            assertTrue(connection.path("private_connection_resource_id").asText().startsWith("${azurerm_managed_redis."));
            assertEquals("[\"redisEnterprise\"]", connection.path("subresource_names").toString());
            assertEquals("privatelink.redis.azure.net", single(json, "azurerm_private_dns_zone").path("name").asText());
        }

        @Test
        void connects_as_the_default_user_with_tls_on_the_databases_port_and_db_0() {
            ConnectionInfo info = store.connectionInfo();
            assertEquals(10000, info.port());
            assertEquals("default", info.username());
            assertTrue(info.tlsEnabled());
            assertFalse(info.clusterMode());
            String key = AzureTesting.expression(stack, info.password());
            assertEquals("${azurerm_managed_redis.WorkerState_60F1FC99.default_database[0].primary_access_key}", key);
            assertEquals("rediss://default:${replace(urlencode(azurerm_managed_redis.WorkerState_60F1FC99.default_database[0]"
                    + ".primary_access_key), \"+\", \"%20\")}@${azurerm_managed_redis.WorkerState_60F1FC99.hostname}:"
                    + "${azurerm_managed_redis.WorkerState_60F1FC99.default_database[0].port}/0",
                    AzureTesting.expression(stack, ConnectionUrls.terraformUrl(StoreRole.WORKER_STATE, info)));
            assertEquals(Topology.REPLICATED, store.topology());
            assertEquals(List.of(), store.exemptions());
        }
    }

    @Nested
    class Configuration {
        @Test
        void oss_cluster_policy_drops_the_database_number() {
            TerraformStack stack = AzureTesting.stack();
            AzureManagedRedisWorkerStateStore store = new AzureManagedRedisWorkerStateStore(stack, "WorkerState",
                    props().clusteringPolicy(ManagedRedisClusteringPolicy.OSS_CLUSTER).build());
            assertEquals("OSSCluster", single(synth(stack), "azurerm_managed_redis").path("default_database")
                    .path("clustering_policy").asText());
            assertTrue(store.connectionInfo().clusterMode());
            assertTrue((AzureTesting.expression(stack, ConnectionUrls.terraformUrl(StoreRole.WORKER_STATE, store.connectionInfo())))
                    .endsWith(".default_database[0].port}"));
        }

        @Test
        void encrypts_with_a_customer_managed_key_through_its_identity() {
            TerraformStack stack = AzureTesting.stack();
            new AzureManagedRedisWorkerStateStore(stack, "WorkerState", props()
                    .customerManagedKey("https://kv.vault.azure.net/keys/redis/0123", "/subscriptions/0/id/redis").build());
            JsonNode redis = single(synth(stack), "azurerm_managed_redis");
            assertEquals("https://kv.vault.azure.net/keys/redis/0123",
                    redis.path("customer_managed_key").path("key_vault_key_id").asText());
            assertEquals("UserAssigned", redis.path("identity").path("type").asText());
        }

        @Test
        void runs_without_high_availability_under_a_recorded_exemption() {
            TerraformStack stack = AzureTesting.stack();
            AzureManagedRedisWorkerStateStore store = new AzureManagedRedisWorkerStateStore(stack, "WorkerState",
                    props().highAvailabilityEnabled(false).preventDestroy(false)
                            .haExemptionReason("dev workflows can be replayed").build());
            JsonNode redis = single(synth(stack), "azurerm_managed_redis");
            assertFalse(redis.path("high_availability_enabled").asBoolean(true));
            assertEquals(Topology.STANDALONE, store.topology());
            assertEquals(List.of("high-availability relaxed (STANDALONE, 1 node(s), zone spread off): dev workflows"
                    + " can be replayed"), store.exemptions());
        }
    }

    @Nested
    class Validation {
        static Stream<Arguments> invalid() {
            return Stream.of(
                    Arguments.of("high availability off", (UnaryOperator<AzureManagedRedisWorkerStateStoreProps.Builder>)
                            b -> b.highAvailabilityEnabled(false),
                            "worker-state store (azure-managed-redis): topology STANDALONE has no failover; use a"
                                    + " replicated topology with at least 2 nodes, or record a high-availability"
                                    + " exemption with its reason (development only)"),
                    Arguments.of("AOF and RDB together", (UnaryOperator<AzureManagedRedisWorkerStateStoreProps.Builder>)
                            b -> b.rdbSnapshots(true),
                            "worker-state store (azure-managed-redis): rdbSnapshots must be false: azurerm 4.55 allows"
                                    + " only one of persistence_append_only_file_backup_frequency and"
                                    + " persistence_redis_database_backup_frequency, and the worker state store needs"
                                    + " AOF; remove rdbSnapshots"),
                    Arguments.of("a classic SKU", (UnaryOperator<AzureManagedRedisWorkerStateStoreProps.Builder>)
                            b -> b.skuName("Premium"),
                            "worker-state store (azure-managed-redis): skuName must be a Managed Redis SKU (Balanced_B*,"
                                    + " MemoryOptimized_M*, ComputeOptimized_X*, FlashOptimized_A*), got 'Premium'"),
                    Arguments.of("a key without identity", (UnaryOperator<AzureManagedRedisWorkerStateStoreProps.Builder>)
                            b -> b.customerManagedKey("https://kv.vault.azure.net/keys/k/1", null),
                            "worker-state store (azure-managed-redis): customerManagedKeyId and"
                                    + " customerManagedKeyIdentityId go together, got only the key; set both or neither"),
                    Arguments.of("a name Managed Redis cannot hold", (UnaryOperator<AzureManagedRedisWorkerStateStoreProps.Builder>)
                            b -> b.name("s".repeat(61)),
                            "worker-state store (azure-managed-redis): name '" + "s".repeat(61) + "' has 61 characters,"
                                    + " at most 60 here: Azure Managed Redis names have at most 60 characters; shorten"
                                    + " it"),
                    Arguments.of("a short exemption", (UnaryOperator<AzureManagedRedisWorkerStateStoreProps.Builder>)
                            b -> b.highAvailabilityEnabled(false).haExemptionReason("cost"),
                            "worker-state store (azure-managed-redis): the high-availability exemption needs a reason of"
                                    + " at least 10 characters, got 'cost'"));
        }

        @ParameterizedTest(name = "fails with {0}")
        @MethodSource("invalid")
        void fails_on_invalid_props(String description,
                                    UnaryOperator<AzureManagedRedisWorkerStateStoreProps.Builder> change, String message) {
            AzureManagedRedisWorkerStateStoreProps props = change.apply(props()).build();
            StoreConfigException e = assertThrows(StoreConfigException.class,
                    () -> new AzureManagedRedisWorkerStateStore(AzureTesting.stack(), "WorkerState", props));
            assertEquals(message, e.getMessage());
        }
    }
}
