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
    }

    /**
     * {@code workerState.backup}: the nightly encrypted backup ({@code props} without the environment name, which
     * the stack adds), or only an exemption ({@code props} null, {@code exemptionReason} set), or both when a
     * production schedule runs less often than daily ({@code exemptionReason} says why that is enough).
     */
    public record Backup(dev.kvstores.kubernetes.WorkerStateBackupProps.Builder props, String exemptionReason) {
    }
}
