package dev.kvstores.e2e.realserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvstores.app.Synthesizer;
import dev.kvstores.e2e.ShippedSynthesis;
import dev.kvstores.policy.Compliance;
import dev.kvstores.policy.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Managed Redis backup of the shipped {@code azure-dev} and {@code azure-prod}: every resource is there and wired
 * to the others, the workflow calls exactly the two ARM APIs, the policy pack is green, and what Terraform itself
 * computes (the subscription scope and role names from the store's ID, the action bodies with their references) is
 * evaluated by the real {@code terraform console} with an example resource ID in place of each reference.
 */
class AzureBackupTerraformTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBSCRIPTION = "00000000-1111-2222-3333-444444444444";
    private static final Pattern REFERENCE = Pattern.compile(
            "(azurerm_[a-z_]+)\\.([A-Za-z0-9_-]+)\\.([a-z_]+(?:\\[0\\]\\.[a-z_]+)?)");

    @TempDir
    Path dir;

    private static JsonNode resources(String env) {
        return ShippedSynthesis.stack(env).path("resource");
    }

    /** The single resource of {@code type} (and its name, for references). */
    private static Map.Entry<String, JsonNode> single(String env, String type) {
        Iterator<Map.Entry<String, JsonNode>> it = resources(env).path(type).fields();
        assertTrue(it.hasNext(), type + " in " + env);
        Map.Entry<String, JsonNode> e = it.next();
        assertFalse(it.hasNext(), "one " + type + " in " + env);
        return e;
    }

    private static String ref(String env, String type, String attribute) {
        return "${" + type + "." + single(env, type).getKey() + "." + attribute + "}";
    }

    /** An example value per referenced attribute, so that terraform console can evaluate without state. */
    private static String example(String type, String name, String attribute) {
        String sub = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/suprsend-prod/providers/";
        return switch (type + "." + attribute) {
            case "azurerm_managed_redis.id" -> sub + "Microsoft.Cache/redisEnterprise/suprsend-prod-state";
            case "azurerm_storage_account.id" -> sub + "Microsoft.Storage/storageAccounts/suprsendprodstatebk";
            case "azurerm_storage_account.primary_blob_endpoint" -> "https://suprsendprodstatebk.blob.core.windows.net/";
            default -> throw new AssertionError("no example for " + type + "." + name + "." + attribute);
        };
    }

    /** {@code template} (a Terraform string) with each resource reference replaced by its example, as a literal. */
    private static String withExamples(String template) {
        Matcher m = REFERENCE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("\"" + example(m.group(1), m.group(2), m.group(3)) + "\""));
        }
        m.appendTail(out);
        return quotesEscapedOutsideInterpolations(out.toString());
    }

    /**
     * {@code template} as the body of an HCL quoted string (which {@link TerraformConsole} wraps it in): {@code "} and
     * {@code \\} outside {@code ${...}} escaped, interpolations (with their own quoted strings) left as they are.
     */
    private static String quotesEscapedOutsideInterpolations(String template) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (depth == 0) {
                if (c == '$' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
                    depth = 1;
                    out.append("${");
                    i++;
                } else if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else {
                    out.append(c);
                }
                continue;
            }
            out.append(c);
            if (inString) {
                if (c == '\\' && i + 1 < template.length()) {
                    out.append(template.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            }
        }
        return out.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"azure-dev", "azure-prod"})
    void every_backup_resource_is_synthesized_and_wired_to_the_others(String env) throws Exception {
        JsonNode r = resources(env);
        for (String type : List.of("azurerm_storage_account", "azurerm_storage_account_customer_managed_key",
                "azurerm_storage_container", "azurerm_storage_management_policy", "azurerm_key_vault_key",
                "azurerm_user_assigned_identity", "azurerm_logic_app_workflow", "azurerm_logic_app_trigger_recurrence")) {
            single(env, type);
        }
        assertEquals(2, r.path("azurerm_logic_app_action_custom").size());
        assertEquals(3, r.path("azurerm_role_definition").size());
        assertEquals(4, r.path("azurerm_role_assignment").size());
        String account = ref(env, "azurerm_storage_account", "id");
        String workflow = ref(env, "azurerm_logic_app_workflow", "id");
        assertEquals(account, single(env, "azurerm_storage_account_customer_managed_key").getValue()
                .path("storage_account_id").asText());
        assertEquals(account, single(env, "azurerm_storage_container").getValue().path("storage_account_id").asText());
        assertEquals(account, single(env, "azurerm_storage_management_policy").getValue().path("storage_account_id").asText());
        assertEquals(workflow, single(env, "azurerm_logic_app_trigger_recurrence").getValue().path("logic_app_id").asText());
        r.path("azurerm_logic_app_action_custom").forEach(a -> assertEquals(workflow, a.path("logic_app_id").asText()));
        String state = single(env, "azurerm_managed_redis").getValue().path("name").asText();
        JsonNode alert = null;
        for (JsonNode a : r.path("azurerm_monitor_metric_alert")) {
            if (a.path("name").asText().equals(state + "-backup-failed")) {
                alert = a;
            }
        }
        assertTrue(alert != null, "failed-run alert in " + env);
        assertEquals(workflow, alert.path("scopes").get(0).asText());
        assertEquals("RunsFailed", alert.path("criteria").get(0).path("metric_name").asText());
        if (env.equals("azure-prod")) {
            assertEquals(1, alert.path("action").size(), "prod notifies its action group");
        }
        String report = ShippedSynthesis.report(env);
        assertTrue(report.contains("; backup: export daily at 03:17 UTC (Logic App `" + state + "-backup`"), report);
    }

    @ParameterizedTest
    @ValueSource(strings = {"azure-dev", "azure-prod"})
    void the_policy_pack_is_green_and_the_backup_rule_applies_in_production_only(String env) {
        Synthesizer.Result result = ShippedSynthesis.result();
        assertEquals(List.of(), result.policyReports().get(env).violations());
        Finding backup = result.policyReports().get(env).findings().stream()
                .filter(f -> f.ruleId().equals("KVS-BACKUP-REQUIRED") && f.address().startsWith("azurerm_managed_redis."))
                .findFirst().orElseThrow();
        assertEquals(env.equals("azure-prod") ? Compliance.COMPLIANT : Compliance.NOT_APPLICABLE,
                backup.evaluation().compliance());
        for (String rule : List.of("CKV_AZURE_3", "CKV_AZURE_44", "CKV_AZURE_190", "CKV2_AZURE_1",
                "KVS-AZURE-STORAGE-VERSIONING")) {
            Finding f = result.policyReports().get(env).findings().stream()
                    .filter(x -> x.ruleId().equals(rule)).findFirst().orElseThrow(() -> new AssertionError(rule));
            assertEquals(Compliance.COMPLIANT, f.evaluation().compliance(), rule);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"azure-prod"})
    void terraform_computes_the_subscription_scope_and_role_names_from_the_stores_id(String env) {
        Map<String, String> evaluated = new TreeMap<>();
        for (JsonNode role : resources(env).path("azurerm_role_definition")) {
            String name = TerraformConsole.evaluate(withExamples(role.path("name").asText()), dir.resolve("tf"));
            evaluated.put(name, TerraformConsole.evaluate(withExamples(role.path("scope").asText()), dir.resolve("tf"))
                    + " -> " + TerraformConsole.evaluate(withExamples(role.path("assignable_scopes").get(0).asText()),
                    dir.resolve("tf")));
        }
        String sub = "/subscriptions/" + SUBSCRIPTION;
        String redis = sub + "/resourceGroups/suprsend-prod/providers/Microsoft.Cache/redisEnterprise/suprsend-prod-state";
        String account = sub + "/resourceGroups/suprsend-prod/providers/Microsoft.Storage/storageAccounts/suprsendprodstatebk";
        assertEquals(Map.of(
                "kvstores-backup-export-suprsend-prod-state-" + SUBSCRIPTION, sub + " -> " + redis,
                "kvstores-backup-sas-suprsendprodstatebk", account + " -> " + account,
                "kvstores-backup-status-suprsend-prod-state-" + SUBSCRIPTION, sub + " -> " + sub), evaluated);
    }

    @ParameterizedTest
    @ValueSource(strings = {"azure-prod"})
    void terraform_renders_the_action_bodies_to_exactly_the_two_arm_calls(String env) throws Exception {
        List<String> uris = new ArrayList<>();
        for (JsonNode action : resources(env).path("azurerm_logic_app_action_custom")) {
            String rendered = TerraformConsole.evaluate(withExamples(action.path("body").asText()), dir.resolve("tf"));
            JsonNode body = JSON.readTree(rendered); // still JSON after Terraform: no ${ or %{ was misread
            uris.add(body.path("inputs").path("uri").asText());
            if (action.path("name").asText().equals("ExportDatabase")) {
                assertEquals("https://suprsendprodstatebk.blob.core.windows.net/worker-state-backups/kvstores/azure-prod/"
                        + "suprsend-prod-state/@{formatDateTime(utcNow(), 'yyyy-MM-ddTHHmmssZ')}"
                        + "?@{body('ListServiceSas')?['serviceSasToken']}",
                        body.path("inputs").path("body").path("sasUri").asText());
            }
        }
        String sub = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/suprsend-prod/providers/";
        assertEquals(List.of(
                "https://management.azure.com" + sub + "Microsoft.Cache/redisEnterprise/suprsend-prod-state"
                        + "/databases/default/export?api-version=2025-07-01",
                "https://management.azure.com" + sub + "Microsoft.Storage/storageAccounts/suprsendprodstatebk"
                        + "/listServiceSas?api-version=2023-05-01"),
                uris.stream().sorted().toList());
    }
}
