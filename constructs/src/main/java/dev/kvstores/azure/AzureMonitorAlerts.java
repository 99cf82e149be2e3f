package dev.kvstores.azure;

import com.hashicorp.cdktf.providers.azurerm.monitor_activity_log_alert.MonitorActivityLogAlert;
import com.hashicorp.cdktf.providers.azurerm.monitor_activity_log_alert.MonitorActivityLogAlertAction;
import com.hashicorp.cdktf.providers.azurerm.monitor_activity_log_alert.MonitorActivityLogAlertConfig;
import com.hashicorp.cdktf.providers.azurerm.monitor_activity_log_alert.MonitorActivityLogAlertCriteria;
import com.hashicorp.cdktf.providers.azurerm.monitor_activity_log_alert.MonitorActivityLogAlertCriteriaResourceHealth;
import com.hashicorp.cdktf.providers.azurerm.monitor_metric_alert.MonitorMetricAlert;
import com.hashicorp.cdktf.providers.azurerm.monitor_metric_alert.MonitorMetricAlertAction;
import com.hashicorp.cdktf.providers.azurerm.monitor_metric_alert.MonitorMetricAlertConfig;
import com.hashicorp.cdktf.providers.azurerm.monitor_metric_alert.MonitorMetricAlertCriteria;
import com.hashicorp.cdktf.providers.azurerm.monitor_metric_alert.MonitorMetricAlertCriteriaDimension;
import dev.kvstores.naming.AzureTags;
import dev.kvstores.role.AlertSignal;
import dev.kvstores.role.AlertThresholds;
import dev.kvstores.role.SignalCoverage;
import dev.kvstores.role.StoreRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.constructs.Construct;

/**
 * The role's alert baseline ({@link AlertSignal}, severities from there; {@link AzureMonitorMetric#coverage} maps
 * each signal to these) of one Azure store as Azure Monitor alerts notifying {@link AzureMonitoring#actionGroupId()}:
 * metric alerts ({@code azurerm_monitor_metric_alert}) on memory, evictions, CPU, server load and connections, and
 * Resource Health activity-log alerts ({@code azurerm_monitor_activity_log_alert}) for "store down" (Unavailable)
 * and "degraded", which no metric shows. Azure Cache for Redis (classic) and Azure Managed Redis publish different
 * metric sets ({@link AzureMonitorMetric}): classic reports failovers, data loss and AOF/RDB failures as
 * {@code errors} with an {@code ErrorType} dimension; Managed Redis reports whether each replica shard is linked to
 * its primary ({@code ShardReplicationLinkUp}, preview) and its failovers as health events. Neither has a
 * rejected-write (OOM) or rejected-connection metric ({@link AzureMonitorMetric#UNCOVERED}).
 *
 * <p>Children: {@code Alert-<signal>} (metric alerts), {@code Health-<signal>} (activity-log alerts).
 */
public final class AzureMonitorAlerts extends Construct {

