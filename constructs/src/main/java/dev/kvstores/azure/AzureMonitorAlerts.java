package dev.kvstores.azure;

import com.hashicorp.cdktf.providers.azurerm.monitor_metric_alert.MonitorMetricAlert;
import com.hashicorp.cdktf.providers.azurerm.monitor_metric_alert.MonitorMetricAlertAction;
import com.hashicorp.cdktf.providers.azurerm.monitor_metric_alert.MonitorMetricAlertConfig;
import com.hashicorp.cdktf.providers.azurerm.monitor_metric_alert.MonitorMetricAlertCriteria;
import com.hashicorp.cdktf.providers.azurerm.monitor_metric_alert.MonitorMetricAlertCriteriaDimension;
import dev.kvstores.kubernetes.AlertThresholds;
import dev.kvstores.role.StoreRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The alert baseline of one Azure store as Azure Monitor metric alerts ({@code azurerm_monitor_metric_alert}),
 * notifying {@link AzureMonitoring#actionGroupId()}. Azure Cache for Redis (classic) and Azure Managed Redis
 * publish different metric sets ({@link AzureMonitorMetric}): classic reports failovers and AOF/RDB failures as
 * {@code errors} with an {@code ErrorType} dimension; Managed Redis has no such metric (its failovers and health
 * show in Resource Health). Neither has a replication-lag, rejected-connection or OOM metric.
 *
 * <p>Children: {@code Alert-<signal>}.
 */
public final class AzureMonitorAlerts extends Construct {

    /** Window sizes {@code azurerm_monitor_metric_alert} accepts. */
    static final List<Duration> WINDOWS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(6),
            Duration.ofHours(12), Duration.ofDays(1));

    private final List<AzureMetricAlert> alerts;

    /**
     * @param role              the store's role
     * @param managed           Azure Managed Redis ({@code Microsoft.Cache/redisEnterprise}); else classic
     * @param storeName         the cache's name (alert names)
     * @param resourceId        the cache's resource ID (a Terraform reference)
     * @param resourceGroupName resource group of the alerts
     * @param monitoring        action group and thresholds
     */
    public AzureMonitorAlerts(Construct scope, String id, StoreRole role, boolean managed, String storeName,
                              String resourceId, String resourceGroupName, AzureMonitoring monitoring,
                              Map<String, String> tags) {
        super(scope, id);
        this.alerts = baseline(role, managed, storeName, monitoring);
        Map<String, String> alertTags = new java.util.TreeMap<>(tags);
        alertTags.put(AzureTags.ROLE, role.label());
        for (AzureMetricAlert a : alerts) {
            MonitorMetricAlertCriteria.Builder criteria = MonitorMetricAlertCriteria.builder()
                    .metricNamespace(a.metric().namespace().namespaceName())
                    .metricName(a.metric().metricName())
                    .aggregation(a.aggregation())
                    .operator("GreaterThan")
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
    }

    /** The alerts of the baseline, in a fixed order. */
    public List<AzureMetricAlert> alerts() {
        return alerts;
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

    static List<AzureMetricAlert> baseline(StoreRole role, boolean managed, String name, AzureMonitoring m) {
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
        out.add(new AzureMetricAlert("memory", name + "-memory", worker ? "page" : "warn", memory, "Maximum",
                memPercent, window(t.memoryFor()), null, worker
                        ? "Worker State Store " + name + " memory above " + memPercent + "% of its limit. It runs"
                        + " noeviction: when full every write fails with OOM and workflows stop. Find what grows"
                        + " (stuck queues, retries that never finish), then scale the SKU up before it fills."
                        : "Cache Store " + name + " memory above " + memPercent + "% of its limit: allkeys-lru will"
                        + " evict keys; idempotency keys live shorter. If evictions stay high, raise cache.size."));
        out.add(new AzureMetricAlert("evictions", name + "-evictions", worker ? "page" : "info", evicted, "Total",
                0, worker ? "PT5M" : window(t.cacheEvictionsFor()), null, worker
                        ? "Worker State Store " + name + " evicted keys: it must never evict (NoEviction), so workflow"
                        + " or queue state was deleted. Check the database's eviction policy, restore NoEviction and"
                        + " check the affected workflows for lost steps."
                        : "Cache Store " + name + " evicts keys: normal under load, but sustained evictions shorten"
                        + " idempotency windows and lower the hit ratio (dashboard). Raise cache.size if it drops."));
        if (!managed) {
            out.add(new AzureMetricAlert("failover", name + "-failover", worker ? "page" : "warn",
                    AzureMonitorMetric.CLASSIC_ERRORS, "Maximum", 0, "PT5M", "Failover",
                    store + " " + name + " failed over: the replica became the primary (patching, node failure)."
                    + " Clients reconnect; writes acknowledged just before may be lost. Check Resource Health and"
                    + " the cache's activity log for the cause."));
            if (worker) {
                for (String type : List.of("AOF", "RDB")) {
                    out.add(new AzureMetricAlert("persistence-" + type.toLowerCase(java.util.Locale.ROOT),
                            name + "-" + type.toLowerCase(java.util.Locale.ROOT) + "-errors", "page",
                            AzureMonitorMetric.CLASSIC_ERRORS, "Maximum", 0, "PT5M", type,
                            "Worker State Store " + name + " reports " + type + " persistence errors: acknowledged"
                            + " state may not be durable. Check the storage account it persists to and Resource"
                            + " Health."));
                }
            }
        }
        out.add(new AzureMetricAlert("cpu", name + "-cpu", "warn", cpu, "Average", t.cpuWarnPercent(),
                window(t.cpuFor()), null, store + " " + name + " CPU above " + t.cpuWarnPercent() + "% for "
                + t.cpuFor().toMinutes() + " min: every platform request waits longer. Check expensive commands"
                + " (SLOWLOG GET, KEYS, large ranges), then scale the SKU up or spread load."));
        out.add(new AzureMetricAlert("server-load", name + "-server-load", "warn", load, "Average",
                t.cpuWarnPercent(), window(t.cpuFor()), null, store + " " + name + " server load above "
                + t.cpuWarnPercent() + "%: the Redis thread is busy most of the time and latency rises. Check"
                + " expensive commands and connection churn; scale up."));
        long limit = Math.round(m.maxClients() * t.connectionsWarnPercent() / 100.0);
        out.add(new AzureMetricAlert("connections", name + "-connections", "warn", clients, "Maximum", limit,
                window(t.connectionsFor()), null, store + " " + name + " has more than " + limit + " client"
                + " connections (" + t.connectionsWarnPercent() + "% of " + m.maxClients() + "): new connections"
                + " are refused at the limit. Find the service holding them, fix pool sizes or leaks."));
        return List.copyOf(out);
    }
}
