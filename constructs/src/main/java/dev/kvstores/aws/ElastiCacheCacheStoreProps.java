package dev.kvstores.aws;

import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.SizePreset;
import dev.kvstores.role.StoreBasics;
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
        return new Builder().parts(basics, aws, elastiCache).evictionPolicy(evictionPolicy);
    }

    /**
     * Builder of {@link ElastiCacheCacheStoreProps}; unset fields take the documented defaults. The setters of the
     * shared parts ({@code name}, {@code network}, {@code nodes} …) are inherited and return this builder.
     */
    public static final class Builder extends ElastiCacheStoreBuilder<Builder> {
        private EvictionPolicy evictionPolicy;

        private Builder() {
            nodes(2);
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder evictionPolicy(EvictionPolicy value) { this.evictionPolicy = value; return this; }

        public ElastiCacheCacheStoreProps build() {
            return new ElastiCacheCacheStoreProps(basics(), aws.build(), elastiCache.build(), evictionPolicy);
        }
    }
}
