package dev.kvstores.kubernetes;

import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.RedisRoleConfig;
import dev.kvstores.role.StoreRole;
import dev.kvstores.role.StoreSize;
import java.util.List;
import java.util.Map;

/**
 * What a {@link BitnamiRelease} releases, set by name through {@link #builder()}. Unset references stay
 * {@code null} (meaning "none", as documented per setter); unset booleans are {@code false}.
 */
final class BitnamiReleaseSpec {

    /** Chart flavours. */
    enum Chart { REDIS, REDIS_CLUSTER }

    private final StoreRole role;
    private final Chart chart;
    private final String namespace;
    private final String releaseName;
    private final String chartRepository;
    private final String chartVersion;
    private final BitnamiImages images;
    private final int nodes;
    private final boolean sentinel;
    private final StoreSize size;
    private final RedisRoleConfig redisConfig;
    private final String storageClass;
    private final String aclUsername;
    private final String tlsSecretName;
    private final String passwordSecretName;
    private final boolean serviceMonitorEnabled;
    private final Map<String, String> serviceMonitorLabels;
    private final List<String> allowedNamespaces;
    private final boolean zoneSpread;
    private final boolean preventDestroy;
    private final String monitoringNamespace;
    private final boolean createNamespace;
    private final CertificateIssuer tlsIssuer;
    private final String backupUsername;
    private final CredentialRotation rotation;
    private final ClusterEgress egress;

    private BitnamiReleaseSpec(Builder b) {
        this.role = b.role;
        this.chart = b.chart;
        this.namespace = b.namespace;
        this.releaseName = b.releaseName;
        this.chartRepository = b.chartRepository;
        this.chartVersion = b.chartVersion;
        this.images = b.images;
        this.nodes = b.nodes;
        this.sentinel = b.sentinel;
        this.size = b.size;
        this.redisConfig = b.redisConfig;
        this.storageClass = b.storageClass;
        this.aclUsername = b.aclUsername;
        this.tlsSecretName = b.tlsSecretName;
        this.passwordSecretName = b.passwordSecretName;
        this.serviceMonitorEnabled = b.serviceMonitorEnabled;
        this.serviceMonitorLabels = b.serviceMonitorLabels;
        this.allowedNamespaces = b.allowedNamespaces;
        this.zoneSpread = b.zoneSpread;
        this.preventDestroy = b.preventDestroy;
        this.monitoringNamespace = b.monitoringNamespace;
        this.createNamespace = b.createNamespace;
        this.tlsIssuer = b.tlsIssuer;
        this.backupUsername = b.backupUsername;
        this.rotation = b.rotation;
        this.egress = b.egress;
    }

    static Builder builder() {
        return new Builder();
    }

    StoreRole role() {
        return role;
    }

    Chart chart() {
        return chart;
    }

    String namespace() {
        return namespace;
    }

    String releaseName() {
        return releaseName;
    }

    String chartRepository() {
        return chartRepository;
    }

    String chartVersion() {
        return chartVersion;
    }

    BitnamiImages images() {
        return images;
    }

    int nodes() {
        return nodes;
    }

    boolean sentinel() {
        return sentinel;
    }

    StoreSize size() {
        return size;
    }

    RedisRoleConfig redisConfig() {
        return redisConfig;
    }

    String storageClass() {
        return storageClass;
    }

    String aclUsername() {
        return aclUsername;
    }

    String tlsSecretName() {
        return tlsSecretName;
    }

    String passwordSecretName() {
        return passwordSecretName;
    }

    boolean serviceMonitorEnabled() {
        return serviceMonitorEnabled;
    }

    Map<String, String> serviceMonitorLabels() {
        return serviceMonitorLabels;
    }

    List<String> allowedNamespaces() {
        return allowedNamespaces;
    }

    boolean zoneSpread() {
        return zoneSpread;
    }

    boolean preventDestroy() {
        return preventDestroy;
    }

    String monitoringNamespace() {
        return monitoringNamespace;
    }

    boolean createNamespace() {
        return createNamespace;
    }

    CertificateIssuer tlsIssuer() {
        return tlsIssuer;
    }

    String backupUsername() {
        return backupUsername;
    }

    CredentialRotation rotation() {
        return rotation;
    }

    ClusterEgress egress() {
        return egress;
    }

    /** The Secret holding the server certificate: the given one, the issuer's, or the chart's own. */
    String certificateSecret() {
        if (tlsSecretName != null) {
            return tlsSecretName;
        }
        return tlsIssuer != null ? releaseName + "-tls" : releaseName + "-crt";
    }

