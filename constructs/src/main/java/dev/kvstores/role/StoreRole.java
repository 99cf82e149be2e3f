package dev.kvstores.role;

/**
 * The two roles a Redis-compatible store plays for the notification platform (vendor guide, "Architecture").
 *
 * <p>Each role fixes the connection Secret key and environment variable the platform reads, whether the URL
 * carries a database number, and the eviction and persistence rules enforced by {@link RoleContract}.
 */
public enum StoreRole {
    /** Idempotency keys and short-lived data; services are isolated by DB number, so never cluster mode. */
    CACHE("cache", "redisConnBaseUrlKey", "REDIS_CONN_BASE_URL"),
    /** Queue/worker progress and workflow step state; durable. */
    WORKER_STATE("worker-state", "redisWorkercacheConnUrlKey", "REDIS_WORKERCACHE_CONN_URL");

    /**
     * Kubernetes label key naming a resource's role; the policy rules read it back. Cloud resources carry their
     * cloud's own key: {@code AwsTags.ROLE}, {@code GcpLabels.ROLE}, {@code AzureTags.ROLE}.
     */
    public static final String LABEL_KEY = "kvstores.dev/role";

    private final String label;
    private final String secretKey;
    private final String environmentVariable;

    StoreRole(String label, String secretKey, String environmentVariable) {
        this.label = label;
        this.secretKey = secretKey;
        this.environmentVariable = environmentVariable;
    }

    /** Short kebab-case name used in labels, resource names and messages ({@code cache}, {@code worker-state}). */
    public String label() {
        return label;
    }

    /** Key of this role's URL in the platform's Kubernetes Secret. */
    public String secretKey() {
        return secretKey;
    }

    /** Environment variable the platform's services read the URL from. */
    public String environmentVariable() {
        return environmentVariable;
    }
}
