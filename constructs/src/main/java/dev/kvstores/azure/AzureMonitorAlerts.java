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

    /** A store with replicas (classic Standard / Premium, Managed Redis with high availability). */
    public AzureMonitorAlerts(Construct scope, String id, StoreRole role, boolean managed, String storeName,
                              String resourceId, String resourceGroupName, AzureMonitoring monitoring,
                              Map<String, String> tags) {
        this(scope, id, role, managed, true, storeName, resourceId, resourceGroupName, monitoring, tags);
    }

    /**
     * @param role              the store's role
     * @param managed           Azure Managed Redis ({@code Microsoft.Cache/redisEnterprise}); else classic
     * @param replicas          the store has replicas (Managed Redis: high availability on): replica link alert
     * @param storeName         the cache's name (alert names)
     * @param resourceId        the cache's resource ID (a Terraform reference)
     * @param resourceGroupName resource group of the alerts
     * @param monitoring        action group and thresholds
     */
    public AzureMonitorAlerts(Construct scope, String id, StoreRole role, boolean managed, boolean replicas,
                              String storeName, String resourceId, String resourceGroupName,
                              AzureMonitoring monitoring, Map<String, String> tags) {
        super(scope, id);
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
        out.add(new AzureMetricAlert("memory", name + "-memory", severity(AlertSignal.MEMORY, role), memory, "Maximum", "GreaterThan",
                memPercent, window(t.memoryFor()), null, worker
                        ? "Worker State Store " + name + " memory above " + memPercent + "% of its limit. It runs"
                        + " noeviction: when full every write fails with OOM and workflows stop. Find what grows"
                        + " (stuck queues, retries that never finish), then scale the SKU up before it fills."
                        : "Cache Store " + name + " memory above " + memPercent + "% of its limit: allkeys-lru will"
                        + " evict keys; idempotency keys live shorter. If evictions stay high, raise cache.size."));
        out.add(new AzureMetricAlert("evictions", name + "-evictions", severity(AlertSignal.EVICTIONS, role), evicted, "Total", "GreaterThan",
                0, worker ? "PT5M" : window(t.cacheEvictionsFor()), null, worker
                        ? "Worker State Store " + name + " evicted keys: it must never evict (NoEviction), so workflow"
                        + " or queue state was deleted. Check the database's eviction policy, restore NoEviction and"
                        + " check the affected workflows for lost steps."
                        : "Cache Store " + name + " evicts keys: normal under load, but sustained evictions shorten"
                        + " idempotency windows and lower the hit ratio (dashboard). Raise cache.size if it drops."));
        if (!managed) {
            out.add(new AzureMetricAlert("failover", name + "-failover", severity(AlertSignal.FAILOVER, role),
                    AzureMonitorMetric.CLASSIC_ERRORS, "Maximum", "GreaterThan", 0, "PT5M", "Failover",
                    store + " " + name + " failed over: the replica became the primary (patching, node failure)."
                    + " Clients reconnect; writes acknowledged just before may be lost. Check Resource Health and"
                    + " the cache's activity log for the cause."));
            out.add(new AzureMetricAlert("dataloss", name + "-dataloss", severity(AlertSignal.FAILOVER, role),
                    AzureMonitorMetric.CLASSIC_ERRORS, "Maximum", "GreaterThan", 0, "PT5M", "Dataloss",
                    store + " " + name + " reports data loss (errors, ErrorType Dataloss): keys written before a"
                    + " failover or restart are gone" + (worker ? ", so workflow and queue state is missing; check the"
                    + " affected workflows and restore from the persisted file or an export if needed."
                    : "; the platform re-creates idempotency keys, duplicate sends are possible meanwhile.")
                    + " Check Resource Health and the activity log for the event."));
            if (worker) {
                for (String type : List.of("AOF", "RDB")) {
                    out.add(new AzureMetricAlert("persistence-" + type.toLowerCase(java.util.Locale.ROOT),
                            name + "-" + type.toLowerCase(java.util.Locale.ROOT) + "-errors",
                            severity(AlertSignal.PERSISTENCE, role),
                            AzureMonitorMetric.CLASSIC_ERRORS, "Maximum", "GreaterThan", 0, "PT5M", type,
                            "Worker State Store " + name + " reports " + type + " persistence errors: acknowledged"
                            + " state may not be durable. Check the storage account it persists to and Resource"
                            + " Health."));
                }
            }
        }
        if (managed && replicas) {
            out.add(new AzureMetricAlert("replication", name + "-replication", severity(AlertSignal.REPLICATION, role),
                    AzureMonitorMetric.MANAGED_SHARD_REPLICATION_LINK_UP, "Minimum", "LessThan", 1,
                    window(t.replicationFor()), null, store + " " + name + ": a replica shard lost its link to the"
                    + " primary (ShardReplicationLinkUp, preview metric, below 1 for " + window(t.replicationFor())
                    + "): a failover now would lose recent writes" + (worker ? " of workflow state" : "")
                    + ". It recovers after patching or a node replacement; if it stays down, check Resource"
                    + " Health and open a support case."));
        }
        out.add(new AzureMetricAlert("cpu", name + "-cpu", severity(AlertSignal.CPU, role), cpu, "Average", "GreaterThan", t.cpuWarnPercent(),
                window(t.cpuFor()), null, store + " " + name + " CPU above " + t.cpuWarnPercent() + "% for "
                + t.cpuFor().toMinutes() + " min: every platform request waits longer. Check expensive commands"
                + " (SLOWLOG GET, KEYS, large ranges), then scale the SKU up or spread load."));
        out.add(new AzureMetricAlert("server-load", name + "-server-load", severity(AlertSignal.CPU, role), load, "Average", "GreaterThan",
                t.cpuWarnPercent(), window(t.cpuFor()), null, store + " " + name + " server load above "
                + t.cpuWarnPercent() + "%: the Redis thread is busy most of the time and latency rises. Check"
                + " expensive commands and connection churn; scale up."));
        long limit = Math.round(m.maxClients() * t.connectionsWarnPercent() / 100.0);
        out.add(new AzureMetricAlert("connections", name + "-connections", severity(AlertSignal.CONNECTIONS, role),
                clients, "Maximum", "GreaterThan", limit,
                window(t.connectionsFor()), null, store + " " + name + " has more than " + limit + " client"
                + " connections (" + t.connectionsWarnPercent() + "% of " + m.maxClients() + "): new connections"
                + " are refused at the limit. Find the service holding them, fix pool sizes or leaks."));
        return List.copyOf(out);
    }
}
