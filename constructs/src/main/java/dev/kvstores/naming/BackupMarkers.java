package dev.kvstores.naming;

/**
 * The names by which a Worker State backup marks the store it protects in synthesized output. The backups write
 * them and the policy rule KVS-BACKUP-REQUIRED reads them, so they live here, below both.
 */
public final class BackupMarkers {

    /** AWS: tag on the export state machine naming the store it backs up (value: the replication group ID). */
    public static final String AWS_BACKUP_OF_TAG = "kvstores.dev/backup-of";
    /**
     * Kubernetes: label on the backup CronJob's pods naming the store they back up (value: the release name); the
     * store's NetworkPolicy admits pods carrying it.
     */
    public static final String KUBERNETES_BACKUP_OF_LABEL = "kvstores.dev/backup-of";
    /** GCP: the Workflows connector the export workflow calls. */
    public static final String GCP_EXPORT_CONNECTOR = "googleapis.redis.v1.projects.locations.instances.export";
    /** GCP: the export workflow's environment variable naming the instance it exports (its full ID). */
    public static final String GCP_ENV_INSTANCE = "KVSTORES_INSTANCE";
    /** GCP: the export workflow's environment variable naming the bucket it exports to. */
    public static final String GCP_ENV_BUCKET = "KVSTORES_BUCKET";

    private BackupMarkers() {
    }
}
