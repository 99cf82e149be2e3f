package dev.kvstores.kubernetes;

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
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.role.Durability;
import dev.kvstores.role.SizePreset;
import dev.kvstores.role.StoreRole;
import dev.kvstores.testing.SynthJson;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KvrocksWorkerStateStoreTest {

    private static KvrocksWorkerStateStoreProps.Builder props() {
        return KvrocksWorkerStateStoreProps.builder().namespace("redis-state").addAllowedNamespace("suprsend")
                .storageClass("premium-rwo").tlsSecretName("kvrocks-tls").createNamespace(false)
                .haExemptionReason("one node is enough for this dev cluster");
    }

    @Nested
    class Defaults {
        private final TerraformStack stack = SynthJson.stack();
        private final KvrocksWorkerStateStore store = new KvrocksWorkerStateStore(stack, "WorkerState", props().build());
        private final JsonNode json = synth(stack);
        private final JsonNode statefulSet = single(json, "kubernetes_stateful_set_v1");
        private final JsonNode pod = statefulSet.at("/spec/template/spec");
        private final JsonNode container = pod.at("/container/0");

        @Test
        void runs_the_pinned_kvrocks_image_with_its_config_from_a_secret() {
            assertEquals(KvrocksWorkerStateStoreProps.DEFAULT_IMAGE, container.path("image").asText());
            assertEquals("[\"-c\",\"/etc/kvrocks/config/kvrocks.conf\"]", container.path("args").toString());
            assertEquals("redis-state", statefulSet.at("/metadata/namespace").asText());
        }

        @Test
        void keeps_data_on_an_ssd_volume_sized_from_the_kvrocks_preset() {
            JsonNode claim = statefulSet.at("/spec/volume_claim_template/0/spec");
            assertEquals("premium-rwo", claim.path("storage_class_name").asText());
            assertEquals("200Gi", claim.at("/resources/requests/storage").asText());
        }

        @Test
        void hardens_the_container() {
            JsonNode security = container.at("/security_context");
            assertFalse(security.path("allow_privilege_escalation").asBoolean(true));
            assertTrue(security.path("read_only_root_filesystem").asBoolean());
            assertEquals("[\"ALL\"]", security.at("/capabilities/drop").toString());
            assertEquals("8192Mi", container.at("/resources/limits/memory").asText());
            assertEquals("RuntimeDefault", pod.at("/security_context/seccomp_profile/type").asText());
            assertTrue(container.at("/liveness_probe/exec/command").toString().contains("PING"),
                    "the probe speaks the protocol, not only TCP");
            assertTrue(container.at("/readiness_probe/exec/command").toString().contains("PING"));
            assertEquals("kubernetes.io/hostname", pod.at(
                    "/affinity/pod_anti_affinity/required_during_scheduling_ignored_during_execution/0/topology_key")
                    .asText());
            assertTrue(statefulSet.path("lifecycle").path("prevent_destroy").asBoolean());
        }

        @Test
        void syncs_the_write_ahead_log_and_rolls_the_pod_when_its_configuration_changes() {
            String conf = SynthJson.all(json, "kubernetes_secret_v1").get(0).path("data").path("kvrocks.conf").asText();
            assertTrue(conf.contains("rocksdb.write_options.sync yes\n"), conf);
            String checksum = statefulSet.at("/spec/template/metadata/annotations")
                    .path(KvrocksWorkerStateStore.CONFIG_CHECKSUM_ANNOTATION).asText();
            assertTrue(checksum.startsWith("${sha256(") && checksum.contains("random_password."), checksum);
        }

        @Test
        void runs_an_exporter_admitted_only_from_the_monitoring_namespace() {
            JsonNode exporter = pod.path("container").get(1);
            assertEquals("metrics", exporter.path("name").asText());
            assertTrue(exporter.path("image").asText().contains("/redis-exporter:"));
            assertEquals("128Mi", exporter.at("/resources/limits/memory").asText());
            JsonNode policy = single(json, "kubernetes_network_policy_v1").path("spec");
            String metricsRule = policy.path("ingress").get(1).toString();
            assertTrue(metricsRule.contains("\"9121\"") && metricsRule.contains("\"monitoring\""), metricsRule);
            assertEquals("[\"Ingress\",\"Egress\"]", policy.path("policy_types").toString());
        }

        @Test
        void renders_tls_and_the_password_as_a_reference() {
            JsonNode config = SynthJson.all(json, "kubernetes_secret_v1").get(0).path("data").path("kvrocks.conf");
            String conf = config.asText();
            assertTrue(conf.contains("tls-port 6666\n"), conf);
            assertTrue(conf.contains("tls-auth-clients no\n"), conf);
            assertTrue(conf.matches("(?s).*requirepass \\$\\{random_password\\.[A-Za-z0-9_]+\\.result}\n.*"), conf);
            assertTrue(conf.contains("rocksdb.block_cache_size 4096\n"), conf);
        }

        @Test
        void admits_only_the_allowed_namespaces_on_the_tls_port() {
            JsonNode ingress = single(json, "kubernetes_network_policy_v1").at("/spec/ingress/0");
            assertEquals("suprsend", ingress.at("/from/0/namespace_selector/match_labels")
                    .path("kubernetes.io/metadata.name").asText());
            assertEquals("6666", ingress.at("/ports/0/port").asText());
        }

        @Test
        void publishes_a_tls_url_with_db_zero_and_records_the_exemption() {
            assertNull(store.connectionInfo().username());
            assertEquals("rediss://:pw@kvrocks-state.redis-state.svc.cluster.local:6666/0",
                    ConnectionUrls.url(StoreRole.WORKER_STATE, store.connectionInfo(), "pw"));
            assertEquals(Durability.SSD_STORE, store.durability());
            assertEquals(1, store.exemptions().size());
        }

        @Test
        void passes_every_policy_rule() {
            assertEquals(List.of(), PolicyPack.defaults().evaluate(json, new PolicyContext("t", false), List.of())
                    .violations());
        }
    }

    @Nested
    class Validation {
        @Test
        void fails_without_a_high_availability_exemption_because_there_is_no_failover() {
            StoreConfigException e = assertThrows(StoreConfigException.class, () -> new KvrocksWorkerStateStore(
                    SynthJson.stack(), "W", props().haExemptionReason(null).build()));
            assertEquals("worker-state store (kvrocks): topology STANDALONE has no failover; use a replicated"
                    + " topology with at least 3 nodes, or record a high-availability exemption with its reason"
                    + " (development only)", e.getMessage());
        }

        @Test
        void fails_when_the_image_is_latest() {
            StoreConfigException e = assertThrows(StoreConfigException.class, () -> new KvrocksWorkerStateStore(
                    SynthJson.stack(), "W", props().image("apache/kvrocks:latest").build()));
            assertEquals("worker-state store (kvrocks): image must name a pinned tag or digest, got"
                    + " 'apache/kvrocks:latest'; use e.g. docker.io/apache/kvrocks:2.17.0", e.getMessage());
        }

        @Test
        void fails_when_the_statefulset_name_leaves_its_pods_no_room_for_the_revision_hash() {
            StoreConfigException e = assertThrows(StoreConfigException.class, () -> new KvrocksWorkerStateStore(
                    SynthJson.stack(), "W", props().name("k".repeat(53)).build()));
            assertEquals("worker-state store (kvrocks): name '" + "k".repeat(53) + "' has 53 characters, at most 52"
                    + " here: the StatefulSet '" + "k".repeat(53) + "' must be at most 52 characters (a StatefulSet's"
                    + " pods carry its name and a 10-character hash in a 63-character label; a CronJob's Jobs add"
                    + " 11); shorten name", e.getMessage());
        }

        @Test
        void fails_when_the_volume_is_empty() {
            StoreConfigException e = assertThrows(StoreConfigException.class, () -> new KvrocksWorkerStateStore(
                    SynthJson.stack(), "W", props().size(SizePreset.SMALL.workerKvrocks().withStorageGibibytes(0))
                            .build()));
            assertEquals("WorkerStorage", e.code());
        }
    }
}
