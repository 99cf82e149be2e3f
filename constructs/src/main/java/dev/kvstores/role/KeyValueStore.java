package dev.kvstores.role;

import java.util.List;

/**
 * A provisioned Redis-compatible store in one of the platform's {@link StoreRole}s.
 *
 * <p>Implementations enforce {@link RoleContract} in their constructor, so an instance that exists
 * satisfies its role's invariants (or carries a recorded exemption, listed by {@link #exemptions()}).
 */
public interface KeyValueStore {

    /** The role this store plays. */
    StoreRole role();

    /** How clients reach it; feeds the connection Secret. */
    ConnectionInfo connectionInfo();

    /** What survives a node restart, in words for the synthesis report. */
    Durability durability();

    /** The report's durability line: {@link #durability()} as this store's topology makes it true. */
    default String durabilityDescription() {
        return durability().description();
    }

    /** Short description of the backend and topology, e.g. {@code bitnami/redis 23.1.1, Sentinel, 3 nodes}. */
    String description();

    /**
     * The report's memory line: the share of memory given to data (the dataset the store holds), what the rest is
     * kept for (a fork's copy-on-write, fragmentation, buffers), and the service's own guidance where it manages
     * that reserve.
     */
    default String memoryHeadroom() {
        return "not stated by this backend";
    }

    /** Relaxed invariants with their written reasons; empty when every invariant is enforced. */
    List<String> exemptions();

    /**
     * Subject alternative names ({@code DNS:...}, {@code IP:...}) the server certificate must carry when the user
     * or a cert-manager issuer provides it (in-cluster stores); empty when the service manages its certificate.
     */
    default List<String> certificateSubjectAltNames() {
        return List.of();
    }

    /**
     * What the store's own service identities may do in the platform beyond serving data (e.g. a chart's Kubernetes
     * RBAC that cannot be narrowed), one report line each; empty when nothing is granted beyond the store.
     */
    default List<String> clusterAccessNotes() {
        return List.of();
    }
}
