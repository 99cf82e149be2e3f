package dev.kvstores.connection;

import static dev.kvstores.testing.SynthJson.synth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.kvstores.StoreConfigException;
import dev.kvstores.kubernetes.BitnamiRedisCacheStore;
import dev.kvstores.kubernetes.BitnamiRedisCacheStoreProps;
import dev.kvstores.kubernetes.BitnamiRedisWorkerStateStore;
import dev.kvstores.kubernetes.BitnamiRedisWorkerStateStoreProps;
import dev.kvstores.testing.SynthJson;
import org.junit.jupiter.api.Test;

class ConnectionSecretTest {

    private final TerraformStack stack = SynthJson.stack();

    private BitnamiRedisCacheStore cache(String namespace, String release) {
        return new BitnamiRedisCacheStore(stack, "Cache-" + release, BitnamiRedisCacheStoreProps.builder()
                .namespace(namespace).releaseName(release).addAllowedNamespace("suprsend").build());
    }

    private BitnamiRedisWorkerStateStore worker(String namespace, String release) {
        return new BitnamiRedisWorkerStateStore(stack, "Worker-" + release, BitnamiRedisWorkerStateStoreProps
                .builder().namespace(namespace).releaseName(release).addAllowedNamespace("suprsend")
                .storageClass("ssd").build());
    }

    private JsonNode connectionSecret(JsonNode json) {
        for (JsonNode secret : SynthJson.all(json, "kubernetes_secret_v1")) {
            if ("suprsend-secrets".equals(secret.path("metadata").path("name").asText())) {
                return secret;
            }
        }
        throw new AssertionError("no suprsend-secrets Secret");
    }

    @Test
    void writes_both_urls_and_ca_bundles_under_the_platform_keys() {
        new ConnectionSecret(stack, "ConnectionSecret", ConnectionSecretProps.builder().namespace("suprsend")
                .cache(cache("redis-cache", "redis-cache")).workerState(worker("redis-state", "redis-state")).build());
        JsonNode json = synth(stack);
        JsonNode secret = connectionSecret(json);
        assertEquals("suprsend", secret.path("metadata").path("namespace").asText());
        JsonNode data = secret.path("data");
        assertTrue(data.path("redisConnBaseUrlKey").asText().matches(
                "rediss://suprsend-cache:\\$\\{replace\\(urlencode\\(random_password\\.[A-Za-z0-9_-]+\\.result\\),"
                        + " \"\\+\", \"%20\"\\)\\}@redis-cache-master\\.redis-cache\\.svc\\.cluster\\.local:6379"),
                data.path("redisConnBaseUrlKey").asText());
        assertTrue(data.path("redisWorkercacheConnUrlKey").asText().endsWith(
                "@redis-state-master.redis-state.svc.cluster.local:6379/0"));
        assertTrue(data.path("redisConnBaseUrlCaCertKey").asText().startsWith("${data.kubernetes_secret_v1."));
        assertTrue(data.path("redisWorkercacheConnUrlCaCertKey").asText().contains("[\"ca.crt\"]"));
    }

    @Test
    void emits_sensitive_url_outputs() {
        new ConnectionSecret(stack, "ConnectionSecret", ConnectionSecretProps.builder().namespace("suprsend")
                .cache(cache("redis-cache", "redis-cache")).workerState(worker("redis-state", "redis-state")).build());
        JsonNode outputs = synth(stack).path("output");
        assertTrue(outputs.path("cache_connection_url").path("sensitive").asBoolean());
        assertTrue(outputs.path("worker_state_connection_url").path("sensitive").asBoolean());
    }

    @Test
    void fails_when_both_roles_point_at_one_endpoint() {
        BitnamiRedisCacheStore cache = cache("redis", "shared");
        BitnamiRedisWorkerStateStore worker = worker("redis", "shared");
        StoreConfigException e = assertThrows(StoreConfigException.class, () -> new ConnectionSecret(stack, "S",
                ConnectionSecretProps.builder().namespace("suprsend").cache(cache).workerState(worker).build()));
        assertEquals("the cache and worker state stores share the endpoint"
                + " shared-master.redis.svc.cluster.local:6379; the two roles need separate instances", e.getMessage());
    }

    @Test
    void fails_when_the_secret_goes_to_the_default_namespace() {
        StoreConfigException e = assertThrows(StoreConfigException.class, () -> new ConnectionSecret(stack, "S",
                ConnectionSecretProps.builder().namespace("default").cache(cache("redis-cache", "redis-cache"))
                        .workerState(worker("redis-state", "redis-state")).build()));
        assertEquals("connection secret namespace must be the platform's namespace (not empty, not 'default'),"
                + " got 'default'", e.getMessage());
    }

    @Test
    void values_snippet_names_the_global_secret_keys() {
        ConnectionSecret secret = new ConnectionSecret(stack, "ConnectionSecret", ConnectionSecretProps.builder()
                .namespace("suprsend").cache(cache("redis-cache", "redis-cache"))
                .workerState(worker("redis-state", "redis-state")).build());
        String yaml = secret.helmValuesSnippet();
        assertTrue(yaml.contains("global:\n  secret:\n"));
        assertTrue(yaml.contains("    redisConnBaseUrlKey: redisConnBaseUrlKey   #"));
        assertTrue(yaml.contains("    redisWorkercacheConnUrlKey: redisWorkercacheConnUrlKey   #"));
    }

    @Test
    void values_snippet_carries_the_secret_name_as_data_and_only_the_ca_keys_the_secret_has() throws Exception {
        ConnectionSecret secret = new ConnectionSecret(stack, "ConnectionSecret", ConnectionSecretProps.builder()
                .namespace("suprsend").name("platform-redis").cache(cache("redis-cache", "redis-cache"))
                .workerState(worker("redis-state", "redis-state")).build());
        com.fasterxml.jackson.databind.JsonNode values = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(secret.helmValuesSnippet());
        assertEquals("redisConnBaseUrlKey", values.at("/global/secret/redisConnBaseUrlKey").asText());
        assertEquals("redisWorkercacheConnUrlKey", values.at("/global/secret/redisWorkercacheConnUrlKey").asText());
        assertEquals("platform-redis", values.at("/kvstores/connectionSecret/name").asText());
        assertEquals("suprsend", values.at("/kvstores/connectionSecret/namespace").asText());
        com.fasterxml.jackson.databind.JsonNode data = new com.fasterxml.jackson.databind.ObjectMapper().readTree(com.hashicorp.cdktf.Testing.synth(stack))
                .path("resource").path("kubernetes_secret_v1");
        data = java.util.stream.StreamSupport.stream(data.spliterator(), false)
                .filter(s -> s.at("/metadata/name").asText().equals("platform-redis")).findFirst().orElseThrow()
                .path("data");
        for (com.fasterxml.jackson.databind.JsonNode ca : values.at("/kvstores/caCertificates")) {
            assertTrue(data.has(ca.path("secretKey").asText()), ca + " names a key of the Secret " + data);
            assertTrue(ca.path("file").asText().startsWith(ConnectionSecret.CA_MOUNT_PATH + "/"), ca.toString());
        }
        int caKeys = (int) java.util.stream.StreamSupport.stream(
                java.util.Spliterators.spliteratorUnknownSize(data.fieldNames(), 0), false)
                .filter(k -> k.contains("CaCert")).count();
        assertEquals(caKeys, values.at("/kvstores/caCertificates").size());
        assertTrue(caKeys > 0, "in-cluster stores with TLS carry their CA: " + data);
        assertEquals("platform-redis", values.at("/kvstores/volume/secret/secretName").asText());
    }
}
