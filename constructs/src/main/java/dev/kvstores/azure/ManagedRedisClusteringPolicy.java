package dev.kvstores.azure;

/**
 * {@code clustering_policy} of an Azure Managed Redis database. None gives DB numbers (Redis Enterprise ignores
 * {@code SELECT}), which is why the Cache Store cannot use Managed Redis; {@code SELECT 0} is accepted, so
 * {@code /0} URLs work on the single-endpoint policies.
 */
public enum ManagedRedisClusteringPolicy {
    /** One endpoint, a proxy routes keys: any Redis client works. The Worker State Store's default. */
    ENTERPRISE_CLUSTER("EnterpriseCluster", false),
    /** Redis Cluster protocol: clients must be cluster-aware; the worker URL drops {@code /0}. */
    OSS_CLUSTER("OSSCluster", true),
    /** One shard, no clustering (sizes up to 25 GB only; API 2025-07-01). */
    NO_CLUSTER("NoCluster", false);

    private final String apiName;
    private final boolean clusterProtocol;

    ManagedRedisClusteringPolicy(String apiName, boolean clusterProtocol) {
        this.apiName = apiName;
        this.clusterProtocol = clusterProtocol;
    }

    /** The value as the provider and API spell it. */
    public String apiName() {
        return apiName;
    }

    /** True when clients must speak the Redis Cluster protocol. */
    public boolean clusterProtocol() {
        return clusterProtocol;
    }

    /** Parses {@link #apiName()}; {@code null} for an unknown value. */
    public static ManagedRedisClusteringPolicy fromApiName(String name) {
        for (ManagedRedisClusteringPolicy p : values()) {
            if (p.apiName.equals(name)) {
                return p;
            }
        }
        return null;
    }
}
