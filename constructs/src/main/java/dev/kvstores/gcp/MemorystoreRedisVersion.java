package dev.kvstores.gcp;

/**
 * Redis versions of Memorystore for Redis the platform accepts (it needs Redis 7.0 or later).
 */
public enum MemorystoreRedisVersion {
    REDIS_7_0,
    /** The default. */
    REDIS_7_2;

    /** The value of {@code google_redis_instance.redis_version}. */
    public String terraformName() {
        return name();
    }
}
