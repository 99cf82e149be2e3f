package dev.kvstores.aws;

/**
 * The one table of CloudWatch metrics the AWS alarms and dashboard use: namespace, metric name and the AWS
 * documentation page that defines it. Alarms, the dashboard and the tests take names only from here.
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
    MEMORYDB_ENGINE_CPU(Namespace.MEMORYDB, "EngineCPUUtilization"),
    MEMORYDB_MEMORY_PERCENT(Namespace.MEMORYDB, "DatabaseMemoryUsagePercentage"),
    MEMORYDB_EVICTIONS(Namespace.MEMORYDB, "Evictions"),
    MEMORYDB_REPLICATION_LAG(Namespace.MEMORYDB, "ReplicationLag"),
    MEMORYDB_CURR_CONNECTIONS(Namespace.MEMORYDB, "CurrConnections"),
    MEMORYDB_NEW_CONNECTIONS(Namespace.MEMORYDB, "NewConnections"),
    MEMORYDB_CURR_ITEMS(Namespace.MEMORYDB, "CurrItems");

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
