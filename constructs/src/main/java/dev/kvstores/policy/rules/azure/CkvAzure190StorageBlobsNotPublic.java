package dev.kvstores.policy.rules.azure;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;

/**
 * CKV_AZURE_190: no anonymous (public) read of blobs: {@code allow_nested_items_to_be_public} is false; absent fails
 * (the provider default is true). Source: checkov {@code StorageBlobRestrictPublicAccess.py}
 * ({@code missing_attribute_result=FAILED}).
 */
public final class CkvAzure190StorageBlobsNotPublic extends StorageAccountRule {
    @Override public String id() { return "CKV_AZURE_190"; }
    @Override public String source() { return "Checkov CKV_AZURE_190 (azurerm_storage_account.allow_nested_items_to_be_public)"; }
    @Override public String description() { return "storage account allows no anonymous blob access (absent fails)"; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        return Evaluation.check(isFalse(resource.body(), "allow_nested_items_to_be_public"),
                "allow_nested_items_to_be_public is " + text(resource.body(), "allow_nested_items_to_be_public")
                        + ": containers can be made readable by anyone");
    }
}
