package dev.kvstores.azure;

import com.hashicorp.cdktf.Fn;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.azurerm.role_assignment.RoleAssignment;
import com.hashicorp.cdktf.providers.azurerm.role_assignment.RoleAssignmentConfig;
import com.hashicorp.cdktf.providers.azurerm.role_definition.RoleDefinition;
import com.hashicorp.cdktf.providers.azurerm.role_definition.RoleDefinitionConfig;
import com.hashicorp.cdktf.providers.azurerm.role_definition.RoleDefinitionPermissions;
import com.hashicorp.cdktf.providers.azurerm.storage_account.StorageAccount;
import java.util.List;
import software.constructs.Construct;

/**
 * Least privilege for a {@link ManagedRedisBackup}'s Logic App: one custom role per action it takes, each assigned
 * at the narrowest scope Azure allows.
 */
final class ManagedRedisBackupRoles {

    private ManagedRedisBackupRoles() {
    }

    /**
     * Custom roles for the workflow's identity {@code principal}, created in {@code owner}: list a service SAS of
     * the backup account, export {@code redisId}, read Microsoft.Cache operation status.
     */
    static void create(Construct owner, ManagedRedisBackupProps props, String redisId, String storeName,
                       StorageAccount account, String principal) {
        // "/subscriptions/<id>" and "<id>" from the store's own ID (same subscription by construction).
        String subscription = Fn.join("/", Token.asList(Fn.slice(Fn.split("/", redisId), 0, 3)));
        String subscriptionId = Token.asString(Fn.element(Fn.split("/", redisId), 2));
        String accountId = account.getId(); // read once: each attribute read is a round trip to the jsii kernel
        grant(owner, "Sas", "kvstores-backup-sas-" + props.storageAccountName(), "list a service SAS of the backup"
                + " storage account " + props.storageAccountName(), accountId, accountId,
                List.of(ManagedRedisBackup.LIST_SAS_ACTION), principal);
        grant(owner, "Export", "kvstores-backup-export-" + storeName + "-" + subscriptionId,
                "export the Managed Redis " + storeName + " to blob storage", redisId, subscription,
                List.of(ManagedRedisBackup.EXPORT_ACTION), principal);
        grant(owner, "Status", "kvstores-backup-status-" + storeName + "-" + subscriptionId,
                "read the status of Microsoft.Cache long-running operations (the export of " + storeName + ")",
                subscription, subscription, ManagedRedisBackup.STATUS_ACTIONS, principal);
    }

    /** A custom role with exactly {@code actions}, defined at {@code definitionScope}, assigned at {@code scope}. */
    private static void grant(Construct owner, String id, String name, String purpose, String scope,
                              String definitionScope, List<String> actions, String principal) {
        RoleDefinition role = new RoleDefinition(owner, id + "Role", RoleDefinitionConfig.builder()
                .name(name)
                .scope(definitionScope)
                .description("kvstores: lets the Worker State backup workflow " + purpose + "; nothing else")
                .permissions(List.of(RoleDefinitionPermissions.builder().actions(actions).build()))
                .assignableScopes(List.of(scope))
                .build());
        new RoleAssignment(owner, id + "Access", RoleAssignmentConfig.builder()
                .scope(scope)
                .roleDefinitionId(role.getRoleDefinitionResourceId())
                .principalId(principal)
                .principalType("ServicePrincipal")
                .build());
    }
}
