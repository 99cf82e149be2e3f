package dev.kvstores.kubernetes;

import dev.kvstores.role.SizePreset;
import dev.kvstores.role.StoreBasics;
import java.util.Objects;

/**
 * Props of {@link KvrocksWorkerStateStore}: the shared parts plus KVRocks' own fields. Accessors of the parts
 * ({@code name()}, {@code namespace()}, {@code storageClass()} …) are inherited from their {@code Part} interfaces.
 *
 * @param basics            name of the StatefulSet, Services and Secrets (a DNS label of at most 52 characters, 45
 *                          with a backup; default {@code kvrocks-state}) and the
 *                          high-availability exemption: the reason for running one KVRocks node without automatic
 *                          failover; required, since no maintained KVRocks operator or chart provides failover
 *                          (development only); see {@link StoreBasics}
 * @param kubernetes        namespace and allowed namespaces (required), namespace creation, egress (the cluster DNS
 *                          pods, the only destination of the pod besides its backup job's replies), size (default
 *                          {@link SizePreset#SMALL} KVRocks: 2 CPU, 8 GiB, 200 GiB), TLS: an existing
 *                          {@code kubernetes.io/tls} Secret with {@code tls.crt}, {@code tls.key} and {@code ca.crt}
 *                          whose certificate names {@code <name>.<namespace>.svc.cluster.local}, {@code localhost}
 *                          and {@code 127.0.0.1}; required unless {@code tlsIssuer} is set (then default
 *                          {@code <name>-tls}); see {@link KubernetesStoreCommon}
 * @param serviceMonitoring a {@code <name>-metrics} Service for the exporter (port 9121) and a ServiceMonitor for it,
 *                          and the namespace admitted to the exporter; see {@link ServiceMonitoring}
 * @param workerState       StorageClass (required, SSD-backed), prevent-destroy on the StatefulSet, backup (a
 *                          logical export: KVRocks has no {@code SYNC} to an RDB, every key as a {@code RESTORE}
 *                          command); see {@link KubernetesWorkerStateCommon}
 * @param image             pinned image. Default: {@value #DEFAULT_IMAGE}
 * @param exporterImages    where the redis-exporter sidecar's image comes from. Default:
 *                          {@link BitnamiImages#defaults()}
 */
public record KvrocksWorkerStateStoreProps(
        StoreBasics basics,
        KubernetesStoreCommon kubernetes,
        ServiceMonitoring serviceMonitoring,
        KubernetesWorkerStateCommon workerState,
        String image,
        BitnamiImages exporterImages)
        implements StoreBasics.Part, KubernetesStoreCommon.Part, ServiceMonitoring.Part,
        KubernetesWorkerStateCommon.Part {

    /** @see ServiceMonitoring#DEFAULT_MONITORING_NAMESPACE */
    public static final String DEFAULT_MONITORING_NAMESPACE = ServiceMonitoring.DEFAULT_MONITORING_NAMESPACE;

    /** The image used when none is given: Apache KVRocks, built with TLS support. */
    public static final String DEFAULT_IMAGE = "docker.io/apache/kvrocks:2.17.0";

    public KvrocksWorkerStateStoreProps {
        exporterImages = Objects.requireNonNullElse(exporterImages, BitnamiImages.defaults());
        serviceMonitoring = Objects.requireNonNullElse(serviceMonitoring, ServiceMonitoring.builder().build());
        basics = Objects.requireNonNullElse(basics, StoreBasics.defaults()).withDefaultName("kvrocks-state");
        Objects.requireNonNull(kubernetes, "kubernetes");
        Objects.requireNonNull(workerState, "workerState");
        kubernetes = kubernetes.withDefaults(SizePreset.SMALL.workerKvrocks(),
                kubernetes.tlsIssuer() != null ? basics.name() + "-tls" : null);
        Objects.requireNonNull(kubernetes.tlsSecretName(), "tlsSecretName (or tlsIssuer)");
        image = Objects.requireNonNullElse(image, DEFAULT_IMAGE);
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
        Builder b = new Builder().parts(basics, kubernetes, serviceMonitoring).image(image)
                .exporterImages(exporterImages);
        b.workerState = workerState.toBuilder();
        return b;
    }

    /**
     * Builder of {@link KvrocksWorkerStateStoreProps}; unset fields take the documented defaults. The setters of
     * the shared in-cluster parts ({@code namespace}, {@code tlsIssuer}, {@code serviceMonitorEnabled} …) are
     * inherited and return this builder.
     */
    public static final class Builder extends KubernetesStoreBuilder<Builder> {
        private KubernetesWorkerStateCommon.Builder workerState = KubernetesWorkerStateCommon.builder();
        private String image;
        private BitnamiImages exporterImages;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder name(String value) { return storeName(value); }
        public Builder storageClass(String value) { workerState.storageClass(value); return this; }
        public Builder preventDestroy(boolean value) { workerState.preventDestroy(value); return this; }
        public Builder backup(WorkerStateBackupProps value) { workerState.backup(value); return this; }
        public Builder image(String value) { this.image = value; return this; }
        public Builder exporterImages(BitnamiImages value) { this.exporterImages = value; return this; }

        public KvrocksWorkerStateStoreProps build() {
            return new KvrocksWorkerStateStoreProps(basics(), kubernetes.build(), serviceMonitoring.build(),
                    workerState.build(), image, exporterImages);
        }
    }
}
