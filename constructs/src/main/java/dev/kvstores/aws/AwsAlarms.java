package dev.kvstores.aws;

import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarm;
import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarmConfig;
import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarmMetricQuery;
import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarmMetricQueryMetric;
import dev.kvstores.role.AlertSignal;
import dev.kvstores.role.AlertThresholds;
import dev.kvstores.role.SignalCoverage;
import dev.kvstores.role.StoreRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.constructs.Construct;

/**
 * The role's alert baseline ({@link AlertSignal}, severities from there) of one AWS store as CloudWatch alarms, per
 * node: down (no INFO-derived datapoint), memory, evictions, failover (metric math over IsPrimary) and replication
 * lag with replicas, engine CPU, connections and new connections ({@link CloudWatchMetric#coverage} maps each
 * signal to these). What has no CloudWatch metric is listed in {@link CloudWatchMetric#UNCOVERED}: rejected writes
 * (OOM) are covered by the worker's memory page, snapshot failures and node events arrive on the same SNS topic as
 * ElastiCache / MemoryDB event notifications.
 */
final class AwsAlarms {

    /**
     * Metric math of the failover alarm over IsPrimary (1 primary, 0 replica) of one node: non-zero in the minute its
     * role changed. ABS and DIFF are CloudWatch metric math functions
     * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html).
     */
    static final String FAILOVER_EXPRESSION = "ABS(DIFF(" + AwsAlarm.METRIC_ID + "))";

    private AwsAlarms() {
    }

    /** A node of the store: its name and the dimensions of its metrics. */
    record Node(String name, Map<String, String> dimensions) {
    }

