package dev.kvstores.aws;

import dev.kvstores.StoreProblems;
import dev.kvstores.role.CredentialRotation;
import java.util.Objects;

/**
 * The fields the two ElastiCache stores (cache and worker state) share, defined once and composed into their
 * props; the props' builders delegate to {@link Builder}.
 *
 * @param engine                   engine and version. Default: {@link ElastiCacheEngine#REDIS_7_1}
 * @param nodes                    primary + replicas (per shard), 1-6; at least 2 unless high availability is
 *                                 exempted. Default: set by the role's props (cache 2, worker state 3)
 * @param multiAzEnabled           Multi-AZ with automatic failover. Default: {@code null} = on with 2+ nodes;
 *                                 {@code true} with one node is refused
 * @param clusterModeEnabled       Redis Cluster; refused for the cache (DB numbers). Default: false
 * @param transitEncryptionEnabled must stay true (TLS {@code required}). Default: true
 * @param authMode                 {@link AuthMode#RBAC} or {@link AuthMode#AUTH_TOKEN}. Default: RBAC
 * @param authTokenUpdateStrategy  AUTH token changes ({@link AuthMode#AUTH_TOKEN} only). Default: SET (see
 *                                 {@link AuthTokenUpdateStrategy} for a rotation)
 */
public record ElastiCacheCommon(
        ElastiCacheEngine engine,
        int nodes,
        Boolean multiAzEnabled,
        boolean clusterModeEnabled,
        boolean transitEncryptionEnabled,
        AuthMode authMode,
        AuthTokenUpdateStrategy authTokenUpdateStrategy) {

    public ElastiCacheCommon {
        engine = Objects.requireNonNullElse(engine, ElastiCacheEngine.REDIS_7_1);
        authMode = Objects.requireNonNullElse(authMode, AuthMode.RBAC);
        authTokenUpdateStrategy = Objects.requireNonNullElse(authTokenUpdateStrategy, AuthTokenUpdateStrategy.SET);
    }

    /** Multi-AZ as deployed: the explicit setting, else on with 2 or more nodes. */
    boolean multiAz() {
        return multiAzEnabled != null ? multiAzEnabled : nodes >= 2;
    }

    /**
     * Validates the shared fields into {@code problems}: nodes 1-6 ({@code nodesMeaning} says what they count),
     * Multi-AZ with at least 2 nodes, AUTH token only with TLS, and the rotation against the auth mode. The one
     * place these rules are checked for ElastiCache stores.
     */
    void check(String who, StoreProblems problems, String nodesMeaning, CredentialRotation rotation) {
        boolean nodesInRange = nodes >= 1 && nodes <= 6;
        if (!nodesInRange) {
            problems.add("Nodes", who + ": nodes must be between 1 and 6 (" + nodesMeaning + "), got " + nodes);
        }
        if (nodesInRange && Boolean.TRUE.equals(multiAzEnabled) && nodes < 2) {
            problems.add("MultiAzNodes", who + ": multiAzEnabled needs at least 2 nodes (a primary"
                    + " and a replica in another Availability Zone), got 1; set nodes to 2 or more");
        }
        if (authMode == AuthMode.AUTH_TOKEN && !transitEncryptionEnabled) {
            problems.add("AuthWithoutTls", who + ": authMode AUTH_TOKEN requires"
                    + " transitEncryptionEnabled; remove transitEncryptionEnabled(false)");
        }
        problems.check(() -> ElastiCacheGroup.validateRotation(who, authMode, authTokenUpdateStrategy, rotation));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().engine(engine).nodes(nodes).multiAzEnabled(multiAzEnabled)
                .clusterModeEnabled(clusterModeEnabled).transitEncryptionEnabled(transitEncryptionEnabled)
                .authMode(authMode).authTokenUpdateStrategy(authTokenUpdateStrategy);
    }

    /** Read access to the ElastiCache fields of a props record that composes them (e.g. {@code props.nodes()}). */
    public interface Part {
        /** The composed ElastiCache fields. */
        ElastiCacheCommon elastiCache();

        default ElastiCacheEngine engine() { return elastiCache().engine(); }
        default int nodes() { return elastiCache().nodes(); }
        default Boolean multiAzEnabled() { return elastiCache().multiAzEnabled(); }
        default boolean clusterModeEnabled() { return elastiCache().clusterModeEnabled(); }
        default boolean transitEncryptionEnabled() { return elastiCache().transitEncryptionEnabled(); }
        default AuthMode authMode() { return elastiCache().authMode(); }
        default AuthTokenUpdateStrategy authTokenUpdateStrategy() { return elastiCache().authTokenUpdateStrategy(); }
    }

    /** Builder of {@link ElastiCacheCommon}; unset fields take the documented defaults (nodes: 2). */
    public static final class Builder {
        private ElastiCacheEngine engine;
        private int nodes = 2;
        private Boolean multiAzEnabled;
        private boolean clusterModeEnabled;
        private boolean transitEncryptionEnabled = true;
        private AuthMode authMode;
        private AuthTokenUpdateStrategy authTokenUpdateStrategy;

        private Builder() {
        }

        public Builder engine(ElastiCacheEngine value) { this.engine = value; return this; }
        public Builder nodes(int value) { this.nodes = value; return this; }
        public Builder multiAzEnabled(Boolean value) { this.multiAzEnabled = value; return this; }
        public Builder clusterModeEnabled(boolean value) { this.clusterModeEnabled = value; return this; }
        public Builder transitEncryptionEnabled(boolean value) { this.transitEncryptionEnabled = value; return this; }
        public Builder authMode(AuthMode value) { this.authMode = value; return this; }
        public Builder authTokenUpdateStrategy(AuthTokenUpdateStrategy value) { this.authTokenUpdateStrategy = value; return this; }

        public ElastiCacheCommon build() {
            return new ElastiCacheCommon(engine, nodes, multiAzEnabled, clusterModeEnabled, transitEncryptionEnabled,
                    authMode, authTokenUpdateStrategy);
        }
    }
}
