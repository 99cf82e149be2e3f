package dev.kvstores.gcp;

import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicy;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicyAlertStrategy;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicyAlertStrategyNotificationRateLimit;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicyConditions;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicyConditionsConditionMatchedLog;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicyConditionsConditionThreshold;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicyConditionsConditionThresholdAggregations;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicyConditionsConditionThresholdTrigger;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicyConfig;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicyDocumentation;
import java.util.List;
import java.util.Map;

/**
 * The alerts of a {@link MemorystoreBackup}: executions of the export workflow that finished {@code FAILED}, and
 * error logs of the scheduler job (the workflow could not be started); both page the backup's notification
 * channels.
 */
final class MemorystoreBackupAlerts {

    private MemorystoreBackupAlerts() {
    }

    /** The two alert policies of {@code backup}, created in it. */
    static void create(MemorystoreBackup backup, MemorystoreBackupProps props, MemorystoreBackup.Target target,
                       String project) {
        String workflowName = backup.workflowName();
        String objectPrefix = backup.objectPrefix();
        String store = "Worker State Store " + target.instanceName() + ": ";
        String where = "`gs://" + props.bucketName() + "/" + objectPrefix + "`";
        new MonitoringAlertPolicy(backup, "ExportFailedAlert", MonitoringAlertPolicyConfig.builder()
                .project(project)
                .displayName(store + "backup export failed")
                .combiner("OR")
                .severity("CRITICAL")
                .conditions(List.of(MonitoringAlertPolicyConditions.builder()
                        .displayName("export workflow " + workflowName + " finished FAILED")
                        .conditionThreshold(MonitoringAlertPolicyConditionsConditionThreshold.builder()
                                .filter(exportFailedFilter(workflowName, target.region()))
                                .comparison("COMPARISON_GT").thresholdValue(0).duration("0s")
                                .aggregations(List.of(MonitoringAlertPolicyConditionsConditionThresholdAggregations
                                        .builder().alignmentPeriod("300s").perSeriesAligner("ALIGN_SUM").build()))
                                .trigger(MonitoringAlertPolicyConditionsConditionThresholdTrigger.builder().count(1)
                                        .build())
                                .build())
                        .build()))
                .notificationChannels(props.notificationChannelIds())
                .documentation(MonitoringAlertPolicyDocumentation.builder().mimeType("text/markdown")
                        .content("The nightly export of the Worker State Store `" + target.instanceName()
                                + "` to " + where + " failed: the newest off-store backup is older than planned."
                                + " See the execution's error: `gcloud workflows executions list " + workflowName
                                + " --location=" + target.region() + "` and `gcloud workflows executions describe"
                                + " <id> --workflow=" + workflowName + " --location=" + target.region() + "`."
                                + " Common causes: the instance's identity (`persistenceIamIdentity`, which can"
                                + " change) lost its role on the bucket (re-apply the stack), an admin operation or"
                                + " maintenance was running, the key is disabled. Re-run after the fix: `gcloud"
                                + " workflows run " + workflowName + " --location=" + target.region() + "`.")
                        .build())
                .alertStrategy(MonitoringAlertPolicyAlertStrategy.builder().autoClose("86400s").build())
                .userLabels(Map.of("kvstores_role", "worker-state", "kvstores_store", target.instanceName(),
                        "kvstores_severity", "page"))
                .build());
        new MonitoringAlertPolicy(backup, "TriggerFailedAlert", MonitoringAlertPolicyConfig.builder()
                .project(project)
                .displayName(store + "backup schedule could not start the export")
                .combiner("OR")
                .severity("CRITICAL")
                .conditions(List.of(MonitoringAlertPolicyConditions.builder()
                        .displayName("scheduler job " + workflowName + " logged an error")
                        .conditionMatchedLog(MonitoringAlertPolicyConditionsConditionMatchedLog.builder()
                                .filter(triggerFailedFilter(workflowName, target.region())).build())
                        .build()))
                .notificationChannels(props.notificationChannelIds())
                .documentation(MonitoringAlertPolicyDocumentation.builder().mimeType("text/markdown")
                        .content("Cloud Scheduler could not start the export workflow of the Worker State Store `"
                                + target.instanceName() + "` (no export ran). Look at the job's last attempt:"
                                + " `gcloud scheduler jobs describe " + workflowName + " --location="
                                + target.region() + "`; usually the scheduler's service account lost"
                                + " `roles/workflows.invoker` or the Workflows API is disabled. Re-apply the stack,"
                                + " then `gcloud scheduler jobs run " + workflowName + " --location="
                                + target.region() + "`.")
                        .build())
                .alertStrategy(MonitoringAlertPolicyAlertStrategy.builder().autoClose("86400s")
                        .notificationRateLimit(MonitoringAlertPolicyAlertStrategyNotificationRateLimit.builder()
                                .period("3600s").build())
                        .build())
                .userLabels(Map.of("kvstores_role", "worker-state", "kvstores_store", target.instanceName(),
                        "kvstores_severity", "page"))
                .build());
    }

    /** Filter of the failed-export condition: executions of this workflow that finished {@code FAILED}. */
    static String exportFailedFilter(String workflowName, String region) {
        return "resource.type=\"workflows.googleapis.com/Workflow\" AND resource.label.\"workflow_id\"=\""
                + workflowName + "\" AND resource.label.\"location\"=\"" + region + "\" AND"
                + " metric.type=\"workflows.googleapis.com/finished_execution_count\" AND"
                + " metric.label.\"status\"=\"FAILED\"";
    }

    /** Filter of the failed-trigger condition: error logs of this scheduler job. */
    static String triggerFailedFilter(String workflowName, String region) {
        return "resource.type=\"cloud_scheduler_job\" AND resource.labels.job_id=\"" + workflowName
                + "\" AND resource.labels.location=\"" + region + "\" AND severity>=ERROR";
    }
}
