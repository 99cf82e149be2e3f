package dev.kvstores.azure;

/**
 * The one table of Azure Monitor platform metrics the Azure alerts and dashboard use: metric namespace (the
 * resource type), metric name as the REST API / {@code azurerm_monitor_metric_alert} spell it, and the Azure
 * Monitor reference page that lists it. Azure Cache for Redis (classic) and Azure Managed Redis are different
 * resource types with different metric sets; alerts, the dashboard and the tests take names only from here.
 */
public enum AzureMonitorMetric {
    CLASSIC_USED_MEMORY_PERCENT(Namespace.CLASSIC, "usedmemorypercentage"),
    CLASSIC_EVICTED_KEYS(Namespace.CLASSIC, "evictedkeys"),
    CLASSIC_CONNECTED_CLIENTS(Namespace.CLASSIC, "connectedclients"),
    CLASSIC_PROCESSOR_TIME(Namespace.CLASSIC, "percentProcessorTime"),
    CLASSIC_SERVER_LOAD(Namespace.CLASSIC, "serverLoad"),
    /** Dimension {@code ErrorType}: Failover, Dataloss, UnresponsiveClients, AOF, RDB, Import, Export. */
    CLASSIC_ERRORS(Namespace.CLASSIC, "errors"),
    CLASSIC_CACHE_HITS(Namespace.CLASSIC, "cachehits"),
    CLASSIC_CACHE_MISSES(Namespace.CLASSIC, "cachemisses"),
    MANAGED_USED_MEMORY_PERCENT(Namespace.MANAGED, "usedmemorypercentage"),
    MANAGED_EVICTED_KEYS(Namespace.MANAGED, "evictedkeys"),
    MANAGED_CONNECTED_CLIENTS(Namespace.MANAGED, "connectedclients"),
    MANAGED_PROCESSOR_TIME(Namespace.MANAGED, "percentProcessorTime"),
    MANAGED_SERVER_LOAD(Namespace.MANAGED, "serverLoad"),
    MANAGED_CACHE_HITS(Namespace.MANAGED, "cachehits"),
    MANAGED_CACHE_MISSES(Namespace.MANAGED, "cachemisses"),
    /** Failed runs of the Worker State backup's Logic App ({@link ManagedRedisBackup}). */
    BACKUP_RUNS_FAILED(Namespace.LOGIC_WORKFLOW, "RunsFailed");

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
