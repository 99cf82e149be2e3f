package dev.kvstores.connection;

import dev.kvstores.role.CacheStore;
import dev.kvstores.role.WorkerStateStore;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Props of {@link ConnectionSecret}.
 *
 * @param namespace   namespace of the Secret in the platform's cluster; required, not {@code default}
 * @param name        Secret name. Default: {@value #DEFAULT_NAME} (what the platform's chart reads)
 * @param cache       the Cache Store; required
 * @param workerState the Worker State Store; required, a different instance with different credentials
 * @param labels      extra labels on the Secret. Default: none
 */
public record ConnectionSecretProps(
        String namespace,
        String name,
        CacheStore cache,
        WorkerStateStore workerState,
        Map<String, String> labels) {

    /** The Secret name the platform's Helm chart expects by default. */
    public static final String DEFAULT_NAME = "suprsend-secrets";
    /** Secret key of the Cache Store's CA bundle, present when its server certificate needs one. */
    public static final String CACHE_CA_KEY = "redisConnBaseUrlCaCertKey";
    /** Secret key of the Worker State Store's CA bundle, present when its server certificate needs one. */
    public static final String WORKER_STATE_CA_KEY = "redisWorkercacheConnUrlCaCertKey";

    public ConnectionSecretProps {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(workerState, "workerState");
        name = name == null ? DEFAULT_NAME : name;
        labels = labels == null ? Map.of() : Map.copyOf(new TreeMap<>(labels));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().namespace(namespace).name(name).cache(cache).workerState(workerState).labels(labels);
    }

    /** Builder of {@link ConnectionSecretProps}. */
    public static final class Builder {
        private String namespace;
        private String name;
        private CacheStore cache;
        private WorkerStateStore workerState;
        private final Map<String, String> labels = new TreeMap<>();

        private Builder() {
        }

        public Builder namespace(String value) {
            this.namespace = value;
            return this;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder cache(CacheStore value) {
            this.cache = value;
            return this;
        }

        public Builder workerState(WorkerStateStore value) {
            this.workerState = value;
            return this;
        }

        public Builder labels(Map<String, String> value) {
            this.labels.clear();
            this.labels.putAll(value);
            return this;
        }

        public Builder putLabel(String key, String value) {
            this.labels.put(key, value);
            return this;
        }

        public ConnectionSecretProps build() {
            return new ConnectionSecretProps(namespace, name, cache, workerState, labels);
        }
    }
}
