package dev.kvstores.gcp;

import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicy;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicyAlertStrategy;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicyConditions;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicyConditionsConditionAbsent;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicyConditionsConditionAbsentAggregations;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicyConditionsConditionThreshold;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicyConditionsConditionThresholdAggregations;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicyConditionsConditionThresholdTrigger;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicyConfig;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicyDocumentation;
import dev.kvstores.role.AlertSignal;
import dev.kvstores.role.AlertThresholds;
import dev.kvstores.role.SignalCoverage;
import dev.kvstores.role.StoreRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.constructs.Construct;

/**
 * The role's alert baseline ({@link AlertSignal}, severities from there; {@link MemorystoreMetric#coverage} maps
 * each signal to these) of one Memorystore for Redis instance as Cloud Monitoring alert policies, one per signal,
 * notifying {@link GcpMonitoring#notificationChannelIds()}: down (metrics absent), memory, evictions, replication
 * lag and failover (STANDARD_HA), persistence (RDB snapshot age, when the instance takes RDB snapshots),
 * connections, rejected connections and main-thread CPU. What has no metric is listed in
 * {@link MemorystoreMetric#UNCOVERED}: rejected writes (OOM) are covered by the worker's memory page.
 *
 * <pre>{@code
 * new MemorystoreAlerts(stack, "WorkerStateAlerts", StoreRole.WORKER_STATE, "suprsend-worker-state", true,
 *         RdbSnapshotPeriod.ONE_HOUR, GcpMonitoring.defaults());
 * }</pre>
 *
 * <p>Children: {@code Policy-<signal>} ({@code google_monitoring_alert_policy}).
 */
public final class MemorystoreAlerts extends Construct {

    /** Labels the CPU policy sums per node. */
    static final List<String> CPU_GROUP_BY = List.of("resource.label.instance_id", "metric.label.role");

    private final List<GcpAlertPolicy> policies;

    /** An instance without RDB snapshots (the cache). */
    public MemorystoreAlerts(Construct scope, String id, StoreRole role, String instanceName, boolean highAvailability,
                             GcpMonitoring monitoring) {
        this(scope, id, role, instanceName, highAvailability, null, monitoring);
    }

    /**
     * @param role              the store's role
     * @param instanceName      the Memorystore instance ID (name)
     * @param highAvailability  STANDARD_HA: replication lag and failover policies
     * @param rdbSnapshotPeriod the instance's RDB snapshot period: a persistence policy pages when no snapshot
     *                          succeeded for two periods; {@code null}: no RDB snapshots, no persistence policy
     * @param monitoring        channels and thresholds
     */
    public MemorystoreAlerts(Construct scope, String id, StoreRole role, String instanceName, boolean highAvailability,
                             RdbSnapshotPeriod rdbSnapshotPeriod, GcpMonitoring monitoring) {
        super(scope, id);
        Objects.requireNonNull(instanceName, "instanceName");
        this.policies = baseline(role, instanceName, highAvailability, rdbSnapshotPeriod, monitoring);
        for (GcpAlertPolicy p : policies) {
            MonitoringAlertPolicyConditions.Builder condition = MonitoringAlertPolicyConditions.builder()
                    .displayName(p.displayName());
            String filter = p.metric().filter(instanceName);
            if (p.absent()) {
                condition.conditionAbsent(MonitoringAlertPolicyConditionsConditionAbsent.builder()
                        .filter(filter)
                        .duration(p.duration().getSeconds() + "s")
                        .aggregations(List.of(MonitoringAlertPolicyConditionsConditionAbsentAggregations.builder()
                                .alignmentPeriod(p.alignment().getSeconds() + "s").perSeriesAligner(p.aligner())
                                .build()))
                        .build());
            } else {
                MonitoringAlertPolicyConditionsConditionThresholdAggregations.Builder aggregation =
                        MonitoringAlertPolicyConditionsConditionThresholdAggregations.builder()
                                .alignmentPeriod(p.alignment().getSeconds() + "s").perSeriesAligner(p.aligner());
                if (p.reducer() != null) {
                    aggregation.crossSeriesReducer(p.reducer()).groupByFields(p.groupBy());
                }
                condition.conditionThreshold(MonitoringAlertPolicyConditionsConditionThreshold.builder()
                        .filter(filter)
                        .comparison(p.comparison())
                        .thresholdValue(p.threshold())
                        .duration(p.duration().getSeconds() + "s")
                        .aggregations(List.of(aggregation.build()))
                        .trigger(MonitoringAlertPolicyConditionsConditionThresholdTrigger.builder().count(1).build())
                        .build());
            }
            new MonitoringAlertPolicy(this, "Policy-" + p.signal(), MonitoringAlertPolicyConfig.builder()
                    .displayName(p.displayName())
                    .combiner("OR")
                    .severity(p.cloudSeverity())
                    .conditions(List.of(condition.build()))
                    .notificationChannels(monitoring.notificationChannelIds())
                    .documentation(MonitoringAlertPolicyDocumentation.builder()
                            .content(p.documentation()).mimeType("text/markdown").build())
                    .alertStrategy(MonitoringAlertPolicyAlertStrategy.builder().autoClose("1800s").build())
                    .userLabels(Map.of("kvstores_role", role.label(), "kvstores_store", instanceName,
                            "kvstores_severity", p.severity()))
                    .build());
        }
    }

