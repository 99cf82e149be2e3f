package dev.kvstores.azure;

import dev.kvstores.role.CredentialRotation;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Props of {@link AzureManagedRedisWorkerStateStore}.
 *
 * @param name                     instance name (1-63 letters, digits, hyphens); required
 * @param placement                resource group, region, private endpoint subnet and DNS; required
 * @param skuName                  {@code Balanced_B*}, {@code MemoryOptimized_M*}, {@code ComputeOptimized_X*} or
 *                                 {@code FlashOptimized_A*}. Default: {@value #DEFAULT_SKU} (12 GB, inside the
 *                                 vendor's 8-32 GB worker range)
 * @param clusteringPolicy         Default: {@link ManagedRedisClusteringPolicy#ENTERPRISE_CLUSTER} (one endpoint,
 *                                 any client, URL with {@code /0})
 * @param highAvailabilityEnabled  replicated, zone-redundant where the region has zones. Default: true; false
 *                                 only with {@code haExemptionReason}
 * @param rdbSnapshots             also RDB. Default: false. azurerm 4.55 declares the AOF and RDB frequencies as
 *                                 conflicting, so true is refused (AOF is what the role needs)
 * @param customerManagedKeyId     versioned Key Vault key ID for at-rest encryption with your key. Default: none
 *                                 (platform-managed keys; Azure Policy 09aa11bb then needs an exemption)
 * @param customerManagedKeyIdentityId user-assigned identity allowed to use that key; required with the key
 * @param preventDestroy           {@code lifecycle.prevent_destroy}. Default: true
 * @param tags                     extra tags. Default: none
 * @param haExemptionReason        why it may run without high availability (development only). Default: none
 * @param backup                   nightly export to a storage account encrypted with your Key Vault key
 *                                 ({@link ManagedRedisBackup}). Default: none (production then needs an exemption of
 *                                 KVS-BACKUP-REQUIRED)
 * @param credentialRotation      staged rotation of the access key the URL uses ({@link CredentialRotation}): generation n uses the secondary key when n is odd, the primary when even; regenerating the keys is out of band (the pinned azurerm has no key-regeneration resource). Default: none (the primary key)
 */
public record AzureManagedRedisWorkerStateStoreProps(
        String name,
        AzurePlacement placement,
        String skuName,
        ManagedRedisClusteringPolicy clusteringPolicy,
        boolean highAvailabilityEnabled,
        boolean rdbSnapshots,
        String customerManagedKeyId,
        String customerManagedKeyIdentityId,
        boolean preventDestroy,
        Map<String, String> tags,
        String haExemptionReason,
        CredentialRotation credentialRotation,
        ManagedRedisBackupProps backup) {

    public static final String DEFAULT_SKU = "Balanced_B10";

    public AzureManagedRedisWorkerStateStoreProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(placement, "placement");
        skuName = Objects.requireNonNullElse(skuName, DEFAULT_SKU);
        clusteringPolicy = Objects.requireNonNullElse(clusteringPolicy, ManagedRedisClusteringPolicy.ENTERPRISE_CLUSTER);
        tags = Map.copyOf(new TreeMap<>(Objects.requireNonNullElse(tags, Map.of())));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.placement = placement;
        b.skuName = skuName;
        b.clusteringPolicy = clusteringPolicy;
        b.highAvailabilityEnabled = highAvailabilityEnabled;
        b.rdbSnapshots = rdbSnapshots;
        b.customerManagedKeyId = customerManagedKeyId;
        b.customerManagedKeyIdentityId = customerManagedKeyIdentityId;
        b.preventDestroy = preventDestroy;
        b.tags.putAll(tags);
        b.haExemptionReason = haExemptionReason;
        b.credentialRotation = credentialRotation;
        b.backup = backup;
        return b;
    }

    /** Builder of {@link AzureManagedRedisWorkerStateStoreProps}; unset fields take the documented defaults. */
    public static final class Builder {
        private String name;
        private AzurePlacement placement;
        private String skuName;
        private ManagedRedisClusteringPolicy clusteringPolicy;
        private boolean highAvailabilityEnabled = true;
        private boolean rdbSnapshots;
        private String customerManagedKeyId;
        private String customerManagedKeyIdentityId;
        private boolean preventDestroy = true;
        private final Map<String, String> tags = new TreeMap<>();
        private String haExemptionReason;
        private CredentialRotation credentialRotation;
        private ManagedRedisBackupProps backup;

        private Builder() {
        }

        public Builder name(String value) { this.name = value; return this; }
        public Builder placement(AzurePlacement value) { this.placement = value; return this; }
        public Builder skuName(String value) { this.skuName = value; return this; }
        public Builder clusteringPolicy(ManagedRedisClusteringPolicy value) { this.clusteringPolicy = value; return this; }
        public Builder highAvailabilityEnabled(boolean value) { this.highAvailabilityEnabled = value; return this; }
        public Builder rdbSnapshots(boolean value) { this.rdbSnapshots = value; return this; }
        public Builder customerManagedKey(String keyId, String identityId) {
            this.customerManagedKeyId = keyId;
            this.customerManagedKeyIdentityId = identityId;
            return this;
        }
        public Builder preventDestroy(boolean value) { this.preventDestroy = value; return this; }
        public Builder putTag(String key, String value) { tags.put(key, value); return this; }
        public Builder haExemptionReason(String value) { this.haExemptionReason = value; return this; }
        public Builder credentialRotation(CredentialRotation value) { this.credentialRotation = value; return this; }
        public Builder backup(ManagedRedisBackupProps value) { this.backup = value; return this; }

        public AzureManagedRedisWorkerStateStoreProps build() {
            return new AzureManagedRedisWorkerStateStoreProps(name, placement, skuName, clusteringPolicy,
                    highAvailabilityEnabled, rdbSnapshots, customerManagedKeyId, customerManagedKeyIdentityId,
                    preventDestroy, tags, haExemptionReason, credentialRotation, backup);
        }
    }
}
