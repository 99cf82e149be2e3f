package dev.kvstores.role;

/**
 * Redis {@code maxmemory-policy} values the roles allow.
 *
 * <p>The Cache Store takes {@link #ALLKEYS_LRU} (default) or {@link #VOLATILE_LRU}; the Worker State Store
 * takes only {@link #NOEVICTION}, so that a full store rejects writes instead of silently dropping state.
 */
public enum EvictionPolicy {
    ALLKEYS_LRU("allkeys-lru"),
    VOLATILE_LRU("volatile-lru"),
    NOEVICTION("noeviction");

    private final String redisName;

    EvictionPolicy(String redisName) {
        this.redisName = redisName;
    }

    /** The value as {@code redis.conf} spells it. */
    public String redisName() {
        return redisName;
    }

    /** Parses the {@code redis.conf} spelling; throws with the allowed values otherwise. */
    public static EvictionPolicy fromRedisName(String value) {
        for (EvictionPolicy policy : values()) {
            if (policy.redisName.equals(value)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown maxmemory-policy '" + value
                + "'; allowed: allkeys-lru, volatile-lru, noeviction");
    }
}
