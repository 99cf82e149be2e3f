package dev.kvstores.kubernetes;

import dev.kvstores.role.SizePreset;
import dev.kvstores.role.StoreSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Props of {@link KvrocksWorkerStateStore}.
 *
 * @param namespace         namespace of the store; required, not {@code default}
 * @param allowedNamespaces namespaces whose pods may connect; required, at least one
 * @param storageClass      StorageClass of the data volume; required (SSD-backed)
 * @param tlsSecretName     existing {@code kubernetes.io/tls} Secret with {@code tls.crt}, {@code tls.key} and
 *                          {@code ca.crt} (e.g. from cert-manager), whose certificate names
 *                          {@code <name>.<namespace>.svc.cluster.local}, {@code localhost} and {@code 127.0.0.1};
 *                          required unless {@code tlsIssuer} is set (then default {@code <name>-tls})
 * @param name              name of the StatefulSet, Services and Secrets. Default: {@code kvrocks-state}
 * @param image             pinned image. Default: {@value #DEFAULT_IMAGE}
 * @param size              node resources and volume. Default: {@link SizePreset#SMALL} KVRocks
 *                          (2 CPU, 8 GiB, 200 GiB)
 * @param preventDestroy    Terraform {@code prevent_destroy} on the StatefulSet. Default: true
 * @param haExemptionReason reason for running one KVRocks node without automatic failover; required, since
 *                          no maintained KVRocks operator or chart provides failover (development only)
 * @param exporterImages        where the redis-exporter sidecar's image comes from. Default:
 *                              {@link BitnamiImages#defaults()}
 * @param monitoringNamespace   the only namespace admitted to the exporter's port 9121 (Prometheus).
 *                              Default: {@value #DEFAULT_MONITORING_NAMESPACE}
 * @param createNamespace       create the namespace (labelled Pod Security {@code restricted}) and apply
 *                              everything after it. Default: true; false adopts an existing namespace
 * @param tlsIssuer             cert-manager issuer that signs the server certificate (the store requests it).
 *                              Default: none
 * @param serviceMonitorEnabled a {@code <name>-metrics} Service for the exporter (port 9121) and a Prometheus
 *                              Operator ServiceMonitor for it. Default: false
 * @param serviceMonitorLabels  labels on the ServiceMonitor, which the Prometheus' {@code serviceMonitorSelector}
 *                              must match (e.g. {@code release: kube-prometheus-stack}). Default: none
 * @param backup                nightly encrypted backup to object storage ({@link WorkerStateBackup}): a logical
 *                              export (KVRocks has no {@code SYNC} to an RDB), every key as a {@code RESTORE}
 *                              command. Default: none (the policy rule KVS-BACKUP-REQUIRED fails a production store
 *                              without one)
 * @param egress                the cluster DNS pods, the only destination of the pod besides its backup job's
 *                              replies ({@link ClusterEgress}). Default: {@link ClusterEgress#defaults()}
 */
public record KvrocksWorkerStateStoreProps(
        String namespace,
        List<String> allowedNamespaces,
        String storageClass,
        String tlsSecretName,
        String name,
        String image,
        StoreSize size,
        boolean preventDestroy,
        String haExemptionReason,
        BitnamiImages exporterImages,
        String monitoringNamespace,
        boolean createNamespace,
        CertificateIssuer tlsIssuer,
        boolean serviceMonitorEnabled,
        Map<String, String> serviceMonitorLabels,
        WorkerStateBackupProps backup,
        ClusterEgress egress) {

    /** Namespace of the monitoring stack (Prometheus), admitted to the exporter. */
    public static final String DEFAULT_MONITORING_NAMESPACE = "monitoring";

    /** The image used when none is given: Apache KVRocks, built with TLS support. */
    public static final String DEFAULT_IMAGE = "docker.io/apache/kvrocks:2.17.0";

    public KvrocksWorkerStateStoreProps {
        egress = Objects.requireNonNullElse(egress, ClusterEgress.defaults());
        exporterImages = Objects.requireNonNullElse(exporterImages, BitnamiImages.defaults());
        monitoringNamespace = Objects.requireNonNullElse(monitoringNamespace, DEFAULT_MONITORING_NAMESPACE);
        serviceMonitorLabels = Map.copyOf(Objects.requireNonNullElse(serviceMonitorLabels, Map.of()));
        Objects.requireNonNull(namespace, "namespace");
        allowedNamespaces = List.copyOf(new TreeSet<>(Objects.requireNonNull(allowedNamespaces, "allowedNamespaces")));
        Objects.requireNonNull(storageClass, "storageClass");
        name = Objects.requireNonNullElse(name, "kvrocks-state");
        if (tlsSecretName == null && tlsIssuer != null) {
            tlsSecretName = name + "-tls";
        }
        Objects.requireNonNull(tlsSecretName, "tlsSecretName (or tlsIssuer)");
        image = Objects.requireNonNullElse(image, DEFAULT_IMAGE);
        size = Objects.requireNonNullElse(size, SizePreset.SMALL.workerKvrocks());
    }

    /** The redis-exporter image of the sidecar, e.g. {@code docker.io/bitnamilegacy/redis-exporter:<tag>}, with
     * {@code @sha256:<digest>} when pinned. */
    public String exporterImage() {
        return exporterImages.reference(BitnamiImages.EXPORTER).toString();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.namespace = namespace;
        b.allowedNamespaces.addAll(allowedNamespaces);
        b.storageClass = storageClass;
        b.tlsSecretName = tlsSecretName;
        b.name = name;
        b.image = image;
        b.size = size;
        b.preventDestroy = preventDestroy;
        b.haExemptionReason = haExemptionReason;
        b.exporterImages = exporterImages;
        b.monitoringNamespace = monitoringNamespace;
        b.createNamespace = createNamespace;
        b.tlsIssuer = tlsIssuer;
        b.serviceMonitorEnabled = serviceMonitorEnabled;
        b.serviceMonitorLabels.putAll(serviceMonitorLabels);
        b.backup = backup;
        b.egress = egress;
        return b;
    }

    /** Builder of {@link KvrocksWorkerStateStoreProps}; unset fields take the documented defaults. */
    public static final class Builder {
        private String namespace;
        private final List<String> allowedNamespaces = new ArrayList<>();
        private String storageClass;
        private String tlsSecretName;
        private String name;
        private String image;
        private StoreSize size;
        private boolean preventDestroy = true;
        private String haExemptionReason;
        private BitnamiImages exporterImages;
        private String monitoringNamespace;
        private boolean createNamespace = true;
        private CertificateIssuer tlsIssuer;
        private boolean serviceMonitorEnabled;
        private final Map<String, String> serviceMonitorLabels = new TreeMap<>();
        private WorkerStateBackupProps backup;
        private ClusterEgress egress;

        private Builder() {
        }

        public Builder namespace(String value) { this.namespace = value; return this; }
        public Builder allowedNamespaces(List<String> value) { allowedNamespaces.clear(); allowedNamespaces.addAll(value); return this; }
        public Builder addAllowedNamespace(String value) { allowedNamespaces.add(value); return this; }
        public Builder storageClass(String value) { this.storageClass = value; return this; }
        public Builder tlsSecretName(String value) { this.tlsSecretName = value; return this; }
        public Builder name(String value) { this.name = value; return this; }
        public Builder image(String value) { this.image = value; return this; }
        public Builder size(StoreSize value) { this.size = value; return this; }
        public Builder preventDestroy(boolean value) { this.preventDestroy = value; return this; }
        public Builder haExemptionReason(String value) { this.haExemptionReason = value; return this; }
        public Builder exporterImages(BitnamiImages value) { this.exporterImages = value; return this; }
        public Builder monitoringNamespace(String value) { this.monitoringNamespace = value; return this; }
        public Builder createNamespace(boolean value) { this.createNamespace = value; return this; }
        public Builder tlsIssuer(CertificateIssuer value) { this.tlsIssuer = value; return this; }
        public Builder serviceMonitorEnabled(boolean value) { this.serviceMonitorEnabled = value; return this; }
        public Builder serviceMonitorLabels(Map<String, String> value) { serviceMonitorLabels.clear(); serviceMonitorLabels.putAll(value); return this; }
        public Builder backup(WorkerStateBackupProps value) { this.backup = value; return this; }
        public Builder egress(ClusterEgress value) { this.egress = value; return this; }

        public KvrocksWorkerStateStoreProps build() {
            return new KvrocksWorkerStateStoreProps(namespace, allowedNamespaces, storageClass, tlsSecretName, name,
                    image, size, preventDestroy, haExemptionReason,
                    exporterImages, monitoringNamespace, createNamespace, tlsIssuer, serviceMonitorEnabled,
                    serviceMonitorLabels, backup, egress);
        }
    }
}
