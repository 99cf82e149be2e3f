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
        return new Builder().parts(basics, placement, instance).evictionPolicy(evictionPolicy);
    }

    /**
     * Builder of {@link MemorystoreCacheStoreProps}; unset fields take the documented defaults. The setters of the
     * shared parts ({@code name}, {@code region}, {@code tier} …) are inherited and return this builder.
     */
    public static final class Builder extends MemorystoreStoreBuilder<Builder> {
        private EvictionPolicy evictionPolicy;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder evictionPolicy(EvictionPolicy value) { this.evictionPolicy = value; return this; }

        public MemorystoreCacheStoreProps build() {
            return new MemorystoreCacheStoreProps(basics(), placement.build(), instance.build(), evictionPolicy);
        }
    }
}
