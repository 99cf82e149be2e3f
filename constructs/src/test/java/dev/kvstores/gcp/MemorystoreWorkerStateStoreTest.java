package dev.kvstores.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.kvstores.StoreConfigException;
import dev.kvstores.role.Durability;
import dev.kvstores.role.Topology;
import dev.kvstores.testing.SynthJson;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MemorystoreWorkerStateStoreTest {

    private static final String WHO = "worker-state store (memorystore-redis): ";

    private static JsonNode synth(MemorystoreWorkerStateStoreProps props) {
        TerraformStack stack = GcpTesting.stack();
        new MemorystoreWorkerStateStore(stack, "WorkerState", props);
        return SynthJson.single(SynthJson.synth(stack), "google_redis_instance");
    }

    @Nested
    class Defaults {
        private final JsonNode instance = synth(GcpTesting.worker().build());

        @Test
        void keeps_rdb_snapshots_every_hour_and_never_evicts() {
            assertEquals("RDB", instance.path("persistence_config").path("persistence_mode").asText());
            assertEquals("ONE_HOUR", instance.path("persistence_config").path("rdb_snapshot_period").asText());
            assertEquals("noeviction", instance.path("redis_configs").path("maxmemory-policy").asText());
            assertEquals("4", instance.path("redis_configs").path("maxmemory-gb").asText());
            assertEquals(8, instance.path("memory_size_gb").asInt());
        }

        @Test
        void is_standard_ha_with_auth_tls_private_access_and_prevent_destroy() {
            assertEquals("STANDARD_HA", instance.path("tier").asText());
            assertEquals("us-central1-c", instance.path("alternative_location_id").asText());
            assertTrue(instance.path("auth_enabled").asBoolean());
            assertEquals("SERVER_AUTHENTICATION", instance.path("transit_encryption_mode").asText());
            assertEquals("PRIVATE_SERVICE_ACCESS", instance.path("connect_mode").asText());
            assertTrue(instance.path("lifecycle").path("prevent_destroy").asBoolean());
            assertEquals("worker-state", instance.path("labels").path("kvstores-role").asText());
        }

        @Test
        void reports_rdb_durability_replicated_topology_and_a_db_0_url() {
            MemorystoreWorkerStateStore store = new MemorystoreWorkerStateStore(GcpTesting.stack(), "WorkerState",
                    GcpTesting.worker().build());
            assertEquals(Durability.RDB_SNAPSHOTS, store.durability());
            assertEquals(Topology.REPLICATED, store.topology());
            assertFalse(store.connectionInfo().clusterMode());
            assertEquals(6378, store.connectionInfo().port());
            assertEquals(List.of(), store.exemptions());
            assertEquals("Resource", store.instance().getNode().getId());
        }

        @Test
        void describes_the_durability_it_gives() {
            MemorystoreWorkerStateStore store = new MemorystoreWorkerStateStore(GcpTesting.stack(), "WorkerState",
                    GcpTesting.worker().build());
            assertEquals("Memorystore for Redis suprsend-worker-state (REDIS_7_2, STANDARD_HA: primary + replica in"
                    + " us-central1-b / us-central1-c, automatic failover) in us-central1, 8 GB, maxmemory-gb 4"
                    + " noeviction, TLS on port 6378 with the instance's server CA, AUTH string, private service"
                    + " access from projects/acme-prod/global/networks/platform, Google-managed encryption key,"
                    + " RDB snapshot every 1 hour (no AOF on Memorystore for Redis: losing both nodes loses up to"
                    + " 1 hour of writes)", store.description());
        }
    }

    @Nested
    class Configuration {
        @Test
        void takes_another_snapshot_period_memory_and_cmek() {
            JsonNode instance = synth(GcpTesting.worker().rdbSnapshotPeriod(RdbSnapshotPeriod.SIX_HOURS)
                    .memorySizeGb(16).customerManagedKey(GcpTesting.KEY).build());
            assertEquals("SIX_HOURS", instance.path("persistence_config").path("rdb_snapshot_period").asText());
            assertEquals("8", instance.path("redis_configs").path("maxmemory-gb").asText());
            assertEquals(GcpTesting.KEY, instance.path("customer_managed_key").asText());
        }

        @Test
        void drops_prevent_destroy_when_asked() {
            assertFalse(synth(GcpTesting.worker().preventDestroy(false).build()).has("lifecycle"));
        }

        @Test
        void runs_basic_tier_standalone_with_a_written_exemption() {
            MemorystoreWorkerStateStore store = new MemorystoreWorkerStateStore(GcpTesting.stack(), "WorkerState",
                    GcpTesting.worker().tier(MemorystoreTier.BASIC).alternativeLocationId(null)
                            .haExemptionReason("dev workflows can be replayed").build());
            assertEquals(Topology.STANDALONE, store.topology());
            assertEquals(List.of("high-availability relaxed (STANDALONE, 1 node(s), zone spread off): dev workflows"
                    + " can be replayed"), store.exemptions());
        }

        @Test
        void to_builder_round_trips() {
            MemorystoreWorkerStateStoreProps props = GcpTesting.worker().preventDestroy(false).build();
            assertEquals(props, props.toBuilder().build());
        }
    }

    @Nested
    class Validation {
        static Stream<Arguments> invalid() {
            String iam = " cannot serve the platform's connection URL: the provider schema offers only ";
            String rest = "; IAM authentication expects a short-lived IAM access token (one hour) as the AUTH"
                    + " password, which a URL written once into the connection Secret cannot carry, and disabled"
                    + " authentication breaks the auth requirement; use service REDIS (Memorystore for Redis with"
                    + " auth_enabled and its AUTH string)";
            return Stream.of(
                    Arguments.of("persistence off", GcpTesting.worker().rdbSnapshotPeriod(null),
                            WHO + "the worker state store must be durable (AOF everysec or an SSD-backed store), got"
                                    + " no persistence; enable persistence"),
                    Arguments.of("BASIC tier without an exemption (production)",
                            GcpTesting.worker().tier(MemorystoreTier.BASIC).alternativeLocationId(null),
                            WHO + "topology STANDALONE has no failover; use a replicated topology with at least 2"
                                    + " nodes, or record a high-availability exemption with its reason"
                                    + " (development only)"),
                    Arguments.of("AUTH off", GcpTesting.worker().authEnabled(false),
                            WHO + "authEnabled must be true, got false; clients must authenticate with a password"
                                    + " or ACL user"),
                    Arguments.of("TLS off", GcpTesting.worker().transitEncryptionEnabled(false),
                            WHO + "tlsEnabled must be true, got false; TLS in transit is required for both roles"),
                    Arguments.of("Memorystore for Redis Cluster (IAM auth only)",
                            GcpTesting.worker().service(MemorystoreService.REDIS_CLUSTER),
                            "worker-state store (memorystore-redis-cluster): service REDIS_CLUSTER"
                                    + " (google_redis_cluster)" + iam
                                    + "authorization_mode AUTH_MODE_DISABLED or AUTH_MODE_IAM_AUTH" + rest),
                    Arguments.of("Memorystore for Valkey (IAM auth only)",
                            GcpTesting.worker().service(MemorystoreService.VALKEY),
                            "worker-state store (memorystore-valkey): service VALKEY (google_memorystore_instance)"
                                    + iam + "authorization_mode AUTH_DISABLED or IAM_AUTH" + rest),
                    Arguments.of("short exemption reason", GcpTesting.worker().tier(MemorystoreTier.BASIC)
                                    .alternativeLocationId(null).haExemptionReason("dev"),
                            WHO + "the high-availability exemption needs a reason of at least 10 characters,"
                                    + " got 'dev'"));
        }

        @ParameterizedTest(name = "fails when {0}")
        @MethodSource("invalid")
        void fails_with_a_message_naming_field_value_and_fix(String description,
                                                            MemorystoreWorkerStateStoreProps.Builder props,
                                                            String message) {
            StoreConfigException e = assertThrows(StoreConfigException.class,
                    () -> new MemorystoreWorkerStateStore(GcpTesting.stack(), "WorkerState", props.build()));
            assertEquals(message, e.getMessage());
        }
    }
}
