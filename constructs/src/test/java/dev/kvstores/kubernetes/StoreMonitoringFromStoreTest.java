package dev.kvstores.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.Testing;
import dev.kvstores.role.StoreRole;
import dev.kvstores.role.Topology;
import dev.kvstores.testing.SynthJson;
import org.junit.jupiter.api.Test;

/** Issue 22 item 6: the alerts take what the store knows; ClusterProviders configures the providers of an own app. */
class StoreMonitoringFromStoreTest {

    @Test
    void a_sentinel_worker_store_gives_its_namespace_release_replicas_and_persistence() {
        TerraformStack stack = SynthJson.stack();
        BitnamiRedisWorkerStateStore store = new BitnamiRedisWorkerStateStore(stack, "WorkerState",
                BitnamiRedisWorkerStateStoreProps.builder().namespace("state-ns").releaseName("state-rel")
                        .addAllowedNamespace("suprsend").storageClass("premium-rwo").nodes(3).rdbSnapshots(true)
                        .build());
        StoreMonitoringProps props = store.monitoring().build();
        assertEquals(StoreRole.WORKER_STATE, props.role());
        assertEquals("state-ns", props.namespace());
        assertEquals("state-rel", props.storeName());
        assertEquals(2, props.expectedReplicas());
        assertTrue(props.aofEnabled() && props.rdbEnabled() && props.maxmemoryEnabled());
        BitnamiRedisWorkerStateStore withoutRdb = new BitnamiRedisWorkerStateStore(stack, "Other",
                BitnamiRedisWorkerStateStoreProps.builder().namespace("other").addAllowedNamespace("suprsend")
                        .storageClass("premium-rwo").build());
        assertFalse(withoutRdb.monitoring().build().rdbEnabled());
    }

    @Test
    void a_redis_cluster_expects_one_replica_per_primary_and_kvrocks_no_maxmemory_or_aof() {
        TerraformStack stack = SynthJson.stack();
        BitnamiRedisWorkerStateStore cluster = new BitnamiRedisWorkerStateStore(stack, "WorkerState",
                BitnamiRedisWorkerStateStoreProps.builder().namespace("state").addAllowedNamespace("suprsend")
                        .storageClass("premium-rwo").topology(Topology.CLUSTER).nodes(6).build());
        assertEquals(3, cluster.monitoring().build().expectedReplicas());
        KvrocksWorkerStateStore kvrocks = new KvrocksWorkerStateStore(stack, "Kvrocks",
                KvrocksWorkerStateStoreProps.builder().namespace("kv").addAllowedNamespace("suprsend")
                        .storageClass("premium-rwo").tlsSecretName("kvrocks-tls").createNamespace(false)
                        .haExemptionReason("one node is enough for this dev cluster").build());
        StoreMonitoringProps props = kvrocks.monitoring().build();
        assertEquals(0, props.expectedReplicas());
        assertFalse(props.maxmemoryEnabled() || props.aofEnabled() || props.rdbEnabled());
    }

    @Test
    void alerts_of_a_cache_are_its_own_rule_applied_after_its_release() {
        TerraformStack stack = SynthJson.stack();
        BitnamiRedisCacheStore cache = new BitnamiRedisCacheStore(stack, "Cache", BitnamiRedisCacheStoreProps.builder()
                .namespace("cache-ns").releaseName("cache-rel").addAllowedNamespace("suprsend").build());
        StoreAlerts alerts = StoreAlerts.of(cache);
        assertEquals("cache-ns", alerts.props().namespace());
        assertEquals(2, alerts.props().expectedReplicas()); // 3 nodes by default
        JsonNode manifest = SynthJson.single(SynthJson.synth(stack), "kubernetes_manifest");
        assertEquals("cache-rel-alerts", manifest.path("manifest").path("metadata").path("name").asText());
        assertEquals("helm_release." + cache.release().getFriendlyUniqueId(), manifest.path("depends_on").get(0).asText());
    }

    @Test
    void cluster_providers_configure_kubernetes_and_helm_for_one_context_and_random() throws Exception {
        App app = Testing.app();
        TerraformStack stack = new TerraformStack(app, "own");
        ClusterProviders.add(stack, "~/.kube/config", "my-cluster");
        JsonNode providers = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Testing.synth(stack))
                .path("provider");
        assertEquals("my-cluster", providers.path("kubernetes").get(0).path("config_context").asText());
        assertEquals("~/.kube/config", providers.path("kubernetes").get(0).path("config_path").asText());
        assertEquals("my-cluster", providers.path("helm").get(0).path("kubernetes").path("config_context").asText());
        assertTrue(providers.has("random"), providers.toString());
    }
}
