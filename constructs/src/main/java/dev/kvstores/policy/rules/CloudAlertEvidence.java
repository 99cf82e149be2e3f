package dev.kvstores.policy.rules;

import dev.kvstores.role.AlertSignal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link CloudAlertBaseline} accepts in the synthesized alert resources as the alert of each baseline signal
 * ({@link AlertSignal}), per managed service: the rule's own reading of the resource types, one exhaustive switch per
 * service, so a new signal does not compile until the rule says what proves it or that the service has no metric for
 * it (no evidence: the backend's coverage table declares it uncovered; {@code AlertBaselineRulesTest} checks both
 * agree).
 */
final class CloudAlertEvidence {

    /** Id of the metric inside a CloudWatch metric math expression, as the alarms write it. */
    static final String AWS_METRIC_ID = "m1";
    static final String ELASTICACHE = "AWS/ElastiCache";
    static final String MEMORYDB = "AWS/MemoryDB";
    static final String AZURE_CLASSIC = "Microsoft.Cache/redis";
    static final String AZURE_MANAGED = "Microsoft.Cache/redisEnterprise";
    /** Activity-log category of Resource Health events. */
    static final String RESOURCE_HEALTH = "ResourceHealth";
    static final String GCP_METRIC = "redis.googleapis.com/";

    private CloudAlertEvidence() {
    }

    /** An AWS alarm as the rule sees it: {@code <metric> <statistic>}, wrapped in the expression if any. */
    static String awsSignal(String metricName, String statistic, String expression) {
        String watched = metricName + " " + statistic;
        return expression == null ? watched : expression.replace(AWS_METRIC_ID, watched);
    }

    /**
     * The alarms (as {@link #awsSignal}) that prove {@code signal} on an ElastiCache or MemoryDB store, each with
     * how a finding names it, the signal's main alarm first; empty: neither namespace publishes a metric for it.
     */
    static Map<String, String> aws(AlertSignal signal) {
        Map<String, String> out = new LinkedHashMap<>();
        switch (signal) {
            case DOWN -> out.put(awsSignal("CurrConnections", "SampleCount", null), "down");
            case MEMORY -> out.put(awsSignal("DatabaseMemoryUsagePercentage", "Maximum", null), "memory");
            case EVICTIONS -> out.put(awsSignal("Evictions", "Sum", null), "evictions");
            case REJECTED_WRITES, PERSISTENCE, REJECTED_CONNECTIONS -> { }
            case REPLICATION -> out.put(awsSignal("ReplicationLag", "Maximum", null), "replication lag");
            case FAILOVER -> out.put(awsSignal("IsPrimary", "Maximum", "ABS(DIFF(" + AWS_METRIC_ID + "))"),
                    "failover");
            case CONNECTIONS -> {
                out.put(awsSignal("CurrConnections", "Maximum", null), "connections");
                out.put(awsSignal("NewConnections", "Sum", null), "new connections");
            }
            case CPU -> out.put(awsSignal("EngineCPUUtilization", "Average", null), "cpu");
            case BACKUP -> { // the export state machine's alarms (AWS/States), see CloudBackupAlert
                out.put(awsSignal("ExecutionsFailed", "Sum", null), "backup failed");
                out.put(awsSignal("ExecutionsSucceeded", "Sum", null), "backup missing");
            }
        }
        return out;
    }

    /**
     * The policies that prove {@code signal} on a Memorystore instance: the metric type in a threshold condition
     * (or {@code <type> absent} in an absence condition), with how a finding names it; empty: no metric for it.
     */
    static Map<String, String> gcp(AlertSignal signal) {
        Map<String, String> out = new LinkedHashMap<>();
        switch (signal) {
            case DOWN -> out.put(GCP_METRIC + "stats/memory/usage_ratio absent", "down");
            case MEMORY -> out.put(GCP_METRIC + "stats/memory/usage_ratio", "memory");
            case EVICTIONS -> out.put(GCP_METRIC + "stats/evicted_keys", "evictions");
            case REJECTED_WRITES -> { }
            case REPLICATION -> out.put(GCP_METRIC + "replication/master/slaves/lag", "replication lag");
            case FAILOVER -> out.put(GCP_METRIC + "replication/role", "failover");
            case PERSISTENCE -> out.put(GCP_METRIC + "rdb/snapshot/last_success_age", "persistence");
            case CONNECTIONS -> out.put(GCP_METRIC + "clients/connected", "connections");
            case REJECTED_CONNECTIONS -> out.put(GCP_METRIC + "stats/reject_connections_count",
                    "rejected connections");
            case CPU -> out.put(GCP_METRIC + "stats/cpu_utilization_main_thread", "cpu");
            case BACKUP -> { // the export workflow and its scheduler job, see CloudBackupAlert
                out.put("workflows.googleapis.com/finished_execution_count", "backup export failed");
                out.put("cloud_scheduler_job", "backup trigger failed");
            }
        }
        return out;
    }

    /**
     * The alerts that prove {@code signal} on Azure Cache for Redis (classic) or Azure Managed Redis: a metric name
     * ({@code <metric>[<ErrorType>]} for the classic {@code errors} metric) or {@code ResourceHealth <state>}, with
     * how a finding names it; empty: the service publishes no metric for it.
     */
    static Map<String, String> azure(AlertSignal signal, boolean managed) {
        Map<String, String> out = new LinkedHashMap<>();
        switch (signal) {
            case DOWN -> {
                out.put(RESOURCE_HEALTH + " Unavailable", "down");
                out.put(RESOURCE_HEALTH + " Degraded", "degraded");
            }
            case MEMORY -> out.put("usedmemorypercentage", "usedmemorypercentage");
            case EVICTIONS -> out.put("evictedkeys", "evictedkeys");
            case REJECTED_WRITES, REJECTED_CONNECTIONS -> { }
            case REPLICATION -> {
                if (managed) {
                    out.put("ShardReplicationLinkUp", "replica link");
                }
            }
            case FAILOVER -> {
                if (!managed) {
                    out.put("errors[Failover]", "failover");
                    out.put("errors[Dataloss]", "data loss");
                }
            }
            case PERSISTENCE -> {
                if (!managed) {
                    out.put("errors[AOF]", "persistence");
                    out.put("errors[RDB]", "persistence");
                }
            }
            case CONNECTIONS -> out.put("connectedclients", "connectedclients");
            case CPU -> {
                out.put("percentProcessorTime", "percentProcessorTime");
                out.put("serverLoad", "serverLoad");
            }
            case BACKUP -> { // the export Logic App's failed runs, see CloudBackupAlert
                if (managed) {
                    out.put("RunsFailed", "backup failed");
                }
            }
        }
        return out;
    }
}
