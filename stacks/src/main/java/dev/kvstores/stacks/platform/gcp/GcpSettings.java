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

    /** A builder; a field not set is {@code null}, {@code false} or {@code 0}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link GcpSettings} field by field, each setter named after its component. */
    public static final class Builder {
        private String project;
        private String region;
        private String network;
        private String reservedIpRange;
        private String zone;
        private String alternativeZone;
        private String customerManagedKey;
        private MaintenanceWindow maintenanceWindow;
        private KubernetesAccess kubernetes;
        private Cache cache;
        private WorkerState workerState;
        private GcpMonitoring monitoring;

        private Builder() {
        }

        public Builder project(String value) {
            this.project = value;
            return this;
        }

        public Builder region(String value) {
            this.region = value;
            return this;
        }

        public Builder network(String value) {
            this.network = value;
            return this;
        }

        public Builder reservedIpRange(String value) {
            this.reservedIpRange = value;
            return this;
        }

        public Builder zone(String value) {
            this.zone = value;
            return this;
        }

        public Builder alternativeZone(String value) {
            this.alternativeZone = value;
            return this;
        }

        public Builder customerManagedKey(String value) {
            this.customerManagedKey = value;
            return this;
        }

        public Builder maintenanceWindow(MaintenanceWindow value) {
            this.maintenanceWindow = value;
            return this;
        }

        public Builder kubernetes(KubernetesAccess value) {
            this.kubernetes = value;
            return this;
        }

        public Builder cache(Cache value) {
            this.cache = value;
            return this;
        }

        public Builder workerState(WorkerState value) {
            this.workerState = value;
            return this;
        }

        public Builder monitoring(GcpMonitoring value) {
            this.monitoring = value;
            return this;
        }

        public GcpSettings build() {
            return new GcpSettings(project, region, network, reservedIpRange, zone, alternativeZone, customerManagedKey,
                    maintenanceWindow, kubernetes, cache, workerState, monitoring);
        }
    }

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
