package dev.kvstores.gcp;

/**
 * The one table of Cloud Monitoring metric types the Memorystore alert policies and dashboard use, with the
 * Google documentation page that defines them (resource type {@value #RESOURCE_TYPE}). Policies, the dashboard and
 * the tests take metric types only from here.
 */
public enum MemorystoreMetric {
    MEMORY_USAGE_RATIO("stats/memory/usage_ratio"),
    EVICTED_KEYS("stats/evicted_keys"),
    REPLICATION_LAG("replication/master/slaves/lag"),
    REPLICATION_ROLE("replication/role"),
    REJECTED_CONNECTIONS("stats/reject_connections_count"),
    CONNECTED_CLIENTS("clients/connected"),
    CPU_MAIN_THREAD("stats/cpu_utilization_main_thread"),
    CACHE_HIT_RATIO("stats/cache_hit_ratio"),
    KEYS("keyspace/keys");

    /** Monitored resource type of Memorystore for Redis instances. */
    public static final String RESOURCE_TYPE = "redis_instance";
    /** The page listing Memorystore for Redis metrics. */
    public static final String DOCUMENTATION =
            "https://cloud.google.com/memorystore/docs/redis/supported-monitoring-metrics";

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
