package dev.kvstores.kubernetes;

import dev.kvstores.role.RedisRoleConfig;
import dev.kvstores.role.StoreBasics;
import dev.kvstores.role.StoreRole;
import java.util.Objects;

/**
 * What a {@link BitnamiRelease} releases: the store's composed parts taken whole (each field written once, in its
 * part) plus what the store derives for the chart, set by name through {@link #builder()}. The parts' accessors
 * ({@code namespace()}, {@code releaseName()}, {@code nodes()}, {@code monitoringNamespace()} …) are inherited from
 * their {@code Part} interfaces; the constructor is the one place the spec is checked.
 */
final class BitnamiReleaseSpec
        implements KubernetesStoreCommon.Part, ServiceMonitoring.Part, BitnamiCommon.Part {

    /** Chart flavours. */
    enum Chart { REDIS, REDIS_CLUSTER }

    private final StoreRole role;
    private final Chart chart;
    private final StoreBasics basics;
    private final KubernetesStoreCommon kubernetes;
    private final ServiceMonitoring serviceMonitoring;
    private final BitnamiCommon bitnami;
    private final KubernetesWorkerStateCommon workerState;
    private final boolean sentinel;
    private final RedisRoleConfig redisConfig;

    private BitnamiReleaseSpec(Builder b) {
        this.role = Objects.requireNonNull(b.role, "role");
        this.chart = Objects.requireNonNull(b.chart, "chart");
        this.basics = Objects.requireNonNull(b.basics, "basics");
        this.kubernetes = Objects.requireNonNull(b.kubernetes, "kubernetes");
        this.serviceMonitoring = Objects.requireNonNull(b.serviceMonitoring, "serviceMonitoring");
        this.bitnami = Objects.requireNonNull(b.bitnami, "bitnami");
        this.workerState = b.workerState;
        this.sentinel = b.sentinel;
        this.redisConfig = Objects.requireNonNull(b.redisConfig, "redisConfig");
        Objects.requireNonNull(basics.name(), "releaseName");
        Objects.requireNonNull(kubernetes.size(), "size");
        if (role == StoreRole.CACHE && workerState != null) {
            throw new IllegalArgumentException("a cache release has no worker state part (volumes, backup)");
        }
    }

    static Builder builder() {
        return new Builder();
    }

    StoreRole role() {
        return role;
    }

    Chart chart() {
        return chart;
    }

    @Override
    public StoreBasics basics() {
        return basics;
    }

    @Override
    public KubernetesStoreCommon kubernetes() {
        return kubernetes;
    }

    @Override
    public ServiceMonitoring serviceMonitoring() {
        return serviceMonitoring;
    }

    @Override
    public BitnamiCommon bitnami() {
        return bitnami;
    }

    /** Replication with Sentinel (the redis chart only). */
    boolean sentinel() {
        return sentinel;
    }

    RedisRoleConfig redisConfig() {
        return redisConfig;
    }

    /** Storage class of the data volumes (the worker state part's); {@code null}: no persistence (cache). */
    String storageClass() {
        return workerState == null ? null : workerState.storageClass();
    }

    /** Terraform {@code prevent_destroy} on the release (the worker state part's; false for a cache). */
    boolean preventDestroy() {
        return workerState != null && workerState.preventDestroy();
    }

    /** Hard anti-affinity by node and topology spread across zones: unless the store is exempted from HA. */
    boolean zoneSpread() {
        return haExemptionReason() == null;
    }

    /**
     * The backup job's ACL user ({@value BitnamiRedisWorkerStateStoreProps#BACKUP_USERNAME}) when the worker state
     * part carries a backup ({@code redis}: an {@code auth.acl.users} entry; redis-cluster, whose chart has no ACL
     * users: a {@code user} line in {@code redis.configmap}); {@code null}: no backup job.
     */
    String backupUsername() {
        return workerState == null || workerState.backup() == null ? null
                : BitnamiRedisWorkerStateStoreProps.BACKUP_USERNAME;
    }

    /** The Secret holding the server certificate: the given one, the issuer's, or the chart's own. */
    String certificateSecret() {
        if (tlsSecretName() != null) {
            return tlsSecretName();
        }
        return tlsIssuer() != null ? releaseName() + "-tls" : releaseName() + "-crt";
    }

    /** Builder of {@link BitnamiReleaseSpec}: the store's parts whole, and what it derives for the chart. */
    static final class Builder {
        private StoreRole role;
        private Chart chart;
        private StoreBasics basics;
        private KubernetesStoreCommon kubernetes;
        private ServiceMonitoring serviceMonitoring;
        private BitnamiCommon bitnami;
        private KubernetesWorkerStateCommon workerState;
        private boolean sentinel;
        private RedisRoleConfig redisConfig;

        private Builder() {
        }

        Builder role(StoreRole role) {
            this.role = role;
            return this;
        }

        Builder chart(Chart chart) {
            this.chart = chart;
            return this;
        }

        /** The release name (the store's name) and the HA exemption ({@link #zoneSpread()}). */
        Builder basics(StoreBasics basics) {
            this.basics = basics;
            return this;
        }

        /** Namespace, allowed namespaces, namespace creation, egress, TLS Secret or issuer, size (with defaults). */
        Builder kubernetes(KubernetesStoreCommon kubernetes) {
            this.kubernetes = kubernetes;
            return this;
        }

        /** ServiceMonitor and the namespace admitted to the exporter. */
        Builder serviceMonitoring(ServiceMonitoring serviceMonitoring) {
            this.serviceMonitoring = serviceMonitoring;
            return this;
        }

        /** Chart repository and version, images, nodes, ACL user, password Secret, rotation (with defaults). */
        Builder bitnami(BitnamiCommon bitnami) {
            this.bitnami = bitnami;
            return this;
        }

        /** StorageClass, prevent-destroy and backup of a worker state store; unset (cache): none of them. */
        Builder workerState(KubernetesWorkerStateCommon workerState) {
            this.workerState = workerState;
            return this;
        }

        /** Replication with Sentinel (the redis chart only). */
        Builder sentinel(boolean sentinel) {
            this.sentinel = sentinel;
            return this;
        }

        /** The role's server configuration, as rendered into the chart. */
        Builder redisConfig(RedisRoleConfig redisConfig) {
            this.redisConfig = redisConfig;
            return this;
        }

        BitnamiReleaseSpec build() {
            return new BitnamiReleaseSpec(this);
        }
    }
}
