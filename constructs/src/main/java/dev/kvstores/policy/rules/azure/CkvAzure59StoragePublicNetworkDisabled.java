package dev.kvstores.policy.rules.azure;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;

/**
 * CKV_AZURE_59: the storage account's public endpoint is closed: {@code public_network_access_enabled} is false, or
 * the firewall denies by default ({@code network_rules.default_action = "Deny"}); absent fails. Source: checkov
 * {@code StorageAccountDisablePublicAccess.py}. The Managed Redis backup account cannot pass it (the export writes
 * with a SAS, which the storage firewall's trusted-service exception does not cover); its exemption is printed in
 * the report.
 */
public final class CkvAzure59StoragePublicNetworkDisabled extends StorageAccountRule {
    @Override public String id() { return "CKV_AZURE_59"; }
    @Override public String source() { return "Checkov CKV_AZURE_59 (azurerm_storage_account.public_network_access_enabled)"; }
    @Override public String description() { return "storage account public network access disabled or denied by default (absent fails)"; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        if (isFalse(resource.body(), "public_network_access_enabled")) {
            return Evaluation.compliant();
        }
        String action = text(block(resource.body(), "network_rules"), "default_action");
        return Evaluation.check("Deny".equals(action), "public_network_access_enabled is "
                + text(resource.body(), "public_network_access_enabled") + " and network_rules.default_action is "
                + action + ": the account's public endpoint accepts requests from any network");
    }
}
