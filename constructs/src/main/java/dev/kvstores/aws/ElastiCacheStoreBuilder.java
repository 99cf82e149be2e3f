package dev.kvstores.aws;

import dev.kvstores.role.StoreBasics;

/**
 * Base of the ElastiCache props' builders (cache and worker state): the AWS setters plus those of
 * {@link ElastiCacheCommon}, written once; the defaults and valid values are that part's. Package-private: users
 * see the setters on each props' public {@code Builder}.
 *
 * @param <B> the concrete builder
 */
abstract class ElastiCacheStoreBuilder<B extends ElastiCacheStoreBuilder<B>> extends AwsStoreBuilder<B> {
    ElastiCacheCommon.Builder elastiCache = ElastiCacheCommon.builder();

    ElastiCacheStoreBuilder() {
    }

    /** Starts from the parts of existing props (for {@code toBuilder()}). */
    B parts(StoreBasics basics, AwsStoreCommon aws, ElastiCacheCommon elastiCache) {
        this.elastiCache = elastiCache.toBuilder();
        return parts(basics, aws);
    }

    public B engine(ElastiCacheEngine value) { elastiCache.engine(value); return self(); }
    public B nodes(int value) { elastiCache.nodes(value); return self(); }
    public B multiAzEnabled(Boolean value) { elastiCache.multiAzEnabled(value); return self(); }
    public B clusterModeEnabled(boolean value) { elastiCache.clusterModeEnabled(value); return self(); }
    public B transitEncryptionEnabled(boolean value) { elastiCache.transitEncryptionEnabled(value); return self(); }
    public B authMode(AuthMode value) { elastiCache.authMode(value); return self(); }
    public B authTokenUpdateStrategy(AuthTokenUpdateStrategy value) { elastiCache.authTokenUpdateStrategy(value); return self(); }
}