    /** Window sizes {@code azurerm_monitor_metric_alert} accepts. */
    static final List<Duration> WINDOWS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(6),
            Duration.ofHours(12), Duration.ofDays(1));

    private final List<AzureMetricAlert> alerts;
    private final List<AzureHealthAlert> healthAlerts;

    /**
     * The store the alerts watch.
     *
     * @param role              the store's role
     * @param managed           Azure Managed Redis ({@code Microsoft.Cache/redisEnterprise}); else classic
     * @param replicas          the store has replicas (Managed Redis: high availability on): replica link alert
     * @param storeName         the cache's name (alert names)
     * @param resourceId        the cache's resource ID (a Terraform reference)
     * @param resourceGroupName resource group of the alerts
     */
    public record Target(StoreRole role, boolean managed, boolean replicas, String storeName, String resourceId,
                         String resourceGroupName) {

        /** A store with replicas (classic Standard / Premium, Managed Redis with high availability). */
        public static Target withReplicas(StoreRole role, boolean managed, String storeName, String resourceId,
                                          String resourceGroupName) {
            return new Target(role, managed, true, storeName, resourceId, resourceGroupName);
        }
    }

    /**
     * @param target     the store the alerts watch
     * @param monitoring action group and thresholds
     * @param tags       tags of every alert (the role tag is added)
     */
    public AzureMonitorAlerts(Construct scope, String id, Target target, AzureMonitoring monitoring,
                              Map<String, String> tags) {
        super(scope, id);
        StoreRole role = target.role();
        boolean managed = target.managed();
        boolean replicas = target.replicas();
        String storeName = target.storeName();
        String resourceId = target.resourceId();
        String resourceGroupName = target.resourceGroupName();
        this.alerts = baseline(role, managed, replicas, storeName, monitoring);
        this.healthAlerts = health(role, managed, storeName);
        List<String> written = new ArrayList<>();
        alerts.forEach(a -> written.add(a.signal()));
        healthAlerts.forEach(h -> written.add(h.signal()));
        // classic Standard and Premium always run a replica; Managed Redis when high availability is on
        SignalCoverage.requireMainAlerts(managed ? "Azure Managed Redis" : "Azure Cache for Redis", role,
                new AlertSignal.Features(true, !managed || replicas, role == StoreRole.WORKER_STATE),
                s -> AzureMonitorMetric.coverage(s, managed), written);
        Map<String, String> alertTags = new java.util.TreeMap<>(tags);
        alertTags.put(AzureTags.ROLE, role.label());
        for (AzureMetricAlert a : alerts) {
            MonitorMetricAlertCriteria.Builder criteria = MonitorMetricAlertCriteria.builder()
                    .metricNamespace(a.metric().namespace().namespaceName())
                    .metricName(a.metric().metricName())
                    .aggregation(a.aggregation())
                    .operator(a.operator())
                    .threshold(a.threshold());
            if (a.errorType() != null) {
                criteria.dimension(List.of(MonitorMetricAlertCriteriaDimension.builder().name("ErrorType")
                        .operator("Include").values(List.of(a.errorType())).build()));
            }
            MonitorMetricAlertConfig.Builder config = MonitorMetricAlertConfig.builder()
                    .name(a.name())
                    .resourceGroupName(resourceGroupName)
                    .scopes(List.of(resourceId))
                    .description(a.description())
                    .severity(a.azureSeverity())
                    .frequency("PT1M")
                    .windowSize(a.windowSize())
                    .autoMitigate(true)
                    .criteria(List.of(criteria.build()))
                    .tags(alertTags);
            if (monitoring.actionGroupId() != null) {
                config.action(List.of(MonitorMetricAlertAction.builder().actionGroupId(monitoring.actionGroupId())
                        .build()));
            }
            new MonitorMetricAlert(this, "Alert-" + a.signal(), config.build());
        }
        for (AzureHealthAlert h : healthAlerts) {
            MonitorActivityLogAlertConfig.Builder config = MonitorActivityLogAlertConfig.builder()
                    .name(h.name())
                    .resourceGroupName(resourceGroupName)
                    .location(AzureHealthAlert.LOCATION)
                    .scopes(List.of(resourceId))
                    .description(h.description())
                    .enabled(true)
                    .criteria(MonitorActivityLogAlertCriteria.builder()
                            .category(AzureHealthAlert.CATEGORY)
                            .resourceId(resourceId)
                            .resourceHealth(MonitorActivityLogAlertCriteriaResourceHealth.builder()
                                    .current(h.current()).build())
                            .build())
                    .tags(alertTags);
            if (monitoring.actionGroupId() != null) {
                config.action(List.of(MonitorActivityLogAlertAction.builder()
                        .actionGroupId(monitoring.actionGroupId()).build()));
            }
            new MonitorActivityLogAlert(this, "Health-" + h.signal(), config.build());
        }
    }

    /** The metric alerts of the baseline, in a fixed order. */
    public List<AzureMetricAlert> alerts() {
        return alerts;
    }

    /** The Resource Health alerts of the baseline: down (Unavailable), then degraded. */
    public List<AzureHealthAlert> healthAlerts() {
        return healthAlerts;
    }

    /** One line per alert, health alerts first, for the synthesis report. */
    public List<String> summaries() {
        List<String> out = new ArrayList<>();
        healthAlerts.forEach(h -> out.add(h.summary()));
        alerts.forEach(a -> out.add(a.summary()));
        return List.copyOf(out);
    }

    static List<AzureHealthAlert> health(StoreRole role, boolean managed, String name) {
        boolean worker = role == StoreRole.WORKER_STATE;
        String store = worker ? "Worker State Store" : "Cache Store";
        String impact = worker ? " Workflows, retries and queue progress stall while it is unavailable."
                : " The platform loses idempotency keys and short-lived data; duplicate sends are possible.";
        String where = " Open the cache's Resource health blade for the cause and Azure's estimate, and check"
                + " Service Health for a regional incident" + (managed ? "; failovers and patching show as health"
                + " events in the activity log." : ".");
        // Degraded: the store runs without its redundancy, as urgent as a lost replica.
        String down = severity(AlertSignal.DOWN, role);
        String degraded = severity(AlertSignal.REPLICATION, role);
        return List.of(
                new AzureHealthAlert("down", name + "-down", down, List.of("Unavailable"),
                        down.toUpperCase(Locale.ROOT) + ": " + store + " " + name + " is Unavailable in Resource Health: its nodes are down or"
                        + " unreachable." + impact + where),
                new AzureHealthAlert("degraded", name + "-degraded", degraded, List.of("Degraded"),
                        degraded.toUpperCase(Locale.ROOT) + ": " + store + " " + name + " is Degraded in Resource Health: a"
                        + " node is down, failing over or under heavy load, so the store runs without its"
                        + " redundancy or slowly." + where));
    }

    /** The baseline's severity label of {@code signal} for {@code role}. */
    private static String severity(AlertSignal signal, StoreRole role) {
        return signal.severity(role).label();
    }

    /** The smallest window Azure accepts that covers {@code d}, e.g. {@code PT15M}. */
    static String window(Duration d) {
        for (Duration w : WINDOWS) {
            if (w.compareTo(d) >= 0) {
                return w.toString();
            }
        }
        return "P1D";
    }

    static List<AzureMetricAlert> baseline(StoreRole role, boolean managed, boolean replicas, String name,
                                           AzureMonitoring m) {
        boolean worker = role == StoreRole.WORKER_STATE;
        AlertThresholds t = m.thresholds();
        String store = worker ? "Worker State Store" : "Cache Store";
        AzureMonitorMetric memory = managed ? AzureMonitorMetric.MANAGED_USED_MEMORY_PERCENT
                : AzureMonitorMetric.CLASSIC_USED_MEMORY_PERCENT;
        AzureMonitorMetric evicted = managed ? AzureMonitorMetric.MANAGED_EVICTED_KEYS
                : AzureMonitorMetric.CLASSIC_EVICTED_KEYS;
        AzureMonitorMetric clients = managed ? AzureMonitorMetric.MANAGED_CONNECTED_CLIENTS
                : AzureMonitorMetric.CLASSIC_CONNECTED_CLIENTS;
        AzureMonitorMetric cpu = managed ? AzureMonitorMetric.MANAGED_PROCESSOR_TIME
                : AzureMonitorMetric.CLASSIC_PROCESSOR_TIME;
        AzureMonitorMetric load = managed ? AzureMonitorMetric.MANAGED_SERVER_LOAD
                : AzureMonitorMetric.CLASSIC_SERVER_LOAD;
        List<AzureMetricAlert> out = new ArrayList<>();
        int memPercent = worker ? t.workerMemoryPagePercent() : t.cacheMemoryWarnPercent();
        out.add(AzureMetricAlert.builder().signal("memory").name(name + "-memory")
                .severity(severity(AlertSignal.MEMORY, role)).metric(memory).aggregation("Maximum")
                .operator("GreaterThan").threshold(memPercent).windowSize(window(t.memoryFor())).description(worker
                ? "Worker State Store " + name + " memory above " + memPercent + "% of its limit. It runs"
                + " noeviction: when full every write fails with OOM and workflows stop. Find what grows"
                + " (stuck queues, retries that never finish), then scale the SKU up before it fills." : "Cache Store "
                + name + " memory above " + memPercent + "% of its limit: allkeys-lru will"
                + " evict keys; idempotency keys live shorter. If evictions stay high, raise cache.size.").build());
        out.add(AzureMetricAlert.builder().signal("evictions").name(name + "-evictions")
                .severity(severity(AlertSignal.EVICTIONS, role)).metric(evicted).aggregation("Total")
                .operator("GreaterThan").threshold(0).windowSize(worker ? "PT5M" : window(t.cacheEvictionsFor()))
                .description(worker ? "Worker State Store " + name
                + " evicted keys: it must never evict (NoEviction), so workflow"
                + " or queue state was deleted. Check the database's eviction policy, restore NoEviction and"
                + " check the affected workflows for lost steps." : "Cache Store " + name
                + " evicts keys: normal under load, but sustained evictions shorten"
                + " idempotency windows and lower the hit ratio (dashboard). Raise cache.size if it drops.").build());
        if (!managed) {
            out.add(AzureMetricAlert.builder().signal("failover").name(name + "-failover")
                    .severity(severity(AlertSignal.FAILOVER, role)).metric(AzureMonitorMetric.CLASSIC_ERRORS)
                    .aggregation("Maximum").operator("GreaterThan").threshold(0).windowSize("PT5M")
                    .errorType("Failover").description(store + " " + name
                    + " failed over: the replica became the primary (patching, node failure)."
                    + " Clients reconnect; writes acknowledged just before may be lost. Check Resource Health and"
                    + " the cache's activity log for the cause.").build());
            out.add(AzureMetricAlert.builder().signal("dataloss").name(name + "-dataloss")
                    .severity(severity(AlertSignal.FAILOVER, role)).metric(AzureMonitorMetric.CLASSIC_ERRORS)
                    .aggregation("Maximum").operator("GreaterThan").threshold(0).windowSize("PT5M")
                    .errorType("Dataloss").description(store + " " + name
                    + " reports data loss (errors, ErrorType Dataloss): keys written before a"
                    + " failover or restart are gone"
                    + (worker ? ", so workflow and queue state is missing; check the"
                    + " affected workflows and restore from the persisted file or an export if needed."
                    : "; the platform re-creates idempotency keys, duplicate sends are possible meanwhile.")
                    + " Check Resource Health and the activity log for the event.").build());
            if (worker) {
                for (String type : List.of("AOF", "RDB")) {
                    out.add(AzureMetricAlert.builder().signal("persistence-"
                            + type.toLowerCase(java.util.Locale.ROOT)).name(name + "-"
                            + type.toLowerCase(java.util.Locale.ROOT) + "-errors")
                            .severity(severity(AlertSignal.PERSISTENCE, role))
                            .metric(AzureMonitorMetric.CLASSIC_ERRORS).aggregation("Maximum").operator("GreaterThan")
                            .threshold(0).windowSize("PT5M").errorType(type).description("Worker State Store " + name
                            + " reports " + type + " persistence errors: acknowledged"
                            + " state may not be durable. Check the storage account it persists to and Resource"
                            + " Health.").build());
                }
            }
        }
        if (managed && replicas) {
            out.add(AzureMetricAlert.builder().signal("replication").name(name + "-replication")
                    .severity(severity(AlertSignal.REPLICATION, role))
                    .metric(AzureMonitorMetric.MANAGED_SHARD_REPLICATION_LINK_UP).aggregation("Minimum")
                    .operator("LessThan").threshold(1).windowSize(window(t.replicationFor())).description(store + " "
                    + name + ": a replica shard lost its link to the"
                    + " primary (ShardReplicationLinkUp, preview metric, below 1 for " + window(t.replicationFor())
                    + "): a failover now would lose recent writes" + (worker ? " of workflow state" : "")
                    + ". It recovers after patching or a node replacement; if it stays down, check Resource"
                    + " Health and open a support case.").build());
        }
        out.add(AzureMetricAlert.builder().signal("cpu").name(name + "-cpu").severity(severity(AlertSignal.CPU, role))
                .metric(cpu).aggregation("Average").operator("GreaterThan").threshold(t.cpuWarnPercent())
                .windowSize(window(t.cpuFor())).description(store + " " + name + " CPU above " + t.cpuWarnPercent()
                + "% for " + t.cpuFor().toMinutes()
                + " min: every platform request waits longer. Check expensive commands"
                + " (SLOWLOG GET, KEYS, large ranges), then scale the SKU up or spread load.").build());
        out.add(AzureMetricAlert.builder().signal("server-load").name(name + "-server-load")
                .severity(severity(AlertSignal.CPU, role)).metric(load).aggregation("Average").operator("GreaterThan")
                .threshold(t.cpuWarnPercent()).windowSize(window(t.cpuFor())).description(store + " " + name
                + " server load above " + t.cpuWarnPercent()
                + "%: the Redis thread is busy most of the time and latency rises. Check"
                + " expensive commands and connection churn; scale up.").build());
        long limit = Math.round(m.maxClients() * t.connectionsWarnPercent() / 100.0);
        out.add(AzureMetricAlert.builder().signal("connections").name(name + "-connections")
                .severity(severity(AlertSignal.CONNECTIONS, role)).metric(clients).aggregation("Maximum")
                .operator("GreaterThan").threshold(limit).windowSize(window(t.connectionsFor())).description(store + " "
                + name + " has more than " + limit + " client" + " connections (" + t.connectionsWarnPercent() + "% of "
                + m.maxClients() + "): new connections"
                + " are refused at the limit. Find the service holding them, fix pool sizes or leaks.").build());
        return List.copyOf(out);
    }
}
