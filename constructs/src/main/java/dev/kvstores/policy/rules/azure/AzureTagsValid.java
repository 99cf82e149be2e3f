package dev.kvstores.policy.rules.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.naming.AzureTags;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * KVS-AZURE-TAGS: every tag name and value meets Azure's tag limitations ({@link AzureTags}: names without
 * {@code < > % & \ ? /}, at most 512 characters and unique ignoring case, values of at most 256, at most 50 tags).
 * azurerm checks only count and length, so a bad name passes plan and fails at apply. Source:
 * <a href="https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/tag-resources#limitations">tag
 * limitations</a>.
 */
public final class AzureTagsValid extends AzureRedisRule {

    /** The azurerm types kvstores creates that carry {@code tags}. */
    static final Set<String> TAGGED_TYPES = Set.of(CLASSIC, MANAGED, "azurerm_private_endpoint",
            "azurerm_private_dns_zone", "azurerm_private_dns_zone_virtual_network_link", "azurerm_monitor_metric_alert",
            "azurerm_monitor_activity_log_alert", "azurerm_portal_dashboard", "azurerm_storage_account",
            "azurerm_key_vault_key", "azurerm_user_assigned_identity", "azurerm_logic_app_workflow");

    @Override public String id() { return "KVS-AZURE-TAGS"; }
    @Override public String source() { return "Azure Resource Manager tag limitations, " + AzureTags.RULES_PAGE; }
    @Override public String description() { return "every tag name and value meets Azure's tag limitations"; }
    @Override public Set<String> resourceTypes() { return TAGGED_TYPES; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        JsonNode tags = resource.body().get("tags");
        if (tags == null || !tags.isObject()) {
            return Evaluation.notApplicable();
        }
        Map<String, String> map = new TreeMap<>();
        tags.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        List<String> problems = AzureTags.problems(map);
        return Evaluation.check(problems.isEmpty(), String.join("; ", problems));
    }
}
