package dev.kvstores.gcp;

import dev.kvstores.role.SizePreset;
import dev.kvstores.role.StoreBasics;
import java.util.Objects;

/**
 * Props of {@link MemorystoreWorkerStateStore}: the shared parts plus the worker state store's own fields.
 * Accessors of the parts ({@code name()}, {@code region()}, {@code tier()} …) are inherited from their
 * {@code Part} interfaces.
 *
 * @param basics         name (instance ID, {@code google_redis_instance.name}; required, 1-40 lowercase letters,
 *                       digits or hyphens, starting with a letter) and high-availability exemption (the reason for
 *                       tier BASIC, development only); see {@link StoreBasics}
 * @param placement      region and authorized network (required), project, zones, reserved range; see
 *                       {@link MemorystorePlacement}
 * @param instance       service, tier, version, memory (default {@value #DEFAULT_MEMORY_SIZE_GB} GB, the
 *                       {@link SizePreset#SMALL} Redis worker; noeviction: a full store rejects writes, the rest is
 *                       headroom for RDB snapshots), AUTH and TLS (must stay on), RDB snapshot period (required for
 *                       the role, Memorystore for Redis has no AOF; default {@link RdbSnapshotPeriod#ONE_HOUR}), CMEK,
 *                       maintenance window, labels; see {@link MemorystoreInstance}
 * @param preventDestroy Terraform {@code prevent_destroy} on the instance (google_redis_instance has no deletion
 *                       protection of its own). Default: true
 * @param backup         scheduled, CMEK-encrypted export to Cloud Storage ({@link MemorystoreBackup}). Default: none
 *                       (production needs one, or a policy exemption: KVS-BACKUP-REQUIRED)
 */
public record MemorystoreWorkerStateStoreProps(
        StoreBasics basics,
        MemorystorePlacement placement,
        MemorystoreInstance instance,
        boolean preventDestroy,
        MemorystoreBackupProps backup)
        implements StoreBasics.Part, MemorystorePlacement.Part, MemorystoreInstance.Part {

    /** Default memory of the worker state store: the vendor table's small Redis worker (8 GB). */
    public static final int DEFAULT_MEMORY_SIZE_GB = SizePreset.SMALL.workerRedis().memoryMebibytes() / 1024;

    public MemorystoreWorkerStateStoreProps {
        Objects.requireNonNull(Objects.requireNonNull(basics, "basics").name(), "name");
        Objects.requireNonNull(placement, "placement");
        instance = Objects.requireNonNullElse(instance, MemorystoreInstance.builder()
                        .rdbSnapshotPeriod(RdbSnapshotPeriod.ONE_HOUR).build())
                .withDefaultMemorySizeGb(DEFAULT_MEMORY_SIZE_GB);
    }

    InstanceSpec instanceSpec() {
        return new InstanceSpec(basics, placement, instance);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.basics = basics.toBuilder();
        b.placement = placement.toBuilder();
        b.instance = instance.toBuilder();
        b.preventDestroy = preventDestroy;
        b.backup = backup;
        return b;
    }

    /** Builder of {@link MemorystoreWorkerStateStoreProps}; unset fields take the documented defaults. */
    public static final class Builder {
        private StoreBasics.Builder basics = StoreBasics.builder();
        private MemorystorePlacement.Builder placement = MemorystorePlacement.builder();
        private MemorystoreInstance.Builder instance = MemorystoreInstance.builder()
                .rdbSnapshotPeriod(RdbSnapshotPeriod.ONE_HOUR);
        private boolean preventDestroy = true;
        private MemorystoreBackupProps backup;

        private Builder() {
        }

        public Builder name(String value) { basics.name(value); return this; }
        public Builder haExemptionReason(String value) { basics.haExemptionReason(value); return this; }
        public Builder region(String value) { placement.region(value); return this; }
        public Builder authorizedNetwork(String value) { placement.authorizedNetwork(value); return this; }
        public Builder project(String value) { placement.project(value); return this; }
        public Builder reservedIpRange(String value) { placement.reservedIpRange(value); return this; }
        public Builder locationId(String value) { placement.locationId(value); return this; }
        public Builder alternativeLocationId(String value) { placement.alternativeLocationId(value); return this; }
        public Builder service(MemorystoreService value) { instance.service(value); return this; }
        public Builder tier(MemorystoreTier value) { instance.tier(value); return this; }
        public Builder redisVersion(MemorystoreRedisVersion value) { instance.redisVersion(value); return this; }
        public Builder memorySizeGb(int value) { instance.memorySizeGb(value); return this; }
        public Builder authEnabled(boolean value) { instance.authEnabled(value); return this; }
        public Builder transitEncryptionEnabled(boolean value) { instance.transitEncryptionEnabled(value); return this; }
        public Builder rdbSnapshotPeriod(RdbSnapshotPeriod value) { instance.rdbSnapshotPeriod(value); return this; }
        public Builder customerManagedKey(String value) { instance.customerManagedKey(value); return this; }
        public Builder maintenanceWindow(MaintenanceWindow value) { instance.maintenanceWindow(value); return this; }
        public Builder putLabel(String key, String value) { instance.putLabel(key, value); return this; }
        public Builder preventDestroy(boolean value) { this.preventDestroy = value; return this; }
        public Builder backup(MemorystoreBackupProps value) { this.backup = value; return this; }

        public MemorystoreWorkerStateStoreProps build() {
            return new MemorystoreWorkerStateStoreProps(basics.build(), placement.build(), instance.build(),
                    preventDestroy, backup);
        }
    }
}
