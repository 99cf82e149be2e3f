package dev.kvstores.gcp;

import dev.kvstores.role.UncoveredSignal;
import java.util.List;

/**
 * The one table of Cloud Monitoring metric types the Memorystore alert policies and dashboard use, with the
 * Google documentation page that lists them (resource type {@value #RESOURCE_TYPE}; kind, value type, unit and
 * labels as the Google Cloud metrics list {@value #METRICS_LIST} gives them, all GA). Policies, the dashboard and
 * the tests take metric types only from here. Signals of the baseline with no metric are listed in
 * {@link #UNCOVERED}.
 */
public enum MemorystoreMetric {
    /** GAUGE, DOUBLE, ratio of maxmemory; label {@code role}. */
    MEMORY_USAGE_RATIO("stats/memory/usage_ratio"),
    /** DELTA, INT64; label {@code role}. */
    EVICTED_KEYS("stats/evicted_keys"),
    /** GAUGE, INT64, seconds; labels {@code role}, {@code slave}. */
    REPLICATION_LAG("replication/master/slaves/lag"),
    /** GAUGE, INT64: 1 primary, 0 replica. */
    REPLICATION_ROLE("replication/role"),
    /** DELTA, INT64: connections rejected at maxclients; label {@code role}. */
    REJECTED_CONNECTIONS("stats/reject_connections_count"),
    /** GAUGE, INT64; label {@code role}. */
    CONNECTED_CLIENTS("clients/connected"),
    /**
     * DELTA, DOUBLE, CPU seconds; labels {@code role}, {@code space} (system / user) and {@code relationship}
     * (parent / child): one series per label combination, so a node's CPU is their sum.
     */
    CPU_MAIN_THREAD("stats/cpu_utilization_main_thread"),
    /** GAUGE, DOUBLE, fraction. */
    CACHE_HIT_RATIO("stats/cache_hit_ratio"),
    /** GAUGE, INT64; labels {@code role}, {@code db}. */
    KEYS("keyspace/keys"),
    /** GAUGE, INT64, seconds since the start of the last successful RDB snapshot; label {@code role}. */
    RDB_SNAPSHOT_LAST_SUCCESS_AGE("rdb/snapshot/last_success_age");

    /** Monitored resource type of Memorystore for Redis instances. */
    public static final String RESOURCE_TYPE = "redis_instance";
    /** The page listing Memorystore for Redis metrics. */
    public static final String DOCUMENTATION =
            "https://cloud.google.com/memorystore/docs/redis/supported-monitoring-metrics";
    /** The Google Cloud metrics list (section "redis"): kind, type, unit and labels of each metric type. */
    public static final String METRICS_LIST = "https://cloud.google.com/monitoring/api/metrics_gcp_p_z#gcp-redis";

    /**
     * Baseline signals Memorystore for Redis has no metric for, and what covers each. The metric list has no OOM,
     * rejected-write or error count, and no persistence disk metric (the snapshot disk is managed).
     */
    public static final List<UncoveredSignal> UNCOVERED = List.of(
            new UncoveredSignal("rejected-writes", UncoveredSignal.worker(), RESOURCE_TYPE,
                    "redis_instance has no OOM, rejected-write or command-error metric"
                    + " (stats/memory/system_memory_overload_duration is system memory, not maxmemory)", "memory",
                    "the Worker State Store's memory page (stats/memory/usage_ratio above workerMemoryPagePercent,"
                    + " default 80%) fires before noeviction rejects writes", DOCUMENTATION),
            new UncoveredSignal("persistence-disk", UncoveredSignal.worker(), RESOURCE_TYPE,
                    "Memorystore manages the snapshot disk and publishes no disk usage metric", "persistence",
                    "the snapshot-age policy (rdb/snapshot/last_success_age above two snapshot periods) fires when"
                    + " snapshots stop succeeding, whatever the cause", DOCUMENTATION));

    private final String path;

    MemorystoreMetric(String path) {
        this.path = path;
    }

    /** Full metric type, e.g. {@code redis.googleapis.com/stats/memory/usage_ratio}. */
    public String metricType() {
        return "redis.googleapis.com/" + path;
    }

    /** The documentation page the type comes from. */
    public String documentation() {
        return DOCUMENTATION;
    }

    /** Monitoring filter for this metric on one instance ({@code instance_id} ends with the instance name). */
    public String filter(String instanceName) {
        return "resource.type = \"" + RESOURCE_TYPE + "\" AND metric.type = \"" + metricType()
                + "\" AND resource.labels.instance_id = monitoring.regex.full_match(\"(.*/)?" + instanceName + "\")";
    }
}
