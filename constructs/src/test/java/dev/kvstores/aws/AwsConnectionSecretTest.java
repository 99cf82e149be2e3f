package dev.kvstores.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.kvstores.StoreConfigException;
import dev.kvstores.connection.ConnectionSecret;
import dev.kvstores.connection.ConnectionSecretProps;
import dev.kvstores.role.CacheStore;
import dev.kvstores.role.WorkerStateStore;
import dev.kvstores.testing.SynthJson;
import org.junit.jupiter.api.Test;

/** The URLs the AWS stores put into the platform's connection Secret. */
class AwsConnectionSecretTest {

    private static JsonNode secretData(TerraformStack stack, CacheStore cache, WorkerStateStore worker) {
        new ConnectionSecret(stack, "ConnectionSecret", ConnectionSecretProps.builder()
                .namespace("suprsend").cache(cache).workerState(worker).build());
        JsonNode data = SynthJson.single(SynthJson.synth(stack), "kubernetes_secret_v1").path("data");
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        data.fields().forEachRemaining(e -> out.put(e.getKey(), withoutHashes(e.getValue().asText())));
        return out;
    }

    /** Logical IDs with their hash suffix replaced by {@code #}: the assertions do not pin hashes. */
    private static String withoutHashes(String value) {
        return value.replaceAll("_[0-9A-F]{8}\\b", "_#");
    }

    private static CacheStore cache(TerraformStack stack) {
        return new ElastiCacheCacheStore(stack, "Cache", ElastiCacheCacheStoreProps.builder()
                .network(AwsTesting.network()).build());
    }

    @Test
    void cache_url_has_no_db_number_and_the_elasticache_worker_url_ends_in_slash_0() {
        TerraformStack stack = AwsTesting.stack();
        WorkerStateStore worker = new ElastiCacheWorkerStateStore(stack, "WorkerState",
                ElastiCacheWorkerStateStoreProps.builder().network(AwsTesting.network()).build());
        JsonNode data = secretData(stack, cache(stack), worker);
        assertEquals("rediss://suprsend-cache:${replace(urlencode(random_password.Cache_Password_#.result),"
                + " \"+\", \"%20\")}@${aws_elasticache_replication_group.Cache_#.primary_endpoint_address}:6380",
                data.path("redisConnBaseUrlKey").asText());
        assertEquals("rediss://suprsend-worker:${replace(urlencode(random_password.WorkerState_Password_#.result),"
                + " \"+\", \"%20\")}@${aws_elasticache_replication_group.WorkerState_#.primary_endpoint_address}"
                + ":6380/0", data.path("redisWorkercacheConnUrlKey").asText());
    }

    @Test
    void cluster_mode_and_memorydb_worker_urls_use_the_configuration_endpoint_without_a_db_number() {
        TerraformStack stack = AwsTesting.stack();
        WorkerStateStore worker = new MemoryDbWorkerStateStore(stack, "WorkerState",
                MemoryDbWorkerStateStoreProps.builder().network(AwsTesting.network()).build());
        assertEquals("rediss://suprsend-worker:${replace(urlencode(random_password.WorkerState_Password_#.result),"
                + " \"+\", \"%20\")}@${aws_memorydb_cluster.WorkerState_#.cluster_endpoint[0].address}:6380",
                secretData(stack, cache(stack), worker).path("redisWorkercacheConnUrlKey").asText());

        TerraformStack clustered = AwsTesting.stack();
        WorkerStateStore sharded = new ElastiCacheWorkerStateStore(clustered, "WorkerState",
                ElastiCacheWorkerStateStoreProps.builder().network(AwsTesting.network()).clusterModeEnabled(true)
                        .shards(3).build());
        assertEquals("rediss://suprsend-worker:${replace(urlencode(random_password.WorkerState_Password_#.result),"
                + " \"+\", \"%20\")}@${aws_elasticache_replication_group.WorkerState_#"
                + ".configuration_endpoint_address}:6380",
                secretData(clustered, cache(clustered), sharded).path("redisWorkercacheConnUrlKey").asText());
    }

    @Test
    void auth_token_mode_puts_the_default_user_before_the_token() {
        TerraformStack stack = AwsTesting.stack();
        WorkerStateStore worker = new ElastiCacheWorkerStateStore(stack, "WorkerState",
                ElastiCacheWorkerStateStoreProps.builder().network(AwsTesting.network()).authMode(AuthMode.AUTH_TOKEN)
                        .build());
        assertEquals("rediss://default:${replace(urlencode(random_password.WorkerState_AuthToken_#.result),"
                + " \"+\", \"%20\")}@${aws_elasticache_replication_group.WorkerState_#.primary_endpoint_address}"
                + ":6380/0", secretData(stack, cache(stack), worker).path("redisWorkercacheConnUrlKey").asText());
    }

    @Test
    void fails_when_both_roles_use_the_same_acl_user() {
        TerraformStack stack = AwsTesting.stack();
        WorkerStateStore worker = new ElastiCacheWorkerStateStore(stack, "WorkerState",
                ElastiCacheWorkerStateStoreProps.builder().network(AwsTesting.network()).aclUsername("suprsend-cache")
                        .build());
        StoreConfigException e = assertThrows(StoreConfigException.class, () -> secretData(stack, cache(stack), worker));
        assertEquals("SharedCredentials", e.code());
    }
}
