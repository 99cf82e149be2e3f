package dev.kvstores.policy.rules.azure;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;

/**
 * CKV_AZURE_59: the storage account's public endpoint is closed: {@code public_network_access_enabled} is false;
 * absent fails. Source: checkov {@code StorageAccountDisablePublicAccess.py} (a value check of that one attribute: a
 * firewall that denies by default does not pass it). The Managed Redis backup account cannot pass it (the export writes
 * with a SAS, which the storage firewall's trusted-service exception does not cover); its exemption is printed in
 * the report.
 */
public final class CkvAzure59StoragePublicNetworkDisabled extends StorageAccountRule {
    @Override public String id() { return "CKV_AZURE_59"; }
    @Override public String source() { return "Checkov CKV_AZURE_59 (azurerm_storage_account.public_network_access_enabled)"; }
    @Override public String description() { return "storage account public_network_access_enabled is false (absent fails)"; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        return Evaluation.check(isFalse(resource.body(), "public_network_access_enabled"),
                "public_network_access_enabled is " + text(resource.body(), "public_network_access_enabled")
                        + ": the account's public endpoint is open (a firewall that denies by default does not count)");
    }
}
