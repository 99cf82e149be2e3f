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
        return new Builder().parts(basics, placement, instance).preventDestroy(preventDestroy).backup(backup);
    }

    /**
     * Builder of {@link MemorystoreWorkerStateStoreProps}; unset fields take the documented defaults. The setters
     * of the shared parts ({@code name}, {@code region}, {@code tier} …) are inherited and return this builder.
     */
    public static final class Builder extends MemorystoreStoreBuilder<Builder> {
        private boolean preventDestroy = true;
        private MemorystoreBackupProps backup;

        private Builder() {
            rdbSnapshotPeriod(RdbSnapshotPeriod.ONE_HOUR);
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder preventDestroy(boolean value) { this.preventDestroy = value; return this; }
        public Builder backup(MemorystoreBackupProps value) { this.backup = value; return this; }

        public MemorystoreWorkerStateStoreProps build() {
            return new MemorystoreWorkerStateStoreProps(basics(), placement.build(), instance.build(),
                    preventDestroy, backup);
        }
    }
}
