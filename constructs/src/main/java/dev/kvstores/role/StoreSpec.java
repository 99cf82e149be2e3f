package dev.kvstores.role;

import java.util.Objects;

/**
 * The backend-neutral facts about a store that {@link RoleContract} checks. Each backend derives one from its props
 * before creating any resource, with {@link #builder(StoreRole, String)} (every fact by name: no two booleans to
 * swap).
 *
 * @param role           the role
 * @param backend        backend name for messages, e.g. {@code bitnami-redis}
 * @param availability   topology, node counts, zone spread and the high-availability exemption
 * @param security       TLS, authentication and private networking
 * @param evictionPolicy {@code maxmemory-policy}
 * @param durability     what survives restarts
 */
public record StoreSpec(
        StoreRole role,
        String backend,
        Availability availability,
        Security security,
        EvictionPolicy evictionPolicy,
        Durability durability) {

    /**
     * How the store survives a node or zone loss.
     *
     * @param topology          node arrangement; required
     * @param nodes             total data nodes (primary + replicas; for a cluster, all shards' nodes)
     * @param minimumNodes      the backend's minimum for high availability (e.g. 3 for Sentinel: 1 primary, 2
     *                          replicas)
     * @param zoneSpread        true when nodes are spread across zones (hard anti-affinity, Multi-AZ, zonal HA tier)
     * @param haExemptionReason written reason for running without high availability (dev only); {@code null} when
     *                          high availability is enforced
     */
    public record Availability(Topology topology, int nodes, int minimumNodes, boolean zoneSpread,
                               String haExemptionReason) {
        public Availability {
            Objects.requireNonNull(topology, "topology");
        }
    }

    /**
     * Who may reach the store and how.
     *
     * @param tlsEnabled        TLS in transit required by the endpoint
     * @param authEnabled       clients must authenticate
     * @param privateNetworking only the platform's networks/namespaces can reach the endpoint
     */
    public record Security(boolean tlsEnabled, boolean authEnabled, boolean privateNetworking) {
    }

    public StoreSpec {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(availability, "availability");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(evictionPolicy, "evictionPolicy");
        Objects.requireNonNull(durability, "durability");
    }

    public Topology topology() { return availability.topology(); }
    public int nodes() { return availability.nodes(); }
    public int minimumNodes() { return availability.minimumNodes(); }
    public boolean zoneSpread() { return availability.zoneSpread(); }
    public String haExemptionReason() { return availability.haExemptionReason(); }
    public boolean tlsEnabled() { return security.tlsEnabled(); }
    public boolean authEnabled() { return security.authEnabled(); }
    public boolean privateNetworking() { return security.privateNetworking(); }

    /** A builder for a store of {@code role} on {@code backend}; every other fact is set by name. */
    public static Builder builder(StoreRole role, String backend) {
        return new Builder(role, backend);
    }

    /**
     * Builder of {@link StoreSpec}. Defaults are the contract's failing values, so that a fact a backend forgets is
     * refused rather than assumed: no TLS, no auth, no private networking, no zone spread, 0 nodes; topology,
     * eviction policy and durability are required.
     */
    public static final class Builder {
        private final StoreRole role;
        private final String backend;
        private Topology topology;
        private int nodes;
        private int minimumNodes;
        private boolean zoneSpread;
        private String haExemptionReason;
        private boolean tlsEnabled;
        private boolean authEnabled;
        private boolean privateNetworking;
        private EvictionPolicy evictionPolicy;
        private Durability durability;

        private Builder(StoreRole role, String backend) {
            this.role = role;
            this.backend = backend;
        }

        public Builder topology(Topology value) { this.topology = value; return this; }
        /** Total data nodes and the backend's minimum for high availability. */
        public Builder nodes(int total, int minimumForHighAvailability) {
            this.nodes = total;
            this.minimumNodes = minimumForHighAvailability;
            return this;
        }
        public Builder zoneSpread(boolean value) { this.zoneSpread = value; return this; }
        public Builder haExemptionReason(String value) { this.haExemptionReason = value; return this; }
        public Builder tlsEnabled(boolean value) { this.tlsEnabled = value; return this; }
        public Builder authEnabled(boolean value) { this.authEnabled = value; return this; }
        public Builder privateNetworking(boolean value) { this.privateNetworking = value; return this; }
        public Builder evictionPolicy(EvictionPolicy value) { this.evictionPolicy = value; return this; }
        public Builder durability(Durability value) { this.durability = value; return this; }

        public StoreSpec build() {
            return new StoreSpec(role, backend,
                    new Availability(topology, nodes, minimumNodes, zoneSpread, haExemptionReason),
                    new Security(tlsEnabled, authEnabled, privateNetworking), evictionPolicy, durability);
        }
    }
}
