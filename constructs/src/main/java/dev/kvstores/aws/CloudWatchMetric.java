package dev.kvstores.aws;

import dev.kvstores.role.AlertSignal;
import dev.kvstores.role.SignalCoverage;
import dev.kvstores.role.UncoveredSignal;
import java.util.Arrays;
import java.util.List;

/**
 * The one table of CloudWatch metrics the AWS alarms and dashboard use: namespace, metric name and the AWS
 * documentation page that lists it ({@link #documentation()}: every name below was checked against that page; the
 * dimensions are {@code CacheClusterId} per ElastiCache node and {@code ClusterName} + {@code NodeName} per MemoryDB
 * node). Alarms, the dashboard and the tests take names only from here. {@link #coverage} maps each signal of the
 * role's alert baseline ({@link AlertSignal}) to its alarms or says why it has none ({@link #UNCOVERED}).
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
     * How AWS covers each signal of the baseline in {@code namespace}: the alarms ({@link AwsAlarm#signal()}) that
     * watch it, or why there is none and what stands in. Neither metric page lists an OOM, rejected-write or error
     * count (the engine's {@code errorstats} are not published), a rejected-connection count, or a persistence
     * failure metric.
     */
    public static SignalCoverage coverage(AlertSignal signal, Namespace namespace) {
        boolean memoryDb = namespace == Namespace.MEMORYDB;
        String scope = namespace.namespaceName();
        return switch (signal) {
            case DOWN -> SignalCoverage.covered(signal, "down");
            case MEMORY -> SignalCoverage.covered(signal, "memory");
            case EVICTIONS -> SignalCoverage.covered(signal, "evictions");
            case REJECTED_WRITES -> SignalCoverage.uncovered(new UncoveredSignal(signal, scope,
                    scope + " publishes no OOM, rejected-write or command-error count", AlertSignal.MEMORY,
                    "the Worker State Store's memory page (DatabaseMemoryUsagePercentage above"
                    + " workerMemoryPagePercent, default 80%, on every node) fires before noeviction rejects writes",
                    namespace.documentation()));
            case REPLICATION -> SignalCoverage.covered(signal, "replication-lag");
            case FAILOVER -> SignalCoverage.covered(signal, "failover");
            case PERSISTENCE -> SignalCoverage.uncovered(memoryDb
                    ? new UncoveredSignal(signal, scope,
                    "the Multi-AZ transaction log is managed by MemoryDB and publishes no failure metric", null,
                    "MemoryDB event notifications on the alarm topic (sns_topic_arn); a write the log cannot take"
                    + " fails at the client, not silently", MEMORYDB_EVENTS)
                    : new UncoveredSignal(signal, scope,
                    "ElastiCache has no AOF (durability is replicas plus daily snapshots) and no metric reports a"
                    + " failed snapshot", null,
                    "the ElastiCache:SnapshotFailed event notification on the alarm topic (notification_topic_arn)",
                    ELASTICACHE_EVENTS));
            case CONNECTIONS -> SignalCoverage.covered(signal, "connections", "new-connections");
            case REJECTED_CONNECTIONS -> SignalCoverage.uncovered(new UncoveredSignal(signal, scope,
                    scope + " publishes no rejected-connection count", AlertSignal.CONNECTIONS,
                    "the connections warning at connectionsWarnPercent of maxclients 65000 (CurrConnections)",
                    namespace.documentation()));
            case CPU -> SignalCoverage.covered(signal, "cpu");
            // WorkerStateExport's Step Functions alarms (AWS/States), the same for both services
            case BACKUP -> SignalCoverage.covered(signal, "backup-failed", "backup-missing");
        };
    }

    /** Baseline signals neither namespace has a metric for, and what covers each ({@link #coverage}). */
    public static final List<UncoveredSignal> UNCOVERED = Arrays.stream(AlertSignal.values())
            .flatMap(signal -> Arrays.stream(Namespace.values()).map(ns -> coverage(signal, ns)))
            .filter(c -> !c.covered()).map(SignalCoverage::uncovered).toList();

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
