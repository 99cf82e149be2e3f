package dev.kvstores.stacks.platform.azure;

import dev.kvstores.azure.AzureMonitoring;
import dev.kvstores.azure.ManagedRedisClusteringPolicy;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.stacks.environment.KubernetesAccess;
import dev.kvstores.stacks.environment.PlatformSettings;
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
     * Worker State Store settings (Azure Managed Redis); {@code backup} is {@code workerState.backup} (the props
     * without the environment name and action group, which the platform adds) or {@code null}, and
     * {@code backupExemptionReason} is {@code workerState.backupExemptionReason}.
     */
    public record WorkerState(String name, String skuName, ManagedRedisClusteringPolicy clusteringPolicy,
                              boolean highAvailability, String customerManagedKeyId,
                              String customerManagedKeyIdentityId, boolean preventDestroy,
                              dev.kvstores.role.CredentialRotation rotation,
                              dev.kvstores.azure.ManagedRedisBackupProps.Builder backup,
                              String backupExemptionReason) {
    }
}
