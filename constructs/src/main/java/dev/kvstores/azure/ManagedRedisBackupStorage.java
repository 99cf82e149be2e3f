package dev.kvstores.azure;

import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.providers.azurerm.key_vault_key.KeyVaultKey;
import com.hashicorp.cdktf.providers.azurerm.key_vault_key.KeyVaultKeyConfig;
import com.hashicorp.cdktf.providers.azurerm.key_vault_key.KeyVaultKeyRotationPolicy;
import com.hashicorp.cdktf.providers.azurerm.key_vault_key.KeyVaultKeyRotationPolicyAutomatic;
import com.hashicorp.cdktf.providers.azurerm.role_assignment.RoleAssignment;
import com.hashicorp.cdktf.providers.azurerm.role_assignment.RoleAssignmentConfig;
import com.hashicorp.cdktf.providers.azurerm.storage_account.StorageAccount;
import com.hashicorp.cdktf.providers.azurerm.storage_account.StorageAccountBlobProperties;
import com.hashicorp.cdktf.providers.azurerm.storage_account.StorageAccountBlobPropertiesContainerDeleteRetentionPolicy;
import com.hashicorp.cdktf.providers.azurerm.storage_account.StorageAccountBlobPropertiesDeleteRetentionPolicy;
import com.hashicorp.cdktf.providers.azurerm.storage_account.StorageAccountConfig;
import com.hashicorp.cdktf.providers.azurerm.storage_account.StorageAccountIdentity;
import com.hashicorp.cdktf.providers.azurerm.storage_account.StorageAccountImmutabilityPolicy;
import com.hashicorp.cdktf.providers.azurerm.storage_account.StorageAccountSasPolicy;
import com.hashicorp.cdktf.providers.azurerm.storage_account_customer_managed_key.StorageAccountCustomerManagedKeyA;
import com.hashicorp.cdktf.providers.azurerm.storage_account_customer_managed_key.StorageAccountCustomerManagedKeyAConfig;
import com.hashicorp.cdktf.providers.azurerm.storage_container.StorageContainer;
import com.hashicorp.cdktf.providers.azurerm.storage_container.StorageContainerConfig;
import com.hashicorp.cdktf.providers.azurerm.storage_management_policy.StorageManagementPolicy;
import com.hashicorp.cdktf.providers.azurerm.storage_management_policy.StorageManagementPolicyConfig;
import com.hashicorp.cdktf.providers.azurerm.storage_management_policy.StorageManagementPolicyRule;
import com.hashicorp.cdktf.providers.azurerm.storage_management_policy.StorageManagementPolicyRuleActions;
import com.hashicorp.cdktf.providers.azurerm.storage_management_policy.StorageManagementPolicyRuleActionsBaseBlob;
import com.hashicorp.cdktf.providers.azurerm.storage_management_policy.StorageManagementPolicyRuleActionsSnapshot;
import com.hashicorp.cdktf.providers.azurerm.storage_management_policy.StorageManagementPolicyRuleActionsVersion;
import com.hashicorp.cdktf.providers.azurerm.storage_management_policy.StorageManagementPolicyRuleFilters;
import com.hashicorp.cdktf.providers.azurerm.user_assigned_identity.UserAssignedIdentity;
import com.hashicorp.cdktf.providers.azurerm.user_assigned_identity.UserAssignedIdentityConfig;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * Where a {@link ManagedRedisBackup} writes: a StorageV2 account reachable only over HTTPS/TLS 1.2 with a SAS or
 * Entra ID, encrypted with a customer-managed key, version-level immutability for the retention, soft delete,
 * and a lifecycle rule deleting exports (and their versions) after the retention.
 */
final class ManagedRedisBackupStorage {

    private final StorageAccount account;
    private final StorageContainer container;
    private final String keyDescription;

    private ManagedRedisBackupStorage(StorageAccount account, StorageContainer container, String keyDescription) {
        this.account = account;
        this.container = container;
        this.keyDescription = keyDescription;
    }

