package dev.kvstores.role;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code redis.conf} directives a role requires (vendor guide, "Cache Store" and "Worker State Store").
 *
 * <p>In-cluster backends render {@link #toRedisConf()} into the chart; managed backends map the same
 * directives to parameter groups or {@code redis_configs}. The real-server tests feed the same text to
 * {@code redis-server}.
 */
public final class RedisRoleConfig {

    /** RDB snapshot schedule of the Worker State Store: {@code save 900 1 300 10 60 10000}. */
    public static final String WORKER_RDB_SCHEDULE = "900 1 300 10 60 10000";

    private final StoreRole role;
    private final Map<String, String> directives;

    private RedisRoleConfig(StoreRole role, Map<String, String> directives) {
        this.role = role;
        this.directives = Collections.unmodifiableMap(directives);
    }

    /**
     * Cache Store: {@code maxmemory} 75% of memory, LRU eviction, no AOF, no RDB, no idle timeout.
     *
     * @param memoryLimitMebibytes the node's memory limit; {@code maxmemory} is 75% of it
     * @param evictionPolicy       {@code allkeys-lru} or {@code volatile-lru} (rendered as given: {@link RoleContract}
     *                             refuses any other for the cache)
     */
    public static RedisRoleConfig cache(int memoryLimitMebibytes, EvictionPolicy evictionPolicy) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("maxmemory", maxmemory(memoryLimitMebibytes));
        d.put("maxmemory-policy", evictionPolicy.redisName());
        d.put("appendonly", "no");
        d.put("save", "\"\"");
        d.put("timeout", "0");
        return new RedisRoleConfig(StoreRole.CACHE, d);
    }

    /**
     * Worker State Store: AOF with {@code appendfsync everysec}, optional RDB snapshots, {@code noeviction},
     * and {@code maxmemory} at 75% of memory so a full store rejects writes before the node runs out of memory.
     *
     * @param memoryLimitMebibytes the node's memory limit
     * @param rdbSnapshots         also write RDB snapshots ({@value #WORKER_RDB_SCHEDULE}) for faster restarts
     */
    public static RedisRoleConfig workerState(int memoryLimitMebibytes, boolean rdbSnapshots) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("maxmemory", maxmemory(memoryLimitMebibytes));
        d.put("maxmemory-policy", EvictionPolicy.NOEVICTION.redisName());
        d.put("appendonly", "yes");
        d.put("appendfsync", "everysec");
        d.put("save", rdbSnapshots ? WORKER_RDB_SCHEDULE : "\"\"");
        d.put("timeout", "0");
        return new RedisRoleConfig(StoreRole.WORKER_STATE, d);
    }

    private static String maxmemory(int memoryLimitMebibytes) {
        if (memoryLimitMebibytes < 256) {
            throw new IllegalArgumentException("memory limit must be at least 256 MiB, got " + memoryLimitMebibytes);
        }
        return (memoryLimitMebibytes * StoreSize.MAXMEMORY_PERCENT / 100) + "mb";
    }

    /** The role this configuration is for. */
    public StoreRole role() {
        return role;
    }

    /** Directive name to value, in {@code redis.conf} order; values as {@code redis.conf} spells them. */
    public Map<String, String> directives() {
        return directives;
    }

    /** What the rendered directives persist: AOF when {@code appendonly yes}, RDB when only {@code save} is set. */
    public Durability durability() {
        if ("yes".equals(directives.get("appendonly"))) {
            return Durability.AOF_EVERYSEC;
        }
        return "\"\"".equals(directives.get("save")) ? Durability.NONE : Durability.RDB_SNAPSHOTS;
    }

    /** The rendered {@code maxmemory-policy}. */
    public EvictionPolicy evictionPolicy() {
        return EvictionPolicy.fromRedisName(directives.get("maxmemory-policy"));
    }

    /** The directives as {@code redis.conf} lines, newline-terminated. */
    public String toRedisConf() {
        return directives.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
