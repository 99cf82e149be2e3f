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

    /** The eviction policy in force: {@code allkeys-lru} or {@code volatile-lru}. */
    EvictionPolicy evictionPolicy();
}
