package dev.kvstores.gcp;

import dev.kvstores.role.SizePreset;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Props of {@link MemorystoreWorkerStateStore}.
 *
 * @param name                     instance ID ({@code google_redis_instance.name}); required, 1-40 lowercase
 *                                 letters, digits or hyphens, starting with a letter
 * @param region                   region of the instance, e.g. {@code us-central1}; required
 * @param authorizedNetwork        the environment's VPC, {@code projects/<p>/global/networks/<n>}; required. The
 *                                 instance is reached through private services access on this network only
 *                                 (the VPC needs a {@code servicenetworking} connection)
 * @param project                  project of the instance. Default: the provider's project
 * @param reservedIpRange          name of the private-services-access range to allocate from. Default: any
 *                                 range of the connection
 * @param locationId               zone of the primary, in {@code region}. Default: chosen by Google
 * @param alternativeLocationId    zone of the replica (STANDARD_HA only), different from {@code locationId}.
 *                                 Default: chosen by Google, always another zone
 * @param service                  Memorystore product. Default: {@link MemorystoreService#REDIS}, the only one
 *                                 accepted (see {@link MemorystoreService})
 * @param tier                     Default: {@link MemorystoreTier#STANDARD_HA}; BASIC needs {@code haExemptionReason}
 * @param redisVersion             Default: {@link MemorystoreRedisVersion#REDIS_7_2}
 * @param memorySizeGb             instance memory, 1-300 GB; {@code maxmemory-gb} is 75% of it (noeviction:
 *                                 a full store rejects writes; the rest is headroom for RDB snapshots). Default:
 *                                 8 ({@link SizePreset#SMALL} Redis worker)
 * @param authEnabled              Redis AUTH with the instance's generated AUTH string. Default: true (must be)
 * @param transitEncryptionEnabled TLS with server authentication on port 6378. Default: true (must be)
 * @param rdbSnapshotPeriod        RDB snapshot period; required for the role (Memorystore for Redis has no
 *                                 AOF). Default: {@link RdbSnapshotPeriod#ONE_HOUR}
 * @param customerManagedKey       KMS key (CMEK) in the instance's region. Default: Google-managed key
 * @param maintenanceWindow        Default: {@link MaintenanceWindow#DEFAULT} (Sunday 03:00 UTC)
 * @param labels                   extra GCP labels. Default: none ({@code kvstores-role} and {@code managed-by}
 *                                 are always set)
 * @param preventDestroy           Terraform {@code prevent_destroy} on the instance (google_redis_instance has no
 *                                 deletion protection of its own). Default: true
 * @param haExemptionReason        reason for tier BASIC (development only). Default: none
 * @param backup                   scheduled, CMEK-encrypted export to Cloud Storage ({@link MemorystoreBackup}).
 *                                 Default: none (production needs one, or a policy exemption: KVS-BACKUP-REQUIRED)
 */
public record MemorystoreWorkerStateStoreProps(
        String name,
        String region,
        String authorizedNetwork,
        String project,
        String reservedIpRange,
        String locationId,
        String alternativeLocationId,
        MemorystoreService service,
        MemorystoreTier tier,
        MemorystoreRedisVersion redisVersion,
        int memorySizeGb,
        boolean authEnabled,
        boolean transitEncryptionEnabled,
        RdbSnapshotPeriod rdbSnapshotPeriod,
        String customerManagedKey,
        MaintenanceWindow maintenanceWindow,
        Map<String, String> labels,
        boolean preventDestroy,
        String haExemptionReason,
        MemorystoreBackupProps backup) {

    /** Default memory of the worker state store: the vendor table's small Redis worker (8 GB). */
    public static final int DEFAULT_MEMORY_SIZE_GB = SizePreset.SMALL.workerRedis().memoryMebibytes() / 1024;

    public MemorystoreWorkerStateStoreProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(authorizedNetwork, "authorizedNetwork");
        service = Objects.requireNonNullElse(service, MemorystoreService.REDIS);
        tier = Objects.requireNonNullElse(tier, MemorystoreTier.STANDARD_HA);
        redisVersion = Objects.requireNonNullElse(redisVersion, MemorystoreRedisVersion.REDIS_7_2);
        memorySizeGb = memorySizeGb == 0 ? DEFAULT_MEMORY_SIZE_GB : memorySizeGb;
        maintenanceWindow = Objects.requireNonNullElse(maintenanceWindow, MaintenanceWindow.DEFAULT);
        labels = Map.copyOf(new TreeMap<>(Objects.requireNonNullElse(labels, Map.of())));
    }

    InstanceSpec instanceSpec() {
        return new InstanceSpec(name, project, region, authorizedNetwork, reservedIpRange, locationId,
                alternativeLocationId, service, tier, redisVersion, memorySizeGb, authEnabled,
                transitEncryptionEnabled, rdbSnapshotPeriod, customerManagedKey, maintenanceWindow, labels,
                haExemptionReason);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().name(name).region(region).authorizedNetwork(authorizedNetwork).project(project)
                .reservedIpRange(reservedIpRange).locationId(locationId).alternativeLocationId(alternativeLocationId)
                .service(service).tier(tier).redisVersion(redisVersion).memorySizeGb(memorySizeGb)
                .authEnabled(authEnabled).preventDestroy(preventDestroy)
                .transitEncryptionEnabled(transitEncryptionEnabled).rdbSnapshotPeriod(rdbSnapshotPeriod)
                .customerManagedKey(customerManagedKey).maintenanceWindow(maintenanceWindow)
                .haExemptionReason(haExemptionReason).backup(backup);
        labels.forEach(b::putLabel);
        return b;
    }

    /** Builder of {@link MemorystoreWorkerStateStoreProps}; unset fields take the documented defaults. */
    public static final class Builder {
        private String name;
        private String region;
        private String authorizedNetwork;
        private String project;
        private String reservedIpRange;
        private String locationId;
        private String alternativeLocationId;
        private MemorystoreService service;
        private MemorystoreTier tier;
        private MemorystoreRedisVersion redisVersion;
        private int memorySizeGb;
        private boolean authEnabled = true;
        private boolean transitEncryptionEnabled = true;
        private RdbSnapshotPeriod rdbSnapshotPeriod = RdbSnapshotPeriod.ONE_HOUR;
        private boolean preventDestroy = true;
        private String customerManagedKey;
        private MaintenanceWindow maintenanceWindow;
        private final Map<String, String> labels = new TreeMap<>();
        private String haExemptionReason;
        private MemorystoreBackupProps backup;

        private Builder() {
        }

        public Builder name(String value) { this.name = value; return this; }
        public Builder region(String value) { this.region = value; return this; }
        public Builder authorizedNetwork(String value) { this.authorizedNetwork = value; return this; }
        public Builder project(String value) { this.project = value; return this; }
        public Builder reservedIpRange(String value) { this.reservedIpRange = value; return this; }
        public Builder locationId(String value) { this.locationId = value; return this; }
        public Builder alternativeLocationId(String value) { this.alternativeLocationId = value; return this; }
        public Builder service(MemorystoreService value) { this.service = value; return this; }
        public Builder tier(MemorystoreTier value) { this.tier = value; return this; }
        public Builder redisVersion(MemorystoreRedisVersion value) { this.redisVersion = value; return this; }
        public Builder memorySizeGb(int value) { this.memorySizeGb = value; return this; }
        public Builder preventDestroy(boolean value) { this.preventDestroy = value; return this; }
        public Builder authEnabled(boolean value) { this.authEnabled = value; return this; }
        public Builder transitEncryptionEnabled(boolean value) { this.transitEncryptionEnabled = value; return this; }
        public Builder rdbSnapshotPeriod(RdbSnapshotPeriod value) { this.rdbSnapshotPeriod = value; return this; }
        public Builder customerManagedKey(String value) { this.customerManagedKey = value; return this; }
        public Builder maintenanceWindow(MaintenanceWindow value) { this.maintenanceWindow = value; return this; }
        public Builder putLabel(String key, String value) { labels.put(key, value); return this; }
        public Builder haExemptionReason(String value) { this.haExemptionReason = value; return this; }
        public Builder backup(MemorystoreBackupProps value) { this.backup = value; return this; }

        public MemorystoreWorkerStateStoreProps build() {
            return new MemorystoreWorkerStateStoreProps(name, region, authorizedNetwork, project, reservedIpRange,
                    locationId, alternativeLocationId, service, tier, redisVersion, memorySizeGb,
                    authEnabled, transitEncryptionEnabled, rdbSnapshotPeriod, customerManagedKey, maintenanceWindow,
                    labels, preventDestroy, haExemptionReason, backup);
        }
    }
}
