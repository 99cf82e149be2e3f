package dev.kvstores.policy.rules.azure;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;

/**
 * CKV2_AZURE_40: Shared Key authorization is off: {@code shared_access_key_enabled} is false; absent fails (the
 * provider default is true). Source: Checkov CKV2_AZURE_40, "Ensure storage account is not configured with Shared Key authorization". The Managed
 * Redis backup account cannot pass it (its SAS comes from {@code listServiceSas}, signed with an account key); its
 * exemption is printed in the report.
 */
public final class Ckv2Azure40StorageSharedKeyDisabled extends StorageAccountRule {
    @Override public String id() { return "CKV2_AZURE_40"; }
    @Override public String source() { return "Checkov CKV2_AZURE_40 (azurerm_storage_account.shared_access_key_enabled)"; }
    @Override public String description() { return "storage account refuses Shared Key authorization (absent fails)"; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        return Evaluation.check(isFalse(resource.body(), "shared_access_key_enabled"),
                "shared_access_key_enabled is " + text(resource.body(), "shared_access_key_enabled")
                        + ": account keys and the SAS they sign are accepted");
    }
}
