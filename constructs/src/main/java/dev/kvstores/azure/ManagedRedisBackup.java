package dev.kvstores.azure;

import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.providers.azurerm.logic_app_action_custom.LogicAppActionCustom;
import com.hashicorp.cdktf.providers.azurerm.logic_app_action_custom.LogicAppActionCustomConfig;
import com.hashicorp.cdktf.providers.azurerm.logic_app_trigger_recurrence.LogicAppTriggerRecurrence;
import com.hashicorp.cdktf.providers.azurerm.logic_app_trigger_recurrence.LogicAppTriggerRecurrenceConfig;
import com.hashicorp.cdktf.providers.azurerm.logic_app_trigger_recurrence.LogicAppTriggerRecurrenceSchedule;
import com.hashicorp.cdktf.providers.azurerm.logic_app_workflow.LogicAppWorkflow;
import com.hashicorp.cdktf.providers.azurerm.logic_app_workflow.LogicAppWorkflowConfig;
import com.hashicorp.cdktf.providers.azurerm.logic_app_workflow.LogicAppWorkflowIdentity;
import com.hashicorp.cdktf.providers.azurerm.storage_account.StorageAccount;
import com.hashicorp.cdktf.providers.azurerm.storage_container.StorageContainer;
import dev.kvstores.StoreConfigException;
import dev.kvstores.StoreProblems;
import dev.kvstores.internal.CronSchedule;
import dev.kvstores.naming.ObjectStoreNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.constructs.Construct;

/**
 * Nightly, off-store, customer-key-encrypted backup of an Azure Managed Redis Worker State Store, built only from
 * resources of the pinned azurerm 4.55 (which has no export resource or attribute for {@code azurerm_managed_redis}):
 *
 * <ul>
 *   <li>a storage account ({@code StorageV2}, {@value ManagedRedisBackupProps#DEFAULT_REPLICATION} by default, TLS
 *       1.2 minimum, HTTPS only, no anonymous blob access, infrastructure encryption, blob versioning, soft delete
 *       of blobs and containers for {@value #SOFT_DELETE_DAYS} days, no local users, copies only within the Entra
 *       tenant), <b>version-level immutability</b> for {@code retentionDays} from each version's creation (the
 *       account's default WORM policy: no identity, this stack's or an owner's, can overwrite or delete a backup
 *       version before then; {@code lockImmutability} locks the policy, irreversibly), encrypted with your Key
 *       Vault key through a user-assigned identity that has only
 *       "Key Vault Crypto Service Encryption User" on that key, a private container, and a lifecycle rule that
 *       deletes exports, their versions and snapshots {@code retentionDays} after creation;</li>
 *   <li>a Logic App (Consumption) with a recurrence trigger (the cron {@code schedule}, UTC) and two HTTP actions
 *       ({@link ExportWorkflowActions}) that, with the workflow's managed identity, mint a container SAS
 *       ({@code listServiceSas}) and call the Managed Redis export API with a dated directory;</li>
 *   <li>least privilege for that identity: a custom role with only
 *       {@code Microsoft.Storage/storageAccounts/listServiceSas/action} on the account, one with only
 *       {@code Microsoft.Cache/redisEnterprise/databases/export/action} on the Managed Redis, and one with only the
 *       {@code Microsoft.Cache/locations/operationsStatus|operationResults/read} actions on the subscription (the
 *       export's status URLs live there);</li>
 *   <li>an Azure Monitor metric alert on the workflow's {@code RunsFailed} to the monitoring action group.</li>
 * </ul>
 *
 * <p>Why this shape (docs/platform-azure.md, "Backups and restore"): Redis Enterprise refuses {@code SYNC}/{@code
 * PSYNC}, so {@code redis-cli --rdb} cannot snapshot it; its export API takes only a SAS URI (no managed identity), and
 * Managed Redis is not a trusted service of the storage firewall, so the account keeps its public endpoint (reached
 * with a short-lived, container-scoped, HTTPS-only SAS) and keeps shared-key signing on (a service SAS is signed with
 * the account key; {@code listServiceSas} is the only way to get one without code). The report prints both as
 * exemptions with this reason.
 *
 * <p>Children: {@code Key} (only when kvstores creates it), {@code KeyIdentity}, {@code KeyAccess},
 * {@code StorageAccount}, {@code CustomerManagedKey}, {@code Container}, {@code Lifecycle}, {@code Workflow},
 * {@code Schedule}, {@code ListServiceSas}, {@code Export}, {@code SasRole}, {@code SasAccess}, {@code ExportRole},
 * {@code ExportAccess}, {@code StatusRole}, {@code StatusAccess}, {@code FailedRunsAlert}.
 */
public final class ManagedRedisBackup extends Construct {

