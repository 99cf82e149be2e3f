package dev.kvstores.azure;

import dev.kvstores.role.UncoveredSignal;
import java.util.List;

/**
 * The one table of Azure Monitor platform metrics the Azure alerts and dashboard use: metric namespace (the
 * resource type), metric name as the REST API / {@code azurerm_monitor_metric_alert} spell it, and the Azure
 * Monitor reference page that lists it (every name below was checked against that page: "Name in REST API"
 * column). Azure Cache for Redis (classic) and Azure Managed Redis are different resource types with different
 * metric sets; alerts, the dashboard and the tests take names only from here. "Store down" has no metric on either:
 * it is a Resource Health activity-log alert ({@link AzureHealthAlert}). Signals with no metric and no other
 * alert are listed in {@link #UNCOVERED}.
 */
public enum AzureMonitorMetric {
    CLASSIC_USED_MEMORY_PERCENT(Namespace.CLASSIC, "usedmemorypercentage"),
    CLASSIC_EVICTED_KEYS(Namespace.CLASSIC, "evictedkeys"),
    CLASSIC_CONNECTED_CLIENTS(Namespace.CLASSIC, "connectedclients"),
    CLASSIC_PROCESSOR_TIME(Namespace.CLASSIC, "percentProcessorTime"),
    CLASSIC_SERVER_LOAD(Namespace.CLASSIC, "serverLoad"),
    /**
     * Dimensions {@code ShardId} and {@code ErrorType}: Failover, Dataloss, UnresponsiveClients, AOF, RDB, Import,
     * Export, MicrosoftEntraAuthenticationFailure, MicrosoftEntraTokenExpired ({@value #CLASSIC_ERRORS_DETAILS}).
     * None of them is an OOM / rejected write.
     */
    CLASSIC_ERRORS(Namespace.CLASSIC, "errors"),
    CLASSIC_CACHE_HITS(Namespace.CLASSIC, "cachehits"),
    CLASSIC_CACHE_MISSES(Namespace.CLASSIC, "cachemisses"),
    MANAGED_USED_MEMORY_PERCENT(Namespace.MANAGED, "usedmemorypercentage"),
    MANAGED_EVICTED_KEYS(Namespace.MANAGED, "evictedkeys"),
    MANAGED_CONNECTED_CLIENTS(Namespace.MANAGED, "connectedclients"),
    MANAGED_PROCESSOR_TIME(Namespace.MANAGED, "percentProcessorTime"),
    MANAGED_SERVER_LOAD(Namespace.MANAGED, "serverLoad"),
    /**
     * "Shard Replication Link Up (Preview)": whether a replica shard is connected to its primary; aggregation
     * Minimum, dimensions {@code InstanceId}, {@code Slots}, {@code Shard}, {@code Role}. Only highly available
     * caches have replica shards.
     */
    MANAGED_SHARD_REPLICATION_LINK_UP(Namespace.MANAGED, "ShardReplicationLinkUp"),
    MANAGED_CACHE_HITS(Namespace.MANAGED, "cachehits"),
    MANAGED_CACHE_MISSES(Namespace.MANAGED, "cachemisses"),
    /** Failed runs of the Worker State backup's Logic App ({@link ManagedRedisBackup}). */
    BACKUP_RUNS_FAILED(Namespace.LOGIC_WORKFLOW, "RunsFailed");

    /** Where the {@code ErrorType} values of the classic {@code errors} metric are described. */
    public static final String CLASSIC_ERRORS_DETAILS =
            "https://learn.microsoft.com/azure/azure-cache-for-redis/monitor-cache-reference#azure-cache-for-redis-metrics";

