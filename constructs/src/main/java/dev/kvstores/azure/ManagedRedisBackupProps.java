package dev.kvstores.azure;

import java.util.Objects;

/**
 * Props of {@link ManagedRedisBackup}: the nightly export of an Azure Managed Redis Worker State Store into a
 * storage account encrypted with your Key Vault key.
 *
 * <pre>{@code
 * ManagedRedisBackupProps.builder()
 *     .environmentName("azure-prod")
 *     .storageAccountName("suprsendprodbackups")
 *     .keyVaultId("/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<vault>")
 *     .build();
 * }</pre>
 *
 * @param environmentName    path segment after the prefix ({@code <prefix>/<environment>/<store>/<stamp>/});
 *                           required
 * @param storage            ({@link Storage}) builder {@code storageAccountName}: the storage account kvstores creates (3-24 lowercase letters and digits, unique in
 *                           Azure); required
 *                           builder {@code containerName}: its blob container. Default: {@value #DEFAULT_CONTAINER}
 * @param prefix             path inside the container. Default: {@value #DEFAULT_PREFIX}
 * @param key                ({@link Key}) builder {@code keyVaultId}: resource ID of the Key Vault holding the customer-managed key (soft delete and purge
 *                           protection on, Azure RBAC authorization); required
 *                           builder {@code keyName}: an existing RSA key in that vault. Default: none, kvstores creates
 *                           {@code <storage account>-backup} (RSA 3072, wrap/unwrap, rotated yearly)
 * @param schedule           cron {@code M H * * D}, UTC (a Logic Apps recurrence: minutes and hours as numbers or
 *                           lists, weekdays optional). Default: {@value #DEFAULT_SCHEDULE}
 * @param retentionDays      every blob version is immutable (no overwrite, no delete, by anyone) for this many days
 *                           after its creation (the account's version-level immutability policy), then the lifecycle
 *                           management policy deletes exports, their old versions and snapshots. Default:
 *                           {@value #DEFAULT_RETENTION_DAYS}; 1-3650
 *                           builder {@code replicationType} (storage): {@code LRS}, {@code ZRS}, {@code GRS}, {@code GZRS}, {@code RAGRS} or
 *                           {@code RAGZRS}. Default: {@value #DEFAULT_REPLICATION}
 * @param actionGroupId      action group the failed-export alert notifies. Default: none (portal only)
 *                           builder {@code preventDestroy} (storage): {@code prevent_destroy} on the storage account and the key. Default: true
 *                           builder {@code lockImmutability} (storage): lock the account's version-level immutability policy ({@code retentionDays} from each
 *                           blob version's creation): IRREVERSIBLE, the policy can then only be extended and the
 *                           account cannot be deleted while it holds protected versions. Unlocked (default), an
 *                           identity with management rights on the account (e.g. Owner, Storage Account
 *                           Contributor) can shorten or remove the policies and then delete; none this stack
 *                           creates has them. Default: false
 * @param minimalExportSas   mint the export's SAS with only create and write ({@code cw}) instead of the
 *                           {@value ExportWorkflowActions#SAS_PERMISSIONS} Managed Redis documents: the SAS then
 *                           cannot read, list or delete (checked against the Azure Storage emulator), but only a run
 *                           against a real Managed Redis proves the export accepts it. With the documented set, a
 *                           delete through the SAS only turns the current version into an immutable previous version.
 *                           Default: false
 */
