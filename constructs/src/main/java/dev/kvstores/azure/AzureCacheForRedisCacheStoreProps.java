package dev.kvstores.azure;

import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.EvictionPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Props of {@link AzureCacheForRedisCacheStore} (classic Azure Cache for Redis).
 *
 * @param name              cache name, globally unique DNS label (1-63 letters, digits, hyphens); required
 * @param placement         resource group, region, private endpoint subnet and DNS; required
 * @param size              {@code C1}-{@code C6} (Standard) or {@code P1}-{@code P5} (Premium). Default: {@code P1}
 *                          (6 GB, the vendor's 2-8 GB cache range)
 * @param zones             availability zones of a Premium cache. Default: {@code 1, 2, 3} for Premium, none for
 *                          Standard (Standard has no zone placement, so it needs a high-availability exemption)
 * @param replicasPerPrimary replicas of a Premium cache (1-3); with zones, at least zones − 1 so that every zone
 *                          gets a node. Default: zones − 1 (2 for the default zones 1, 2, 3: one node per zone), 1
 *                          without zones; Standard always has exactly one
 * @param evictionPolicy    {@code allkeys-lru} or {@code volatile-lru}. Default: {@code allkeys-lru}
 * @param tags              extra tags. Default: none
 * @param haExemptionReason why this cache may run without zone spread (development only). Default: none
 * @param credentialRotation      staged rotation of the access key the URL uses ({@link CredentialRotation}): generation n uses the secondary key when n is odd, the primary when even; regenerating the keys is out of band (the pinned azurerm has no key-regeneration resource). Default: none (the primary key)
 */
public record AzureCacheForRedisCacheStoreProps(
        String name,
        AzurePlacement placement,
        ClassicCacheSize size,
        List<String> zones,
        Integer replicasPerPrimary,
        EvictionPolicy evictionPolicy,
        Map<String, String> tags,
        String haExemptionReason,
        CredentialRotation credentialRotation) {

    public AzureCacheForRedisCacheStoreProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(placement, "placement");
        size = Objects.requireNonNullElse(size, ClassicCacheSize.P1);
        zones = zones == null ? (size.isPremium() ? List.of("1", "2", "3") : List.of()) : List.copyOf(zones);
        if (replicasPerPrimary == null) {
            replicasPerPrimary = size.isPremium() && zones.size() >= 2 ? zones.size() - 1 : 1;
        }
        evictionPolicy = Objects.requireNonNullElse(evictionPolicy, EvictionPolicy.ALLKEYS_LRU);
        tags = Map.copyOf(new TreeMap<>(Objects.requireNonNullElse(tags, Map.of())));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.placement = placement;
        b.size = size;
        b.zones = new ArrayList<>(zones);
        b.replicasPerPrimary = replicasPerPrimary;
        b.evictionPolicy = evictionPolicy;
        b.tags.putAll(tags);
        b.haExemptionReason = haExemptionReason;
        b.credentialRotation = credentialRotation;
        return b;
    }

    /** Builder of {@link AzureCacheForRedisCacheStoreProps}; unset fields take the documented defaults. */
    public static final class Builder {
        private String name;
        private AzurePlacement placement;
        private ClassicCacheSize size;
        private List<String> zones;
        private Integer replicasPerPrimary;
        private EvictionPolicy evictionPolicy;
        private final Map<String, String> tags = new TreeMap<>();
        private String haExemptionReason;
        private CredentialRotation credentialRotation;

        private Builder() {
        }

        public Builder name(String value) { this.name = value; return this; }
        public Builder placement(AzurePlacement value) { this.placement = value; return this; }
        public Builder size(ClassicCacheSize value) { this.size = value; return this; }
        public Builder zones(List<String> value) { this.zones = value == null ? null : new ArrayList<>(value); return this; }
        public Builder replicasPerPrimary(Integer value) { this.replicasPerPrimary = value; return this; }
        public Builder evictionPolicy(EvictionPolicy value) { this.evictionPolicy = value; return this; }
        public Builder putTag(String key, String value) { tags.put(key, value); return this; }
        public Builder haExemptionReason(String value) { this.haExemptionReason = value; return this; }
        public Builder credentialRotation(CredentialRotation value) { this.credentialRotation = value; return this; }

        public AzureCacheForRedisCacheStoreProps build() {
            return new AzureCacheForRedisCacheStoreProps(name, placement, size, zones, replicasPerPrimary,
                    evictionPolicy, tags, haExemptionReason, credentialRotation);
        }
    }
}
