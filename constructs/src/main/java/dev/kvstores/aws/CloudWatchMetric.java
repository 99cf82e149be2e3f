package dev.kvstores.aws;

import dev.kvstores.role.UncoveredSignal;
import java.util.List;

/**
 * The one table of CloudWatch metrics the AWS alarms and dashboard use: namespace, metric name and the AWS
 * documentation page that lists it ({@link #documentation()}: every name below was checked against that page; the
 * dimensions are {@code CacheClusterId} per ElastiCache node and {@code ClusterName} + {@code NodeName} per MemoryDB
 * node). Alarms, the dashboard and the tests take names only from here. Signals of the baseline with no metric at
 * all are listed in {@link #UNCOVERED}, with what stands in for them.
 */
public enum CloudWatchMetric {
    ELASTICACHE_ENGINE_CPU(Namespace.ELASTICACHE, "EngineCPUUtilization"),
    ELASTICACHE_MEMORY_PERCENT(Namespace.ELASTICACHE, "DatabaseMemoryUsagePercentage"),
    ELASTICACHE_EVICTIONS(Namespace.ELASTICACHE, "Evictions"),
    ELASTICACHE_REPLICATION_LAG(Namespace.ELASTICACHE, "ReplicationLag"),
    ELASTICACHE_CURR_CONNECTIONS(Namespace.ELASTICACHE, "CurrConnections"),
    ELASTICACHE_NEW_CONNECTIONS(Namespace.ELASTICACHE, "NewConnections"),
    ELASTICACHE_CACHE_HIT_RATE(Namespace.ELASTICACHE, "CacheHitRate"),
    ELASTICACHE_CURR_ITEMS(Namespace.ELASTICACHE, "CurrItems"),
    /** 1 on the primary of a shard, 0 on a replica: a change is a failover. */
    ELASTICACHE_IS_PRIMARY(Namespace.ELASTICACHE, "IsPrimary"),
    MEMORYDB_ENGINE_CPU(Namespace.MEMORYDB, "EngineCPUUtilization"),
    MEMORYDB_MEMORY_PERCENT(Namespace.MEMORYDB, "DatabaseMemoryUsagePercentage"),
    MEMORYDB_EVICTIONS(Namespace.MEMORYDB, "Evictions"),
    MEMORYDB_REPLICATION_LAG(Namespace.MEMORYDB, "ReplicationLag"),
    MEMORYDB_CURR_CONNECTIONS(Namespace.MEMORYDB, "CurrConnections"),
    MEMORYDB_NEW_CONNECTIONS(Namespace.MEMORYDB, "NewConnections"),
    MEMORYDB_CURR_ITEMS(Namespace.MEMORYDB, "CurrItems"),
    /** 1 on the primary of a shard, 0 on a replica: a change is a failover. */
    MEMORYDB_IS_PRIMARY(Namespace.MEMORYDB, "IsPrimary");

    /** ElastiCache event notifications (SNS): the events the alarm topic receives. */
    public static final String ELASTICACHE_EVENTS =
            "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ElastiCacheSNS.html";
    /** MemoryDB event notifications (SNS). */
    public static final String MEMORYDB_EVENTS = "https://docs.aws.amazon.com/memorydb/latest/devguide/memorydbsns.html";

    /**
     * Baseline signals neither namespace has a metric for, and what covers each. Neither metric page lists an OOM,
     * rejected-write or error count (the engine's {@code errorstats} are not published), a rejected-connection count,
     * or a persistence failure metric.
     */
    public static final List<UncoveredSignal> UNCOVERED = List.of(
            new UncoveredSignal("rejected-writes", UncoveredSignal.worker(), "AWS/ElastiCache",
                    "AWS/ElastiCache publishes no OOM, rejected-write or command-error count", "memory",
                    "the Worker State Store's memory page (DatabaseMemoryUsagePercentage above"
                    + " workerMemoryPagePercent, default 80%, on every node) fires before noeviction rejects writes",
                    Namespace.ELASTICACHE.documentation()),
            new UncoveredSignal("rejected-writes", UncoveredSignal.worker(), "AWS/MemoryDB",
                    "AWS/MemoryDB publishes no OOM, rejected-write or command-error count", "memory",
                    "the Worker State Store's memory page (DatabaseMemoryUsagePercentage above"
                    + " workerMemoryPagePercent, default 80%, on every node) fires before noeviction rejects writes",
                    Namespace.MEMORYDB.documentation()),
            new UncoveredSignal("persistence", UncoveredSignal.worker(), "AWS/ElastiCache",
                    "ElastiCache has no AOF (durability is replicas plus daily snapshots) and no metric reports a"
                    + " failed snapshot", null,
                    "the ElastiCache:SnapshotFailed event notification on the alarm topic (notification_topic_arn)",
                    ELASTICACHE_EVENTS),
            new UncoveredSignal("persistence", UncoveredSignal.worker(), "AWS/MemoryDB",
                    "the Multi-AZ transaction log is managed by MemoryDB and publishes no failure metric", null,
                    "MemoryDB event notifications on the alarm topic (sns_topic_arn); a write the log cannot take"
                    + " fails at the client, not silently", MEMORYDB_EVENTS),
            new UncoveredSignal("rejected-connections", UncoveredSignal.both(), "AWS/ElastiCache",
                    "AWS/ElastiCache publishes no rejected-connection count", "connections",
                    "the connections warning at connectionsWarnPercent of maxclients 65000 (CurrConnections)",
                    Namespace.ELASTICACHE.documentation()),
            new UncoveredSignal("rejected-connections", UncoveredSignal.both(), "AWS/MemoryDB",
                    "AWS/MemoryDB publishes no rejected-connection count", "connections",
                    "the connections warning at connectionsWarnPercent of maxclients 65000 (CurrConnections)",
                    Namespace.MEMORYDB.documentation()));

    /** A CloudWatch namespace with its metric reference page. */
    public enum Namespace {
        ELASTICACHE("AWS/ElastiCache", "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheMetrics.Redis.html"),
        MEMORYDB("AWS/MemoryDB", "https://docs.aws.amazon.com/memorydb/latest/devguide/metrics.memorydb.html");

        private final String name;
        private final String documentation;

        Namespace(String name, String documentation) {
            this.name = name;
            this.documentation = documentation;
        }

        /** E.g. {@code AWS/ElastiCache}. */
        public String namespaceName() {
            return name;
        }

        /** The AWS page listing this namespace's metrics. */
        public String documentation() {
            return documentation;
        }
    }

    private final Namespace namespace;
    private final String metricName;

    CloudWatchMetric(Namespace namespace, String metricName) {
        this.namespace = namespace;
        this.metricName = metricName;
    }

    public Namespace namespace() {
        return namespace;
    }

    /** The metric's name in CloudWatch, e.g. {@code EngineCPUUtilization}. */
    public String metricName() {
        return metricName;
    }

    /** The documentation page the name comes from. */
    public String documentation() {
        return namespace.documentation();
    }
}