    static List<AwsAlarm> baseline(StoreRole role, boolean memoryDb, List<Node> nodes, boolean replicas,
                                   AwsMonitoring m) {
        boolean worker = role == StoreRole.WORKER_STATE;
        AlertThresholds t = m.thresholds();
        String store = worker ? "Worker State Store" : "Cache Store";
        CloudWatchMetric cpu = memoryDb ? CloudWatchMetric.MEMORYDB_ENGINE_CPU : CloudWatchMetric.ELASTICACHE_ENGINE_CPU;
        CloudWatchMetric memory = memoryDb ? CloudWatchMetric.MEMORYDB_MEMORY_PERCENT
                : CloudWatchMetric.ELASTICACHE_MEMORY_PERCENT;
        CloudWatchMetric evictions = memoryDb ? CloudWatchMetric.MEMORYDB_EVICTIONS
                : CloudWatchMetric.ELASTICACHE_EVICTIONS;
        CloudWatchMetric lag = memoryDb ? CloudWatchMetric.MEMORYDB_REPLICATION_LAG
                : CloudWatchMetric.ELASTICACHE_REPLICATION_LAG;
        CloudWatchMetric conns = memoryDb ? CloudWatchMetric.MEMORYDB_CURR_CONNECTIONS
                : CloudWatchMetric.ELASTICACHE_CURR_CONNECTIONS;
        CloudWatchMetric newConns = memoryDb ? CloudWatchMetric.MEMORYDB_NEW_CONNECTIONS
                : CloudWatchMetric.ELASTICACHE_NEW_CONNECTIONS;
        CloudWatchMetric isPrimary = memoryDb ? CloudWatchMetric.MEMORYDB_IS_PRIMARY
                : CloudWatchMetric.ELASTICACHE_IS_PRIMARY;
        String service = memoryDb ? "MemoryDB" : "ElastiCache";
        List<AwsAlarm> alarms = new ArrayList<>();
        for (Node node : nodes) {
            String n = node.name();
            Map<String, String> d = node.dimensions();
            // Store down: the node stopped answering INFO. CurrConnections is derived from INFO (both metric pages:
            // every metric but ReplicationLag and EngineCPUUtilization, plus the MemoryDB latency metrics, comes from
            // INFO), so it has no datapoint for a minute in which the engine did not answer; EngineCPUUtilization
            // is measured on the host and keeps reporting while the engine hangs. Missing datapoints breach.
            alarms.add(alarm("down", n, severity(AlertSignal.DOWN, role), Math.max(t.downFor().toMinutes(), 3))
                    .metric(conns).statistic("SampleCount").comparison("LessThanThreshold").threshold(1)
                    .treatMissingData("breaching").dimensions(d).description(store + " node " + n
                    + " published no INFO-derived metric (CurrConnections) for "
                    + Math.max(t.downFor().toMinutes(), 3) + " min: the engine is down, being replaced or not"
                    + " answering."
                    + (worker ? " Workflows, retries and queue progress stall while the primary is down."
                    : " The platform loses idempotency keys and short-lived data; duplicate sends are"
                    + " possible.")
                    + " Check the " + service + " console events and the SNS event notifications (failover,"
                    + " node replacement); Multi-AZ promotes a replica within seconds to minutes.").build());
            int memPercent = worker ? t.workerMemoryPagePercent() : t.cacheMemoryWarnPercent();
            alarms.add(alarm("memory", n, severity(AlertSignal.MEMORY, role), minutes(t.memoryFor())).metric(memory)
                    .statistic("Maximum").comparison("GreaterThanThreshold").threshold(memPercent)
                    .treatMissingData("missing").dimensions(d).description(worker ? "Worker State Store memory above "
                    + memPercent + "% of maxmemory on " + n + ". It runs"
                    + " noeviction: when full every write fails with OOM and workflows stop. Find what grows"
                    + " (stuck queues, retries that never finish), then scale up the node type"
                    + " (workerState.size / nodeType) before it fills." : "Cache Store memory above " + memPercent
                    + "% of maxmemory on " + n + ". allkeys-lru"
                    + " will evict keys: expected for a cache, but idempotency keys live shorter. If"
                    + " evictions stay high, raise cache.size / nodeType.").build());
            if (worker) {
                alarms.add(alarm("evictions", n, severity(AlertSignal.EVICTIONS, role), 1).metric(evictions)
                        .statistic("Sum").comparison("GreaterThanThreshold").threshold(0)
                        .treatMissingData("notBreaching").dimensions(d)
                        .description("Worker State Store evicted keys on " + n
                        + ": it must never evict (noeviction), so"
                        + " workflow or queue state was deleted. Check the parameter group's maxmemory-policy,"
                        + " restore noeviction and check the affected workflows for lost steps.").build());
            } else {
                alarms.add(alarm("evictions", n, severity(AlertSignal.EVICTIONS, role), minutes(t.cacheEvictionsFor()))
                        .metric(evictions).statistic("Sum").comparison("GreaterThanThreshold").threshold(0)
                        .treatMissingData("notBreaching").dimensions(d).description("Cache Store evicting keys on "
                        + n + " for " + minutes(t.cacheEvictionsFor()) + " min:"
                        + " normal under load, but sustained evictions shorten idempotency windows and lower the"
                        + " hit rate (dashboard). Raise cache.size if the hit rate drops.").build());
            }
            if (replicas) {
                int window = Math.max(1, minutes(t.failoverWindow()));
                String failover = severity(AlertSignal.FAILOVER, role);
                alarms.add(AwsAlarm.builder().signal("failover").alarmName(n + "-failover").severity(failover)
                        .metric(isPrimary).expression(FAILOVER_EXPRESSION).statistic("Maximum")
                        .comparison("GreaterThanThreshold").threshold(0).periodSeconds(60).evaluationPeriods(window)
                        .datapointsToAlarm(1).treatMissingData("notBreaching").dimensions(d)
                        .description(failover.toUpperCase(java.util.Locale.ROOT) + ": " + store + " node " + n
                        + " changed role (IsPrimary went" + " from 1 to 0 or back) within " + window + " min: "
                        + service + " failed over (node"
                        + " failure, maintenance or a manual failover). Clients reconnect to the primary endpoint;"
                        + (memoryDb ? " the transaction log keeps acknowledged writes."
                        : " writes acknowledged just" + " before may be lost.")
                        + " Check the FailoverComplete / node replacement event on the topic"
                        + " and that the old primary rejoined as a replica.").build());
                alarms.add(alarm("replication-lag", n, severity(AlertSignal.REPLICATION, role),
                        minutes(t.replicationFor())).metric(lag).statistic("Maximum")
                        .comparison("GreaterThanThreshold").threshold(m.replicationLagSeconds())
                        .treatMissingData("notBreaching").dimensions(d).description("Replica " + n + " more than "
                        + m.replicationLagSeconds() + " s behind its primary (only"
                        + " replicas report this metric): a failover now would lose recent writes"
                        + (worker ? " of workflow state" : "") + ". Check network and write load on the primary"
                        + " (large values, bursts) and the node's events.").build());
            }
            alarms.add(alarm("cpu", n, severity(AlertSignal.CPU, role), minutes(t.cpuFor())).metric(cpu)
                    .statistic("Average").comparison("GreaterThanThreshold").threshold(t.cpuWarnPercent())
                    .treatMissingData("missing").dimensions(d).description(store + " engine CPU above "
                    + t.cpuWarnPercent() + "% for " + minutes(t.cpuFor()) + " min on " + n
                    + ". Redis executes commands on one thread; near saturation every platform"
                    + " request waits. Check the slow log (CloudWatch Logs) for expensive commands, then scale up"
                    + " the node type or spread load.").build());
            long limit = Math.round(m.maxClients() * t.connectionsWarnPercent() / 100.0);
            alarms.add(alarm("connections", n, severity(AlertSignal.CONNECTIONS, role), minutes(t.connectionsFor()))
                    .metric(conns).statistic("Maximum").comparison("GreaterThanThreshold").threshold(limit)
                    .treatMissingData("missing").dimensions(d).description(store + " has more than " + limit
                    + " client connections on " + n + " (" + t.connectionsWarnPercent() + "% of maxclients "
                    + m.maxClients() + "): new connections are"
                    + " refused at the limit. Find the service holding them (CLIENT LIST), fix pool sizes or"
                    + " leaks.").build());
            alarms.add(alarm("new-connections", n, severity(AlertSignal.CONNECTIONS, role), minutes(t.connectionsFor()))
                    .metric(newConns).statistic("Sum").comparison("GreaterThanThreshold")
                    .threshold(m.newConnectionsPerMinute()).treatMissingData("notBreaching").dimensions(d)
                    .description(store + " accepts more than " + m.newConnectionsPerMinute()
                    + " new connections per minute on " + n
                    + ": a client reconnects in a loop or opens a connection per request; TLS handshakes"
                    + " cost engine CPU. Find the client (CLIENT LIST, age) and enable pooling.").build());
        }
        CloudWatchMetric.Namespace ns = memoryDb ? CloudWatchMetric.Namespace.MEMORYDB
                : CloudWatchMetric.Namespace.ELASTICACHE;
        SignalCoverage.requireMainAlerts(ns.namespaceName(), role, new AlertSignal.Features(true, replicas, worker),
                s -> CloudWatchMetric.coverage(s, ns), alarms.stream().map(AwsAlarm::signal).toList());
        return List.copyOf(alarms);
    }