    /** Days a deleted blob or container stays recoverable. */
    public static final int SOFT_DELETE_DAYS = 7;
    /** The built-in role that lets a storage account's identity wrap and unwrap with a Key Vault key. */
    static final String KEY_ROLE = "Key Vault Crypto Service Encryption User";
    static final String LIST_SAS_ACTION = "Microsoft.Storage/storageAccounts/listServiceSas/action";
    static final String EXPORT_ACTION = "Microsoft.Cache/redisEnterprise/databases/export/action";
    static final List<String> STATUS_ACTIONS = List.of("Microsoft.Cache/locations/operationsStatus/read",
            "Microsoft.Cache/locations/operationResults/read");
    private static final Set<String> REPLICATION = Set.of("LRS", "ZRS", "GRS", "GZRS", "RAGRS", "RAGZRS");
    private static final String WHO = "worker-state backup (azure-managed-redis)";

    private final ManagedRedisBackupProps props;
    private final CronSchedule cron;
    private final CronSchedule.Recurrence schedule;
    private final StorageAccount account;
    private final LogicAppWorkflow workflow;
    private final String keyDescription;
    private final String workflowName;
    private final String directory;

    /**
     * @param redisId           the Managed Redis resource ID (a Terraform reference)
     * @param storeName         the Managed Redis name (workflow and role names, the export path)
     * @param placement         resource group and region of the store; the backup resources go there too
     * @param tags              tags of the store (role, environment, managed-by)
     */
    public ManagedRedisBackup(Construct scope, String id, ManagedRedisBackupProps props, String redisId,
                              String storeName, AzurePlacement placement, Map<String, String> tags) {
        super(scope, id);
        this.props = props;
        StoreProblems problems = new StoreProblems(WHO);
        this.cron = problems.check(() -> recurrenceOf(props.schedule()));
        this.schedule = cron == null ? null : cron.logicAppRecurrence();
        validate(props, problems);
        problems.throwIfAny();
        this.directory = props.containerName() + "/" + props.prefix() + "/" + props.environmentName() + "/"
                + storeName;
        String group = placement.resourceGroupName();
        String location = placement.location();
        Map<String, String> backupTags = new TreeMap<>(tags);

        // The storage account and its customer-managed key.
        ManagedRedisBackupStorage storage = ManagedRedisBackupStorage.create(this, props, group, location, backupTags);
        this.account = storage.account();
        this.keyDescription = storage.keyDescription();
        StorageContainer container = storage.container();

        // The schedule: a Logic App whose two actions mint the SAS and start the export.
        this.workflowName = storeName + "-backup";
        this.workflow = new LogicAppWorkflow(this, "Workflow", LogicAppWorkflowConfig.builder()
                .name(workflowName)
                .resourceGroupName(group)
                .location(location)
                .enabled(true)
                .identity(LogicAppWorkflowIdentity.builder().type("SystemAssigned").build())
                .tags(backupTags)
                .build());
        String principal = workflow.getIdentity().getPrincipalId();
        String workflowId = workflow.getId(); // read once: each attribute read is a round trip to the jsii kernel
        LogicAppTriggerRecurrenceSchedule.Builder at = LogicAppTriggerRecurrenceSchedule.builder()
                .atTheseMinutes(new ArrayList<>(schedule.minutes()))
                .atTheseHours(new ArrayList<>(schedule.hours()));
        if (!schedule.weekDays().isEmpty()) {
            at.onTheseDays(schedule.weekDays());
        }
        new LogicAppTriggerRecurrence(this, "Schedule", LogicAppTriggerRecurrenceConfig.builder()
                .name("nightly")
                .logicAppId(workflowId)
                .frequency(schedule.frequency())
                .interval(1)
                .timeZone(CronSchedule.Recurrence.TIME_ZONE)
                .schedule(at.build())
                .build());
        LogicAppActionCustom listSas = new LogicAppActionCustom(this, "ListServiceSas",
                LogicAppActionCustomConfig.builder()
                        .name(ExportWorkflowActions.LIST_SAS)
                        .logicAppId(workflowId)
                        .body(ExportWorkflowActions.listServiceSas(account.getId(), props.storageAccountName(),
                                props.containerName(), props.minimalExportSas()
                                        ? ExportWorkflowActions.MINIMAL_SAS_PERMISSIONS
                                        : ExportWorkflowActions.SAS_PERMISSIONS))
                        .build());
        new LogicAppActionCustom(this, "Export", LogicAppActionCustomConfig.builder()
                .name(ExportWorkflowActions.EXPORT)
                .logicAppId(workflowId)
                .body(ExportWorkflowActions.export(redisId, account.getPrimaryBlobEndpoint(), directory))
                .dependsOn(List.of(listSas, container))
                .build());
        // Least privilege for the workflow's identity.
        ManagedRedisBackupRoles.create(this, props, redisId, storeName, account, principal);

        // Failures reach the same action group as the store's alerts.
        ManagedRedisBackupAlert.create(this, props, storeName, group, workflowId, directory, backupTags);
    }

