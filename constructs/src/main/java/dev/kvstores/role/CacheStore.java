package dev.kvstores.role;

/**
 * The platform's Cache Store: non-cluster Redis (services isolated by DB number), no persistence, LRU
 * eviction with {@code maxmemory} at 75% of memory. Its URL goes to {@code redisConnBaseUrlKey} without a
 * database number.
 */
public interface CacheStore extends KeyValueStore {

    @Override
    default StoreRole role() {
        return StoreRole.CACHE;
    }

    /**
     * Always {@link Durability#NONE}: the role is never persisted ({@code appendonly no}, {@code save ""});
     * {@link RoleContract} refuses a cache spec with any other durability.
     */
    @Override
    default Durability durability() {
        return Durability.NONE;
    }

    /** The eviction policy in force: {@code allkeys-lru} or {@code volatile-lru}. */
    EvictionPolicy evictionPolicy();
}