    /**
     * Baseline signals with neither a metric nor another alert, and what covers each. Neither metric list has an
     * OOM / rejected-write count or a rejected-connection count; Azure Managed Redis has no error, persistence or
     * failover metric (its {@code errors} metric of 2023 is gone from the current list).
     */
    public static final List<UncoveredSignal> UNCOVERED = List.of(
            new UncoveredSignal("rejected-writes", UncoveredSignal.worker(), "Microsoft.Cache/redis",
                    "Microsoft.Cache/redis has no OOM or rejected-write metric (no such ErrorType of errors)",
                    "memory", "the Worker State Store's memory page (usedmemorypercentage above"
                    + " workerMemoryPagePercent, default 80%) fires before noeviction rejects writes",
                    CLASSIC_ERRORS_DETAILS),
            new UncoveredSignal("rejected-writes", UncoveredSignal.worker(), "Microsoft.Cache/redisEnterprise",
                    "Microsoft.Cache/redisEnterprise has no OOM, rejected-write or error metric", "memory",
                    "the Worker State Store's memory page (usedmemorypercentage above workerMemoryPagePercent,"
                    + " default 80%) fires before noeviction rejects writes", Namespace.MANAGED.documentation()),
            new UncoveredSignal("persistence", UncoveredSignal.worker(), "Microsoft.Cache/redisEnterprise",
                    "Azure Managed Redis persistence (AOF, preview) publishes no metric and the disk is managed",
                    "down", "the Resource Health alerts (Degraded / Unavailable) and the memory page; AOF cannot be"
                    + " checked from Azure Monitor", Namespace.MANAGED.documentation()),
            new UncoveredSignal("replication", UncoveredSignal.both(), "Microsoft.Cache/redis",
                    "Microsoft.Cache/redis has no in-region replica link or lag metric (the GeoReplication*"
                    + " metrics need geo-replication)", "failover",
                    "errors with ErrorType Failover and Dataloss, and Resource Health Degraded",
                    Namespace.CLASSIC.documentation()),
            new UncoveredSignal("failover", UncoveredSignal.both(), "Microsoft.Cache/redisEnterprise",
                    "Microsoft.Cache/redisEnterprise has no failover metric", "down",
                    "the Resource Health alerts: a failover or patching shows as a health event in the activity"
                    + " log (https://learn.microsoft.com/azure/redis/failover)", Namespace.MANAGED.documentation()),
            new UncoveredSignal("rejected-connections", UncoveredSignal.both(), "Microsoft.Cache/redis",
                    "Microsoft.Cache/redis has no rejected-connection metric", "connections",
                    "the connections warning at connectionsWarnPercent of maxClients, and Resource Health (it checks"
                    + " \"Has the Cache reached the maximum number of connections?\")",
                    Namespace.CLASSIC.documentation()),
            new UncoveredSignal("rejected-connections", UncoveredSignal.both(), "Microsoft.Cache/redisEnterprise",
                    "Microsoft.Cache/redisEnterprise has no rejected-connection metric", "connections",
                    "the connections warning at connectionsWarnPercent of maxClients", Namespace.MANAGED.documentation()));

    /** A metric namespace (resource type) with its reference page. */
    public enum Namespace {
        CLASSIC("Microsoft.Cache/redis",
                "https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-cache-redis-metrics"),
        MANAGED("Microsoft.Cache/redisEnterprise",
                "https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-cache-redisenterprise-metrics"),
        LOGIC_WORKFLOW("Microsoft.Logic/workflows",
                "https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-logic-workflows-metrics");

        private final String name;
        private final String documentation;

        Namespace(String name, String documentation) {
            this.name = name;
            this.documentation = documentation;
        }

        /** E.g. {@code Microsoft.Cache/redis}. */
        public String namespaceName() {
            return name;
        }

        public String documentation() {
            return documentation;
        }
    }

    private final Namespace namespace;
    private final String metricName;

    AzureMonitorMetric(Namespace namespace, String metricName) {
        this.namespace = namespace;
        this.metricName = metricName;
    }

    public Namespace namespace() {
        return namespace;
    }

    /** The metric's REST API name, e.g. {@code usedmemorypercentage}. */
    public String metricName() {
        return metricName;
    }

    /** The documentation page the name comes from. */
    public String documentation() {
        return namespace.documentation();
    }
}