    /** Builder of {@link BitnamiReleaseSpec}. */
    static final class Builder {
        private StoreRole role;
        private Chart chart;
        private String namespace;
        private String releaseName;
        private String chartRepository;
        private String chartVersion;
        private BitnamiImages images;
        private int nodes;
        private boolean sentinel;
        private StoreSize size;
        private RedisRoleConfig redisConfig;
        private String storageClass;
        private String aclUsername;
        private String tlsSecretName;
        private String passwordSecretName;
        private boolean serviceMonitorEnabled;
        private Map<String, String> serviceMonitorLabels;
        private List<String> allowedNamespaces;
        private boolean zoneSpread;
        private boolean preventDestroy;
        private String monitoringNamespace;
        private boolean createNamespace;
        private CertificateIssuer tlsIssuer;
        private String backupUsername;
        private CredentialRotation rotation;
        private ClusterEgress egress;

        private Builder() {
        }

        Builder role(StoreRole role) {
            this.role = role;
            return this;
        }

        Builder chart(Chart chart) {
            this.chart = chart;
            return this;
        }

        Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        Builder releaseName(String releaseName) {
            this.releaseName = releaseName;
            return this;
        }

        Builder chartRepository(String chartRepository) {
            this.chartRepository = chartRepository;
            return this;
        }

        Builder chartVersion(String chartVersion) {
            this.chartVersion = chartVersion;
            return this;
        }

        Builder images(BitnamiImages images) {
            this.images = images;
            return this;
        }

        Builder nodes(int nodes) {
            this.nodes = nodes;
            return this;
        }

        /** Replication with Sentinel (the redis chart only). */
        Builder sentinel(boolean sentinel) {
            this.sentinel = sentinel;
            return this;
        }

        Builder size(StoreSize size) {
            this.size = size;
            return this;
        }

        Builder redisConfig(RedisRoleConfig redisConfig) {
            this.redisConfig = redisConfig;
            return this;
        }

        /** Storage class of the data volumes; {@code null}: no persistence. */
        Builder storageClass(String storageClass) {
            this.storageClass = storageClass;
            return this;
        }

        /** The platform's ACL user, or {@code null} for the {@code default} user. */
        Builder aclUsername(String aclUsername) {
            this.aclUsername = aclUsername;
            return this;
        }

        /** Existing Secret with the server certificate, or {@code null}. */
        Builder tlsSecretName(String tlsSecretName) {
            this.tlsSecretName = tlsSecretName;
            return this;
        }

        /** Existing Secret with the passwords, or {@code null} to generate them. */
        Builder passwordSecretName(String passwordSecretName) {
            this.passwordSecretName = passwordSecretName;
            return this;
        }

        Builder serviceMonitorEnabled(boolean serviceMonitorEnabled) {
            this.serviceMonitorEnabled = serviceMonitorEnabled;
            return this;
        }

        /** Labels on the ServiceMonitor (the Prometheus' serviceMonitorSelector). */
        Builder serviceMonitorLabels(Map<String, String> serviceMonitorLabels) {
            this.serviceMonitorLabels = serviceMonitorLabels;
            return this;
        }

        Builder allowedNamespaces(List<String> allowedNamespaces) {
            this.allowedNamespaces = allowedNamespaces;
            return this;
        }

        /** Hard anti-affinity by node and topology spread across zones (false only when exempted). */
        Builder zoneSpread(boolean zoneSpread) {
            this.zoneSpread = zoneSpread;
            return this;
        }

        Builder preventDestroy(boolean preventDestroy) {
            this.preventDestroy = preventDestroy;
            return this;
        }

        /** The only namespace admitted to the exporter's port. */
        Builder monitoringNamespace(String monitoringNamespace) {
            this.monitoringNamespace = monitoringNamespace;
            return this;
        }

        /** Create the namespace (else it must exist). */
        Builder createNamespace(boolean createNamespace) {
            this.createNamespace = createNamespace;
            return this;
        }

        /** cert-manager issuer of the server certificate, or {@code null}. */
        Builder tlsIssuer(CertificateIssuer tlsIssuer) {
            this.tlsIssuer = tlsIssuer;
            return this;
        }

        /**
         * The backup job's ACL user ({@code redis}: an {@code auth.acl.users} entry; redis-cluster, whose chart has
         * no ACL users: a {@code user} line in {@code redis.configmap}); {@code null}: no backup job.
         */
        Builder backupUsername(String backupUsername) {
            this.backupUsername = backupUsername;
            return this;
        }

        /** Staged rotation of the ACL user's password, or {@code null} (validated by the store). */
        Builder rotation(CredentialRotation rotation) {
            this.rotation = rotation;
            return this;
        }

        /** Where the pods may connect besides the release's own pods (DNS pods, API server CIDRs). */
        Builder egress(ClusterEgress egress) {
            this.egress = egress;
            return this;
        }

        BitnamiReleaseSpec build() {
            return new BitnamiReleaseSpec(this);
        }
    }
}
