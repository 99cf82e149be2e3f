package dev.kvstores.kubernetes;

import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.SizePreset;
import dev.kvstores.role.StoreSize;
import dev.kvstores.role.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Props of {@link BitnamiRedisWorkerStateStore}.
 *
 * @param namespace             namespace of the release; required, not {@code default}
 * @param allowedNamespaces     namespaces whose pods may connect; required, at least one
 * @param storageClass          StorageClass of the data volumes; required (an SSD-backed class)
 * @param topology              {@link Topology#REPLICATED} (bitnami/redis with Sentinel) or
 *                              {@link Topology#CLUSTER} (bitnami/redis-cluster; URL without {@code /0}).
 *                              Default: REPLICATED
 * @param releaseName           Default: {@code redis-state}
 * @param chartRepository       Default: {@value BitnamiRedisCacheStoreProps#DEFAULT_CHART_REPOSITORY}
 * @param chartVersion          Default: {@value #DEFAULT_REDIS_CHART_VERSION} (redis) or
 *                              {@value #DEFAULT_REDIS_CLUSTER_CHART_VERSION} (redis-cluster)
 * @param images                Default: {@link BitnamiImages#defaults()}
 * @param nodes                 data nodes. Default: 3 (REPLICATED: 1 primary + 2 replicas) or 6 (CLUSTER:
 *                              3 primaries with 1 replica each)
 * @param size                  per-node resources and volume. Default: {@link SizePreset#SMALL} worker
 *                              (2 CPU, 8 GiB, 50 GiB)
 * @param rdbSnapshots          spaced RDB snapshots besides the AOF ({@code save 3600 1}: at most one fork an hour
 *                              more). Default: false (the AOF has an RDB preamble; each snapshot is a fork)
 * @param aclUsername           ACL user the platform connects as (redis-cluster: a {@code user} line of the
 *                              nodes' configuration, its chart has no ACL users). Default: {@code suprsend-worker}
 * @param tlsSecretName         existing TLS Secret. Default: chart-generated CA and certificate
 * @param passwordSecretName    existing Secret in {@code namespace} with the passwords: key {@code redis-password}
 *                              (the chart's {@code default} user) and, with an ACL user, a key named after the
 *                              user. Default: passwords are generated ({@code random_password})
 * @param serviceMonitorEnabled Default: false
 * @param serviceMonitorLabels  labels on the ServiceMonitor, which the Prometheus' {@code serviceMonitorSelector}
 *                              must match (e.g. {@code release: kube-prometheus-stack}). Default: none
 * @param preventDestroy        Terraform {@code prevent_destroy} on the release. Default: true
 * @param haExemptionReason     reason for running without high availability (dev only). Default: none
 * @param monitoringNamespace   the only namespace admitted to the exporter's port 9121 (Prometheus).
 *                              Default: {@value #DEFAULT_MONITORING_NAMESPACE}
 * @param createNamespace       create the namespace (labelled Pod Security {@code restricted}) and apply
 *                              everything after it. Default: true; false adopts an existing namespace
 * @param tlsIssuer             cert-manager issuer that signs the server certificate (the store requests it).
 *                              Default: none
 * @param backup                nightly encrypted backup to object storage ({@link WorkerStateBackup}); adds the
 *                              ACL user {@value #BACKUP_USERNAME} (redis-cluster: a {@code user} line of the nodes'
 *                              configuration). Default: none (the policy
 *                              rule KVS-BACKUP-REQUIRED fails a production store without one)
 * @param credentialRotation    staged rotation of the ACL user's generated password ({@link CredentialRotation});
 *                              needs an ACL user and generated passwords. Default: none (generation 0)
 * @param egress                where the pods may connect besides the release's own pods ({@link ClusterEgress}): the
 *                              cluster DNS pods and the API server's CIDRs. Default: {@link ClusterEgress#defaults()}
 */
public record BitnamiRedisWorkerStateStoreProps(
        String namespace,
        List<String> allowedNamespaces,
        String storageClass,
        Topology topology,
        String releaseName,
        String chartRepository,
        String chartVersion,
        BitnamiImages images,
        int nodes,
        StoreSize size,
        boolean rdbSnapshots,
        String aclUsername,
        String tlsSecretName,
        String passwordSecretName,
        boolean serviceMonitorEnabled,
        Map<String, String> serviceMonitorLabels,
        boolean preventDestroy,
        String haExemptionReason,
        String monitoringNamespace,
        boolean createNamespace,
        CertificateIssuer tlsIssuer,
        WorkerStateBackupProps backup,
        CredentialRotation credentialRotation,
        ClusterEgress egress) {

    /** Namespace of the monitoring stack (Prometheus), admitted to the exporter. */
    public static final String DEFAULT_MONITORING_NAMESPACE = "monitoring";

    /**
     * ACL user of the backup job: replication commands, {@code ROLE}, {@code PING} and (redis-cluster)
     * {@code CLUSTER NODES} only; no key, no channel.
     */
    public static final String BACKUP_USERNAME = "kvstores-backup";

    public static final String DEFAULT_REDIS_CHART_VERSION = "23.1.1";
    public static final String DEFAULT_REDIS_CLUSTER_CHART_VERSION = "13.0.5";

    public BitnamiRedisWorkerStateStoreProps {
        egress = Objects.requireNonNullElse(egress, ClusterEgress.defaults());
        monitoringNamespace = Objects.requireNonNullElse(monitoringNamespace, DEFAULT_MONITORING_NAMESPACE);
        serviceMonitorLabels = Map.copyOf(Objects.requireNonNullElse(serviceMonitorLabels, Map.of()));
        Objects.requireNonNull(namespace, "namespace");
        allowedNamespaces = List.copyOf(new TreeSet<>(Objects.requireNonNull(allowedNamespaces, "allowedNamespaces")));
        Objects.requireNonNull(storageClass, "storageClass");
        topology = Objects.requireNonNullElse(topology, Topology.REPLICATED);
        releaseName = Objects.requireNonNullElse(releaseName, "redis-state");
        chartRepository = Objects.requireNonNullElse(chartRepository, BitnamiRedisCacheStoreProps.DEFAULT_CHART_REPOSITORY);
        chartVersion = Objects.requireNonNullElse(chartVersion, topology == Topology.CLUSTER
                ? DEFAULT_REDIS_CLUSTER_CHART_VERSION : DEFAULT_REDIS_CHART_VERSION);
        images = Objects.requireNonNullElse(images, BitnamiImages.defaults());
        nodes = nodes > 0 ? nodes : (topology == Topology.CLUSTER ? 6 : 3);
        size = Objects.requireNonNullElse(size, SizePreset.SMALL.workerRedis());
        aclUsername = Objects.requireNonNullElse(aclUsername, "suprsend-worker");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.namespace = namespace;
        b.allowedNamespaces.addAll(allowedNamespaces);
        b.storageClass = storageClass;
        b.topology = topology;
        b.releaseName = releaseName;
        b.chartRepository = chartRepository;
        b.chartVersion = chartVersion;
        b.images = images;
        b.nodes = nodes;
        b.size = size;
        b.rdbSnapshots = rdbSnapshots;
        b.aclUsername = aclUsername;
        b.tlsSecretName = tlsSecretName;
        b.passwordSecretName = passwordSecretName;
        b.serviceMonitorEnabled = serviceMonitorEnabled;
        b.serviceMonitorLabels.putAll(serviceMonitorLabels);
        b.preventDestroy = preventDestroy;
        b.haExemptionReason = haExemptionReason;
        b.monitoringNamespace = monitoringNamespace;
        b.createNamespace = createNamespace;
        b.tlsIssuer = tlsIssuer;
        b.backup = backup;
        b.credentialRotation = credentialRotation;
        b.egress = egress;
        return b;
    }

    /** Builder of {@link BitnamiRedisWorkerStateStoreProps}; unset fields take the documented defaults. */
    public static final class Builder {
        private String namespace;
        private final List<String> allowedNamespaces = new ArrayList<>();
        private String storageClass;
        private Topology topology;
        private String releaseName;
        private String chartRepository;
        private String chartVersion;
        private BitnamiImages images;
        private int nodes;
        private StoreSize size;
        private boolean rdbSnapshots;
        private String aclUsername;
        private String tlsSecretName;
        private String passwordSecretName;
        private boolean serviceMonitorEnabled;
        private final Map<String, String> serviceMonitorLabels = new TreeMap<>();
        private boolean preventDestroy = true;
        private String haExemptionReason;
        private String monitoringNamespace;
        private boolean createNamespace = true;
        private CertificateIssuer tlsIssuer;
        private WorkerStateBackupProps backup;
        private CredentialRotation credentialRotation;
        private ClusterEgress egress;

        private Builder() {
        }

        public Builder namespace(String value) { this.namespace = value; return this; }
        public Builder allowedNamespaces(List<String> value) { allowedNamespaces.clear(); allowedNamespaces.addAll(value); return this; }
        public Builder addAllowedNamespace(String value) { allowedNamespaces.add(value); return this; }
        public Builder storageClass(String value) { this.storageClass = value; return this; }
        public Builder topology(Topology value) { this.topology = value; return this; }
        public Builder releaseName(String value) { this.releaseName = value; return this; }
        public Builder chartRepository(String value) { this.chartRepository = value; return this; }
        public Builder chartVersion(String value) { this.chartVersion = value; return this; }
        public Builder images(BitnamiImages value) { this.images = value; return this; }
        public Builder nodes(int value) { this.nodes = value; return this; }
        public Builder size(StoreSize value) { this.size = value; return this; }
        public Builder rdbSnapshots(boolean value) { this.rdbSnapshots = value; return this; }
        public Builder aclUsername(String value) { this.aclUsername = value; return this; }
        public Builder tlsSecretName(String value) { this.tlsSecretName = value; return this; }
        public Builder passwordSecretName(String value) { this.passwordSecretName = value; return this; }
        public Builder serviceMonitorEnabled(boolean value) { this.serviceMonitorEnabled = value; return this; }
        public Builder serviceMonitorLabels(Map<String, String> value) { serviceMonitorLabels.clear(); serviceMonitorLabels.putAll(value); return this; }
        public Builder preventDestroy(boolean value) { this.preventDestroy = value; return this; }
        public Builder haExemptionReason(String value) { this.haExemptionReason = value; return this; }
        public Builder monitoringNamespace(String value) { this.monitoringNamespace = value; return this; }
        public Builder createNamespace(boolean value) { this.createNamespace = value; return this; }
        public Builder tlsIssuer(CertificateIssuer value) { this.tlsIssuer = value; return this; }
        public Builder backup(WorkerStateBackupProps value) { this.backup = value; return this; }
        public Builder credentialRotation(CredentialRotation value) { this.credentialRotation = value; return this; }
        public Builder egress(ClusterEgress value) { this.egress = value; return this; }

        public BitnamiRedisWorkerStateStoreProps build() {
            return new BitnamiRedisWorkerStateStoreProps(namespace, allowedNamespaces, storageClass, topology,
                    releaseName, chartRepository, chartVersion, images, nodes, size, rdbSnapshots, aclUsername,
                    tlsSecretName, passwordSecretName, serviceMonitorEnabled, serviceMonitorLabels, preventDestroy,
                    haExemptionReason, monitoringNamespace, createNamespace, tlsIssuer, backup, credentialRotation, egress);
        }
    }
}
