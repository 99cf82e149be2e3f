package dev.kvstores.kubernetes;

import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.SizePreset;
import dev.kvstores.role.StoreBasics;
import java.util.Objects;

/**
 * Props of {@link BitnamiRedisCacheStore}: the shared parts plus the cache's own fields. Accessors of the parts
 * ({@code releaseName()}, {@code namespace()}, {@code nodes()} …) are inherited from their {@code Part} interfaces.
 *
 * @param basics            release name (builder method {@code releaseName}; also the chart's fullname; a DNS
 *                          label of at most 47 characters, 43 for replication without Sentinel, so that the chart's
 *                          StatefulSet names fit; default {@code redis-cache}) and high-availability exemption (dev only); see
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
        return new Builder().parts(basics, kubernetes, serviceMonitoring, bitnami).sentinelEnabled(sentinelEnabled)
                .evictionPolicy(evictionPolicy);
    }

    /**
     * Builder of {@link BitnamiRedisCacheStoreProps}; unset fields take the documented defaults. The setters of the
     * shared parts ({@code namespace}, {@code releaseName}, {@code nodes} …) are inherited and return this builder.
     */
    public static final class Builder extends BitnamiStoreBuilder<Builder> {
        private boolean sentinelEnabled = true;
        private EvictionPolicy evictionPolicy;

        private Builder() {
            nodes(3);
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder sentinelEnabled(boolean value) { this.sentinelEnabled = value; return this; }
        public Builder evictionPolicy(EvictionPolicy value) { this.evictionPolicy = value; return this; }

        public BitnamiRedisCacheStoreProps build() {
            return new BitnamiRedisCacheStoreProps(basics(), kubernetes.build(), serviceMonitoring.build(),
                    bitnami.build(), sentinelEnabled, evictionPolicy);
        }
    }
}
