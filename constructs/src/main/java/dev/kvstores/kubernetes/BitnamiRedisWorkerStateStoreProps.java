package dev.kvstores.kubernetes;

import dev.kvstores.role.SizePreset;
import dev.kvstores.role.StoreBasics;
import dev.kvstores.role.Topology;
import java.util.Objects;

/**
 * Props of {@link BitnamiRedisWorkerStateStore}: the shared parts plus the worker state store's own fields.
 * Accessors of the parts ({@code releaseName()}, {@code namespace()}, {@code storageClass()} …) are inherited from
 * their {@code Part} interfaces.
 *
 * @param basics            release name (builder method {@code releaseName}; also the chart's fullname; a DNS
 *                          label of at most 47 characters (redis-cluster 52; with a backup 45), so that the
 *                          StatefulSet and CronJob names fit; default {@code redis-state}) and high-availability exemption (dev only); see
 *                          {@link StoreBasics}
 * @param kubernetes        namespace and allowed namespaces (required), namespace creation, egress, TLS Secret or
 *                          issuer (default: the chart generates a CA and certificate), size (default:
 *                          {@link SizePreset#SMALL} worker (2 CPU, 8 GiB, 50 GiB)); see {@link KubernetesStoreCommon}
 * @param serviceMonitoring ServiceMonitor and the namespace admitted to the exporter; see {@link ServiceMonitoring}
 * @param bitnami           chart repository and version (default {@value #DEFAULT_REDIS_CHART_VERSION} (redis) or {@value #DEFAULT_REDIS_CLUSTER_CHART_VERSION}), images, nodes (default 3 for REPLICATED, 1 primary + 2 replicas, or 6 for CLUSTER, 3 primaries with 1 replica each),
 *                          ACL user (default {@code suprsend-worker}), password Secret, credential rotation; see
 *                          {@link BitnamiCommon}
 *                          (redis-cluster: a {@code user} line of the nodes' configuration, its chart has no ACL
 *                          users)
 * @param workerState       StorageClass (required, SSD-backed), prevent-destroy, backup (adds the ACL user
 *                          {@value #BACKUP_USERNAME}); see {@link KubernetesWorkerStateCommon}
 * @param topology          {@link Topology#REPLICATED} (bitnami/redis with Sentinel) or {@link Topology#CLUSTER}
 *                          (bitnami/redis-cluster; URL without {@code /0}). Default: REPLICATED
 * @param rdbSnapshots      spaced RDB snapshots besides the AOF ({@code save 3600 1}: at most one fork an hour
 *                          more). Default: false (the AOF has an RDB preamble; each snapshot is a fork)
 */
public record BitnamiRedisWorkerStateStoreProps(
        StoreBasics basics,
        KubernetesStoreCommon kubernetes,
        ServiceMonitoring serviceMonitoring,
        BitnamiCommon bitnami,
        KubernetesWorkerStateCommon workerState,
        Topology topology,
        boolean rdbSnapshots)
        implements KubernetesStoreCommon.Part, ServiceMonitoring.Part, BitnamiCommon.Part,
        KubernetesWorkerStateCommon.Part {

    /** @see ServiceMonitoring#DEFAULT_MONITORING_NAMESPACE */
    public static final String DEFAULT_MONITORING_NAMESPACE = ServiceMonitoring.DEFAULT_MONITORING_NAMESPACE;

    /**
     * ACL user of the backup job: replication commands, {@code ROLE}, {@code PING} and (redis-cluster)
     * {@code CLUSTER NODES} only; no key, no channel.
     */
    public static final String BACKUP_USERNAME = "kvstores-backup";

    public static final String DEFAULT_REDIS_CHART_VERSION = "23.1.1";
    public static final String DEFAULT_REDIS_CLUSTER_CHART_VERSION = "13.0.5";

    public BitnamiRedisWorkerStateStoreProps {
        basics = Objects.requireNonNullElse(basics, StoreBasics.defaults()).withDefaultName("redis-state");
        kubernetes = Objects.requireNonNull(kubernetes, "kubernetes")
                .withDefaults(SizePreset.SMALL.workerRedis(), null);
        serviceMonitoring = Objects.requireNonNullElse(serviceMonitoring, ServiceMonitoring.builder().build());
        Objects.requireNonNull(workerState, "workerState");
        topology = Objects.requireNonNullElse(topology, Topology.REPLICATED);
        boolean cluster = topology == Topology.CLUSTER;
        bitnami = Objects.requireNonNullElse(bitnami, BitnamiCommon.builder().build()).withRoleDefaults(
                cluster ? DEFAULT_REDIS_CLUSTER_CHART_VERSION : DEFAULT_REDIS_CHART_VERSION, cluster ? 6 : 3,
                "suprsend-worker");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().parts(basics, kubernetes, serviceMonitoring, bitnami).topology(topology)
                .rdbSnapshots(rdbSnapshots);
        b.workerState = workerState.toBuilder();
        return b;
    }

    /**
     * Builder of {@link BitnamiRedisWorkerStateStoreProps}; unset fields take the documented defaults. The setters
     * of the shared parts ({@code namespace}, {@code releaseName}, {@code nodes} …) are inherited and return this
     * builder.
     */
    public static final class Builder extends BitnamiStoreBuilder<Builder> {
        private KubernetesWorkerStateCommon.Builder workerState = KubernetesWorkerStateCommon.builder();
        private Topology topology;
        private boolean rdbSnapshots;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder storageClass(String value) { workerState.storageClass(value); return this; }
        public Builder preventDestroy(boolean value) { workerState.preventDestroy(value); return this; }
        public Builder backup(WorkerStateBackupProps value) { workerState.backup(value); return this; }
        public Builder topology(Topology value) { this.topology = value; return this; }
        public Builder rdbSnapshots(boolean value) { this.rdbSnapshots = value; return this; }

        public BitnamiRedisWorkerStateStoreProps build() {
            return new BitnamiRedisWorkerStateStoreProps(basics(), kubernetes.build(), serviceMonitoring.build(),
                    bitnami.build(), workerState.build(), topology, rdbSnapshots);
        }
    }
}
