package dev.kvstores.stacks.platform.azure;

import dev.kvstores.azure.AzureMonitoring;
import dev.kvstores.azure.ManagedRedisClusteringPolicy;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.stacks.environment.KubernetesAccess;
import dev.kvstores.stacks.environment.PlatformSettings;
import dev.kvstores.stacks.platform.WorkerStateSection;
import dev.kvstores.stacks.platform.kubernetes.InCluster;
import dev.kvstores.stacks.platform.kubernetes.KubernetesSettings;

/**
 * The {@code platform: azure} sections of an environment file.
 *
 * @param kubernetes              the AKS cluster that receives the connection Secret ({@code kubernetes:})
 * @param subscriptionId          {@code azure.subscriptionId}, or {@code null} to take it from the Azure CLI /
 *                                {@code ARM_SUBSCRIPTION_ID}
 * @param resourceGroupName       {@code azure.resourceGroupName}
 * @param location                {@code azure.location}
 * @param privateEndpointSubnetId {@code network.privateEndpointSubnetId}
 * @param virtualNetworkId        {@code network.virtualNetworkId} (the AKS VNet the DNS zones are linked to)
 * @param classicDnsZoneId        {@code network.privateDnsZoneIds.classic}, or {@code null} to create the zone
 * @param managedRedisDnsZoneId   {@code network.privateDnsZoneIds.managedRedis}, or {@code null} to create it
 * @param cache                   the {@code cache} section
 * @param workerState             the {@code workerState} section
 * @param monitoring              the {@code monitoring} section's Azure Monitor part (action group, thresholds)
 */
public record AzureSettings(
        KubernetesAccess kubernetes,
        String subscriptionId,
        String resourceGroupName,
        String location,
        String privateEndpointSubnetId,
        String virtualNetworkId,
        String classicDnsZoneId,
        String managedRedisDnsZoneId,
        Cache cache,
        WorkerState workerState,
        AzureMonitoring monitoring) implements PlatformSettings {

    /** A builder; a field not set is {@code null}, {@code false} or {@code 0}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link AzureSettings} field by field, each setter named after its component. */
    public static final class Builder {
        private KubernetesAccess kubernetes;
        private String subscriptionId;
        private String resourceGroupName;
        private String location;
        private String privateEndpointSubnetId;
        private String virtualNetworkId;
        private String classicDnsZoneId;
        private String managedRedisDnsZoneId;
        private Cache cache;
        private WorkerState workerState;
        private AzureMonitoring monitoring;

        private Builder() {
        }

        public Builder kubernetes(KubernetesAccess value) {
            this.kubernetes = value;
            return this;
        }

        public Builder subscriptionId(String value) {
            this.subscriptionId = value;
            return this;
        }

        public Builder resourceGroupName(String value) {
            this.resourceGroupName = value;
            return this;
        }

        public Builder location(String value) {
            this.location = value;
            return this;
        }

        public Builder privateEndpointSubnetId(String value) {
            this.privateEndpointSubnetId = value;
            return this;
        }

        public Builder virtualNetworkId(String value) {
            this.virtualNetworkId = value;
            return this;
        }

        public Builder classicDnsZoneId(String value) {
            this.classicDnsZoneId = value;
            return this;
        }

        public Builder managedRedisDnsZoneId(String value) {
            this.managedRedisDnsZoneId = value;
            return this;
        }

        public Builder cache(Cache value) {
            this.cache = value;
            return this;
        }

        public Builder workerState(WorkerState value) {
            this.workerState = value;
            return this;
        }

        public Builder monitoring(AzureMonitoring value) {
            this.monitoring = value;
            return this;
        }

        public AzureSettings build() {
            return new AzureSettings(kubernetes, subscriptionId, resourceGroupName, location, privateEndpointSubnetId,
                    virtualNetworkId, classicDnsZoneId, managedRedisDnsZoneId, cache, workerState, monitoring);
        }
    }

    /**
     * Cache Store settings: {@code service} is {@value AzurePlatform#IN_CLUSTER} (the default: Bitnami Redis on the
     * AKS cluster of {@code kubernetes:}, described by {@code inCluster}, {@code cluster} and
     * {@code createNamespace}), {@value AzurePlatform#CLASSIC} (an existing Azure Cache for Redis,
     * {@code existingCacheName} in {@code existingResourceGroupName}, expected to evict with
     * {@code evictionPolicy}, its URL carrying the access key {@code rotation} selects), or {@code managed-redis} (refused at build: no DB numbers).
     */
    public record Cache(String service, KubernetesSettings.Cache inCluster, InCluster.Cluster cluster,
                        boolean createNamespace, String existingCacheName, String existingResourceGroupName,
                        EvictionPolicy evictionPolicy, dev.kvstores.role.CredentialRotation rotation) {
    }

    /**
     * Worker State Store settings (Azure Managed Redis); {@code section} holds the fields AWS shares
     * ({@link WorkerStateSection}: prevent-destroy, rotation, {@code workerState.backup} (the props without the
     * environment name and action group, which the platform adds) or {@code null}, and
     * {@code workerState.backupExemptionReason}).
     */
    public record WorkerState(String name, String skuName, ManagedRedisClusteringPolicy clusteringPolicy,
                              boolean highAvailability, String customerManagedKeyId,
                              String customerManagedKeyIdentityId,
                              WorkerStateSection<dev.kvstores.azure.ManagedRedisBackupProps.Builder> section)
            implements WorkerStateSection.Part<dev.kvstores.azure.ManagedRedisBackupProps.Builder> {

        /** A builder; a field not set is {@code null}, {@code false} or {@code 0}. */
        public static Builder builder() {
            return new Builder();
        }

        /** Builds a {@link WorkerState} field by field, each setter named after its component. */
        public static final class Builder {
            private String name;
            private String skuName;
            private ManagedRedisClusteringPolicy clusteringPolicy;
            private boolean highAvailability;
            private String customerManagedKeyId;
            private String customerManagedKeyIdentityId;
            private WorkerStateSection<dev.kvstores.azure.ManagedRedisBackupProps.Builder> section;

            private Builder() {
            }

            public Builder name(String value) {
                this.name = value;
                return this;
            }

            public Builder skuName(String value) {
                this.skuName = value;
                return this;
            }

            public Builder clusteringPolicy(ManagedRedisClusteringPolicy value) {
                this.clusteringPolicy = value;
                return this;
            }

            public Builder highAvailability(boolean value) {
                this.highAvailability = value;
                return this;
            }

            public Builder customerManagedKeyId(String value) {
                this.customerManagedKeyId = value;
                return this;
            }

            public Builder customerManagedKeyIdentityId(String value) {
                this.customerManagedKeyIdentityId = value;
                return this;
            }

            public Builder section(WorkerStateSection<dev.kvstores.azure.ManagedRedisBackupProps.Builder> value) {
                this.section = value;
                return this;
            }

            public WorkerState build() {
                return new WorkerState(name, skuName, clusteringPolicy, highAvailability, customerManagedKeyId,
                        customerManagedKeyIdentityId, section);
            }
        }
    }
}
