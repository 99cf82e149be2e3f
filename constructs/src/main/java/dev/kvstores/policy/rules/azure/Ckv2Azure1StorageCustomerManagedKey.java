package dev.kvstores.policy.rules.azure;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.StackRule;
import dev.kvstores.policy.SynthesizedResource;
import java.util.List;
import java.util.Set;

/**
 * CKV2_AZURE_1: the storage account is encrypted with a customer-managed key: an inline {@code customer_managed_key}
 * block, or an {@code azurerm_storage_account_customer_managed_key} whose {@code storage_account_id} is this
 * account. Source: Checkov graph check CKV2_AZURE_1, "Ensure storage for critical data are encrypted with Customer
 * Managed Key".
 */
public final class Ckv2Azure1StorageCustomerManagedKey implements StackRule {
    @Override public String id() { return "CKV2_AZURE_1"; }
    @Override public String source() { return "Checkov CKV2_AZURE_1 (azurerm_storage_account with a customer-managed key)"; }
    @Override public String description() { return "storage account encrypted with a customer-managed key"; }
    @Override public Set<String> resourceTypes() { return Set.of(StorageAccountRule.STORAGE_ACCOUNT); }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context, List<SynthesizedResource> stack) {
        return Evaluation.check(ManagedRedisBackupRequired.customerManagedKey(resource, stack),
                "no customer_managed_key and no azurerm_storage_account_customer_managed_key for this account:"
                        + " Microsoft-managed keys");
    }
}
