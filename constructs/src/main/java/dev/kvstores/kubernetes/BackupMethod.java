package dev.kvstores.kubernetes;

/** How a {@link WorkerStateBackup} job copies its store. */
enum BackupMethod {
    /** One RDB snapshot over the replication protocol ({@code redis-cli --rdb}), from a replica in sync. */
    RDB_SNAPSHOT("replica"),
    /** Redis Cluster: one RDB snapshot per primary's shard and a manifest of slot ranges and checksums. */
    CLUSTER_SHARDS("cluster"),
    /** Every key as a {@code RESTORE} command ({@code SCAN}, {@code DUMP}, {@code PTTL}): KVRocks. */
    LOGICAL_EXPORT("logical");

    private final String mode;

    BackupMethod(String mode) {
        this.mode = mode;
    }

    /** The script's {@code BACKUP_MODE}. */
    String mode() {
        return mode;
    }
}
