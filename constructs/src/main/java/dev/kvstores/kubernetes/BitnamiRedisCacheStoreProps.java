package dev.kvstores.kubernetes;

import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.SizePreset;
import dev.kvstores.role.StoreSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Props of {@link BitnamiRedisCacheStore}.
 *
 * @param namespace             namespace of the release; required, not {@code default}
 * @param allowedNamespaces     namespaces whose pods may connect (the platform's); required, at least one
 * @param releaseName           Helm release name, also the chart's fullname. Default: {@code redis-cache}
 * @param chartRepository       Default: {@value #DEFAULT_CHART_REPOSITORY}
 * @param chartVersion          exact chart version. Default: {@value #DEFAULT_CHART_VERSION}
 * @param images                Default: {@link BitnamiImages#defaults()} ({@code docker.io/bitnamilegacy})
 * @param nodes                 Redis nodes (1 primary + replicas). Default: 3; at least 3 unless exempted
 * @param sentinelEnabled       Sentinel for automatic failover. Default: true
 * @param size                  per-node resources. Default: {@link SizePreset#SMALL} cache (1 CPU, 2 GiB)
 * @param evictionPolicy        {@code allkeys-lru} or {@code volatile-lru}. Default: {@code allkeys-lru}
 * @param aclUsername           ACL user the platform connects as. Default: {@code suprsend-cache}
 * @param tlsSecretName         existing {@code kubernetes.io/tls} Secret with {@code tls.crt}, {@code tls.key},
 *                              {@code ca.crt}. Default: the chart generates a CA and certificate
 * @param passwordSecretName    existing Secret in {@code namespace} with the passwords: key {@code redis-password}
 *                              (the chart's {@code default} user) and, with an ACL user, a key named after the
 *                              user. Default: passwords are generated ({@code random_password})
 * @param serviceMonitorEnabled Prometheus Operator ServiceMonitor for the exporter. Default: false
 * @param serviceMonitorLabels  labels on the ServiceMonitor, which the Prometheus' {@code serviceMonitorSelector}
 *                              must match (e.g. {@code release: kube-prometheus-stack}). Default: none
 * @param haExemptionReason     reason for running without high availability (dev only). Default: none,
 *                              high availability enforced
 * @param monitoringNamespace   the only namespace admitted to the exporter's port 9121 (Prometheus).
 *                              Default: {@value #DEFAULT_MONITORING_NAMESPACE}
 * @param createNamespace       create the namespace (labelled Pod Security {@code restricted}) and apply
 *                              everything after it. Default: true; false adopts an existing namespace
 * @param tlsIssuer             cert-manager issuer that signs the server certificate (the store requests it).
 *                              Default: none
 * @param credentialRotation    staged rotation of the ACL user's generated password ({@link CredentialRotation});
 *                              needs an ACL user and generated passwords. Default: none (generation 0)
 * @param egress                where the pods may connect besides the release's own pods ({@link ClusterEgress}): the
 *                              cluster DNS pods and the API server's CIDRs. Default: {@link ClusterEgress#defaults()}
 */
public record BitnamiRedisCacheStoreProps(
        String namespace,
        List<String> allowedNamespaces,
        String releaseName,
        String chartRepository,
        String chartVersion,
        BitnamiImages images,
        int nodes,
        boolean sentinelEnabled,
        StoreSize size,
        EvictionPolicy evictionPolicy,
        String aclUsername,
        String tlsSecretName,
        String passwordSecretName,
        boolean serviceMonitorEnabled,
        Map<String, String> serviceMonitorLabels,
        String haExemptionReason,
        String monitoringNamespace,
        boolean createNamespace,
        CertificateIssuer tlsIssuer,
        CredentialRotation credentialRotation,
        ClusterEgress egress) {

    /** Namespace of the monitoring stack (Prometheus), admitted to the exporter. */
    public static final String DEFAULT_MONITORING_NAMESPACE = "monitoring";

    public static final String DEFAULT_CHART_REPOSITORY = "oci://registry-1.docker.io/bitnamicharts";
    public static final String DEFAULT_CHART_VERSION = "23.1.1";

    public BitnamiRedisCacheStoreProps {
        egress = Objects.requireNonNullElse(egress, ClusterEgress.defaults());
        monitoringNamespace = Objects.requireNonNullElse(monitoringNamespace, DEFAULT_MONITORING_NAMESPACE);
        serviceMonitorLabels = Map.copyOf(Objects.requireNonNullElse(serviceMonitorLabels, Map.of()));
        Objects.requireNonNull(namespace, "namespace");
        allowedNamespaces = List.copyOf(new TreeSet<>(Objects.requireNonNull(allowedNamespaces, "allowedNamespaces")));
        releaseName = Objects.requireNonNullElse(releaseName, "redis-cache");
        chartRepository = Objects.requireNonNullElse(chartRepository, DEFAULT_CHART_REPOSITORY);
        chartVersion = Objects.requireNonNullElse(chartVersion, DEFAULT_CHART_VERSION);
        images = Objects.requireNonNullElse(images, BitnamiImages.defaults());
        size = Objects.requireNonNullElse(size, SizePreset.SMALL.cache());
        evictionPolicy = Objects.requireNonNullElse(evictionPolicy, EvictionPolicy.ALLKEYS_LRU);
        aclUsername = Objects.requireNonNullElse(aclUsername, "suprsend-cache");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.namespace = namespace;
        b.allowedNamespaces.addAll(allowedNamespaces);
        b.releaseName = releaseName;
        b.chartRepository = chartRepository;
        b.chartVersion = chartVersion;
        b.images = images;
        b.nodes = nodes;
        b.sentinelEnabled = sentinelEnabled;
        b.size = size;
        b.evictionPolicy = evictionPolicy;
        b.aclUsername = aclUsername;
        b.tlsSecretName = tlsSecretName;
        b.passwordSecretName = passwordSecretName;
        b.serviceMonitorEnabled = serviceMonitorEnabled;
        b.serviceMonitorLabels.putAll(serviceMonitorLabels);
        b.haExemptionReason = haExemptionReason;
        b.monitoringNamespace = monitoringNamespace;
        b.createNamespace = createNamespace;
        b.tlsIssuer = tlsIssuer;
        b.credentialRotation = credentialRotation;
        b.egress = egress;
        return b;
    }

    /** Builder of {@link BitnamiRedisCacheStoreProps}; unset fields take the documented defaults. */
    public static final class Builder {
        private String namespace;
        private final List<String> allowedNamespaces = new ArrayList<>();
        private String releaseName;
        private String chartRepository;
        private String chartVersion;
        private BitnamiImages images;
        private int nodes = 3;
        private boolean sentinelEnabled = true;
        private StoreSize size;
        private EvictionPolicy evictionPolicy;
        private String aclUsername;
        private String tlsSecretName;
        private String passwordSecretName;
        private boolean serviceMonitorEnabled;
        private final Map<String, String> serviceMonitorLabels = new TreeMap<>();
        private String haExemptionReason;
        private String monitoringNamespace;
        private boolean createNamespace = true;
        private CertificateIssuer tlsIssuer;
        private CredentialRotation credentialRotation;
        private ClusterEgress egress;

        private Builder() {
        }

        public Builder namespace(String value) { this.namespace = value; return this; }
        public Builder allowedNamespaces(List<String> value) { allowedNamespaces.clear(); allowedNamespaces.addAll(value); return this; }
        public Builder addAllowedNamespace(String value) { allowedNamespaces.add(value); return this; }
        public Builder releaseName(String value) { this.releaseName = value; return this; }
        public Builder chartRepository(String value) { this.chartRepository = value; return this; }
        public Builder chartVersion(String value) { this.chartVersion = value; return this; }
        public Builder images(BitnamiImages value) { this.images = value; return this; }
        public Builder nodes(int value) { this.nodes = value; return this; }
        public Builder sentinelEnabled(boolean value) { this.sentinelEnabled = value; return this; }
        public Builder size(StoreSize value) { this.size = value; return this; }
        public Builder evictionPolicy(EvictionPolicy value) { this.evictionPolicy = value; return this; }
        public Builder aclUsername(String value) { this.aclUsername = value; return this; }
        public Builder tlsSecretName(String value) { this.tlsSecretName = value; return this; }
        public Builder passwordSecretName(String value) { this.passwordSecretName = value; return this; }
        public Builder serviceMonitorEnabled(boolean value) { this.serviceMonitorEnabled = value; return this; }
        public Builder serviceMonitorLabels(Map<String, String> value) { serviceMonitorLabels.clear(); serviceMonitorLabels.putAll(value); return this; }
        public Builder haExemptionReason(String value) { this.haExemptionReason = value; return this; }
        public Builder monitoringNamespace(String value) { this.monitoringNamespace = value; return this; }
        public Builder createNamespace(boolean value) { this.createNamespace = value; return this; }
        public Builder tlsIssuer(CertificateIssuer value) { this.tlsIssuer = value; return this; }
        public Builder credentialRotation(CredentialRotation value) { this.credentialRotation = value; return this; }
        public Builder egress(ClusterEgress value) { this.egress = value; return this; }

        public BitnamiRedisCacheStoreProps build() {
            return new BitnamiRedisCacheStoreProps(namespace, allowedNamespaces, releaseName, chartRepository,
                    chartVersion, images, nodes, sentinelEnabled, size, evictionPolicy, aclUsername, tlsSecretName,
                    passwordSecretName, serviceMonitorEnabled, serviceMonitorLabels, haExemptionReason,
                    monitoringNamespace, createNamespace, tlsIssuer, credentialRotation, egress);
        }
    }
}
