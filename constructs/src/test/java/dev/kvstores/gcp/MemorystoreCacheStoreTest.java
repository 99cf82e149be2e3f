package dev.kvstores.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.Token;
import dev.kvstores.StoreConfigException;
import dev.kvstores.connection.ConnectionSecret;
import dev.kvstores.connection.ConnectionSecretProps;
import dev.kvstores.connection.ConnectionUrls;
import dev.kvstores.naming.GcpLabels;
import dev.kvstores.role.ConnectionInfo;
import dev.kvstores.role.Durability;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.StoreRole;
import dev.kvstores.testing.SynthJson;
import java.time.DayOfWeek;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MemorystoreCacheStoreTest {

    private static final String WHO = "cache store (memorystore-redis): ";

    private static JsonNode synth(MemorystoreCacheStoreProps props) {
        TerraformStack stack = GcpTesting.stack();
        new MemorystoreCacheStore(stack, "Cache", props);
        return SynthJson.single(SynthJson.synth(stack), "google_redis_instance");
    }

    @Nested
    class Defaults {
        private final JsonNode instance = synth(GcpTesting.cache().build());

        @Test
        void is_a_standard_ha_redis_7_2_instance_with_the_replica_in_another_zone() {
            assertEquals("STANDARD_HA", instance.path("tier").asText());
            assertEquals("REDIS_7_2", instance.path("redis_version").asText());
            assertEquals("us-central1-a", instance.path("location_id").asText());
            assertEquals("us-central1-b", instance.path("alternative_location_id").asText());
            assertEquals(2, instance.path("memory_size_gb").asInt());
        }

        @Test
        void requires_auth_and_tls_with_server_authentication() {
            assertTrue(instance.path("auth_enabled").asBoolean());
            assertEquals("SERVER_AUTHENTICATION", instance.path("transit_encryption_mode").asText());
        }

        @Test
        void is_reached_only_through_private_services_access_on_the_given_vpc() {
            assertEquals(GcpTesting.NETWORK, instance.path("authorized_network").asText());
            assertEquals("PRIVATE_SERVICE_ACCESS", instance.path("connect_mode").asText());
        }

        @Test
        void evicts_allkeys_lru_at_75_percent_of_memory_and_keeps_no_persistence() {
            assertEquals("allkeys-lru", instance.path("redis_configs").path("maxmemory-policy").asText());
            assertEquals("1.5", instance.path("redis_configs").path("maxmemory-gb").asText());
            assertEquals("DISABLED", instance.path("persistence_config").path("persistence_mode").asText());
            assertFalse(instance.path("persistence_config").has("rdb_snapshot_period"));
        }

        @Test
        void has_a_sunday_maintenance_window_and_role_labels() {
            JsonNode window = instance.path("maintenance_policy").path("weekly_maintenance_window").get(0);
            assertEquals("SUNDAY", window.path("day").asText());
            assertEquals(3, window.path("start_time").path("hours").asInt());
            assertEquals("cache", instance.path("labels").path("kvstores-role").asText());
            assertEquals("kvstores", instance.path("labels").path("managed-by").asText());
        }

        @Test
        void uses_the_google_managed_key_and_no_prevent_destroy() {
            assertFalse(instance.has("customer_managed_key"));
            assertFalse(instance.has("lifecycle"));
        }

        @Test
        void connects_as_the_default_user_with_rediss_on_the_instances_port_the_auth_string_and_the_server_ca() {
            TerraformStack stack = GcpTesting.stack();
            MemorystoreCacheStore store = new MemorystoreCacheStore(stack, "Cache", GcpTesting.cache().build());
            ConnectionInfo info = store.connectionInfo();
            assertEquals(6378, info.port());
            assertTrue(Token.isUnresolved(info.portReference()), "URLs read the instance's port attribute");
            assertTrue(info.tlsEnabled());
            assertEquals("default", info.username());
            assertFalse(info.clusterMode());
            assertTrue(info.hasCaCertificate());
            assertEquals("rediss://default:p%40ss@10.0.0.3:6378", ConnectionUrls.url(StoreRole.CACHE,
                    new ConnectionInfo("10.0.0.3", info.port(), true, info.username(), "x", null, false), "p@ss"));
            assertEquals(Durability.NONE, store.durability());
            assertEquals(EvictionPolicy.ALLKEYS_LRU, store.evictionPolicy());
            assertEquals(List.of(), store.exemptions());
            assertEquals("Resource", store.instance().getNode().getId());
        }

        @Test
        void puts_the_auth_string_and_every_server_ca_into_the_connection_secret_as_references() {
            TerraformStack stack = GcpTesting.stack();
            MemorystoreCacheStore cache = new MemorystoreCacheStore(stack, "Cache", GcpTesting.cache().build());
            MemorystoreWorkerStateStore worker = new MemorystoreWorkerStateStore(stack, "WorkerState",
                    GcpTesting.worker().build());
            new ConnectionSecret(stack, "ConnectionSecret", ConnectionSecretProps.builder().namespace("suprsend")
                    .cache(cache).workerState(worker).build());
            JsonNode data = SynthJson.single(SynthJson.synth(stack), "kubernetes_secret_v1").path("data");
            assertTrue(data.path("redisConnBaseUrlKey").asText().matches("rediss://default:\\$\\{replace\\("
                    + "urlencode\\(google_redis_instance\\.Cache_[0-9A-F]+\\.auth_string\\), \"\\+\", \"%20\"\\)}@"
                    + "\\$\\{google_redis_instance\\.Cache_[0-9A-F]+\\.host}:\\$\\{google_redis_instance\\."
                    + "Cache_[0-9A-F]+\\.port}"), data.toString());
            assertTrue(data.path(ConnectionSecretProps.CACHE_CA_KEY).asText().matches("\\$\\{join\\(\"\\\\n\", "
                    + "google_redis_instance\\.Cache_[0-9A-F]+\\.server_ca_certs\\[\\*]\\.cert\\)}"), data.toString());
            assertTrue(data.path("redisWorkercacheConnUrlKey").asText().endsWith(".host}:${google_redis_instance."
                    + "WorkerState_60F1FC99.port}/0"), data.toString());
            assertTrue(data.has(ConnectionSecretProps.WORKER_STATE_CA_KEY));
        }

        @Test
        void describes_tier_zones_memory_eviction_tls_and_network() {
            MemorystoreCacheStore store = new MemorystoreCacheStore(GcpTesting.stack(), "Cache",
                    GcpTesting.cache().build());
            assertEquals("Memorystore for Redis suprsend-cache (REDIS_7_2, STANDARD_HA: primary + replica in"
                    + " us-central1-a / us-central1-b, automatic failover) in us-central1, 2 GB, maxmemory-gb 1.5"
                    + " allkeys-lru, TLS on port 6378 with the instance's server CA, AUTH string, private service"
                    + " access from projects/acme-prod/global/networks/platform, Google-managed encryption key,"
                    + " persistence DISABLED", store.description());
        }
    }

    @Nested
    class Configuration {
        @Test
        void takes_volatile_lru_and_derives_maxmemory_gb_from_memory() {
            JsonNode instance = synth(GcpTesting.cache().evictionPolicy(EvictionPolicy.VOLATILE_LRU)
                    .memorySizeGb(5).build());
            assertEquals("volatile-lru", instance.path("redis_configs").path("maxmemory-policy").asText());
            assertEquals("3.75", instance.path("redis_configs").path("maxmemory-gb").asText());
            assertEquals(5, instance.path("memory_size_gb").asInt());
        }

        @Test
        void encrypts_with_a_customer_managed_key() {
            JsonNode instance = synth(GcpTesting.cache().customerManagedKey(GcpTesting.KEY).build());
            assertEquals(GcpTesting.KEY, instance.path("customer_managed_key").asText());
        }

        @Test
        void grants_the_memorystore_service_agent_the_key_before_creating_the_instance() {
            TerraformStack stack = GcpTesting.stack();
            new MemorystoreCacheStore(stack, "Cache", GcpTesting.cache().project("acme-prod")
                    .customerManagedKey(GcpTesting.KEY).build());
            JsonNode json = SynthJson.synth(stack);
            assertEquals(1, json.path("data").path("google_project").size());
            JsonNode project = json.path("data").path("google_project").elements().next();
            assertEquals("acme-prod", project.path("project_id").asText());
            JsonNode grant = SynthJson.single(json, "google_kms_crypto_key_iam_member");
            assertEquals(GcpTesting.KEY, grant.path("crypto_key_id").asText());
            assertEquals("roles/cloudkms.cryptoKeyEncrypterDecrypter", grant.path("role").asText());
            assertTrue(grant.path("member").asText().matches("serviceAccount:service-\\$\\{data\\.google_project\\."
                    + "MemorystoreProject[0-9A-F]{8}\\.number}@cloud-redis\\.iam\\.gserviceaccount\\.com"),
                    grant.toString());
            String grantAddress = json.path("resource").path("google_kms_crypto_key_iam_member").fieldNames().next();
            JsonNode instance = SynthJson.single(json, "google_redis_instance");
            assertEquals("[\"google_kms_crypto_key_iam_member." + grantAddress + "\"]", instance.path("depends_on")
                    .toString());
        }

        @Test
        void both_stores_on_one_key_share_one_grant() {
            TerraformStack stack = GcpTesting.stack();
            new MemorystoreCacheStore(stack, "Cache", GcpTesting.cache().customerManagedKey(GcpTesting.KEY).build());
            new MemorystoreWorkerStateStore(stack, "WorkerState", GcpTesting.worker().customerManagedKey(GcpTesting.KEY)
                    .build());
            JsonNode json = SynthJson.synth(stack);
            assertEquals(1, json.path("resource").path("google_kms_crypto_key_iam_member").size());
            assertEquals(1, json.path("data").path("google_project").size());
            assertTrue(json.path("data").path("google_project").elements().next().path("project_id").isMissingNode(),
                    "no project given: the provider's project");
            SynthJson.all(json, "google_redis_instance").forEach(instance ->
                    assertTrue(instance.path("depends_on").get(0).asText().startsWith("google_kms_crypto_key_iam_member.")));
        }

        @Test
        void makes_no_grant_without_a_customer_managed_key() {
            TerraformStack stack = GcpTesting.stack();
            new MemorystoreCacheStore(stack, "Cache", GcpTesting.cache().build());
            JsonNode json = SynthJson.synth(stack);
            assertTrue(json.path("resource").path("google_kms_crypto_key_iam_member").isMissingNode());
            assertTrue(json.path("data").isMissingNode());
            assertFalse(SynthJson.single(json, "google_redis_instance").has("depends_on"));
        }

        @Test
        void sets_version_window_range_project_and_labels() {
            JsonNode instance = synth(GcpTesting.cache().redisVersion(MemorystoreRedisVersion.REDIS_7_0)
                    .maintenanceWindow(new MaintenanceWindow(DayOfWeek.TUESDAY, 22)).reservedIpRange("memorystore")
                    .project("acme-other").putLabel("team", "platform").build());
            assertEquals("REDIS_7_0", instance.path("redis_version").asText());
            JsonNode window = instance.path("maintenance_policy").path("weekly_maintenance_window").get(0);
            assertEquals("TUESDAY", window.path("day").asText());
            assertEquals(22, window.path("start_time").path("hours").asInt());
            assertEquals("memorystore", instance.path("reserved_ip_range").asText());
            assertEquals("acme-other", instance.path("project").asText());
            assertEquals("platform", instance.path("labels").path("team").asText());
        }

        @Test
        void runs_basic_tier_with_a_written_exemption_and_lists_it() {
            MemorystoreCacheStoreProps props = GcpTesting.cache().tier(MemorystoreTier.BASIC)
                    .alternativeLocationId(null).haExemptionReason("dev project; a cold cache costs only warm-up")
                    .build();
            TerraformStack stack = GcpTesting.stack();
            MemorystoreCacheStore store = new MemorystoreCacheStore(stack, "Cache", props);
            JsonNode instance = SynthJson.single(SynthJson.synth(stack), "google_redis_instance");
            assertEquals("BASIC", instance.path("tier").asText());
            assertFalse(instance.has("alternative_location_id"));
            assertEquals(List.of("high-availability relaxed (STANDALONE, 1 node(s), zone spread off): dev project;"
                    + " a cold cache costs only warm-up"), store.exemptions());
        }

        @Test
        void lets_google_choose_both_zones_when_none_is_given() {
            JsonNode instance = synth(GcpTesting.cache().locationId(null).alternativeLocationId(null).build());
            assertFalse(instance.has("location_id"));
            assertFalse(instance.has("alternative_location_id"));
            assertEquals("STANDARD_HA", instance.path("tier").asText());
        }

        @Test
        void to_builder_round_trips() {
            MemorystoreCacheStoreProps props = GcpTesting.cache().customerManagedKey(GcpTesting.KEY)
                    .putLabel("team", "platform").build();
            assertEquals(props, props.toBuilder().build());
        }
    }

    @Nested
    class Validation {
        static Stream<Arguments> invalid() {
            return Stream.of(
                    Arguments.of("BASIC tier without an exemption (production)",
                            GcpTesting.cache().tier(MemorystoreTier.BASIC).alternativeLocationId(null),
                            WHO + "topology STANDALONE has no failover; use a replicated topology with at least 2"
                                    + " nodes, or record a high-availability exemption with its reason"
                                    + " (development only)"),
                    Arguments.of("AUTH off", GcpTesting.cache().authEnabled(false),
                            WHO + "authEnabled must be true, got false; clients must authenticate with a password"
                                    + " or ACL user"),
                    Arguments.of("TLS off", GcpTesting.cache().transitEncryptionEnabled(false),
                            WHO + "tlsEnabled must be true, got false; TLS in transit is required for both roles"),
                    Arguments.of("cluster mode (Memorystore for Redis Cluster)",
                            GcpTesting.cache().service(MemorystoreService.REDIS_CLUSTER),
                            "cache store (memorystore-redis-cluster): topology CLUSTER is not allowed: the platform"
                                    + " isolates services by DB number and Redis Cluster has only DB 0; use a"
                                    + " replicated (primary + replicas) cache"),
                    Arguments.of("persistence on the cache",
                            GcpTesting.cache().rdbSnapshotPeriod(RdbSnapshotPeriod.SIX_HOURS),
                            WHO + "persistence must be off for the cache, got RDB_SNAPSHOTS; remove the persistence"
                                    + " settings (appendonly no, save \"\")"),
                    Arguments.of("noeviction on the cache", GcpTesting.cache().evictionPolicy(EvictionPolicy.NOEVICTION),
                            WHO + "evictionPolicy must be allkeys-lru or volatile-lru, got noeviction; a full cache"
                                    + " must evict, not reject writes"),
                    Arguments.of("Memorystore for Valkey (IAM auth only)",
                            GcpTesting.cache().service(MemorystoreService.VALKEY),
                            "cache store (memorystore-valkey): service VALKEY (google_memorystore_instance) cannot"
                                    + " serve the platform's connection URL: the provider schema offers only"
                                    + " authorization_mode AUTH_DISABLED or IAM_AUTH; IAM authentication expects a"
                                    + " short-lived IAM access token (one hour) as the AUTH password, which a URL"
                                    + " written once into the connection Secret cannot carry, and disabled"
                                    + " authentication breaks the auth requirement; use service REDIS (Memorystore"
                                    + " for Redis with auth_enabled and its AUTH string)"),
                    Arguments.of("replica in the primary's zone",
                            GcpTesting.cache().alternativeLocationId("us-central1-a"),
                            WHO + "alternativeLocationId must be a different zone from locationId, got us-central1-a"
                                    + " for both; the replica must survive a zone outage"),
                    Arguments.of("alternative zone on BASIC",
                            GcpTesting.cache().tier(MemorystoreTier.BASIC).haExemptionReason("development only here"),
                            WHO + "alternativeLocationId applies only to tier STANDARD_HA, got tier BASIC; remove it"
                                    + " or use STANDARD_HA"),
                    Arguments.of("alternative zone without a primary zone", GcpTesting.cache().locationId(null),
                            WHO + "alternativeLocationId 'us-central1-b' needs locationId (the primary's zone); set"
                                    + " both or neither"),
                    Arguments.of("zone outside the region", GcpTesting.cache().locationId("europe-west1-b"),
                            WHO + "zone 'europe-west1-b' is not in region us-central1; use zones such as"
                                    + " us-central1-a"),
                    Arguments.of("instance name with capitals", GcpTesting.cache().name("Suprsend_Cache"),
                            WHO + "name must be 1-40 lowercase letters, digits or hyphens, starting with a letter"
                                    + " and not ending with a hyphen, got 'Suprsend_Cache'"),
                    Arguments.of("network given as a short name", GcpTesting.cache().authorizedNetwork("platform"),
                            WHO + "authorizedNetwork must be the full name of the environment's VPC,"
                                    + " projects/<project>/global/networks/<network>, got 'platform'; only that VPC"
                                    + " can reach the store"),
                    Arguments.of("memory above 300 GB", GcpTesting.cache().memorySizeGb(301),
                            WHO + "memorySizeGb must be between 1 and 300, got 301"),
                    Arguments.of("CMEK in another region", GcpTesting.cache().customerManagedKey(
                                    "projects/acme-prod/locations/europe-west1/keyRings/r/cryptoKeys/k"),
                            WHO + "customerManagedKey must be in the instance's region us-central1, got a key in"
                                    + " europe-west1; create the key ring in us-central1"),
                    Arguments.of("CMEK that is not a key name", GcpTesting.cache().customerManagedKey("my-key"),
                            WHO + "customerManagedKey must be a KMS key name,"
                                    + " projects/<p>/locations/<region>/keyRings/<ring>/cryptoKeys/<key>, got 'my-key'"),
                    Arguments.of("label with capitals", GcpTesting.cache().putLabel("Team", "x"),
                            WHO + "labels: label key 'Team' is not a Google Cloud label key: 1-63 lowercase letters,"
                                    + " digits, '_' and '-', starting with a lowercase letter (rules: "
                                    + GcpLabels.RULES_PAGE + ")"),
                    Arguments.of("label value with a dot", GcpTesting.cache().putLabel("kvstores-environment", "prod.eu"),
                            WHO + "labels: label 'kvstores-environment' has the value 'prod.eu', which is not a Google"
                                    + " Cloud label value: at most 63 lowercase letters, digits, '_' and '-' (rules: "
                                    + GcpLabels.RULES_PAGE + ")"));
        }

        @ParameterizedTest(name = "fails when {0}")
        @MethodSource("invalid")
        void fails_with_a_message_naming_field_value_and_fix(String description,
                                                            MemorystoreCacheStoreProps.Builder props, String message) {
            StoreConfigException e = assertThrows(StoreConfigException.class,
                    () -> new MemorystoreCacheStore(GcpTesting.stack(), "Cache", props.build()));
            assertEquals(message, e.getMessage());
        }

        @Test
        void names_every_backend_problem_of_the_store_in_one_exception() {
            StoreConfigException e = assertThrows(StoreConfigException.class, () -> new MemorystoreCacheStore(
                    GcpTesting.stack(), "Cache", GcpTesting.cache().name("Suprsend_Cache").memorySizeGb(301)
                            .putLabel("Team", "x").build()));
            assertEquals("InstanceName", e.code());
            assertEquals(WHO + "name must be 1-40 lowercase letters, digits or hyphens, starting with a letter and not"
                    + " ending with a hyphen, got 'Suprsend_Cache'; and memorySizeGb must be between 1 and 300, got"
                    + " 301; and labels: label key 'Team' is not a Google Cloud label key: 1-63 lowercase letters,"
                    + " digits, '_' and '-', starting with a lowercase letter (rules: " + GcpLabels.RULES_PAGE + ")",
                    e.getMessage());
        }

        @Test
        void checks_zones_and_key_against_the_region_only_when_the_region_is_valid() {
            StoreConfigException e = assertThrows(StoreConfigException.class, () -> new MemorystoreCacheStore(
                    GcpTesting.stack(), "Cache", GcpTesting.cache().region("Central").customerManagedKey(
                            "projects/acme-prod/locations/europe-west1/keyRings/r/cryptoKeys/k").build()));
            assertEquals("Region", e.code());
            assertEquals(WHO + "region must be a GCP region such as us-central1, got 'Central'", e.getMessage());
        }

        @Test
        void fails_with_a_stable_code_for_valkey() {
            StoreConfigException e = assertThrows(StoreConfigException.class, () -> new MemorystoreCacheStore(
                    GcpTesting.stack(), "Cache", GcpTesting.cache().service(MemorystoreService.VALKEY).build()));
            assertEquals("MemorystoreAuthMode", e.code());
        }
    }
}
