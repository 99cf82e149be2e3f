package dev.kvstores.policy.rules.azure;

import java.util.Set;

/**
 * Base of the storage account rules (the backup account of {@code dev.kvstores.azure.ManagedRedisBackup}, or any
 * {@code azurerm_storage_account} in a stack). Internal.
 */
abstract class StorageAccountRule extends AzureRedisRule {

    static final String STORAGE_ACCOUNT = "azurerm_storage_account";

    @Override
    public Set<String> resourceTypes() {
        return Set.of(STORAGE_ACCOUNT);
    }
}
