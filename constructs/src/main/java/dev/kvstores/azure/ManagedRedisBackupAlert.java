package dev.kvstores.azure;

import com.hashicorp.cdktf.providers.azurerm.monitor_metric_alert.MonitorMetricAlert;
import com.hashicorp.cdktf.providers.azurerm.monitor_metric_alert.MonitorMetricAlertAction;
import com.hashicorp.cdktf.providers.azurerm.monitor_metric_alert.MonitorMetricAlertConfig;
import com.hashicorp.cdktf.providers.azurerm.monitor_metric_alert.MonitorMetricAlertCriteria;
import dev.kvstores.role.AlertSignal;
import dev.kvstores.role.StoreRole;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The alert of a {@link ManagedRedisBackup}: failed runs of its Logic App, sent to the same action group as the
 * store's alerts, at the baseline's severity of the backup signal ({@link AlertSignal#BACKUP}: page, Azure
 * severity 1).
 */
final class ManagedRedisBackupAlert {

    private ManagedRedisBackupAlert() {
    }

    /** The alert on failed runs of the workflow {@code workflowId}, created in {@code owner}. */
    static void create(Construct owner, ManagedRedisBackupProps props, String storeName, String group,
                       String workflowId, String directory, Map<String, String> backupTags) {
        MonitorMetricAlertConfig.Builder alert = MonitorMetricAlertConfig.builder()
                .name(storeName + "-backup-failed")
                .resourceGroupName(group)
                .scopes(List.of(workflowId))
                .description("The nightly export of Worker State Store " + storeName + " failed: no new backup in "
                        + props.storageAccountName() + "/" + directory + ". Open the Logic App's run history ("
                        + storeName + "-backup): a 403 on ListServiceSas or ExportDatabase is a missing role"
                        + " assignment, an export error names the storage problem (SAS expiry, firewall). Run it"
                        + " again from the portal once fixed.")
                .severity(AzureMetricAlert.azureSeverity(AlertSignal.BACKUP.severity(StoreRole.WORKER_STATE).label()))
                .frequency("PT15M")
                .windowSize("PT1H")
                .autoMitigate(true)
                .criteria(List.of(MonitorMetricAlertCriteria.builder()
                        .metricNamespace(AzureMonitorMetric.BACKUP_RUNS_FAILED.namespace().namespaceName())
                        .metricName(AzureMonitorMetric.BACKUP_RUNS_FAILED.metricName())
                        .aggregation("Total")
                        .operator("GreaterThan")
                        .threshold(0)
                        .build()))
                .tags(backupTags);
        if (props.actionGroupId() != null) {
            alert.action(List.of(MonitorMetricAlertAction.builder().actionGroupId(props.actionGroupId()).build()));
        }
        new MonitorMetricAlert(owner, "FailedRunsAlert", alert.build());
    }
}
