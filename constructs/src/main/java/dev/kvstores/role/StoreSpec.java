package dev.kvstores.role;

import java.util.Objects;

/**
 * The backend-neutral facts about a store that {@link RoleContract} checks. Each backend derives one from
 * its props before creating any resource.
 *
 * @param role               the role
 * @param backend            backend name for messages, e.g. {@code bitnami-redis}
 * @param topology           node arrangement
 * @param nodes              total data nodes (primary + replicas; for a cluster, all shards' nodes)
 * @param minimumNodes       the backend's minimum for high availability (e.g. 3 for Sentinel: 1 primary, 2 replicas)
 * @param zoneSpread         true when nodes are spread across zones (hard anti-affinity, Multi-AZ, zonal HA tier)
 * @param tlsEnabled         TLS in transit required by the endpoint
 * @param authEnabled        clients must authenticate
 * @param privateNetworking  only the platform's networks/namespaces can reach the endpoint
 * @param evictionPolicy     {@code maxmemory-policy}
 * @param durability         what survives restarts
 * @param haExemptionReason  written reason for running without high availability (dev only); {@code null}
 *                           when high availability is enforced
 */
public record StoreSpec(
        StoreRole role,
        String backend,
        Topology topology,
        int nodes,
        int minimumNodes,
        boolean zoneSpread,
        boolean tlsEnabled,
        boolean authEnabled,
        boolean privateNetworking,
        EvictionPolicy evictionPolicy,
        Durability durability,
        String haExemptionReason) {

    public StoreSpec {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(evictionPolicy, "evictionPolicy");
        Objects.requireNonNull(durability, "durability");
    }
}
