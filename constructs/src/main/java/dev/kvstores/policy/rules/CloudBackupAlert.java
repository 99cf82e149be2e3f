package dev.kvstores.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.naming.BackupMarkers;
import dev.kvstores.policy.SynthesizedResource;
import dev.kvstores.role.AlertSeverity;
import dev.kvstores.role.AlertSignal;
import dev.kvstores.role.StoreRole;
import java.util.List;

/**
 * The backup half of {@link CloudAlertBaseline}: when the stack schedules an off-store backup of a Worker State
 * Store, the backup signal's main alert ({@link CloudAlertEvidence}, {@link AlertSignal#BACKUP}) watches that
 * backup, carries the baseline's severity and notifies someone:
 * <ul>
 *   <li>AWS: the state machine tagged {@value BackupMarkers#AWS_BACKUP_OF_TAG} with the store's name, started by an
 *   {@code aws_scheduler_schedule}; an alarm on {@code AWS/States ExecutionsFailed Sum} with its
 *   {@code StateMachineArn}, {@code PAGE:} description, an alarm action.</li>
 *   <li>GCP: the export workflow ({@value BackupMarkers#GCP_ENV_INSTANCE} naming the instance), started by a
 *   {@code google_cloud_scheduler_job}; an alert policy on the workflow's failed executions with
 *   {@code kvstores_severity} page and a notification channel.</li>
 *   <li>Azure Managed Redis: the Logic App workflow whose action POSTs to the store's export, with a recurrence
 *   trigger; a metric alert on the workflow's {@code RunsFailed} at severity 1 (page) with an action group.</li>
 * </ul>
 */
final class CloudBackupAlert {

    private CloudBackupAlert() {
    }

    private static String expected() {
        return AlertSignal.BACKUP.severity(StoreRole.WORKER_STATE).label();
    }

    /** The finding for an ElastiCache / MemoryDB worker store {@code store} (its name), or {@code null}. */
    static String aws(String store, List<SynthesizedResource> stack) {
        String main = CloudAlertEvidence.aws(AlertSignal.BACKUP).keySet().iterator().next();
        for (SynthesizedResource machine : stack) {
            if (!"aws_sfn_state_machine".equals(machine.type())
                    || !store.equals(machine.body().path("tags").path(BackupMarkers.AWS_BACKUP_OF_TAG).asText(null))) {
                continue;
            }
            String arn = "${aws_sfn_state_machine." + machine.name() + ".arn}";
            boolean scheduled = stack.stream().anyMatch(r -> "aws_scheduler_schedule".equals(r.type())
                    && arn.equals(SynthesizedResource.block(r.body(), "target").path("arn").asText()));
            if (!scheduled) {
                continue; // no export schedule: KVS-BACKUP-WORKER reports it
            }
            for (SynthesizedResource alarm : stack) {
                JsonNode a = alarm.body();
                if (alarm.type().equals("aws_cloudwatch_metric_alarm") && "AWS/States".equals(a.path("namespace").asText())
                        && main.equals(CloudAlertEvidence.awsSignal(a.path("metric_name").asText(),
                        a.path("statistic").asText(), null))
                        && arn.equals(a.path("dimensions").path("StateMachineArn").asText())) {
                    if (!a.path("alarm_description").asText("").startsWith(AlertSeverity.PAGE.name() + ":")) {
                        return "backup alarm " + a.path("alarm_name").asText() + " of '" + store + "' is not "
                                + expected() + " (description must start with " + AlertSeverity.PAGE.name() + ":)";
                    }
                    return a.path("alarm_actions").isEmpty() ? "backup alarm " + a.path("alarm_name").asText()
                            + " of '" + store + "' notifies no one (alarm_actions)" : null;
                }
            }
            return "worker state store '" + store + "' has a scheduled backup (" + machine.address() + ") but no"
                    + " alarm on its failed executions (" + main + ", StateMachineArn); keep monitoring.alarms on";
        }
        return null;
    }

