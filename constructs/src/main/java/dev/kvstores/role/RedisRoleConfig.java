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
 * {@code redis-server}. The memory share, fsync policy, persistence cadence and replication mode are chosen by
 * measurement: docs/store-benchmark.md ({@code main/store-benchmark.sh}) and the real-server test
 * {@code ForkHeadroomRealServerTest}.
 */
public final class RedisRoleConfig {

    /**
     * Spaced RDB snapshot schedule of the Worker State Store when {@code rdbSnapshots} is on: at most one snapshot an
     * hour ({@code save 3600 1}). Off by default: the AOF's RDB preamble already restarts as fast as an RDB, and
     * every snapshot is one more fork (the former {@code 900 1 300 10 60 10000} forked every minute under load).
     */
    public static final String WORKER_RDB_SCHEDULE = "3600 1";
    /** AOF rewrite when the file has grown by this percentage of its size after the last rewrite (Redis default). */
    public static final int AOF_REWRITE_PERCENTAGE = 100;
    /** Smallest AOF that is rewritten, in MiB, unless a quarter of {@code maxmemory} is larger (Redis default 64). */
    public static final int AOF_REWRITE_MIN_MEBIBYTES = 64;

    private final StoreRole role;
    private final Map<String, String> directives;

    private RedisRoleConfig(StoreRole role, Map<String, String> directives) {
        this.role = role;
        this.directives = Collections.unmodifiableMap(directives);
    }

    /**
     * Cache Store: {@code maxmemory} 75% of memory, LRU eviction, no AOF, no RDB, diskless replica syncs, no idle
     * timeout.
     *
     * @param memoryLimitMebibytes the node's memory limit; {@code maxmemory} is 75% of it
     *                             ({@link StoreSize#maxmemoryPercent(StoreRole)})
     * @param evictionPolicy       {@code allkeys-lru} or {@code volatile-lru} (rendered as given: {@link RoleContract}
     *                             refuses any other for the cache)
     */
    public static RedisRoleConfig cache(int memoryLimitMebibytes, EvictionPolicy evictionPolicy) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("maxmemory", maxmemory(memoryLimitMebibytes, StoreRole.CACHE) + "mb");
        d.put("maxmemory-policy", evictionPolicy.redisName());
        d.put("appendonly", "no");
        d.put("save", "\"\"");
        replication(d);
        d.put("timeout", "0");
        return new RedisRoleConfig(StoreRole.CACHE, d);
    }

    /**
     * Worker State Store: {@code noeviction} with {@code maxmemory} at 50% of memory (the other half is the headroom
     * of one fork under write load, see {@link StoreSize#WORKER_MAXMEMORY_PERCENT}); AOF with
     * {@code appendfsync everysec} and an RDB preamble ({@code aof-use-rdb-preamble yes}), rewritten when it doubled
     * ({@code auto-aof-rewrite-percentage 100}) and is at least a quarter of {@code maxmemory}
     * ({@code auto-aof-rewrite-min-size}, at least 64 MiB); no RDB schedule unless {@code rdbSnapshots}
     * ({@value #WORKER_RDB_SCHEDULE}); diskless replica syncs. So the store forks once per AOF rewrite (every time
     * the writes since the last one reach the larger of the dataset's RDB size and the minimum size), once per
     * replica full sync and once per backup.
     *
     * @param memoryLimitMebibytes the node's memory limit
     * @param rdbSnapshots         also write spaced RDB snapshots ({@code save} {@value #WORKER_RDB_SCHEDULE})
     */
    public static RedisRoleConfig workerState(int memoryLimitMebibytes, boolean rdbSnapshots) {
        int maxmemory = maxmemory(memoryLimitMebibytes, StoreRole.WORKER_STATE);
        Map<String, String> d = new LinkedHashMap<>();
        d.put("maxmemory", maxmemory + "mb");
        d.put("maxmemory-policy", EvictionPolicy.NOEVICTION.redisName());
        d.put("appendonly", "yes");
        d.put("appendfsync", "everysec");
        d.put("aof-use-rdb-preamble", "yes");
        d.put("auto-aof-rewrite-percentage", String.valueOf(AOF_REWRITE_PERCENTAGE));
        d.put("auto-aof-rewrite-min-size", Math.max(AOF_REWRITE_MIN_MEBIBYTES, maxmemory / 4) + "mb");
        d.put("save", rdbSnapshots ? WORKER_RDB_SCHEDULE : "\"\"");
        replication(d);
        d.put("timeout", "0");
        return new RedisRoleConfig(StoreRole.WORKER_STATE, d);
    }

    /**
     * Full syncs stream the RDB from the fork straight to the replicas ({@code repl-diskless-sync yes}, the Redis 7
     * default, stated): no RDB file is written to the volume that holds the AOF (its fsyncs would stall behind it),
     * and replicas asking within {@code repl-diskless-sync-delay} seconds share one fork.
     */
    private static void replication(Map<String, String> d) {
        d.put("repl-diskless-sync", "yes");
        d.put("repl-diskless-sync-delay", "5");
    }

    private static int maxmemory(int memoryLimitMebibytes, StoreRole role) {
        if (memoryLimitMebibytes < 256) {
            throw new IllegalArgumentException("memory limit must be at least 256 MiB, got " + memoryLimitMebibytes);
        }
        return StoreSize.maxmemoryMebibytes(memoryLimitMebibytes, role);
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
