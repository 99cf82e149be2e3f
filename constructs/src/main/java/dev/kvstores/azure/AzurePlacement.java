package dev.kvstores.azure;

import java.util.Objects;

/**
 * Where an Azure store lives and how clients reach it privately.
 *
 * <p>Networking choice: a <b>private endpoint</b> in the environment's subnet (Private Link), not Premium VNet
 * injection. Private Link works for both services (VNet injection is classic-Premium only), is Microsoft's
 * recommended path for new caches, and the two are alternatives for one cache, so the VNet-injection policy
 * (Azure Policy 7d092e0a) is exempted with this reason.
 *
 * @param resourceGroupName        resource group of the store, its private endpoint and DNS zone; required
 * @param location                 Azure region, e.g. {@code westeurope}; required
 * @param privateEndpointSubnetId  ID of the subnet that receives the private endpoint (reachable from AKS);
 *                                 required
 * @param virtualNetworkId         ID of the virtual network the private DNS zone is linked to (the AKS VNet);
 *                                 required when {@code privateDnsZoneId} is {@code null}
 * @param privateDnsZoneId         ID of an existing {@code privatelink.*} zone (central DNS hub). Default
 *                                 ({@code null}): the store creates the zone and links it to {@code virtualNetworkId}
 */
public record AzurePlacement(
        String resourceGroupName,
        String location,
        String privateEndpointSubnetId,
        String virtualNetworkId,
        String privateDnsZoneId) {

    public AzurePlacement {
        Objects.requireNonNull(resourceGroupName, "resourceGroupName");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(privateEndpointSubnetId, "privateEndpointSubnetId");
    }
}