    private static void validate(ManagedRedisBackupProps props, StoreProblems problems) {
        if (!ObjectStoreNames.isAzureStorageAccount(props.storageAccountName())) {
            problems.add("BackupStorageAccount", WHO + ": storageAccountName must be 3-24 lowercase letters and"
                    + " digits (unique in Azure), got '" + props.storageAccountName() + "'");
        }
        if (!ObjectStoreNames.isAzureContainer(props.containerName())) {
            problems.add("BackupContainer", WHO + ": containerName must be 3-63 lowercase letters, digits and"
                    + " single hyphens, starting and ending with a letter or digit, got '" + props.containerName()
                    + "'");
        }
        if (!ObjectStoreNames.isFolderPath(props.prefix())) {
            problems.add("BackupPrefix", WHO + ": prefix must be path segments of letters, digits, '.', '_' and"
                    + " '-' separated by '/', each starting with a letter or digit, got '" + props.prefix() + "'");
        }
        if (props.retentionDays() > 3650) {
            problems.add("BackupRetention", WHO + ": retentionDays must be between 1 and 3650, got "
                    + props.retentionDays());
        }
        if (!REPLICATION.contains(props.replicationType())) {
            problems.add("BackupReplication", WHO + ": replicationType must be one of " + new java.util.TreeSet<>(
                    REPLICATION) + ", got '" + props.replicationType() + "'");
        }
        if (!props.keyVaultId().toLowerCase(java.util.Locale.ROOT)
                .matches("/subscriptions/[^/]+/resourcegroups/[^/]+/providers/microsoft\\.keyvault/vaults/[^/]+")) {
            problems.add("BackupKeyVault", WHO + ": keyVaultId must be the Key Vault's resource ID"
                    + " (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<name>), got '"
                    + props.keyVaultId() + "'");
        }
        if (props.keyName() != null && !props.keyName().matches("[A-Za-z0-9-]{1,127}")) {
            problems.add("BackupKeyName", WHO + ": keyName must be 1-127 letters, digits and hyphens, got '"
                    + props.keyName() + "'");
        }
    }

    /**
     * The schedule, checked by the one schedule type and converted to a Logic Apps recurrence; a
     * {@link StoreConfigException} (code {@code BackupSchedule}) says what is wrong or what a recurrence cannot
     * express.
     */
    static CronSchedule recurrenceOf(String expression) {
        try {
            CronSchedule cron = CronSchedule.parse(expression == null ? "" : expression);
            cron.logicAppRecurrence();
            return cron;
        } catch (IllegalArgumentException e) {
            throw new StoreConfigException("BackupSchedule", WHO + ": schedule '" + expression + "' " + e.getMessage()
                    + "; give a cron expression (" + CronSchedule.FORMAT + ") a Logic Apps recurrence can run"
                    + " (minutes and hours, optionally weekdays), e.g. '" + ManagedRedisBackupProps.DEFAULT_SCHEDULE
                    + "'");
        }
    }

    static String lastSegment(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }

    /**
     * The report's words on this backup, e.g. {@code nightly export daily at 03:17 UTC (Logic App ...) to ...}:
     * schedule, where, key, retention and recovery point.
     */
    public String description() {
        return "export " + schedule.describe() + " (Logic App `" + workflowName
                + "`, cron `" + props.schedule() + "`) to `" + props.storageAccountName() + "/" + directory
                + "/<UTC stamp>/` (storage account `" + props.storageAccountName() + "`, " + props.replicationType()
                + ", versioning, soft delete " + SOFT_DELETE_DAYS + " d), encrypted with " + keyDescription
                + ", kept " + props.retentionDays() + " days and immutable as long (version-level WORM, "
                + (props.lockImmutability() ? "LOCKED: nobody can shorten or disable it"
                        : "unlocked: an account Owner / Storage Account Contributor could shorten or remove it;"
                        + " workerState.backup.lockImmutability locks it, irreversibly")
                + "; the export SAS: " + (props.minimalExportSas() ? "create/write only"
                        : "the documented read/add/create/write/delete, whose delete leaves an immutable version")
                + "); recovery point: at most " + CronSchedule.words(cron.longestGap()) + " from the last export,"
                + " plus the AOF while the instance lives; restore: docs/platform-azure.md, Backups and restore";
    }

    /** The container path of this store's exports: {@code <container>/<prefix>/<environment>/<store>}. */
    public String directory() {
        return directory;
    }

    public ManagedRedisBackupProps props() {
        return props;
    }

    /** The backup storage account ({@code azurerm_storage_account}), as an escape hatch. */
    public TerraformResource storageAccount() {
        return account;
    }

    /** The export workflow ({@code azurerm_logic_app_workflow}), as an escape hatch. */
    public TerraformResource workflow() {
        return workflow;
    }
}
