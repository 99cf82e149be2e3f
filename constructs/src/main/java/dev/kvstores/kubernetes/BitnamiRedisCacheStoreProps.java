package dev.kvstores.kubernetes;

import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.SizePreset;
import dev.kvstores.role.StoreBasics;
import dev.kvstores.role.StoreSize;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Props of {@link BitnamiRedisCacheStore}: the shared parts plus the cache's own fields. Accessors of the parts
 * ({@code releaseName()}, {@code namespace()}, {@code nodes()} …) are inherited from their {@code Part} interfaces.
 *
 * @param basics            release name (builder method {@code releaseName}; also the chart's fullname; default
 *                          {@code redis-cache}) and high-availability exemption (dev only); see
 *                          {@link StoreBasics}
 * @param kubernetes        namespace and allowed namespaces (required), namespace creation, egress, TLS Secret or
 *                          issuer (default: the chart generates a CA and certificate), size (default:
 *                          {@link SizePreset#SMALL} cache (1 CPU, 2 GiB)); see {@link KubernetesStoreCommon}
 * @param serviceMonitoring ServiceMonitor and the namespace admitted to the exporter; see {@link ServiceMonitoring}
 * @param bitnami           chart repository and version (default {@value #DEFAULT_CHART_VERSION}), images, nodes (default 3; at least 3 unless exempted),
 *                          ACL user (default {@code suprsend-cache}), password Secret, credential rotation; see
 *                          {@link BitnamiCommon}
 * @param sentinelEnabled   Sentinel for automatic failover. Default: true
 * @param evictionPolicy    {@code allkeys-lru} or {@code volatile-lru}. Default: {@code allkeys-lru}
 */
public record BitnamiRedisCacheStoreProps(
        StoreBasics basics,
        KubernetesStoreCommon kubernetes,
        ServiceMonitoring serviceMonitoring,
        BitnamiCommon bitnami,
        boolean sentinelEnabled,
        EvictionPolicy evictionPolicy)
        implements KubernetesStoreCommon.Part, ServiceMonitoring.Part, BitnamiCommon.Part {

    /** @see ServiceMonitoring#DEFAULT_MONITORING_NAMESPACE */
    public static final String DEFAULT_MONITORING_NAMESPACE = ServiceMonitoring.DEFAULT_MONITORING_NAMESPACE;

    /** @see BitnamiCommon#DEFAULT_CHART_REPOSITORY */
    public static final String DEFAULT_CHART_REPOSITORY = BitnamiCommon.DEFAULT_CHART_REPOSITORY;
    public static final String DEFAULT_CHART_VERSION = "23.1.1";

    public BitnamiRedisCacheStoreProps {
        basics = Objects.requireNonNullElse(basics, StoreBasics.defaults()).withDefaultName("redis-cache");
        kubernetes = Objects.requireNonNull(kubernetes, "kubernetes").withDefaults(SizePreset.SMALL.cache(), null);
        serviceMonitoring = Objects.requireNonNullElse(serviceMonitoring, ServiceMonitoring.builder().build());
        bitnami = Objects.requireNonNullElse(bitnami, BitnamiCommon.builder().nodes(3).build());
        bitnami = bitnami.withRoleDefaults(DEFAULT_CHART_VERSION, bitnami.nodes(), "suprsend-cache");
        evictionPolicy = Objects.requireNonNullElse(evictionPolicy, EvictionPolicy.ALLKEYS_LRU);
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
        b.sentinelEnabled = sentinelEnabled;
        b.evictionPolicy = evictionPolicy;
        return b;
    }

    /** Builder of {@link BitnamiRedisCacheStoreProps}; unset fields take the documented defaults. */
    public static final class Builder {
        private StoreBasics.Builder basics = StoreBasics.builder();
        private KubernetesStoreCommon.Builder kubernetes = KubernetesStoreCommon.builder();
        private ServiceMonitoring.Builder serviceMonitoring = ServiceMonitoring.builder();
        private BitnamiCommon.Builder bitnami = BitnamiCommon.builder().nodes(3);
        private boolean sentinelEnabled = true;
        private EvictionPolicy evictionPolicy;

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
        public Builder sentinelEnabled(boolean value) { this.sentinelEnabled = value; return this; }
        public Builder evictionPolicy(EvictionPolicy value) { this.evictionPolicy = value; return this; }

        public BitnamiRedisCacheStoreProps build() {
            return new BitnamiRedisCacheStoreProps(basics.build(), kubernetes.build(), serviceMonitoring.build(),
                    bitnami.build(), sentinelEnabled, evictionPolicy);
        }
    }
}