    /** The baseline's severity label of {@code signal} for {@code role}. */
    private static String severity(AlertSignal signal, StoreRole role) {
        return signal.severity(role).label();
    }

    private static int minutes(Duration d) {
        return (int) Math.max(1, (d.getSeconds() + 59) / 60);
    }

    /**
     * An alarm of {@code node} on one-minute datapoints that breaches when all of the last {@code minutes} do; the
     * caller sets the metric, statistic, comparison, threshold, missing-data treatment, dimensions and description
     * (prefixed with the severity).
     */
    private static Builder alarm(String signal, String node, String severity, long minutes) {
        return new Builder(AwsAlarm.builder().signal(signal).alarmName(node + "-" + signal).severity(severity)
                .periodSeconds(60).evaluationPeriods((int) minutes).datapointsToAlarm((int) minutes), severity);
    }

    /** An {@link AwsAlarm.Builder} whose description starts with the severity in capitals. */
    private static final class Builder {
        private final AwsAlarm.Builder alarm;
        private final String severity;

        Builder(AwsAlarm.Builder alarm, String severity) {
            this.alarm = alarm;
            this.severity = severity;
        }

        Builder metric(CloudWatchMetric value) {
            alarm.metric(value);
            return this;
        }

        Builder statistic(String value) {
            alarm.statistic(value);
            return this;
        }

