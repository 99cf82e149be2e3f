package dev.kvstores.azure;

import dev.kvstores.StoreProblems;
import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.StoreRole;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The fields both Azure stores (classic Azure Cache for Redis, Azure Managed Redis) share, defined once and composed
 * into their props; the props' builders delegate to {@link Builder}.
 *
 * @param placement          resource group, region, private endpoint subnet and DNS; required
 * @param tags               extra tags. Default: none
 * @param credentialRotation staged rotation of the access key the URL uses ({@link CredentialRotation}): generation
 *                           n uses the secondary key when n is odd, the primary when even; regenerating the keys is
 *                           out of band (the pinned azurerm has no key-regeneration resource). Default: none (the
 *                           primary key)
 */
public record AzureStoreCommon(AzurePlacement placement, Map<String, String> tags,
                               CredentialRotation credentialRotation) {

    public AzureStoreCommon {
        Objects.requireNonNull(placement, "placement");
        tags = Map.copyOf(new TreeMap<>(Objects.requireNonNullElse(tags, Map.of())));
    }

    /**
     * Validates the shared fields into {@code problems}: the store's name (Azure naming, and at most
     * {@code maxNameLength} for the reason {@code nameLimit}), the private network of
     * the placement and the tags with the role's. The one place these rules are checked for Azure stores.
     */
    void check(String who, StoreProblems problems, StoreRole role, String name, int maxNameLength,
               String nameLimit) {
        problems.check(() -> AzureNames.requireName(who, name));
        problems.check(() -> AzureNames.requireNameLength(who, name, maxNameLength, nameLimit));
        problems.check(() -> AzureNames.requireNetwork(who, placement));
        problems.check(() -> AzureNames.requireTags(who, AzureNames.tags(tags, role.label())));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().placement(placement).credentialRotation(credentialRotation);
        tags.forEach(b::putTag);
        return b;
    }

    /** Read access to the Azure fields of a props record that composes them (e.g. {@code props.placement()}). */
    public interface Part {
        /** The composed Azure fields. */
        AzureStoreCommon azure();

        default AzurePlacement placement() { return azure().placement(); }
        default Map<String, String> tags() { return azure().tags(); }
        default CredentialRotation credentialRotation() { return azure().credentialRotation(); }
    }

    /** Builder of {@link AzureStoreCommon}; unset fields take the documented defaults. */
    public static final class Builder {
        private AzurePlacement placement;
        private final Map<String, String> tags = new TreeMap<>();
        private CredentialRotation credentialRotation;

        private Builder() {
        }

        public Builder placement(AzurePlacement value) { this.placement = value; return this; }
        public Builder putTag(String key, String value) { tags.put(key, value); return this; }
        public Builder credentialRotation(CredentialRotation value) { this.credentialRotation = value; return this; }

        public AzureStoreCommon build() {
            return new AzureStoreCommon(placement, tags, credentialRotation);
        }
    }
}
