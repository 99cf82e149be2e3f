package dev.kvstores.kubernetes;

import static dev.kvstores.testing.SynthJson.at;
import static dev.kvstores.testing.SynthJson.helmValues;
import static dev.kvstores.testing.SynthJson.single;
import static dev.kvstores.testing.SynthJson.synth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.kvstores.StoreConfigException;
import dev.kvstores.connection.ConnectionUrls;
import dev.kvstores.role.StoreRole;
import dev.kvstores.role.Topology;
import dev.kvstores.testing.SynthJson;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BitnamiRedisWorkerStateStoreTest {

    private static BitnamiRedisWorkerStateStoreProps.Builder props() {
        return BitnamiRedisWorkerStateStoreProps.builder().namespace("redis-state").addAllowedNamespace("suprsend")
                .storageClass("premium-rwo");
    }

    @Nested
    class Defaults {
        private final TerraformStack stack = SynthJson.stack();
        private final BitnamiRedisWorkerStateStore store =
                new BitnamiRedisWorkerStateStore(stack, "WorkerState", props().build());
        private final JsonNode release = single(synth(stack), "helm_release");
        private final Map<String, Object> values = helmValues(release);

        @Test
        void renders_aof_everysec_with_rdb_preamble_no_save_schedule_noeviction_at_half_the_limit() {
            assertEquals("maxmemory 4096mb\nmaxmemory-policy noeviction\nappendonly yes\nappendfsync everysec\n"
                    + "aof-use-rdb-preamble yes\nauto-aof-rewrite-percentage 100\nauto-aof-rewrite-min-size 1024mb\n"
                    + "save \"\"\nrepl-diskless-sync yes\nrepl-diskless-sync-delay 5\ntimeout 0\n",
                    at(values, "commonConfiguration"));
        }

        @Test
        void reports_the_dataset_it_holds_after_the_fork_headroom() {
            assertTrue(store.memoryHeadroom().startsWith("maxmemory 4096 MiB of the 8192 MiB limit (50%): holds about"
                    + " 4 GiB of data; the other 4096 MiB are the headroom of one fork"), store.memoryHeadroom());
        }

        @Test
        void keeps_data_on_the_ssd_storage_class_sized_from_the_preset() {
            assertEquals(true, at(values, "replica.persistence.enabled"));
            assertEquals("premium-rwo", at(values, "replica.persistence.storageClass"));
            assertEquals("50Gi", at(values, "replica.persistence.size"));
        }

        @Test
        void prevents_terraform_from_destroying_the_release() {
            assertTrue(release.path("lifecycle").path("prevent_destroy").asBoolean());
        }

        @Test
        void publishes_a_url_with_db_zero() {
            assertEquals(Topology.REPLICATED, store.topology());
            assertEquals("rediss://suprsend-worker:pw@redis-state-master.redis-state.svc.cluster.local:6379/0",
                    ConnectionUrls.url(StoreRole.WORKER_STATE, store.connectionInfo(), "pw"));
        }
    }

    @Nested
    class ClusterTopology {
        private final TerraformStack stack = SynthJson.stack();
        private final BitnamiRedisWorkerStateStore store = new BitnamiRedisWorkerStateStore(stack, "WorkerState",
                props().topology(Topology.CLUSTER).build());
        private final JsonNode release = single(synth(stack), "helm_release");
        private final Map<String, Object> values = helmValues(release);

        @Test
        void uses_the_redis_cluster_chart_with_six_nodes() {
            assertEquals("redis-cluster", release.path("chart").asText());
            assertEquals("13.0.5", release.path("version").asText());
            assertEquals(6, at(values, "cluster.nodes"));
            assertEquals("hard", at(values, "redis.podAntiAffinityPreset"));
            assertEquals(true, at(values, "persistence.enabled"));
            assertTrue(String.valueOf(at(values, "redis.configmap")).contains("appendfsync everysec"));
        }

        @Test
        void publishes_a_url_without_a_database_number_as_the_platform_acl_user() {
            assertEquals("suprsend-worker", store.connectionInfo().username());
            assertEquals("rediss://suprsend-worker:pw@redis-state.redis-state.svc.cluster.local:6379",
                    ConnectionUrls.url(StoreRole.WORKER_STATE, store.connectionInfo(), "pw"));
        }
    }

    @Nested
    class Validation {
        @Test
        void fails_when_a_cluster_has_fewer_than_six_nodes() {
            StoreConfigException e = assertThrows(StoreConfigException.class, () -> new BitnamiRedisWorkerStateStore(
                    SynthJson.stack(), "W", props().topology(Topology.CLUSTER).nodes(4).build()));
            assertEquals("worker-state store (bitnami-redis-cluster): a Redis Cluster needs an even number of"
                    + " nodes, at least 6 (3 primaries with 1 replica each), got 4", e.getMessage());
        }

        @Test
        void fails_when_the_storage_class_is_not_a_name() {
            StoreConfigException e = assertThrows(StoreConfigException.class, () -> new BitnamiRedisWorkerStateStore(
                    SynthJson.stack(), "W", props().storageClass("Fast SSD").build()));
            assertEquals("worker-state store (bitnami-redis): storageClass must be a DNS label of at most 53"
                    + " characters (lowercase letters, digits, '-'), got 'Fast SSD'", e.getMessage());
        }

        @Test
        void fails_when_the_backup_cronjob_named_after_the_release_would_be_too_long() {
            WorkerStateBackupProps backup = WorkerStateBackupProps.builder().environmentName("prod")
                    .destination(BackupDestination.s3("backups", "eu-west-1"))
                    .encryptionKeySecretName("kvstores-backup-age")
                    .image("registry.example.com/kvstores/worker-state-backup:1.0.0")
                    .credentialsSecretName("backup-s3").build();
            StoreConfigException e = assertThrows(StoreConfigException.class, () -> new BitnamiRedisWorkerStateStore(
                    SynthJson.stack(), "W", props().releaseName("w".repeat(46)).backup(backup).build()));
            assertEquals("worker-state store (bitnami-redis): releaseName '" + "w".repeat(46) + "' has 46 characters,"
                    + " at most 45 here: the backup CronJob '" + "w".repeat(46) + "-backup' must be at most 52"
                    + " characters (a StatefulSet's pods carry its name and a 10-character hash in a 63-character"
                    + " label; a CronJob's Jobs add 11); shorten releaseName", e.getMessage());
            assertEquals("NameTooLong", e.code());
        }

        @Test
        void a_redis_cluster_release_may_use_the_whole_statefulset_name() {
            new BitnamiRedisWorkerStateStore(SynthJson.stack(), "W", props().topology(Topology.CLUSTER)
                    .releaseName("w".repeat(52)).build());
            StoreConfigException e = assertThrows(StoreConfigException.class, () -> new BitnamiRedisWorkerStateStore(
                    SynthJson.stack(), "W", props().topology(Topology.CLUSTER).releaseName("w".repeat(53)).build()));
            assertEquals("NameTooLong", e.code());
        }

        @Test
        void fails_when_a_single_node_has_no_exemption() {
            StoreConfigException e = assertThrows(StoreConfigException.class, () -> new BitnamiRedisWorkerStateStore(
                    SynthJson.stack(), "W", props().nodes(1).build()));
            assertEquals("HighAvailability", e.code());
        }

        @Test
        void names_every_backend_problem_of_the_store_in_one_exception() {
            StoreConfigException e = assertThrows(StoreConfigException.class, () -> new BitnamiRedisWorkerStateStore(
                    SynthJson.stack(), "W", props().topology(Topology.CLUSTER).nodes(4).storageClass("Fast SSD")
                            .haExemptionReason("one small development cluster").build()));
            assertEquals("InvalidName", e.code());
            assertEquals("worker-state store (bitnami-redis-cluster): storageClass must be a DNS label of at most 53"
                    + " characters (lowercase letters, digits, '-'), got 'Fast SSD'; and a Redis Cluster needs an even"
                    + " number of nodes, at least 6 (3 primaries with 1 replica each), got 4; and a Redis Cluster is"
                    + " highly available by construction; remove the high-availability exemption", e.getMessage());
        }
    }
}
