package dev.kvstores.role;

/**
 * How a store's nodes are arranged.
 *
 * <p>{@link #CLUSTER} shards keys and has only database 0, so it is refused for the Cache Store (which
 * isolates services by DB number) and drops the {@code /0} suffix from the Worker State URL.
 */
public enum Topology {
    /** One node, no failover. Allowed only with a recorded high-availability exemption. */
    STANDALONE,
    /** A primary with replicas and automatic failover (managed services, or Redis Sentinel). */
    REPLICATED,
    /** Redis Cluster: several primaries, each with replicas. Worker State Store only. */
    CLUSTER;

    /** True when the store runs in cluster mode (no DB numbers, no {@code /0} in URLs). */
    public boolean isClusterMode() {
        return this == CLUSTER;
    }
}