public record ManagedRedisBackupProps(
        String environmentName,
        String prefix,
        String schedule,
        int retentionDays,
        Storage storage,
        Key key,
        String actionGroupId,
        boolean minimalExportSas) {

    /**
     * The storage account the exports go to: builder {@code storageAccountName} (required), {@code containerName},
     * {@code replicationType}, {@code preventDestroy}, {@code lockImmutability} (described above).
     */
    public record Storage(String accountName, String containerName, String replicationType, boolean preventDestroy,
                          boolean lockImmutability) {
    }

    /** The customer-managed key: builder {@code keyVaultId} (required) and {@code keyName} (described above). */
    public record Key(String keyVaultId, String keyName) {
    }

    public static final String DEFAULT_CONTAINER = "worker-state-backups";
    /** The prefix the Kubernetes backups use too ({@code BackupDestination.DEFAULT_PREFIX}). */
    public static final String DEFAULT_PREFIX = "kvstores";
    /** The schedule the Kubernetes backups use too ({@code WorkerStateBackupProps.DEFAULT_SCHEDULE}). */
    public static final String DEFAULT_SCHEDULE = "17 3 * * *";
    public static final int DEFAULT_RETENTION_DAYS = 14;
    public static final String DEFAULT_REPLICATION = "ZRS";

    public ManagedRedisBackupProps {
        Objects.requireNonNull(environmentName, "environmentName");
        Objects.requireNonNull(storage.accountName(), "storageAccountName");
        Objects.requireNonNull(key.keyVaultId(), "keyVaultId");
        storage = new Storage(storage.accountName(),
                Objects.requireNonNullElse(storage.containerName(), DEFAULT_CONTAINER),
                Objects.requireNonNullElse(storage.replicationType(), DEFAULT_REPLICATION), storage.preventDestroy(),
                storage.lockImmutability());
        prefix = Objects.requireNonNullElse(prefix, DEFAULT_PREFIX);
        schedule = Objects.requireNonNullElse(schedule, DEFAULT_SCHEDULE);
        retentionDays = retentionDays > 0 ? retentionDays : DEFAULT_RETENTION_DAYS;
    }

    /** @see Storage#accountName() */
    public String storageAccountName() { return storage.accountName(); }
    /** @see Storage#containerName() */
    public String containerName() { return storage.containerName(); }
    /** @see Storage#replicationType() */
    public String replicationType() { return storage.replicationType(); }
    /** @see Storage#preventDestroy() */
    public boolean preventDestroy() { return storage.preventDestroy(); }
    /** @see Storage#lockImmutability() */
    public boolean lockImmutability() { return storage.lockImmutability(); }
    /** @see Key#keyVaultId() */
    public String keyVaultId() { return key.keyVaultId(); }
    /** @see Key#keyName() */
    public String keyName() { return key.keyName(); }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.environmentName = environmentName;
        b.storageAccountName = storageAccountName();
        b.containerName = containerName();
        b.prefix = prefix;
        b.keyVaultId = keyVaultId();
        b.keyName = keyName();
        b.schedule = schedule;
        b.retentionDays = retentionDays;
        b.replicationType = replicationType();
        b.actionGroupId = actionGroupId;
        b.preventDestroy = preventDestroy();
        b.lockImmutability = lockImmutability();
        b.minimalExportSas = minimalExportSas;
        return b;
    }

    /** Builder of {@link ManagedRedisBackupProps}; unset fields take the documented defaults. */
    public static final class Builder {
        private String environmentName;
        private String storageAccountName;
        private String containerName;
        private String prefix;
        private String keyVaultId;
        private String keyName;
        private String schedule;
        private int retentionDays;
        private String replicationType;
        private String actionGroupId;
        private boolean preventDestroy = true;
        private boolean lockImmutability;
        private boolean minimalExportSas;

        private Builder() {
        }

        public Builder environmentName(String value) { this.environmentName = value; return this; }
        public Builder storageAccountName(String value) { this.storageAccountName = value; return this; }
        public Builder containerName(String value) { this.containerName = value; return this; }
        public Builder prefix(String value) { this.prefix = value; return this; }
        public Builder keyVaultId(String value) { this.keyVaultId = value; return this; }
        public Builder keyName(String value) { this.keyName = value; return this; }
        public Builder schedule(String value) { this.schedule = value; return this; }
        public Builder retentionDays(int value) { this.retentionDays = value; return this; }
        public Builder replicationType(String value) { this.replicationType = value; return this; }
        public Builder actionGroupId(String value) { this.actionGroupId = value; return this; }
        public Builder preventDestroy(boolean value) { this.preventDestroy = value; return this; }
        public Builder lockImmutability(boolean value) { this.lockImmutability = value; return this; }
        public Builder minimalExportSas(boolean value) { this.minimalExportSas = value; return this; }

        public ManagedRedisBackupProps build() {
            return new ManagedRedisBackupProps(environmentName, prefix, schedule, retentionDays,
                    new Storage(storageAccountName, containerName, replicationType, preventDestroy, lockImmutability),
                    new Key(keyVaultId, keyName), actionGroupId, minimalExportSas);
        }
    }
}
