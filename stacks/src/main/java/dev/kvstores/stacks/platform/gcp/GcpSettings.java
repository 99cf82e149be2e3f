package dev.kvstores.stacks.platform.gcp;

import dev.kvstores.gcp.GcpMonitoring;
import dev.kvstores.gcp.MaintenanceWindow;
import dev.kvstores.gcp.MemorystoreRedisVersion;
import dev.kvstores.gcp.MemorystoreService;
import dev.kvstores.gcp.MemorystoreTier;
import dev.kvstores.gcp.RdbSnapshotPeriod;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.stacks.environment.KubernetesAccess;
import dev.kvstores.stacks.environment.PlatformSettings;

/**
 * The {@code platform: gcp} sections of an environment file.
 *
 * @param project            {@code gcp.project}: project of both instances and the provider's default
 * @param region             {@code gcp.region}
 * @param network            {@code gcp.network}: the environment's VPC, {@code projects/<p>/global/networks/<n>}
 * @param reservedIpRange    {@code gcp.reservedIpRange}: private-services-access range, or {@code null}
 * @param zone               {@code gcp.zone}: zone of the primaries
 * @param alternativeZone    {@code gcp.alternativeZone}: zone of the replicas (STANDARD_HA)
 * @param customerManagedKey {@code gcp.customerManagedKey}: KMS key for both instances, or {@code null}
 * @param maintenanceWindow  {@code gcp.maintenanceWindow}
 * @param kubernetes         {@code kubernetes}: the GKE cluster that receives the connection Secret
 * @param cache              the {@code cache} section
 * @param workerState        the {@code workerState} section
 */
public record GcpSettings(
        String project,
        String region,
        String network,
        String reservedIpRange,
        String zone,
        String alternativeZone,
        String customerManagedKey,
        MaintenanceWindow maintenanceWindow,
        KubernetesAccess kubernetes,
        Cache cache,
        WorkerState workerState,
        GcpMonitoring monitoring) implements PlatformSettings {

    /** Cache Store settings. */
    public record Cache(String name, MemorystoreService service, MemorystoreTier tier,
                        MemorystoreRedisVersion redisVersion, int memorySizeGb, EvictionPolicy evictionPolicy) {
    }

    /**
     * Worker State Store settings.
     *
     * @param backup {@code workerState.backup} / {@code workerState.backupExemptionReason}, or {@code null}
     */
    public record WorkerState(String name, MemorystoreService service, MemorystoreTier tier,
                              MemorystoreRedisVersion redisVersion, int memorySizeGb,
                              RdbSnapshotPeriod rdbSnapshotPeriod, boolean preventDestroy, Backup backup) {
    }

    /**
     * {@code workerState.backup} (the scheduled export; {@code null} fields take the construct's defaults) or
     * {@code workerState.backupExemptionReason}.
     *
     * @param schedule        {@code backup.schedule}: cron, UTC
     * @param retentionDays   {@code backup.retentionDays}, or {@code null}
     * @param bucket          {@code backup.destination.bucket}, or {@code null} for {@code <project>-<environment>-kvstores}
     * @param prefix          {@code backup.destination.prefix}
     * @param createBucket    {@code backup.destination.create}
     * @param kmsKeyName      {@code backup.destination.kmsKeyName}, or {@code null} (a created key)
     * @param exemptionReason {@code backupExemptionReason}: without a backup the other fields are {@code null}; with
     *                        one, the written reason a production schedule runs less often than daily
     * @param lockRetention   {@code backup.destination.lockRetention}: lock the created bucket's retention policy
     *                        (irreversible)
     */
    public record Backup(String schedule, Integer retentionDays, String bucket, String prefix, boolean createBucket,
                         String kmsKeyName, String exemptionReason, boolean lockRetention) {

        /** The bucket's name: the given one or {@code <project>-<environment>-kvstores}. */
        public String bucketOr(String project, String environment) {
            return bucket != null ? bucket : project + "-" + environment + "-kvstores";
        }
    }
}
