package dev.kvstores.kubernetes;

import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.SizePreset;
import dev.kvstores.role.StoreBasics;
import dev.kvstores.role.StoreSize;
import dev.kvstores.role.Topology;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Props of {@link BitnamiRedisWorkerStateStore}: the shared parts plus the worker state store's own fields.
 * Accessors of the parts ({@code releaseName()}, {@code namespace()}, {@code storageClass()} …) are inherited from
 * their {@code Part} interfaces.
 *
 * @param basics            release name (builder method {@code releaseName}; also the chart's fullname; default
 *                          {@code redis-state}) and high-availability exemption (dev only); see
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
        Builder b = new Builder();
        b.basics = basics.toBuilder();
        b.kubernetes = kubernetes.toBuilder();
        b.serviceMonitoring = serviceMonitoring.toBuilder();
        b.bitnami = bitnami.toBuilder();
        b.workerState = workerState.toBuilder();
        b.topology = topology;
        b.rdbSnapshots = rdbSnapshots;
        return b;
    }

    /** Builder of {@link BitnamiRedisWorkerStateStoreProps}; unset fields take the documented defaults. */
    public static final class Builder {
        private StoreBasics.Builder basics = StoreBasics.builder();
        private KubernetesStoreCommon.Builder kubernetes = KubernetesStoreCommon.builder();
        private ServiceMonitoring.Builder serviceMonitoring = ServiceMonitoring.builder();
        private BitnamiCommon.Builder bitnami = BitnamiCommon.builder();
        private KubernetesWorkerStateCommon.Builder workerState = KubernetesWorkerStateCommon.builder();
        private Topology topology;
        private boolean rdbSnapshots;

        private Builder() {
        }

        public Builder namespace(String value) { kubernetes.namespace(value); return this; }
        public Builder allowedNamespaces(List<String> value) { kubernetes.allowedNamespaces(value); return this; }
        public Builder addAllowedNamespace(String value) { kubernetes.addAllowedNamespace(value); return this; }
        public Builder createNamespace(boolean value) { kubernetes.createNamespace(value); return this; }
        public Builder egress(ClusterEgress value) { kubernetes.egress(value); return this; }
        public Builder tlsSecretName(String value) { kubernetes.tlsSecretName(value); return this; }
        public Builder tlsIssuer(CertificateIssuer value) { kubernetes.tlsIssuer(value); return this; }
        public Builder size(StoreSize value) { kubernetes.size(value); return this; }
        public Builder haExemptionReason(String value) { basics.haExemptionReason(value); return this; }
        public Builder serviceMonitorEnabled(boolean value) { serviceMonitoring.serviceMonitorEnabled(value); return this; }
        public Builder serviceMonitorLabels(Map<String, String> value) { serviceMonitoring.serviceMonitorLabels(value); return this; }
        public Builder monitoringNamespace(String value) { serviceMonitoring.monitoringNamespace(value); return this; }
        public Builder releaseName(String value) { basics.name(value); return this; }
        public Builder chartRepository(String value) { bitnami.chartRepository(value); return this; }
        public Builder chartVersion(String value) { bitnami.chartVersion(value); return this; }
        public Builder images(BitnamiImages value) { bitnami.images(value); return this; }
        public Builder nodes(int value) { bitnami.nodes(value); return this; }
        public Builder aclUsername(String value) { bitnami.aclUsername(value); return this; }
        public Builder passwordSecretName(String value) { bitnami.passwordSecretName(value); return this; }
        public Builder credentialRotation(CredentialRotation value) { bitnami.credentialRotation(value); return this; }
        public Builder storageClass(String value) { workerState.storageClass(value); return this; }
        public Builder preventDestroy(boolean value) { workerState.preventDestroy(value); return this; }
        public Builder backup(WorkerStateBackupProps value) { workerState.backup(value); return this; }
        public Builder topology(Topology value) { this.topology = value; return this; }
        public Builder rdbSnapshots(boolean value) { this.rdbSnapshots = value; return this; }

        public BitnamiRedisWorkerStateStoreProps build() {
            return new BitnamiRedisWorkerStateStoreProps(basics.build(), kubernetes.build(),
                    serviceMonitoring.build(), bitnami.build(), workerState.build(), topology, rdbSnapshots);
        }
    }
}
