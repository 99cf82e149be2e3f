package dev.kvstores.gcp;

import dev.kvstores.role.AlertSignal;
import dev.kvstores.role.SignalCoverage;
import dev.kvstores.role.UncoveredSignal;
import java.util.Arrays;
import java.util.List;

/**
 * The one table of Cloud Monitoring metric types the Memorystore alert policies and dashboard use, with the
 * Google documentation page that lists them (resource type {@value #RESOURCE_TYPE}; kind, value type, unit and
 * labels as the Google Cloud metrics list {@value #METRICS_LIST} gives them, all GA). Policies, the dashboard and
 * the tests take metric types only from here. {@link #coverage} maps each signal of the role's alert baseline
 * ({@link AlertSignal}) to its policies or says why it has none ({@link #UNCOVERED}).
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
     * How Memorystore for Redis covers each signal of the baseline: the alert policies
     * ({@link GcpAlertPolicy#signal()}) that watch it, or why there is none and what stands in. The metric list has
     * no OOM, rejected-write or error count. Persistence is watched through the snapshot age, whatever the cause of
     * a failure: Memorystore manages the snapshot disk and publishes no disk usage metric.
     */
    public static SignalCoverage coverage(AlertSignal signal) {
        return switch (signal) {
            case DOWN -> SignalCoverage.covered(signal, "down");
            case MEMORY -> SignalCoverage.covered(signal, "memory");
            case EVICTIONS -> SignalCoverage.covered(signal, "evictions");
            case REJECTED_WRITES -> SignalCoverage.uncovered(new UncoveredSignal(signal, RESOURCE_TYPE,
                    "redis_instance has no OOM, rejected-write or command-error metric"
                    + " (stats/memory/system_memory_overload_duration is system memory, not maxmemory)",
                    AlertSignal.MEMORY, "the Worker State Store's memory page (stats/memory/usage_ratio above"
                    + " workerMemoryPagePercent, default 80%) fires before noeviction rejects writes", DOCUMENTATION));
            case REPLICATION -> SignalCoverage.covered(signal, "replication-lag");
            case FAILOVER -> SignalCoverage.covered(signal, "failover");
            case PERSISTENCE -> SignalCoverage.covered(signal, "persistence");
            case CONNECTIONS -> SignalCoverage.covered(signal, "connections");
            case REJECTED_CONNECTIONS -> SignalCoverage.covered(signal, "rejected-connections");
            case CPU -> SignalCoverage.covered(signal, "cpu");
            // MemorystoreBackup's alert policies on the export workflow and its scheduler job
            case BACKUP -> SignalCoverage.covered(signal, "backup-export-failed", "backup-trigger-failed");
        };
    }

    /** Baseline signals Memorystore for Redis has no metric for, and what covers each ({@link #coverage}). */
    public static final List<UncoveredSignal> UNCOVERED = Arrays.stream(AlertSignal.values())
            .map(MemorystoreMetric::coverage).filter(c -> !c.covered()).map(SignalCoverage::uncovered).toList();

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
