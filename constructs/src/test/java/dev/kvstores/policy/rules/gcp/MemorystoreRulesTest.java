package dev.kvstores.policy.rules.gcp;

import dev.kvstores.gcp.GcpMonitoring;
import dev.kvstores.gcp.MemorystoreAlerts;
import dev.kvstores.role.StoreRole;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.google.provider.GoogleProvider;
import dev.kvstores.naming.GcpLabels;
import dev.kvstores.gcp.MemorystoreBackupProps;
import dev.kvstores.gcp.MemorystoreCacheStore;
import dev.kvstores.gcp.MemorystoreCacheStoreProps;
import dev.kvstores.gcp.MemorystoreTier;
import dev.kvstores.gcp.MemorystoreWorkerStateStore;
import dev.kvstores.gcp.MemorystoreWorkerStateStoreProps;
import dev.kvstores.policy.Compliance;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.policy.PolicyReport;
import dev.kvstores.policy.PolicyRule;
import dev.kvstores.policy.SynthesizedResource;
import dev.kvstores.testing.SynthJson;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MemorystoreRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PolicyContext PROD = new PolicyContext("gcp-prod", true);
    private static final PolicyContext DEV = new PolicyContext("gcp-dev", false);
    private static final String NETWORK = "projects/acme/global/networks/platform";

    /** A google_redis_instance from single-quoted JSON. */
    private static SynthesizedResource redis(String json) {
        try {
            return new SynthesizedResource("google_redis_instance", "r", JSON.readTree(json.replace('\'', '"')));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Evaluation run(PolicyRule rule, String json, PolicyContext context) {
        return rule.evaluate(redis(json), context);
    }

    @Nested
    class AuthEnabled_CKV_GCP_95 {
        private final PolicyRule rule = new MemorystoreAuthEnabled();

        @Test
        void noncompliance_1_absent() {
            assertEquals(Evaluation.nonCompliant("auth_enabled is absent (the provider's default is false)"),
                    run(rule, "{}", PROD));
        }

        @Test
        void noncompliance_2_false() {
            assertEquals(Compliance.NON_COMPLIANT, run(rule, "{'auth_enabled':false}", PROD).compliance());
        }

        @Test
        void compliance_true_or_string_true() {
            assertEquals(Compliance.COMPLIANT, run(rule, "{'auth_enabled':true}", PROD).compliance());
            assertEquals(Compliance.COMPLIANT, run(rule, "{'auth_enabled':'true'}", PROD).compliance());
        }
    }

    @Nested
    class TransitEncryption_CKV_GCP_97 {
        private final PolicyRule rule = new MemorystoreTransitEncryption();

        @Test
        void noncompliance_1_absent() {
            assertEquals(Compliance.NON_COMPLIANT, run(rule, "{}", PROD).compliance());
        }

        @Test
        void noncompliance_2_disabled() {
            assertEquals(Evaluation.nonCompliant("transit_encryption_mode is DISABLED"),
                    run(rule, "{'transit_encryption_mode':'DISABLED'}", PROD));
        }

        @Test
        void compliance() {
            assertEquals(Compliance.COMPLIANT,
                    run(rule, "{'transit_encryption_mode':'SERVER_AUTHENTICATION'}", PROD).compliance());
        }
    }

    @Nested
    class CustomerManagedKey {
        private final PolicyRule rule = new MemorystoreCustomerManagedKey();

        @Test
        void noncompliance_absent_in_production() {
            assertEquals(Compliance.NON_COMPLIANT, run(rule, "{}", PROD).compliance());
        }

        @Test
        void not_applicable_absent_in_development() {
            assertEquals(Compliance.NOT_APPLICABLE, run(rule, "{}", DEV).compliance());
        }

        @Test
        void noncompliance_malformed_where_configured() {
            assertEquals(Compliance.NON_COMPLIANT, run(rule, "{'customer_managed_key':'my-key'}", DEV).compliance());
        }

        @Test
        void compliance_key_name_or_reference() {
            assertEquals(Compliance.COMPLIANT, run(rule, "{'customer_managed_key':"
                    + "'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k'}", PROD).compliance());
            assertEquals(Compliance.COMPLIANT, run(rule,
                    "{'customer_managed_key':'${google_kms_crypto_key.k.id}'}", PROD).compliance());
        }
    }

    @Nested
    class HighAvailability {
        private final PolicyRule rule = new MemorystoreHighAvailability();

        @Test
        void noncompliance_basic_or_absent_tier_in_production() {
            assertEquals(Evaluation.nonCompliant("tier is BASIC; production needs STANDARD_HA"),
                    run(rule, "{'tier':'BASIC'}", PROD));
            assertEquals(Evaluation.nonCompliant("tier is absent (BASIC); production needs STANDARD_HA"),
                    run(rule, "{}", PROD));
        }

        @Test
        void noncompliance_replica_in_the_same_zone() {
            assertEquals(Compliance.NON_COMPLIANT, run(rule, "{'tier':'STANDARD_HA','location_id':'us-east1-b',"
                    + "'alternative_location_id':'us-east1-b'}", PROD).compliance());
        }

        @Test
        void compliance_standard_ha_and_not_applicable_in_development() {
            assertEquals(Compliance.COMPLIANT, run(rule, "{'tier':'STANDARD_HA','location_id':'us-east1-b',"
                    + "'alternative_location_id':'us-east1-c'}", PROD).compliance());
            assertEquals(Compliance.NOT_APPLICABLE, run(rule, "{'tier':'BASIC'}", DEV).compliance());
        }
    }

    @Nested
    class PrivateAccess {
        private final PolicyRule rule = new MemorystorePrivateAccess();

        @Test
        void noncompliance_default_network_or_direct_peering() {
            assertEquals(Compliance.NON_COMPLIANT, run(rule, "{'connect_mode':'PRIVATE_SERVICE_ACCESS'}", PROD)
                    .compliance());
            assertEquals(Evaluation.nonCompliant("connect_mode is absent (DIRECT_PEERING); use PRIVATE_SERVICE_ACCESS"),
                    run(rule, "{'authorized_network':'" + NETWORK + "'}", PROD));
        }

        @Test
        void compliance() {
            assertEquals(Compliance.COMPLIANT, run(rule, "{'authorized_network':'" + NETWORK + "',"
                    + "'connect_mode':'PRIVATE_SERVICE_ACCESS'}", PROD).compliance());
        }
    }

    @Nested
    class RolePersistence {
        private final PolicyRule rule = new MemorystoreRolePersistence();

        @Test
        void noncompliance_1_persistent_cache() {
            assertEquals(Evaluation.nonCompliant("cache persistence_mode is RDB; the cache keeps no data"),
                    run(rule, "{'labels':{'kvstores-role':'cache'},'redis_configs':{'maxmemory-gb':'3',"
                            + "'maxmemory-policy':'allkeys-lru'},'persistence_config':{'persistence_mode':'RDB'}}", PROD));
        }

        @Test
        void noncompliance_2_cache_eviction_not_pinned() {
            assertEquals(Compliance.NON_COMPLIANT, run(rule, "{'labels':{'kvstores-role':'cache'},"
                    + "'redis_configs':{'maxmemory-gb':'3'}}", PROD).compliance());
        }

        @Test
        void noncompliance_3_worker_without_rdb_or_evicting() {
            assertEquals(Compliance.NON_COMPLIANT, run(rule, "{'labels':{'kvstores-role':'worker-state'},"
                    + "'redis_configs':{'maxmemory-gb':'6','maxmemory-policy':'noeviction'}}", PROD).compliance());
            assertEquals(Compliance.NON_COMPLIANT, run(rule, "{'labels':{'kvstores-role':'worker-state'},"
                    + "'redis_configs':{'maxmemory-gb':'6','maxmemory-policy':'allkeys-lru'},"
                    + "'persistence_config':[{'persistence_mode':'RDB'}]}", PROD).compliance());
        }

        @Test
        void noncompliance_4_no_memory_reserve() {
            assertEquals(Compliance.NON_COMPLIANT, run(rule, "{'labels':{'kvstores-role':'cache'},"
                    + "'redis_configs':{'maxmemory-policy':'allkeys-lru'}}", PROD).compliance());
        }

        @Test
        void compliance_and_not_applicable_without_role_label() {
            assertEquals(Compliance.COMPLIANT, run(rule, "{'labels':{'kvstores-role':'worker-state'},"
                    + "'redis_configs':{'maxmemory-gb':'6','maxmemory-policy':'noeviction'},"
                    + "'persistence_config':{'persistence_mode':'RDB'}}", PROD).compliance());
            assertEquals(Compliance.NOT_APPLICABLE, run(rule, "{}", PROD).compliance());
        }
    }

    @Nested
    class Labels_KVS_GCP_LABELS {
        private final PolicyRule rule = new GcpLabelsValid();

        @Test
        void noncompliance_1_key_with_a_slash_or_capital() {
            assertEquals(Evaluation.nonCompliant("label key 'Team' is not a Google Cloud label key: 1-63 lowercase"
                    + " letters, digits, '_' and '-', starting with a lowercase letter; label key 'kvstores.dev/role' is"
                    + " not a Google Cloud label key: 1-63 lowercase letters, digits, '_' and '-', starting with a"
                    + " lowercase letter"), run(rule, "{'labels':{'kvstores.dev/role':'cache','Team':'a'}}", PROD));
        }

        @Test
        void noncompliance_2_value_too_long_or_with_a_dot() {
            assertEquals(Compliance.NON_COMPLIANT, run(rule, "{'labels':{'env':'" + "x".repeat(64) + "'}}", PROD)
                    .compliance());
            assertEquals(Evaluation.nonCompliant("label 'env' has the value 'prod.eu', which is not a Google Cloud"
                    + " label value: at most 63 lowercase letters, digits, '_' and '-'"),
                    run(rule, "{'labels':{'env':'prod.eu'}}", PROD));
        }

        @Test
        void noncompliance_3_more_than_64_labels() {
            StringBuilder labels = new StringBuilder("{'labels':{");
            for (int i = 0; i < 65; i++) {
                labels.append(i == 0 ? "" : ",").append("'l").append(i).append("':'v'");
            }
            assertEquals(Evaluation.nonCompliant("65 labels, more than Google Cloud's 64 per resource"),
                    run(rule, labels.append("}}").toString(), PROD));
        }

        @Test
        void compliance_the_labels_kvstores_writes_and_international_characters() {
            assertEquals(Compliance.COMPLIANT, run(rule, "{'labels':{'kvstores-role':'worker-state',"
                    + "'kvstores-environment':'gcp-prod','managed-by':'kvstores','équipe':'plateforme_1'}}", PROD)
                    .compliance());
            assertEquals(Compliance.NOT_APPLICABLE, run(rule, "{}", PROD).compliance());
            assertEquals("https://cloud.google.com/resource-manager/docs/creating-managing-labels#requirements",
                    GcpLabels.RULES_PAGE);
        }
    }

    @Nested
    class OverSynthesizedStores {
        private JsonNode stack(boolean cmek) {
            TerraformStack stack = SynthJson.stack();
            new GoogleProvider(stack, "Google");
            String key = cmek ? "projects/acme/locations/us-central1/keyRings/r/cryptoKeys/k" : null;
            new MemorystoreCacheStore(stack, "Cache", MemorystoreCacheStoreProps.builder().name("cache")
                    .region("us-central1").authorizedNetwork(NETWORK).customerManagedKey(key).build());
            new MemorystoreWorkerStateStore(stack, "WorkerState", MemorystoreWorkerStateStoreProps.builder()
                    .name("worker").region("us-central1").authorizedNetwork(NETWORK).customerManagedKey(key)
                    .tier(cmek ? MemorystoreTier.STANDARD_HA : MemorystoreTier.BASIC)
                    .haExemptionReason(cmek ? null : "development stack, replayable")
                    // KVS-BACKUP-REQUIRED: the production store exports nightly to a CMEK bucket.
                    .backup(cmek ? MemorystoreBackupProps.builder().environmentName("gcp-prod")
                            .bucketName("acme-gcp-prod-kvstores")
                            // KVS-ALERT-BASELINE: the export's failure alerts notify the same channel
                            .putNotificationChannelId("projects/acme/notificationChannels/1").build() : null)
                    .build());
            // The alert baseline (KVS-ALERT-BASELINE) of each instance, notifying a channel.
            GcpMonitoring monitoring = new GcpMonitoring(List.of("projects/acme/notificationChannels/1"), null, 5,
                    65000);
            new MemorystoreAlerts(stack, "CacheAlerts", StoreRole.CACHE, "cache", true, monitoring);
            new MemorystoreAlerts(stack, "WorkerAlerts", StoreRole.WORKER_STATE, "worker", cmek,
                    dev.kvstores.gcp.RdbSnapshotPeriod.ONE_HOUR, monitoring);
            return SynthJson.synth(stack);
        }

        @Test
        void production_stores_with_cmek_pass_every_rule() {
            PolicyReport report = PolicyPack.defaults().evaluate(stack(true), PROD,
                    List.of(MemorystoreBackupRulesTest.RETENTION_NOT_VERSIONING));
            assertEquals(List.of(), report.violations());
            assertEquals(17L, report.findings().stream().filter(f -> f.address().startsWith("google_redis_instance"))
                    .filter(f -> f.evaluation().compliance() == Compliance.COMPLIANT).count());
        }

        @Test
        void the_same_basic_worker_without_cmek_fails_in_production() {
            PolicyReport report = PolicyPack.defaults().evaluate(stack(false), PROD, List.of());
            assertEquals(List.of("KVS-GCP-CMEK", "KVS-GCP-CMEK", "KVS-GCP-HA", "KVS-BACKUP-REQUIRED"),
                    report.violations().stream().map(f -> f.ruleId()).toList());
            assertEquals(List.of(), PolicyPack.defaults().evaluate(stack(false), DEV, List.of()).violations());
        }
    }
}
