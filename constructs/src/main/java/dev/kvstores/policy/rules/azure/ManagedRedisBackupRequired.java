package dev.kvstores.policy.rules.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.StackRule;
import dev.kvstores.policy.SynthesizedResource;
import dev.kvstores.policy.rules.WorkerStateBackupRequired;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * KVS-BACKUP-REQUIRED on Azure: in production, every {@code azurerm_managed_redis} has a scheduled, off-store export
 * encrypted with a customer-managed key: a Logic App action ({@code azurerm_logic_app_action_custom} or
 * {@code _http}) that POSTs to {@code <this instance's id>/databases/default/export}, on an enabled
 * {@code azurerm_logic_app_workflow} with an {@code azurerm_logic_app_trigger_recurrence}, whose {@code sasUri}
 * points into an {@code azurerm_storage_account} of the stack that has a customer-managed key (an inline
 * {@code customer_managed_key} or an {@code azurerm_storage_account_customer_managed_key}). Outside production: not
 * applicable. {@code workerState.backupExemptionReason} exempts it (same rule ID and field as the in-cluster stores,
 * {@link WorkerStateBackupRequired}).
 */
public final class ManagedRedisBackupRequired implements StackRule {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACCOUNT = Pattern.compile("\\$\\{azurerm_storage_account\\.([A-Za-z0-9_-]+)\\.");
    private static final Pattern WORKFLOW = Pattern.compile("\\$\\{azurerm_logic_app_workflow\\.([A-Za-z0-9_-]+)\\.id\\}");

    @Override public String id() { return WorkerStateBackupRequired.ID; }
    @Override public String source() { return "vendor guide, Backups (Worker State): encrypted snapshots in object storage, nightly"; }
    @Override public String description() { return "production Azure Managed Redis worker store has a scheduled export to a customer-key-encrypted storage account"; }
    @Override public Set<String> resourceTypes() { return Set.of("azurerm_managed_redis"); }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context, List<SynthesizedResource> stack) {
        if (!context.production()) {
            return Evaluation.notApplicable();
        }
        String exportUri = "${azurerm_managed_redis." + resource.name() + ".id}/databases/default/export";
        String name = resource.text("name");
        for (SynthesizedResource action : stack) {
            JsonNode inputs = inputs(action);
            String uri = inputs == null ? "" : inputs.path("uri").asText("");
            if (!uri.startsWith("https://") || !uri.contains(exportUri)
                    || !"POST".equalsIgnoreCase(inputs.path("method").asText())) {
                continue;
            }
            Matcher w = WORKFLOW.matcher(action.text("logic_app_id") == null ? "" : action.text("logic_app_id"));
            SynthesizedResource workflow = w.matches() ? find(stack, "azurerm_logic_app_workflow", w.group(1)) : null;
            if (workflow == null) {
                return Evaluation.nonCompliant(action.address() + " belongs to no Logic App workflow of this stack");
            }
            if ("false".equals(workflow.text("enabled"))) {
                return Evaluation.nonCompliant(workflow.address() + " is disabled: the export never runs");
            }
            boolean scheduled = stack.stream().anyMatch(t -> t.type().equals("azurerm_logic_app_trigger_recurrence")
                    && action.text("logic_app_id").equals(t.text("logic_app_id")));
            if (!scheduled) {
                return Evaluation.nonCompliant(workflow.address() + " has no recurrence trigger: the export never"
                        + " runs on a schedule");
            }
            Matcher a = ACCOUNT.matcher(inputs.path("body").path("sasUri").asText(""));
            SynthesizedResource account = a.find() ? find(stack, "azurerm_storage_account", a.group(1)) : null;
            if (account == null) {
                return Evaluation.nonCompliant(action.address() + " exports to no storage account of this stack,"
                        + " so its encryption cannot be checked");
            }
            if (!customerManagedKey(account, stack)) {
                return Evaluation.nonCompliant(account.address() + ", where the exports go, has no customer-managed"
                        + " key (customer_managed_key or azurerm_storage_account_customer_managed_key)");
            }
            return Evaluation.compliant();
        }
        return Evaluation.nonCompliant("Managed Redis '" + name + "' has no scheduled export (no Logic App action"
                + " POSTs to its /databases/default/export); add workerState.backup (or an exemption with a reason,"
                + " workerState.backupExemptionReason)");
    }

    /** True when {@code account} is encrypted with a customer-managed key (inline or by the separate resource). */
    static boolean customerManagedKey(SynthesizedResource account, List<SynthesizedResource> stack) {
        if (!SynthesizedResource.block(account.body(), "customer_managed_key").isMissingNode()) {
            return true;
        }
        String id = "${azurerm_storage_account." + account.name() + ".id}";
        return stack.stream().anyMatch(r -> r.type().equals("azurerm_storage_account_customer_managed_key")
                && id.equals(r.text("storage_account_id")));
    }

    /** The HTTP inputs of a Logic App action resource, or {@code null} for anything else. */
    private static JsonNode inputs(SynthesizedResource action) {
        if (action.type().equals("azurerm_logic_app_action_http")) {
            return action.body();
        }
        if (!action.type().equals("azurerm_logic_app_action_custom") || action.text("body") == null) {
            return null;
        }
        try {
            JsonNode body = JSON.readTree(action.text("body"));
            return "Http".equalsIgnoreCase(body.path("type").asText()) ? body.path("inputs") : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static SynthesizedResource find(List<SynthesizedResource> stack, String type, String name) {
        return stack.stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst().orElse(null);
    }
}
