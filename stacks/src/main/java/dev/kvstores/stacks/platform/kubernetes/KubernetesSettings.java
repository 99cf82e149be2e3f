package dev.kvstores.stacks.platform.kubernetes;

import dev.kvstores.role.AlertThresholds;
import dev.kvstores.kubernetes.CertificateIssuer;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.StoreSize;
import dev.kvstores.stacks.environment.KubernetesAccess;
import dev.kvstores.stacks.environment.PlatformSettings;
import java.util.List;
import java.util.Map;

/**
 * The {@code platform: kubernetes} sections of an environment file.
 *
 * @param kubernetes            how Terraform reaches the cluster
 * @param allowedNamespaces     {@code network.allowedNamespaces}: namespaces admitted to both stores
 * @param images                the {@code images} section: source, tags, digests, exemptions
 * @param cache                 the {@code cache} section
 * @param workerState           the {@code workerState} section
 * @param createNamespaces      {@code kubernetes.createNamespaces}: the stack creates the stores' namespaces
 * @param monitoringNamespace   {@code monitoring.namespace}: the only namespace admitted to the exporters
 * @param certificateIssuer     {@code certManager.issuer} / {@code issuerKind}, or {@code null}
 * @param prometheusRules       {@code monitoring.prometheusRules}: PrometheusRule, ServiceMonitor and Grafana
 *                              dashboard per store
 * @param ruleLabels            {@code monitoring.ruleLabels}: labels the Prometheus selects rules and
 *                              ServiceMonitors by
 * @param alertThresholds       {@code monitoring.thresholds}: the defaults with this environment's overrides
 * @param egress                {@code network.clusterDns} and {@code network.apiServerCidrs}
 */
