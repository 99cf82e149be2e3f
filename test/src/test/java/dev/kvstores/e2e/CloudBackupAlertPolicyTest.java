package dev.kvstores.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kvstores.policy.Compliance;
import dev.kvstores.policy.Finding;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.policy.rules.CloudAlertBaseline;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * KVS-ALERT-BASELINE's backup half over the shipped production stacks: each cloud's scheduled worker-state backup
 * has its failure alert at page with a receiver, and the rule fails when that alert is gone, less urgent, or
 * notifies no one.
 */
class CloudBackupAlertPolicyTest {

    private static Finding worker(JsonNode stack, String storeType) {
        List<Finding> findings = new PolicyPack(List.of(new CloudAlertBaseline())).evaluate(stack,
                new PolicyContext("t", true), List.of()).findings().stream()
                .filter(f -> f.address().startsWith(storeType + ".") && f.address().contains("WorkerState")).toList();
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0);
    }

    /** The shipped stack with every {@code type} resource whose {@code field} contains {@code marker} changed. */
    private static JsonNode mutate(String env, String type, String field, String marker, Consumer<ObjectNode> change) {
        JsonNode stack = ShippedSynthesis.stack(env).deepCopy();
        int changed = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = stack.path("resource").path(type).fields(); it.hasNext(); ) {
            JsonNode r = it.next().getValue();
            if (r.path(field).toString().contains(marker)) {
                change.accept((ObjectNode) r);
                changed++;
            }
        }
        assertTrue(changed > 0, "no " + type + " with " + field + " containing " + marker + " in " + env);
        return stack;
    }

    private static void assertFails(JsonNode stack, String storeType, String expected) {
        Finding f = worker(stack, storeType);
        assertEquals(Compliance.NON_COMPLIANT, f.evaluation().compliance(), f.toString());
        assertTrue(f.evaluation().detail().contains(expected), f.evaluation().detail());
    }

    @Test
    void aws_the_export_needs_its_failed_executions_alarm_at_page_with_an_action() {
        String store = "aws_memorydb_cluster";
        assertEquals(Compliance.COMPLIANT, worker(ShippedSynthesis.stack("aws-prod"), store).evaluation().compliance());
        assertFails(mutate("aws-prod", "aws_cloudwatch_metric_alarm", "metric_name", "ExecutionsFailed",
                r -> r.put("metric_name", "ExecutionsTimedOut")), store, "no alarm on its failed executions");
        assertFails(mutate("aws-prod", "aws_cloudwatch_metric_alarm", "metric_name", "ExecutionsFailed",
                r -> r.put("alarm_description", "WARN: " + r.path("alarm_description").asText().substring(6))),
                store, "is not page");
        assertFails(mutate("aws-prod", "aws_cloudwatch_metric_alarm", "metric_name", "ExecutionsFailed",
                r -> r.putArray("alarm_actions")), store, "notifies no one");
    }

    @Test
    void gcp_the_export_needs_its_failed_executions_policy_at_page_with_a_channel() {
        String store = "google_redis_instance";
        assertEquals(Compliance.COMPLIANT, worker(ShippedSynthesis.stack("gcp-prod"), store).evaluation().compliance());
        String marker = "finished_execution_count";
        assertFails(mutate("gcp-prod", "google_monitoring_alert_policy", "conditions", marker,
                r -> r.putArray("conditions")), store, "no alert policy on its failed executions");
        assertFails(mutate("gcp-prod", "google_monitoring_alert_policy", "conditions", marker,
                r -> ((ObjectNode) r.path("user_labels")).put("kvstores_severity", "warn")), store,
                "the baseline makes backup page");
        assertFails(mutate("gcp-prod", "google_monitoring_alert_policy", "conditions", marker,
                r -> r.putArray("notification_channels")), store, "has no notification channel");
    }

    @Test
    void azure_the_export_needs_its_failed_runs_alert_at_severity_1_with_an_action_group() {
        String store = "azurerm_managed_redis";
        assertEquals(Compliance.COMPLIANT, worker(ShippedSynthesis.stack("azure-prod"), store).evaluation().compliance());
        assertFails(mutate("azure-prod", "azurerm_monitor_metric_alert", "criteria", "RunsFailed",
                r -> r.put("severity", 2)), store, "has severity 2 (warn), the baseline makes backup page");
        assertFails(mutate("azure-prod", "azurerm_monitor_metric_alert", "criteria", "RunsFailed",
                r -> r.putArray("action")), store, "notifies no action group");
        assertFails(mutate("azure-prod", "azurerm_monitor_metric_alert", "criteria", "RunsFailed",
                r -> r.putArray("criteria")), store, "no metric alert on the workflow's RunsFailed");
    }
}