    /** The finding for Memorystore worker store {@code name}, or {@code null}. */
    static String gcp(String name, List<SynthesizedResource> stack) {
        String main = CloudAlertEvidence.gcp(AlertSignal.BACKUP).keySet().iterator().next();
        for (SynthesizedResource workflow : stack) {
            if (!workflow.type().equals("google_workflows_workflow") || !workflow.body().path("user_env_vars")
                    .path(BackupMarkers.GCP_ENV_INSTANCE).asText("").endsWith("/instances/" + name)) {
                continue;
            }
            String id = workflow.text("name");
            boolean scheduled = stack.stream().anyMatch(r -> r.type().equals("google_cloud_scheduler_job")
                    && SynthesizedResource.block(r.body(), "http_target").path("uri").asText("")
                    .contains("/workflows/" + id + "/executions"));
            if (!scheduled) {
                continue;
            }
            for (SynthesizedResource policy : stack) {
                if (!policy.type().equals("google_monitoring_alert_policy")) {
                    continue;
                }
                for (JsonNode condition : policy.body().path("conditions")) {
                    String filter = SynthesizedResource.block(condition, "condition_threshold").path("filter").asText("");
                    if (filter.contains("metric.type=\"" + main + "\"")
                            && filter.contains("\"workflow_id\"=\"" + id + "\"") && filter.contains("FAILED")) {
                        String severity = policy.body().path("user_labels").path("kvstores_severity").asText("");
                        if (!expected().equals(severity)) {
                            return "backup alert policy '" + policy.text("display_name") + "' is " + severity
                                    + ", the baseline makes backup " + expected();
                        }
                        return policy.body().path("notification_channels").isEmpty() ? "backup alert policy '"
                                + policy.text("display_name") + "' has no notification channel" : null;
                    }
                }
            }
            return "worker state store '" + name + "' has a scheduled export (" + workflow.address() + ") but no"
                    + " alert policy on its failed executions (" + main + " FAILED)";
        }
        return null;
    }

    /** The finding for Azure Managed Redis worker store {@code resource}, or {@code null}. */
    static String azure(SynthesizedResource resource, List<SynthesizedResource> stack) {
        String main = CloudAlertEvidence.azure(AlertSignal.BACKUP, true).keySet().iterator().next();
        String exportUri = "${azurerm_managed_redis." + resource.name() + ".id}/databases/default/export";
        for (SynthesizedResource action : stack) {
            if (!action.type().startsWith("azurerm_logic_app_action") || action.text("logic_app_id") == null
                    || !String.valueOf(action.text("body")).contains(exportUri)) {
                continue;
            }
            String workflowId = action.text("logic_app_id");
            boolean scheduled = stack.stream().anyMatch(t -> t.type().equals("azurerm_logic_app_trigger_recurrence")
                    && workflowId.equals(t.text("logic_app_id")));
            if (!scheduled) {
                continue;
            }
            for (SynthesizedResource alert : stack) {
                JsonNode a = alert.body();
                if (!alert.type().equals("azurerm_monitor_metric_alert")
                        || !a.path("scopes").toString().contains(workflowId)) {
                    continue;
                }
                for (JsonNode criteria : a.path("criteria")) {
                    if (main.equals(criteria.path("metric_name").asText())) {
                        int level = a.path("severity").asInt(3);
                        String severity = level <= 1 ? "page" : level == 2 ? "warn" : "info";
                        if (!expected().equals(severity)) {
                            return "backup alert " + a.path("name").asText() + " has severity " + level + " ("
                                    + severity + "), the baseline makes backup " + expected() + " (severity 1)";
                        }
                        return a.path("action").isEmpty() ? "backup alert " + a.path("name").asText()
                                + " notifies no action group" : null;
                    }
                }
            }
            return "Managed Redis '" + resource.text("name") + "' has a scheduled export (" + workflowId + ") but no"
                    + " metric alert on the workflow's " + main;
        }
        return null;
    }
}
