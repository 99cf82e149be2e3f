package dev.kvstores.aws;

import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.SizePreset;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Props of {@link ElastiCacheCacheStore}.
 *
 * @param name                    replication group ID and prefix of every companion resource; 1-30 lowercase
 *                                letters, digits and hyphens. Default: {@code suprsend-cache}
 * @param engine                  engine and version. Default: {@link ElastiCacheEngine#REDIS_7_1}
 * @param parameterGroupFamily    explicit parameter group family; must equal the engine's
 *                                ({@code redis7}, {@code valkey7}, {@code valkey8}). Default: derived
 * @param size                    vendor sizing preset, mapped to a node type. Default: {@link SizePreset#SMALL}
 *                                ({@code cache.t4g.medium})
 * @param nodeType                explicit node type, overrides {@code size}. Default: from {@code size}
 * @param nodes                   primary + replicas (1-6). Default: 2; at least 2 unless high availability is
 *                                exempted
 * @param multiAzEnabled          Multi-AZ with automatic failover. Default: {@code null} = on with 2+ nodes;
 *                                {@code true} with one node is refused
 * @param clusterModeEnabled      must stay false: the cache isolates services by DB number, which cluster mode
 *                                lacks. Default: false
 * @param transitEncryptionEnabled must stay true (TLS {@code required}). Default: true
 * @param port                    TCP port (1024-65535). Default: 6380 (not 6379: cdk-nag AwsSolutions-AEC5)
 * @param evictionPolicy          {@code allkeys-lru} or {@code volatile-lru}. Default: {@code allkeys-lru}
 * @param network                 VPC, private subnets, admitted security groups / CIDRs; required
 * @param kmsKeyArn               customer-managed KMS key for data at rest and logs. Default: a new key with
 *                                rotation on
 * @param authMode                {@link AuthMode#RBAC} or {@link AuthMode#AUTH_TOKEN}. Default: RBAC
 * @param authTokenUpdateStrategy AUTH token changes ({@link AuthMode#AUTH_TOKEN} only). Default: SET (see {@link AuthTokenUpdateStrategy} for a rotation)
 * @param aclUsername             the role's ACL user (RBAC only). Default: {@code suprsend-cache}
 * @param maintenanceWindow       weekly UTC window {@code ddd:hh:mm-ddd:hh:mm}, at least 60 minutes.
 *                                Default: {@code sun:05:00-sun:06:00}
 * @param monitoring              log retention and alarms. Default: {@link AwsMonitoring#defaults()}
 * @param tags                    tags on every resource. Default: none
 * @param haExemptionReason       written reason for a single-node development cache. Default: none
 * @param credentialRotation      staged rotation of the role's password ({@link CredentialRotation}): phase add keeps the previous generation valid (user passwords list / AUTH token ROTATE), retire removes it. Default: none (generation 0)
 */
public record ElastiCacheCacheStoreProps(
        String name,
        ElastiCacheEngine engine,
        String parameterGroupFamily,
        SizePreset size,
        String nodeType,
        int nodes,
        Boolean multiAzEnabled,
        boolean clusterModeEnabled,
        boolean transitEncryptionEnabled,
        int port,
        EvictionPolicy evictionPolicy,
        AwsNetwork network,
        String kmsKeyArn,
        AuthMode authMode,
        AuthTokenUpdateStrategy authTokenUpdateStrategy,
        String aclUsername,
        String maintenanceWindow,
        AwsMonitoring monitoring,
        Map<String, String> tags,
        String haExemptionReason,
        CredentialRotation credentialRotation) {

    public static final String DEFAULT_MAINTENANCE_WINDOW = "sun:05:00-sun:06:00";
    public static final int DEFAULT_PORT = 6380;

    public ElastiCacheCacheStoreProps {
        name = Objects.requireNonNullElse(name, "suprsend-cache");
        engine = Objects.requireNonNullElse(engine, ElastiCacheEngine.REDIS_7_1);
        size = Objects.requireNonNullElse(size, SizePreset.SMALL);
        nodeType = Objects.requireNonNullElse(nodeType, NodeTypes.cache(size));
        evictionPolicy = Objects.requireNonNullElse(evictionPolicy, EvictionPolicy.ALLKEYS_LRU);
        Objects.requireNonNull(network, "network");
        authMode = Objects.requireNonNullElse(authMode, AuthMode.RBAC);
        authTokenUpdateStrategy = Objects.requireNonNullElse(authTokenUpdateStrategy, AuthTokenUpdateStrategy.SET);
        aclUsername = Objects.requireNonNullElse(aclUsername, "suprsend-cache");
        maintenanceWindow = Objects.requireNonNullElse(maintenanceWindow, DEFAULT_MAINTENANCE_WINDOW);
        monitoring = Objects.requireNonNullElse(monitoring, AwsMonitoring.defaults());
        tags = Map.copyOf(new TreeMap<>(Objects.requireNonNullElse(tags, Map.of())));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.engine = engine;
        b.parameterGroupFamily = parameterGroupFamily;
        b.size = size;
        b.nodeType = nodeType;
        b.nodes = nodes;
        b.multiAzEnabled = multiAzEnabled;
        b.clusterModeEnabled = clusterModeEnabled;
        b.transitEncryptionEnabled = transitEncryptionEnabled;
        b.port = port;
        b.evictionPolicy = evictionPolicy;
        b.network = network;
        b.kmsKeyArn = kmsKeyArn;
        b.authMode = authMode;
        b.authTokenUpdateStrategy = authTokenUpdateStrategy;
        b.aclUsername = aclUsername;
        b.maintenanceWindow = maintenanceWindow;
        b.monitoring = monitoring;
        b.tags.putAll(tags);
        b.haExemptionReason = haExemptionReason;
        b.credentialRotation = credentialRotation;
        return b;
    }

    /** Builder of {@link ElastiCacheCacheStoreProps}; unset fields take the documented defaults. */
    public static final class Builder {
        private String name;
        private ElastiCacheEngine engine;
        private String parameterGroupFamily;
        private SizePreset size;
        private String nodeType;
        private int nodes = 2;
        private Boolean multiAzEnabled;
        private boolean clusterModeEnabled;
        private boolean transitEncryptionEnabled = true;
        private int port = DEFAULT_PORT;
        private EvictionPolicy evictionPolicy;
        private AwsNetwork network;
        private String kmsKeyArn;
        private AuthMode authMode;
        private AuthTokenUpdateStrategy authTokenUpdateStrategy;
        private String aclUsername;
        private String maintenanceWindow;
        private AwsMonitoring monitoring;
        private final Map<String, String> tags = new TreeMap<>();
        private String haExemptionReason;
        private CredentialRotation credentialRotation;

        private Builder() {
        }

        public Builder name(String value) { this.name = value; return this; }
        public Builder engine(ElastiCacheEngine value) { this.engine = value; return this; }
        public Builder parameterGroupFamily(String value) { this.parameterGroupFamily = value; return this; }
        public Builder size(SizePreset value) { this.size = value; this.nodeType = null; return this; }
        public Builder nodeType(String value) { this.nodeType = value; return this; }
        public Builder nodes(int value) { this.nodes = value; return this; }
        public Builder multiAzEnabled(Boolean value) { this.multiAzEnabled = value; return this; }
        public Builder clusterModeEnabled(boolean value) { this.clusterModeEnabled = value; return this; }
        public Builder transitEncryptionEnabled(boolean value) { this.transitEncryptionEnabled = value; return this; }
        public Builder port(int value) { this.port = value; return this; }
        public Builder evictionPolicy(EvictionPolicy value) { this.evictionPolicy = value; return this; }
        public Builder network(AwsNetwork value) { this.network = value; return this; }
        public Builder kmsKeyArn(String value) { this.kmsKeyArn = value; return this; }
        public Builder authMode(AuthMode value) { this.authMode = value; return this; }
        public Builder authTokenUpdateStrategy(AuthTokenUpdateStrategy value) { this.authTokenUpdateStrategy = value; return this; }
        public Builder aclUsername(String value) { this.aclUsername = value; return this; }
        public Builder maintenanceWindow(String value) { this.maintenanceWindow = value; return this; }
        public Builder monitoring(AwsMonitoring value) { this.monitoring = value; return this; }
        public Builder tags(Map<String, String> value) { tags.clear(); tags.putAll(value); return this; }
        public Builder putTag(String key, String value) { tags.put(key, value); return this; }
        public Builder haExemptionReason(String value) { this.haExemptionReason = value; return this; }
        public Builder credentialRotation(CredentialRotation value) { this.credentialRotation = value; return this; }

        public ElastiCacheCacheStoreProps build() {
            return new ElastiCacheCacheStoreProps(name, engine, parameterGroupFamily, size, nodeType, nodes,
                    multiAzEnabled, clusterModeEnabled, transitEncryptionEnabled, port, evictionPolicy, network,
                    kmsKeyArn, authMode, authTokenUpdateStrategy, aclUsername, maintenanceWindow, monitoring, tags,
                    haExemptionReason, credentialRotation);
        }
    }
}
