package dev.kvstores.azure;

import dev.kvstores.role.AlertSignal;
import dev.kvstores.role.SignalCoverage;
import dev.kvstores.role.UncoveredSignal;
import java.util.Arrays;
import java.util.List;

/**
 * The one table of Azure Monitor platform metrics the Azure alerts and dashboard use: metric namespace (the
 * resource type), metric name as the REST API / {@code azurerm_monitor_metric_alert} spell it, and the Azure
 * Monitor reference page that lists it (every name below was checked against that page: "Name in REST API"
 * column). Azure Cache for Redis (classic) and Azure Managed Redis are different resource types with different
 * metric sets; alerts, the dashboard and the tests take names only from here. "Store down" has no metric on either:
 * it is a Resource Health activity-log alert ({@link AzureHealthAlert}). {@link #coverage} maps each signal of the
 * role's alert baseline ({@link AlertSignal}) to its alerts or says why it has none ({@link #UNCOVERED}).
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
     * How Azure covers each signal of the baseline on Azure Cache for Redis (classic, {@code managed} false) or
     * Azure Managed Redis: the alerts ({@link AzureMetricAlert#signal()}, {@link AzureHealthAlert#signal()}) that
     * watch it, or why there is none and what stands in. Neither metric list has an OOM / rejected-write count or a
     * rejected-connection count; Azure Managed Redis has no error, persistence or failover metric (its
     * {@code errors} metric of 2023 is gone from the current list). "Down" is a Resource Health alert on both.
     */
    public static SignalCoverage coverage(AlertSignal signal, boolean managed) {
        Namespace ns = managed ? Namespace.MANAGED : Namespace.CLASSIC;
        String scope = ns.namespaceName();
        return switch (signal) {
            case DOWN -> SignalCoverage.covered(signal, "down", "degraded");
            case MEMORY -> SignalCoverage.covered(signal, "memory");
            case EVICTIONS -> SignalCoverage.covered(signal, "evictions");
            case REJECTED_WRITES -> SignalCoverage.uncovered(managed
                    ? new UncoveredSignal(signal, scope,
                    "Microsoft.Cache/redisEnterprise has no OOM, rejected-write or error metric", AlertSignal.MEMORY,
                    "the Worker State Store's memory page (usedmemorypercentage above workerMemoryPagePercent,"
                    + " default 80%) fires before noeviction rejects writes", ns.documentation())
                    : new UncoveredSignal(signal, scope,
                    "Microsoft.Cache/redis has no OOM or rejected-write metric (no such ErrorType of errors)",
                    AlertSignal.MEMORY, "the Worker State Store's memory page (usedmemorypercentage above"
                    + " workerMemoryPagePercent, default 80%) fires before noeviction rejects writes",
                    CLASSIC_ERRORS_DETAILS));
            case REPLICATION -> managed ? SignalCoverage.covered(signal, "replication")
                    : SignalCoverage.uncovered(new UncoveredSignal(signal, scope,
                    "Microsoft.Cache/redis has no in-region replica link or lag metric (the GeoReplication*"
                    + " metrics need geo-replication)", AlertSignal.FAILOVER,
                    "errors with ErrorType Failover and Dataloss, and Resource Health Degraded", ns.documentation()));
            case FAILOVER -> managed ? SignalCoverage.uncovered(new UncoveredSignal(signal, scope,
                    "Microsoft.Cache/redisEnterprise has no failover metric", AlertSignal.DOWN,
                    "the Resource Health alerts: a failover or patching shows as a health event in the activity"
                    + " log (https://learn.microsoft.com/azure/redis/failover)", ns.documentation()))
                    : SignalCoverage.covered(signal, "failover", "dataloss");
            case PERSISTENCE -> managed ? SignalCoverage.uncovered(new UncoveredSignal(signal, scope,
                    "Azure Managed Redis persistence (AOF, preview) publishes no metric and the disk is managed",
                    AlertSignal.DOWN, "the Resource Health alerts (Degraded / Unavailable) and the memory page; AOF"
                    + " cannot be checked from Azure Monitor", ns.documentation()))
                    : SignalCoverage.covered(signal, "persistence-aof", "persistence-rdb");
            case CONNECTIONS -> SignalCoverage.covered(signal, "connections");
            case REJECTED_CONNECTIONS -> SignalCoverage.uncovered(managed
                    ? new UncoveredSignal(signal, scope, "Microsoft.Cache/redisEnterprise has no rejected-connection"
                    + " metric", AlertSignal.CONNECTIONS, "the connections warning at connectionsWarnPercent of"
                    + " maxClients", ns.documentation())
                    : new UncoveredSignal(signal, scope, "Microsoft.Cache/redis has no rejected-connection metric",
                    AlertSignal.CONNECTIONS, "the connections warning at connectionsWarnPercent of maxClients, and"
                    + " Resource Health (it checks \"Has the Cache reached the maximum number of connections?\")",
                    ns.documentation()));
            case CPU -> SignalCoverage.covered(signal, "cpu", "server-load");
            // ManagedRedisBackup's alert on the Logic App's RunsFailed (only Managed Redis has the export job)
            case BACKUP -> managed ? SignalCoverage.covered(signal, "backup-failed")
                    : SignalCoverage.uncovered(new UncoveredSignal(signal, scope, "the library schedules no"
                    + " off-store export of a classic cache (its RDB/AOF persistence to the storage account is the"
                    + " copy), so there is no backup run to alert on", AlertSignal.PERSISTENCE,
                    "the persistence alerts (errors AOF / RDB)", ns.documentation()));
        };
    }

    /** Baseline signals with neither a metric nor another alert, and what covers each ({@link #coverage}). */
    public static final List<UncoveredSignal> UNCOVERED = Arrays.stream(AlertSignal.values())
            .flatMap(signal -> java.util.stream.Stream.of(coverage(signal, false), coverage(signal, true)))
            .filter(c -> !c.covered()).map(SignalCoverage::uncovered).toList();

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
