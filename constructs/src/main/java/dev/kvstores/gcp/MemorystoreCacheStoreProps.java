package dev.kvstores.gcp;

import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.SizePreset;
import dev.kvstores.role.StoreBasics;
import java.util.Objects;

/**
 * Props of {@link MemorystoreCacheStore}: the shared parts plus the cache's own field. Accessors of the parts
 * ({@code name()}, {@code region()}, {@code tier()} …) are inherited from their {@code Part} interfaces.
 *
 * @param basics         name (instance ID, {@code google_redis_instance.name}; required, 1-40 lowercase letters,
 *                       digits or hyphens, starting with a letter) and high-availability exemption (the reason for
 *                       tier BASIC, development only); see {@link StoreBasics}
 * @param placement      region and authorized network (required), project, zones, reserved range; see
 *                       {@link MemorystorePlacement}
 * @param instance       service, tier, version, memory (default {@value #DEFAULT_MEMORY_SIZE_GB} GB, the
 *                       {@link SizePreset#SMALL} cache), AUTH and TLS (must stay on), RDB (default none: persistence
 *                       off, as the cache requires), CMEK, maintenance window, labels; see {@link MemorystoreInstance}
 * @param evictionPolicy {@code allkeys-lru} or {@code volatile-lru}. Default: {@code allkeys-lru}
 */
public record MemorystoreCacheStoreProps(
        StoreBasics basics,
        MemorystorePlacement placement,
        MemorystoreInstance instance,
        EvictionPolicy evictionPolicy)
        implements StoreBasics.Part, MemorystorePlacement.Part, MemorystoreInstance.Part {

    /** Default memory of the cache: the vendor table's small cache (2 GB). */
    public static final int DEFAULT_MEMORY_SIZE_GB = SizePreset.SMALL.cache().memoryMebibytes() / 1024;

    public MemorystoreCacheStoreProps {
        Objects.requireNonNull(Objects.requireNonNull(basics, "basics").name(), "name");
        Objects.requireNonNull(placement, "placement");
        instance = Objects.requireNonNullElse(instance, MemorystoreInstance.builder().build())
                .withDefaultMemorySizeGb(DEFAULT_MEMORY_SIZE_GB);
        evictionPolicy = Objects.requireNonNullElse(evictionPolicy, EvictionPolicy.ALLKEYS_LRU);
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
        b.evictionPolicy = evictionPolicy;
        return b;
    }

    /** Builder of {@link MemorystoreCacheStoreProps}; unset fields take the documented defaults. */
    public static final class Builder {
        private StoreBasics.Builder basics = StoreBasics.builder();
        private MemorystorePlacement.Builder placement = MemorystorePlacement.builder();
        private MemorystoreInstance.Builder instance = MemorystoreInstance.builder();
        private EvictionPolicy evictionPolicy;

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
        public Builder evictionPolicy(EvictionPolicy value) { this.evictionPolicy = value; return this; }

        public MemorystoreCacheStoreProps build() {
            return new MemorystoreCacheStoreProps(basics.build(), placement.build(), instance.build(),
                    evictionPolicy);
        }
    }
}