public record KubernetesSettings(
        KubernetesAccess kubernetes,
        List<String> allowedNamespaces,
        ImageSettings images,
        Cache cache,
        WorkerState workerState,
        boolean createNamespaces,
        String monitoringNamespace,
        CertificateIssuer certificateIssuer,
        boolean prometheusRules,
        Map<String, String> ruleLabels,
        AlertThresholds alertThresholds,
        dev.kvstores.kubernetes.ClusterEgress egress) implements PlatformSettings {

    /** A builder; a field not set is {@code null}, {@code false} or {@code 0}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link KubernetesSettings} field by field, each setter named after its component. */
    public static final class Builder {
        private KubernetesAccess kubernetes;
        private List<String> allowedNamespaces;
        private ImageSettings images;
        private Cache cache;
        private WorkerState workerState;
        private boolean createNamespaces;
        private String monitoringNamespace;
        private CertificateIssuer certificateIssuer;
        private boolean prometheusRules;
        private Map<String, String> ruleLabels;
        private AlertThresholds alertThresholds;
        private dev.kvstores.kubernetes.ClusterEgress egress;

        private Builder() {
        }

        public Builder kubernetes(KubernetesAccess value) {
            this.kubernetes = value;
            return this;
        }

        public Builder allowedNamespaces(List<String> value) {
            this.allowedNamespaces = value;
            return this;
        }

        public Builder images(ImageSettings value) {
            this.images = value;
            return this;
        }

        public Builder cache(Cache value) {
            this.cache = value;
            return this;
        }

        public Builder workerState(WorkerState value) {
            this.workerState = value;
            return this;
        }

        public Builder createNamespaces(boolean value) {
            this.createNamespaces = value;
            return this;
        }

        public Builder monitoringNamespace(String value) {
            this.monitoringNamespace = value;
            return this;
        }

        public Builder certificateIssuer(CertificateIssuer value) {
            this.certificateIssuer = value;
            return this;
        }

        public Builder prometheusRules(boolean value) {
            this.prometheusRules = value;
            return this;
        }

        public Builder ruleLabels(Map<String, String> value) {
            this.ruleLabels = value;
            return this;
        }

        public Builder alertThresholds(AlertThresholds value) {
            this.alertThresholds = value;
            return this;
        }

        public Builder egress(dev.kvstores.kubernetes.ClusterEgress value) {
            this.egress = value;
            return this;
        }

        public KubernetesSettings build() {
            return new KubernetesSettings(kubernetes, allowedNamespaces, images, cache, workerState, createNamespaces,
                    monitoringNamespace, certificateIssuer, prometheusRules, ruleLabels, alertThresholds, egress);
        }
    }

    /** The cluster-wide settings, in the form the in-cluster cache of other platforms shares ({@link InCluster}). */
    public InCluster.Cluster cluster() {
        return new InCluster.Cluster(allowedNamespaces, images, monitoringNamespace,
                certificateIssuer, prometheusRules, ruleLabels, alertThresholds, egress);
    }

    /** Cache Store settings. */
    public record Cache(String namespace, String releaseName, String chartVersion, String sizePreset,
                        StoreSize size, int nodes, boolean sentinel, EvictionPolicy evictionPolicy,
                        String aclUsername, String redisImageTag, String tlsSecretName, String passwordSecretName,
                        boolean serviceMonitor, dev.kvstores.role.CredentialRotation rotation) {

        /** A builder; a field not set is {@code null}, {@code false} or {@code 0}. */
        public static Builder builder() {
            return new Builder();
        }

        /** Builds a {@link Cache} field by field, each setter named after its component. */
        public static final class Builder {
            private String namespace;
            private String releaseName;
            private String chartVersion;
            private String sizePreset;
            private StoreSize size;
            private int nodes;
            private boolean sentinel;
            private EvictionPolicy evictionPolicy;
            private String aclUsername;
            private String redisImageTag;
            private String tlsSecretName;
            private String passwordSecretName;
            private boolean serviceMonitor;
            private dev.kvstores.role.CredentialRotation rotation;

            private Builder() {
            }

            public Builder namespace(String value) {
                this.namespace = value;
                return this;
            }

            public Builder releaseName(String value) {
                this.releaseName = value;
                return this;
            }

            public Builder chartVersion(String value) {
                this.chartVersion = value;
                return this;
            }

            public Builder sizePreset(String value) {
                this.sizePreset = value;
                return this;
            }

            public Builder size(StoreSize value) {
                this.size = value;
                return this;
            }

            public Builder nodes(int value) {
                this.nodes = value;
                return this;
            }

            public Builder sentinel(boolean value) {
                this.sentinel = value;
                return this;
            }

            public Builder evictionPolicy(EvictionPolicy value) {
                this.evictionPolicy = value;
                return this;
            }

            public Builder aclUsername(String value) {
                this.aclUsername = value;
                return this;
            }

            public Builder redisImageTag(String value) {
                this.redisImageTag = value;
                return this;
            }

            public Builder tlsSecretName(String value) {
                this.tlsSecretName = value;
                return this;
            }

            public Builder passwordSecretName(String value) {
                this.passwordSecretName = value;
                return this;
            }

            public Builder serviceMonitor(boolean value) {
                this.serviceMonitor = value;
                return this;
            }

            public Builder rotation(dev.kvstores.role.CredentialRotation value) {
                this.rotation = value;
                return this;
            }

            public Cache build() {
                return new Cache(namespace, releaseName, chartVersion, sizePreset, size, nodes, sentinel,
                        evictionPolicy, aclUsername, redisImageTag, tlsSecretName, passwordSecretName, serviceMonitor,
                        rotation);
            }
        }
    }

    /**
     * Worker State Store settings; {@code backend} is {@code redis-sentinel}, {@code redis-cluster} or
     * {@code kvrocks}. {@code imageTag} is the Redis image tag, or for KVRocks the whole pinned image;
     * {@code releaseName} is the Helm release, or for KVRocks the StatefulSet name.
     */
    public record WorkerState(String backend, String namespace, String releaseName, String chartVersion,
                              String sizePreset, StoreSize size, String storageClass, int nodes,
                              boolean rdbSnapshots, String aclUsername, String imageTag, String tlsSecretName,
                              String passwordSecretName, boolean serviceMonitor, boolean preventDestroy,
                              Backup backup, dev.kvstores.role.CredentialRotation rotation) {

        /** A builder; a field not set is {@code null}, {@code false} or {@code 0}. */
        public static Builder builder() {
            return new Builder();
        }

        /** Builds a {@link WorkerState} field by field, each setter named after its component. */
        public static final class Builder {
            private String backend;
            private String namespace;
            private String releaseName;
            private String chartVersion;
            private String sizePreset;
            private StoreSize size;
            private String storageClass;
            private int nodes;
            private boolean rdbSnapshots;
            private String aclUsername;
            private String imageTag;
            private String tlsSecretName;
            private String passwordSecretName;
            private boolean serviceMonitor;
            private boolean preventDestroy;
            private Backup backup;
            private dev.kvstores.role.CredentialRotation rotation;

            private Builder() {
            }

            public Builder backend(String value) {
                this.backend = value;
                return this;
            }

            public Builder namespace(String value) {
                this.namespace = value;
                return this;
            }

            public Builder releaseName(String value) {
                this.releaseName = value;
                return this;
            }

            public Builder chartVersion(String value) {
                this.chartVersion = value;
                return this;
            }

            public Builder sizePreset(String value) {
                this.sizePreset = value;
                return this;
            }

            public Builder size(StoreSize value) {
                this.size = value;
                return this;
            }

            public Builder storageClass(String value) {
                this.storageClass = value;
                return this;
            }

            public Builder nodes(int value) {
                this.nodes = value;
                return this;
            }

            public Builder rdbSnapshots(boolean value) {
                this.rdbSnapshots = value;
                return this;
            }

            public Builder aclUsername(String value) {
                this.aclUsername = value;
                return this;
            }

            public Builder imageTag(String value) {
                this.imageTag = value;
                return this;
            }

            public Builder tlsSecretName(String value) {
                this.tlsSecretName = value;
                return this;
            }

            public Builder passwordSecretName(String value) {
                this.passwordSecretName = value;
                return this;
            }

            public Builder serviceMonitor(boolean value) {
                this.serviceMonitor = value;
                return this;
            }

            public Builder preventDestroy(boolean value) {
                this.preventDestroy = value;
                return this;
            }

            public Builder backup(Backup value) {
                this.backup = value;
                return this;
            }

            public Builder rotation(dev.kvstores.role.CredentialRotation value) {
                this.rotation = value;
                return this;
            }

            public WorkerState build() {
                return new WorkerState(backend, namespace, releaseName, chartVersion, sizePreset, size, storageClass,
                        nodes, rdbSnapshots, aclUsername, imageTag, tlsSecretName, passwordSecretName, serviceMonitor,
                        preventDestroy, backup, rotation);
            }
        }
    }

    /**
     * {@code workerState.backup}: the nightly encrypted backup ({@code props} without the environment name, which
     * the stack adds), or only an exemption ({@code props} null, {@code exemptionReason} set), or both when a
     * production schedule runs less often than daily ({@code exemptionReason} says why that is enough).
     */
    public record Backup(dev.kvstores.kubernetes.WorkerStateBackupProps.Builder props, String exemptionReason) {
    }
}
