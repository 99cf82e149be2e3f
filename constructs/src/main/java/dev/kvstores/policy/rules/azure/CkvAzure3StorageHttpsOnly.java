package dev.kvstores.policy.rules.azure;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;

/**
 * CKV_AZURE_3: the storage account takes HTTPS only: {@code https_traffic_only_enabled} (azurerm 4.x; 3.x:
 * {@code enable_https_traffic_only}) is not false; absent passes (the provider default is true, Checkov's
 * {@code missing_block_result=PASSED}). Source: checkov {@code StorageAccountsTransportEncryption.py}.
 */
public final class CkvAzure3StorageHttpsOnly extends StorageAccountRule {
    @Override public String id() { return "CKV_AZURE_3"; }
    @Override public String source() { return "Checkov CKV_AZURE_3 (azurerm_storage_account.https_traffic_only_enabled)"; }
    @Override public String description() { return "storage account accepts HTTPS only (absent passes: provider default true)"; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        for (String attribute : new String[] {"https_traffic_only_enabled", "enable_https_traffic_only"}) {
            if (isFalse(resource.body(), attribute)) {
                return Evaluation.nonCompliant(attribute + " is false: plain HTTP is accepted");
            }
        }
        return Evaluation.compliant();
    }
}
