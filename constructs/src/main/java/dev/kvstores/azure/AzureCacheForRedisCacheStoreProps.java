package dev.kvstores.azure;

import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.StoreBasics;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Props of {@link AzureCacheForRedisCacheStore} (classic Azure Cache for Redis): the shared parts plus the cache's
 * own fields. Accessors of the parts ({@code name()}, {@code placement()}, {@code tags()} …) are inherited from
 * their {@code Part} interfaces.
 *
 * @param basics             name (globally unique DNS label, 1-61 letters, digits, single hyphens: its private endpoint is {@code <name>-pe}, at most 64; required) and
 *                           high-availability exemption (why this cache may run without zone spread, development
 *                           only); see {@link StoreBasics}
 * @param azure              placement (required), tags, credential rotation; see {@link AzureStoreCommon}
 * @param size               {@code C1}-{@code C6} (Standard) or {@code P1}-{@code P5} (Premium). Default: {@code P1}
 *                           (6 GB, the vendor's 2-8 GB cache range)
 * @param zones              availability zones of a Premium cache. Default: {@code 1, 2, 3} for Premium, none for
 *                           Standard (Standard has no zone placement, so it needs a high-availability exemption)
 * @param replicasPerPrimary replicas of a Premium cache (1-3); with zones, at least zones − 1 so that every zone
 *                           gets a node. Default: zones − 1 (2 for the default zones 1, 2, 3: one node per zone), 1
 *                           without zones; Standard always has exactly one
 * @param evictionPolicy     {@code allkeys-lru} or {@code volatile-lru}. Default: {@code allkeys-lru}
 */
public record AzureCacheForRedisCacheStoreProps(
        StoreBasics basics,
        AzureStoreCommon azure,
        ClassicCacheSize size,
        List<String> zones,
        Integer replicasPerPrimary,
        EvictionPolicy evictionPolicy) implements StoreBasics.Part, AzureStoreCommon.Part {

    public AzureCacheForRedisCacheStoreProps {
        Objects.requireNonNull(Objects.requireNonNull(basics, "basics").name(), "name");
        Objects.requireNonNull(azure, "azure");
        size = Objects.requireNonNullElse(size, ClassicCacheSize.P1);
        zones = zones == null ? (size.isPremium() ? List.of("1", "2", "3") : List.of()) : List.copyOf(zones);
        if (replicasPerPrimary == null) {
            replicasPerPrimary = size.isPremium() && zones.size() >= 2 ? zones.size() - 1 : 1;
        }
        evictionPolicy = Objects.requireNonNullElse(evictionPolicy, EvictionPolicy.ALLKEYS_LRU);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().parts(basics, azure).size(size).zones(zones).replicasPerPrimary(replicasPerPrimary)
                .evictionPolicy(evictionPolicy);
    }

    /**
     * Builder of {@link AzureCacheForRedisCacheStoreProps}; unset fields take the documented defaults. The setters
     * of the shared parts ({@code name}, {@code placement}, {@code putTag} …) are inherited and return this
     * builder.
     */
    public static final class Builder extends AzureStoreBuilder<Builder> {
        private ClassicCacheSize size;
        private List<String> zones;
        private Integer replicasPerPrimary;
        private EvictionPolicy evictionPolicy;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder size(ClassicCacheSize value) { this.size = value; return this; }
        public Builder zones(List<String> value) { this.zones = value == null ? null : new ArrayList<>(value); return this; }
        public Builder replicasPerPrimary(Integer value) { this.replicasPerPrimary = value; return this; }
        public Builder evictionPolicy(EvictionPolicy value) { this.evictionPolicy = value; return this; }

        public AzureCacheForRedisCacheStoreProps build() {
            return new AzureCacheForRedisCacheStoreProps(basics(), azure.build(), size, zones,
                    replicasPerPrimary, evictionPolicy);
        }
    }
}
