package dev.kvstores.gcp;

/**
 * Service tier of a Memorystore for Redis instance ({@code google_redis_instance.tier}).
 */
public enum MemorystoreTier {
    /** One node, no replica, no failover. Allowed only with a written high-availability exemption (dev). */
    BASIC,
    /**
     * A primary and a replica in two zones of the region ({@code location_id} and {@code alternative_location_id})
     * with automatic failover. The default.
     */
    STANDARD_HA;

    /** Data nodes of the tier: 2 for STANDARD_HA (primary + replica), 1 for BASIC. */
    public int nodes() {
        return this == STANDARD_HA ? 2 : 1;
    }
}
