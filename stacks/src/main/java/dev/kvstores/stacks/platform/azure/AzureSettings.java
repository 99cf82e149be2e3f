package dev.kvstores.stacks.platform.azure;

import dev.kvstores.azure.AzureMonitoring;
import dev.kvstores.azure.AzureRedisService;
import dev.kvstores.azure.ClassicCacheSize;
import dev.kvstores.azure.ManagedRedisClusteringPolicy;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.stacks.environment.KubernetesAccess;
import dev.kvstores.stacks.environment.PlatformSettings;
import java.util.List;

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
     * Cache Store settings ({@code service} must be classic: Managed Redis is refused at build);
     * {@code replicasPerPrimary} is {@code null} when the file leaves it to the construct (zones − 1).
     */
    public record Cache(AzureRedisService service, String name, ClassicCacheSize size, List<String> zones,
                        Integer replicasPerPrimary, EvictionPolicy evictionPolicy,
                        dev.kvstores.role.CredentialRotation rotation) {
    }

    /** Worker State Store settings (Azure Managed Redis). */
    public record WorkerState(String name, String skuName, ManagedRedisClusteringPolicy clusteringPolicy,
                              boolean highAvailability, String customerManagedKeyId,
                              String customerManagedKeyIdentityId, boolean preventDestroy,
                              dev.kvstores.role.CredentialRotation rotation) {
    }
}
