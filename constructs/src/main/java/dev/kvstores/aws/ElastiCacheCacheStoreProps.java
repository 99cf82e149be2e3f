package dev.kvstores.aws;

import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.SizePreset;
import dev.kvstores.role.StoreBasics;
import java.util.Map;
import java.util.Objects;

/**
 * Props of {@link ElastiCacheCacheStore}: the shared parts plus the cache's own field. Accessors of the parts
 * ({@code name()}, {@code port()}, {@code nodes()} …) are inherited from their {@code Part} interfaces.
 *
 * @param basics       name (replication group ID and prefix of every companion resource; 1-30 lowercase letters,
 *                     digits and hyphens; default {@code suprsend-cache}) and high-availability exemption (for a
 *                     single-node development cache); see {@link StoreBasics}
 * @param aws          size (default {@link SizePreset#SMALL}, {@code cache.t4g.medium}), node type, port, network
 *                     (required), KMS key, ACL user (default {@code suprsend-cache}), credential rotation,
 *                     maintenance window, monitoring, tags; see {@link AwsStoreCommon}
 * @param elastiCache  engine, nodes (default 2), Multi-AZ, cluster mode (must stay false: the cache isolates
 *                     services by DB number, which cluster mode lacks), TLS, auth mode; see {@link ElastiCacheCommon}
 * @param evictionPolicy {@code allkeys-lru} or {@code volatile-lru}. Default: {@code allkeys-lru}
 */
public record ElastiCacheCacheStoreProps(
        StoreBasics basics,
        AwsStoreCommon aws,
        ElastiCacheCommon elastiCache,
        EvictionPolicy evictionPolicy) implements StoreBasics.Part, AwsStoreCommon.Part, ElastiCacheCommon.Part {

    /** The ACL user and default name of the cache. */
    public static final String DEFAULT_NAME = "suprsend-cache";
    /** @see AwsStoreCommon#DEFAULT_MAINTENANCE_WINDOW */
    public static final String DEFAULT_MAINTENANCE_WINDOW = AwsStoreCommon.DEFAULT_MAINTENANCE_WINDOW;
    /** @see AwsStoreCommon#DEFAULT_PORT */
    public static final int DEFAULT_PORT = AwsStoreCommon.DEFAULT_PORT;

    public ElastiCacheCacheStoreProps {
        basics = Objects.requireNonNullElse(basics, StoreBasics.defaults()).withDefaultName(DEFAULT_NAME);
        Objects.requireNonNull(aws, "aws");
        aws = aws.withRoleDefaults(NodeTypes::cache, DEFAULT_NAME);
        elastiCache = Objects.requireNonNullElse(elastiCache, ElastiCacheCommon.builder().build());
        evictionPolicy = Objects.requireNonNullElse(evictionPolicy, EvictionPolicy.ALLKEYS_LRU);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.basics = basics.toBuilder();
        b.aws = aws.toBuilder();
        b.elastiCache = elastiCache.toBuilder();
        b.evictionPolicy = evictionPolicy;
        return b;
    }

    /** Builder of {@link ElastiCacheCacheStoreProps}; unset fields take the documented defaults. */
    public static final class Builder {
        private StoreBasics.Builder basics = StoreBasics.builder();
        private AwsStoreCommon.Builder aws = AwsStoreCommon.builder();
        private ElastiCacheCommon.Builder elastiCache = ElastiCacheCommon.builder().nodes(2);
        private EvictionPolicy evictionPolicy;

        private Builder() {
        }

        public Builder name(String value) { basics.name(value); return this; }
        public Builder haExemptionReason(String value) { basics.haExemptionReason(value); return this; }
        public Builder engine(ElastiCacheEngine value) { elastiCache.engine(value); return this; }
        public Builder parameterGroupFamily(String value) { aws.parameterGroupFamily(value); return this; }
        public Builder size(SizePreset value) { aws.size(value); return this; }
        public Builder nodeType(String value) { aws.nodeType(value); return this; }
        public Builder nodes(int value) { elastiCache.nodes(value); return this; }
        public Builder multiAzEnabled(Boolean value) { elastiCache.multiAzEnabled(value); return this; }
        public Builder clusterModeEnabled(boolean value) { elastiCache.clusterModeEnabled(value); return this; }
        public Builder transitEncryptionEnabled(boolean value) { elastiCache.transitEncryptionEnabled(value); return this; }
        public Builder port(int value) { aws.port(value); return this; }
        public Builder evictionPolicy(EvictionPolicy value) { this.evictionPolicy = value; return this; }
        public Builder network(AwsNetwork value) { aws.network(value); return this; }
        public Builder kmsKeyArn(String value) { aws.kmsKeyArn(value); return this; }
        public Builder authMode(AuthMode value) { elastiCache.authMode(value); return this; }
        public Builder authTokenUpdateStrategy(AuthTokenUpdateStrategy value) { elastiCache.authTokenUpdateStrategy(value); return this; }
        public Builder aclUsername(String value) { aws.aclUsername(value); return this; }
        public Builder maintenanceWindow(String value) { aws.maintenanceWindow(value); return this; }
        public Builder monitoring(AwsMonitoring value) { aws.monitoring(value); return this; }
        public Builder tags(Map<String, String> value) { aws.tags(value); return this; }
        public Builder putTag(String key, String value) { aws.putTag(key, value); return this; }
        public Builder credentialRotation(CredentialRotation value) { aws.credentialRotation(value); return this; }

        public ElastiCacheCacheStoreProps build() {
            return new ElastiCacheCacheStoreProps(basics.build(), aws.build(), elastiCache.build(), evictionPolicy);
        }
    }
}