    /**
     * The storage account of {@code props}, its customer-managed key (given, or created in the given vault) and
     * the identity that uses it, the container and the lifecycle rule, created in {@code scope}.
     */
    static ManagedRedisBackupStorage create(Construct scope, ManagedRedisBackupProps props, String group,
                                            String location, Map<String, String> backupTags) {
        StorageAccount account;
        StorageContainer container;
        String keyDescription;
        // The customer-managed key: given, or created in the given vault.
        String keyName = props.keyName();
        String keyScope;
        if (keyName == null) {
            keyName = props.storageAccountName() + "-backup";
            KeyVaultKey key = new KeyVaultKey(scope, "Key", KeyVaultKeyConfig.builder()
                    .name(keyName)
                    .keyVaultId(props.keyVaultId())
                    .keyType("RSA")
                    .keySize(3072)
                    .keyOpts(List.of("unwrapKey", "wrapKey"))
                    .rotationPolicy(KeyVaultKeyRotationPolicy.builder()
                            .automatic(KeyVaultKeyRotationPolicyAutomatic.builder().timeAfterCreation("P365D").build())
                            .notifyBeforeExpiry("P30D")
                            .expireAfter("P2Y")
                            .build())
                    .lifecycle(TerraformResourceLifecycle.builder().preventDestroy(props.preventDestroy()).build())
                    .tags(backupTags)
                    .build());
            keyScope = key.getResourceVersionlessId();
            keyDescription = "key `" + keyName + "` (created, RSA 3072, rotated yearly) in Key Vault `"
                    + ManagedRedisBackup.lastSegment(props.keyVaultId()) + "`";
        } else {
            keyScope = props.keyVaultId() + "/keys/" + keyName;
            keyDescription = "key `" + keyName + "` in Key Vault `" + ManagedRedisBackup.lastSegment(props.keyVaultId())
                    + "`";
        }
        UserAssignedIdentity keyIdentity = new UserAssignedIdentity(scope, "KeyIdentity",
                UserAssignedIdentityConfig.builder().name(props.storageAccountName() + "-cmk")
                        .resourceGroupName(group).location(location).tags(backupTags).build());
        RoleAssignment keyAccess = new RoleAssignment(scope, "KeyAccess", RoleAssignmentConfig.builder()
                .scope(keyScope)
                .roleDefinitionName(ManagedRedisBackup.KEY_ROLE)
                .principalId(keyIdentity.getPrincipalId())
                .principalType("ServicePrincipal")
                .build());

        // The storage account: reachable only over HTTPS/TLS 1.2 with a SAS or Entra ID, no anonymous access.
        account = new StorageAccount(scope, "StorageAccount", StorageAccountConfig.builder()
                .name(props.storageAccountName())
                .resourceGroupName(group)
                .location(location)
                .accountKind("StorageV2")
                .accountTier("Standard")
                .accountReplicationType(props.replicationType())
                .minTlsVersion("TLS1_2")
                .httpsTrafficOnlyEnabled(true)
                .allowNestedItemsToBePublic(false)
                .publicNetworkAccessEnabled(true)
                .sharedAccessKeyEnabled(true)
                .defaultToOauthAuthentication(true)
                .infrastructureEncryptionEnabled(true)
                .crossTenantReplicationEnabled(false)
                .localUserEnabled(false)
                .sftpEnabled(false)
                .allowedCopyScope("AAD")
                .sasPolicy(StorageAccountSasPolicy.builder()
                        .expirationPeriod(String.format("0.%02d:00:00", ExportWorkflowActions.SAS_VALID_HOURS + 1))
                        .expirationAction("Log").build())
                .identity(StorageAccountIdentity.builder().type("UserAssigned")
                        .identityIds(List.of(keyIdentity.getId())).build())
                // Version-level immutability (WORM) for every container: no identity can overwrite or delete a
                // blob version for retentionDays after it was written. Only settable when the account is created.
                .immutabilityPolicy(StorageAccountImmutabilityPolicy.builder()
                        .periodSinceCreationInDays(props.retentionDays())
                        .state(props.lockImmutability() ? "Locked" : "Unlocked")
                        .allowProtectedAppendWrites(false)
                        .build())
                .blobProperties(StorageAccountBlobProperties.builder()
                        .versioningEnabled(true)
                        .deleteRetentionPolicy(StorageAccountBlobPropertiesDeleteRetentionPolicy.builder()
                                .days(ManagedRedisBackup.SOFT_DELETE_DAYS).build())
                        .containerDeleteRetentionPolicy(
                                StorageAccountBlobPropertiesContainerDeleteRetentionPolicy.builder()
                                        .days(ManagedRedisBackup.SOFT_DELETE_DAYS).build())
                        .build())
                // The key is set by azurerm_storage_account_customer_managed_key (the provider's documented pairing).
                .lifecycle(TerraformResourceLifecycle.builder().preventDestroy(props.preventDestroy())
                        .ignoreChanges(List.of("customer_managed_key")).build())
                .tags(backupTags)
                .build());
        String accountId = account.getId(); // read once: each attribute read is a round trip to the jsii kernel
        StorageAccountCustomerManagedKeyA cmk = new StorageAccountCustomerManagedKeyA(scope, "CustomerManagedKey",
                StorageAccountCustomerManagedKeyAConfig.builder()
                        .storageAccountId(accountId)
                        .keyVaultId(props.keyVaultId())
                        .keyName(keyName)
                        .userAssignedIdentityId(keyIdentity.getId())
                        .dependsOn(List.of(keyAccess))
                        .build());
        container = new StorageContainer(scope, "Container", StorageContainerConfig.builder()
                .name(props.containerName())
                .storageAccountId(accountId)
                .containerAccessType("private")
                .dependsOn(List.of(cmk))
                .build());
        new StorageManagementPolicy(scope, "Lifecycle", StorageManagementPolicyConfig.builder()
                .storageAccountId(accountId)
                .rule(List.of(StorageManagementPolicyRule.builder()
                        .name("expire-worker-state-exports")
                        .enabled(true)
                        .filters(StorageManagementPolicyRuleFilters.builder()
                                .blobTypes(List.of("blockBlob"))
                                .prefixMatch(List.of(props.containerName() + "/" + props.prefix() + "/"))
                                .build())
                        .actions(StorageManagementPolicyRuleActions.builder()
                                .baseBlob(StorageManagementPolicyRuleActionsBaseBlob.builder()
                                        .deleteAfterDaysSinceCreationGreaterThan(props.retentionDays()).build())
                                .version(StorageManagementPolicyRuleActionsVersion.builder()
                                        .deleteAfterDaysSinceCreation(props.retentionDays()).build())
                                .snapshot(StorageManagementPolicyRuleActionsSnapshot.builder()
                                        .deleteAfterDaysSinceCreationGreaterThan(props.retentionDays()).build())
                                .build())
                        .build()))
                .build());
        return new ManagedRedisBackupStorage(account, container, keyDescription);
    }

    /** The {@code azurerm_storage_account}. */
    StorageAccount account() {
        return account;
    }

    /** The exports' container (created once the account's key is in place). */
    StorageContainer container() {
        return container;
    }

    /** The customer-managed key, in words, for the report. */
    String keyDescription() {
        return keyDescription;
    }
}
