package dev.kvstores.azure;

import dev.kvstores.role.StoreBasics;
import java.util.Objects;

/**
 * Props of {@link AzureManagedRedisWorkerStateStore}: the shared parts plus the worker state store's own fields.
 * Accessors of the parts ({@code name()}, {@code placement()}, {@code tags()} …) are inherited from their
 * {@code Part} interfaces.
 *
 * @param basics                  name (1-60 letters, digits, single hyphens, the service's limit; required) and high-availability exemption (why
 *                                it may run without high availability, development only); see {@link StoreBasics}
 * @param azure                   placement (required), tags, credential rotation; see {@link AzureStoreCommon}
 * @param skuName                 {@code Balanced_B*}, {@code MemoryOptimized_M*}, {@code ComputeOptimized_X*} or
 *                                {@code FlashOptimized_A*}. Default: {@value #DEFAULT_SKU} (12 GB, inside the
 *                                vendor's 8-32 GB worker range)
 * @param clusteringPolicy        Default: {@link ManagedRedisClusteringPolicy#ENTERPRISE_CLUSTER} (one endpoint,
 *                                any client, URL with {@code /0})
 * @param highAvailabilityEnabled replicated, zone-redundant where the region has zones. Default: true; false
 *                                only with a high-availability exemption
 * @param rdbSnapshots            also RDB. Default: false. azurerm 4.55 declares the AOF and RDB frequencies as
 *                                conflicting, so true is refused (AOF is what the role needs)
 * @param customerManagedKey      at-rest encryption with your key ({@link CustomerManagedKey}). Default: none
 *                                (platform-managed keys; Azure Policy 09aa11bb then needs an exemption)
 * @param preventDestroy          {@code lifecycle.prevent_destroy}. Default: true
 * @param backup                  nightly export to a storage account encrypted with your Key Vault key
 *                                ({@link ManagedRedisBackup}). Default: none (production then needs an exemption
 *                                of KVS-BACKUP-REQUIRED)
 */
public record AzureManagedRedisWorkerStateStoreProps(
        StoreBasics basics,
        AzureStoreCommon azure,
        String skuName,
        ManagedRedisClusteringPolicy clusteringPolicy,
        boolean highAvailabilityEnabled,
        boolean rdbSnapshots,
        CustomerManagedKey customerManagedKey,
        boolean preventDestroy,
        ManagedRedisBackupProps backup) implements StoreBasics.Part, AzureStoreCommon.Part {

    public static final String DEFAULT_SKU = "Balanced_B10";

    /**
     * A customer-managed key for at-rest encryption.
     *
     * @param keyId      versioned Key Vault key ID; set together with {@code identityId}
     * @param identityId user-assigned identity allowed to use that key; set together with {@code keyId}
     */
    public record CustomerManagedKey(String keyId, String identityId) {
    }

    public AzureManagedRedisWorkerStateStoreProps {
        Objects.requireNonNull(Objects.requireNonNull(basics, "basics").name(), "name");
        Objects.requireNonNull(azure, "azure");
        skuName = Objects.requireNonNullElse(skuName, DEFAULT_SKU);
        clusteringPolicy = Objects.requireNonNullElse(clusteringPolicy, ManagedRedisClusteringPolicy.ENTERPRISE_CLUSTER);
        customerManagedKey = Objects.requireNonNullElse(customerManagedKey, new CustomerManagedKey(null, null));
    }

    /** @see CustomerManagedKey#keyId() */
    public String customerManagedKeyId() {
        return customerManagedKey.keyId();
    }

    /** @see CustomerManagedKey#identityId() */
    public String customerManagedKeyIdentityId() {
        return customerManagedKey.identityId();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().parts(basics, azure).skuName(skuName).clusteringPolicy(clusteringPolicy)
                .highAvailabilityEnabled(highAvailabilityEnabled).rdbSnapshots(rdbSnapshots)
                .customerManagedKey(customerManagedKey.keyId(), customerManagedKey.identityId())
                .preventDestroy(preventDestroy).backup(backup);
    }

    /**
     * Builder of {@link AzureManagedRedisWorkerStateStoreProps}; unset fields take the documented defaults. The
     * setters of the shared parts ({@code name}, {@code placement}, {@code putTag} …) are inherited and return this
     * builder.
     */
    public static final class Builder extends AzureStoreBuilder<Builder> {
        private String skuName;
        private ManagedRedisClusteringPolicy clusteringPolicy;
        private boolean highAvailabilityEnabled = true;
        private boolean rdbSnapshots;
        private CustomerManagedKey customerManagedKey;
        private boolean preventDestroy = true;
        private ManagedRedisBackupProps backup;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder skuName(String value) { this.skuName = value; return this; }
        public Builder clusteringPolicy(ManagedRedisClusteringPolicy value) { this.clusteringPolicy = value; return this; }
        public Builder highAvailabilityEnabled(boolean value) { this.highAvailabilityEnabled = value; return this; }
        public Builder rdbSnapshots(boolean value) { this.rdbSnapshots = value; return this; }
        public Builder customerManagedKey(String keyId, String identityId) {
            this.customerManagedKey = new CustomerManagedKey(keyId, identityId);
            return this;
        }
        public Builder preventDestroy(boolean value) { this.preventDestroy = value; return this; }
        public Builder backup(ManagedRedisBackupProps value) { this.backup = value; return this; }

        public AzureManagedRedisWorkerStateStoreProps build() {
            return new AzureManagedRedisWorkerStateStoreProps(basics(), azure.build(), skuName,
                    clusteringPolicy, highAvailabilityEnabled, rdbSnapshots, customerManagedKey, preventDestroy,
                    backup);
        }
    }
}
