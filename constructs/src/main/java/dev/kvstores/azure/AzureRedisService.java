package dev.kvstores.azure;

import dev.kvstores.StoreConfigException;

/**
 * The two Azure Redis services, and which role each can serve.
 *
 * <ul>
 *   <li>{@link #MANAGED_REDIS}: Azure Managed Redis ({@code azurerm_managed_redis}), the Redis Enterprise based
 *       service that replaces the classic one. The Worker State Store's default. It can NOT hold the Cache
 *       Store: Redis Enterprise keeps one keyspace per database and {@code SELECT n} does nothing, whatever the
 *       clustering policy ({@code OSSCluster}, {@code EnterpriseCluster} or {@code NoCluster}), so the
 *       platform's per-service DB numbers would all land in the same keyspace.</li>
 *   <li>{@link #CACHE_FOR_REDIS}: classic Azure Cache for Redis ({@code azurerm_redis_cache}), community Redis
 *       with 16 databases. The only Azure service that gives the Cache Store its DB numbers; it is retiring
 *       (creation blocked for new customers, instances disabled on 30 Sep 2028), so kvstores only adopts existing
 *       ones ({@link AzureCacheForRedisCacheStore#fromExisting}).</li>
 * </ul>
 */
public enum AzureRedisService {
    MANAGED_REDIS("managed-redis"),
    CACHE_FOR_REDIS("classic");

    private final String settingName;

    AzureRedisService(String settingName) {
        this.settingName = settingName;
    }

    /** The value environment files use ({@code managed-redis} or {@code classic}). */
    public String settingName() {
        return settingName;
    }

    /** True when {@code SELECT n} with n &gt; 0 gives a separate keyspace (the Cache Store needs it). */
    public boolean supportsDatabaseNumbers() {
        return this == CACHE_FOR_REDIS;
    }

    /**
     * Refuses a service that cannot hold the Cache Store, with the reason and the fix.
     *
     * @throws StoreConfigException code {@code CacheDatabaseNumbers} for {@link #MANAGED_REDIS}
     */
    public void requireCacheCapable() {
        if (!supportsDatabaseNumbers()) {
            throw new StoreConfigException("CacheDatabaseNumbers", "cache store (azure-managed-redis): service "
                    + settingName + " cannot hold the cache: Azure Managed Redis runs Redis Enterprise, where SELECT"
                    + " does not switch databases under any clustering policy (OSSCluster, EnterpriseCluster,"
                    + " NoCluster), and the platform isolates services by DB number; use service in-cluster (Redis"
                    + " on the AKS cluster, the default) or adopt an existing classic Azure Cache for Redis (service"
                    + " classic) for the cache, and keep Managed Redis for the worker state store");
        }
    }

    /** Parses {@link #settingName()}; {@code null} for an unknown name. */
    public static AzureRedisService fromSettingName(String name) {
        for (AzureRedisService s : values()) {
            if (s.settingName.equals(name)) {
                return s;
            }
        }
        return null;
    }
}