        Builder comparison(String value) {
            alarm.comparison(value);
            return this;
        }

        Builder threshold(double value) {
            alarm.threshold(value);
            return this;
        }

        Builder treatMissingData(String value) {
            alarm.treatMissingData(value);
            return this;
        }

        Builder dimensions(Map<String, String> value) {
            alarm.dimensions(value);
            return this;
        }

        Builder description(String value) {
            alarm.description(severity.toUpperCase(java.util.Locale.ROOT) + ": " + value);
            return this;
        }

        AwsAlarm build() {
            return alarm.build();
        }
    }

    /** Construct ID of an alarm: {@code <Signal>Alarm-<node>}, e.g. {@code CpuAlarm-suprsend-cache-001}. */
    static String constructId(AwsAlarm alarm) {
        StringBuilder id = new StringBuilder();
        for (String part : alarm.signal().split("-")) {
            id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        String node = alarm.alarmName().substring(0, alarm.alarmName().length() - alarm.signal().length() - 1);
        return id + "Alarm-" + node;
    }

    static void create(Construct scope, List<AwsAlarm> alarms, AwsMonitoring monitoring, Map<String, String> tags) {
        for (AwsAlarm a : alarms) {
            CloudwatchMetricAlarmConfig.Builder alarm = CloudwatchMetricAlarmConfig.builder()
                    .alarmName(a.alarmName())
                    .alarmDescription(a.description())
                    .comparisonOperator(a.comparison())
                    .threshold(a.threshold())
                    .evaluationPeriods(a.evaluationPeriods())
                    .datapointsToAlarm(a.datapointsToAlarm())
                    .treatMissingData(a.treatMissingData())
                    .tags(tags);
            if (a.expression() == null) {
                alarm.namespace(a.metric().namespace().namespaceName())
                        .metricName(a.metric().metricName())
                        .statistic(a.statistic())
                        .dimensions(new TreeMap<>(a.dimensions()))
                        .period(a.periodSeconds());
            } else {
                alarm.metricQuery(List.of(
                        CloudwatchMetricAlarmMetricQuery.builder().id("e1").expression(a.expression())
                                .label(a.signal() + " " + a.alarmName()).returnData(true).build(),
                        CloudwatchMetricAlarmMetricQuery.builder().id(AwsAlarm.METRIC_ID).returnData(false)
                                .metric(CloudwatchMetricAlarmMetricQueryMetric.builder()
                                        .namespace(a.metric().namespace().namespaceName())
                                        .metricName(a.metric().metricName())
                                        .dimensions(new TreeMap<>(a.dimensions()))
                                        .period(a.periodSeconds())
                                        .stat(a.statistic()).build())
                                .build()));
            }
            if (monitoring.alarmTopicArn() != null) {
                alarm.alarmActions(List.of(monitoring.alarmTopicArn()))
                        .okActions(List.of(monitoring.alarmTopicArn()));
            }
            new CloudwatchMetricAlarm(scope, constructId(a), alarm.build());
        }
    }
}