    /** The policies of the baseline, in a fixed order. */
    public List<GcpAlertPolicy> policies() {
        return policies;
    }

    static List<GcpAlertPolicy> baseline(StoreRole role, String name, boolean ha, RdbSnapshotPeriod rdb,
                                         GcpMonitoring m) {
        boolean worker = role == StoreRole.WORKER_STATE;
        AlertThresholds t = m.thresholds();
        String store = worker ? "Worker State Store" : "Cache Store";
        String prefix = store + " " + name + ": ";
        Duration minute = Duration.ofMinutes(1);
        List<GcpAlertPolicy> p = new ArrayList<>();
        p.add(GcpAlertPolicy.builder().signal("down").displayName(prefix + "down or not reporting")
                .severity(severity(AlertSignal.DOWN, role)).metric(MemorystoreMetric.MEMORY_USAGE_RATIO).absent(true)
                .aligner("ALIGN_MAX").alignment(minute).groupBy(List.of()).threshold(0)
                .duration(max(t.downFor(), Duration.ofMinutes(3))).documentation("Memorystore instance `" + name
                + "` stopped reporting metrics: it is down, under maintenance or" + " failing over. "
                + (worker ? "Workflows, retries and queue progress stall while it is down."
                : "The platform loses idempotency keys; duplicate sends are possible.")
                + " Check the instance's status and operations (`gcloud redis instances describe " + name
                + "`) and Google Cloud status; STANDARD_HA fails over to the replica automatically.").build());
        int memPercent = worker ? t.workerMemoryPagePercent() : t.cacheMemoryWarnPercent();
        p.add(GcpAlertPolicy.builder().signal("memory").displayName(prefix + "memory above " + memPercent
                + "% of maxmemory").severity(severity(AlertSignal.MEMORY, role))
                .metric(MemorystoreMetric.MEMORY_USAGE_RATIO).absent(false).aligner("ALIGN_MAX").alignment(minute)
                .groupBy(List.of()).comparison("COMPARISON_GT").threshold(memPercent / 100.0).duration(t.memoryFor())
                .documentation(worker
                ? "The Worker State Store runs `noeviction`: when used memory reaches maxmemory every write"
                + " fails with OOM and workflows stop. Find what grows (stuck queues, retries that never"
                + " finish), then raise `workerState.memorySizeGb` before it fills."
                : "The Cache Store is near maxmemory; `allkeys-lru` evicts keys, expected for a cache but"
                + " idempotency keys live shorter. If evictions stay high, raise `cache.memorySizeGb`.").build());
        if (worker) {
            p.add(GcpAlertPolicy.builder().signal("evictions").displayName(prefix + "evicted keys")
                    .severity(severity(AlertSignal.EVICTIONS, role)).metric(MemorystoreMetric.EVICTED_KEYS)
                    .absent(false).aligner("ALIGN_DELTA").alignment(minute).groupBy(List.of())
                    .comparison("COMPARISON_GT").threshold(0).duration(Duration.ZERO)
                    .documentation("The Worker State Store must never evict (`noeviction`): an eviction deleted workflow or queue"
                    + " state. Check the instance's `maxmemory-policy` (redis_configs), restore `noeviction` and"
                    + " check the affected workflows for lost steps.").build());
        } else {
            p.add(GcpAlertPolicy.builder().signal("evictions").displayName(prefix + "evicting keys")
                    .severity(severity(AlertSignal.EVICTIONS, role)).metric(MemorystoreMetric.EVICTED_KEYS)
                    .absent(false).aligner("ALIGN_DELTA").alignment(minute).groupBy(List.of())
                    .comparison("COMPARISON_GT").threshold(0).duration(t.cacheEvictionsFor())
                    .documentation("The cache is full and evicts least-recently-used keys. Normal under load, but sustained"
                    + " evictions shorten idempotency windows and lower the hit ratio (dashboard). Raise"
                    + " `cache.memorySizeGb` if the hit ratio drops.").build());
        }
        if (ha) {
            p.add(GcpAlertPolicy.builder().signal("replication-lag").displayName(prefix + "replica more than "
                    + m.replicationLagSeconds() + " s behind").severity(severity(AlertSignal.REPLICATION, role))
                    .metric(MemorystoreMetric.REPLICATION_LAG).absent(false).aligner("ALIGN_MAX").alignment(minute)
                    .groupBy(List.of()).comparison("COMPARISON_GT").threshold(m.replicationLagSeconds())
                    .duration(t.replicationFor())
                    .documentation("The replica is behind its primary: a failover now would lose recent writes"
                    + (worker ? " of workflow state" : "") + ". Check write load (large values, bursts) and the"
                    + " instance's operations.").build());
            p.add(GcpAlertPolicy.builder().signal("failover").displayName(prefix + "failover happened")
                    .severity(severity(AlertSignal.FAILOVER, role)).metric(MemorystoreMetric.REPLICATION_ROLE)
                    .absent(false).aligner("ALIGN_STDDEV").alignment(max(t.failoverWindow(), minute))
                    .groupBy(List.of()).comparison("COMPARISON_GT").threshold(0).duration(Duration.ZERO)
                    .documentation("A node's replication role changed within " + t.failoverWindow().toMinutes()
                    + " min: Memorystore"
                    + " promoted the replica (maintenance, node failure or a manual failover). Clients reconnect to"
                    + " the same endpoint; writes acknowledged just before may be lost. Check the instance's"
                    + " operations for the cause.").build());
        }
        long limit = Math.round(m.maxClients() * t.connectionsWarnPercent() / 100.0);
        p.add(GcpAlertPolicy.builder().signal("connections").displayName(prefix + "more than " + limit
                + " client connections").severity(severity(AlertSignal.CONNECTIONS, role))
                .metric(MemorystoreMetric.CONNECTED_CLIENTS).absent(false).aligner("ALIGN_MAX").alignment(minute)
                .groupBy(List.of()).comparison("COMPARISON_GT").threshold(limit).duration(t.connectionsFor())
                .documentation("Connections are above " + t.connectionsWarnPercent() + "% of maxclients ("
                + m.maxClients() + "):"
                + " new connections are refused at the limit. Find the service holding them (CLIENT LIST), fix"
                + " pool sizes or leaks.").build());
        p.add(GcpAlertPolicy.builder().signal("rejected-connections").displayName(prefix + "rejected connections")
                .severity(severity(AlertSignal.REJECTED_CONNECTIONS, role))
                .metric(MemorystoreMetric.REJECTED_CONNECTIONS).absent(false).aligner("ALIGN_DELTA").alignment(minute)
                .groupBy(List.of()).comparison("COMPARISON_GT").threshold(0).duration(Duration.ZERO)
                .documentation("Connections were refused because maxclients was reached: platform services get connection"
                + " errors. Look for a service leaking connections (CLIENT LIST).").build());
        // The metric has one series per (space, relationship) of each node: sum them per node (instance and role,
        // the documented labels that tell the primary from the replica) before comparing with one core.
        p.add(GcpAlertPolicy.builder().signal("cpu").displayName(prefix + "main thread CPU above " + t.cpuWarnPercent()
                + "%").severity(severity(AlertSignal.CPU, role)).metric(MemorystoreMetric.CPU_MAIN_THREAD)
                .absent(false).aligner("ALIGN_RATE").alignment(minute).reducer("REDUCE_SUM").groupBy(CPU_GROUP_BY)
                .comparison("COMPARISON_GT").threshold(t.cpuWarnPercent() / 100.0).duration(t.cpuFor())
                .documentation("Redis executes commands on one thread; its CPU seconds per second (system + user) are above "
                + t.cpuWarnPercent() + "% of a core for " + t.cpuFor().toMinutes() + " min and every platform"
                + " request waits longer. Check expensive commands (SLOWLOG GET, KEYS, large ranges), then raise"
                + " the instance size or spread load.").build());
        if (rdb != null) {
            // Two periods without a successful snapshot: one snapshot failed or was skipped, and the next one
            // did not make up for it. REDUCE_MIN over the instance's nodes: the freshest snapshot counts.
            long threshold = rdb.period().multipliedBy(2).getSeconds();
            p.add(GcpAlertPolicy.builder().signal("persistence").displayName(prefix + "no successful RDB snapshot for "
                    + rdb.period().multipliedBy(2).toHours() + " h").severity(severity(AlertSignal.PERSISTENCE, role))
                    .metric(MemorystoreMetric.RDB_SNAPSHOT_LAST_SUCCESS_AGE).absent(false).aligner("ALIGN_MAX")
                    .alignment(minute).reducer("REDUCE_MIN").groupBy(List.of("resource.label.instance_id"))
                    .comparison("COMPARISON_GT").threshold(threshold).duration(Duration.ZERO)
                    .documentation("The last successful RDB snapshot of `" + name
                    + "` started more than two snapshot periods (" + rdb.words()
                    + " each) ago: snapshots are failing, and if every node is lost the instance"
                    + " recovers from that old snapshot" + (worker ? ", losing workflow state written since." : ".")
                    + " Check the instance's operations and snapshot status (`gcloud redis instances describe " + name
                    + "`, persistence), memory headroom for the snapshot (maxmemory-gb below 80% of"
                    + " capacity) and Google Cloud status.").build());
        }
        SignalCoverage.requireMainAlerts(MemorystoreMetric.RESOURCE_TYPE, role,
                new AlertSignal.Features(true, ha, rdb != null), MemorystoreMetric::coverage,
                p.stream().map(GcpAlertPolicy::signal).toList());
        return List.copyOf(p);
    }

    /** The baseline's severity label of {@code signal} for {@code role}. */
    private static String severity(AlertSignal signal, StoreRole role) {
        return signal.severity(role).label();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
