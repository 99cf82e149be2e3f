package dev.kvstores.gcp;

/**
 * The Memorystore product behind a store.
 *
 * <p>Only {@link #REDIS} is accepted for either role. The platform's services read a fixed password from the
 * connection URL; in the google provider (6.50.0, binding 16.12.1) Memorystore for Redis Cluster offers
 * {@code authorization_mode} {@code AUTH_MODE_DISABLED} or {@code AUTH_MODE_IAM_AUTH} and Memorystore for
 * Valkey offers {@code AUTH_DISABLED} or {@code IAM_AUTH}. IAM authentication expects a short-lived IAM access
 * token (one hour) as the AUTH password, which a URL written once into a Kubernetes Secret cannot carry, and
 * disabled authentication breaks the auth requirement. The two are listed so that asking for them fails with
 * that explanation.
 */
public enum MemorystoreService {
    /** Memorystore for Redis, {@code google_redis_instance}: AUTH string, TLS on port 6378, no cluster mode. */
    REDIS("memorystore-redis", "google_redis_instance", false,
            null),
    /** Memorystore for Redis Cluster, {@code google_redis_cluster}: cluster mode, IAM authentication only. */
    REDIS_CLUSTER("memorystore-redis-cluster", "google_redis_cluster", true,
            "authorization_mode AUTH_MODE_DISABLED or AUTH_MODE_IAM_AUTH"),
    /** Memorystore for Valkey with {@code mode = CLUSTER_DISABLED}, {@code google_memorystore_instance}. */
    VALKEY("memorystore-valkey", "google_memorystore_instance", false,
            "authorization_mode AUTH_DISABLED or IAM_AUTH");

    private final String backendName;
    private final String resourceType;
    private final boolean clusterMode;
    private final String authorizationModes;

    MemorystoreService(String backendName, String resourceType, boolean clusterMode, String authorizationModes) {
        this.backendName = backendName;
        this.resourceType = resourceType;
        this.clusterMode = clusterMode;
        this.authorizationModes = authorizationModes;
    }

    /** Backend name used in messages, e.g. {@code memorystore-redis}. */
    public String backendName() {
        return backendName;
    }

    /** The Terraform resource type. */
    public String resourceType() {
        return resourceType;
    }

    /** True when the service shards keys (Redis Cluster: database 0 only). */
    public boolean clusterMode() {
        return clusterMode;
    }

    /** True when clients authenticate with a fixed password (the AUTH string), as the URL contract needs. */
    public boolean passwordAuthentication() {
        return authorizationModes == null;
    }

    /** The authorization modes the provider schema offers, for messages; {@code null} for {@link #REDIS}. */
    String authorizationModes() {
        return authorizationModes;
    }
}
