package dev.kvstores.azure;

import com.hashicorp.cdktf.providers.azurerm.private_dns_zone.PrivateDnsZone;
import com.hashicorp.cdktf.providers.azurerm.private_dns_zone.PrivateDnsZoneConfig;
import com.hashicorp.cdktf.providers.azurerm.private_dns_zone_virtual_network_link.PrivateDnsZoneVirtualNetworkLink;
import com.hashicorp.cdktf.providers.azurerm.private_dns_zone_virtual_network_link.PrivateDnsZoneVirtualNetworkLinkConfig;
import com.hashicorp.cdktf.providers.azurerm.private_endpoint.PrivateEndpoint;
import com.hashicorp.cdktf.providers.azurerm.private_endpoint.PrivateEndpointConfig;
import com.hashicorp.cdktf.providers.azurerm.private_endpoint.PrivateEndpointPrivateDnsZoneGroup;
import com.hashicorp.cdktf.providers.azurerm.private_endpoint.PrivateEndpointPrivateServiceConnection;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * A store's private endpoint in the environment's subnet, auto-approved, registered in its
 * {@code privatelink.*} DNS zone (created and linked to the VNet unless an existing zone is given).
 * Children: {@code Endpoint}, and {@code DnsZone} + {@code DnsZoneLink} when the zone is created here.
 */
final class PrivateAccess extends Construct {

    /** Private DNS zone and sub-resource of classic Azure Cache for Redis. */
    static final String CLASSIC_ZONE = "privatelink.redis.cache.windows.net";
    static final String CLASSIC_SUBRESOURCE = "redisCache";
    /** Private DNS zone and sub-resource of Azure Managed Redis. */
    static final String MANAGED_ZONE = "privatelink.redis.azure.net";
    static final String MANAGED_SUBRESOURCE = "redisEnterprise";

    private final PrivateEndpoint endpoint;

    PrivateAccess(Construct scope, String id, AzurePlacement placement, String storeName, String targetId,
                  String zoneName, String subresource, Map<String, String> tags) {
        super(scope, id);
        String zoneId = placement.privateDnsZoneId();
        if (zoneId == null) {
            PrivateDnsZone zone = new PrivateDnsZone(this, "DnsZone", PrivateDnsZoneConfig.builder()
                    .name(zoneName).resourceGroupName(placement.resourceGroupName()).tags(tags).build());
            new PrivateDnsZoneVirtualNetworkLink(this, "DnsZoneLink", PrivateDnsZoneVirtualNetworkLinkConfig.builder()
                    .name(storeName + "-dns")
                    .resourceGroupName(placement.resourceGroupName())
                    .privateDnsZoneName(zone.getName())
                    .virtualNetworkId(placement.virtualNetworkId())
                    .registrationEnabled(false)
                    .tags(tags)
                    .build());
            zoneId = zone.getId();
        }
        this.endpoint = new PrivateEndpoint(this, "Endpoint", PrivateEndpointConfig.builder()
                .name(storeName + "-pe")
                .location(placement.location())
                .resourceGroupName(placement.resourceGroupName())
                .subnetId(placement.privateEndpointSubnetId())
                .privateServiceConnection(PrivateEndpointPrivateServiceConnection.builder()
                        .name(storeName + "-psc")
                        .privateConnectionResourceId(targetId)
                        .subresourceNames(List.of(subresource))
                        .isManualConnection(false)
                        .build())
                .privateDnsZoneGroup(PrivateEndpointPrivateDnsZoneGroup.builder()
                        .name("default").privateDnsZoneIds(List.of(zoneId)).build())
                .tags(tags)
                .build());
    }

    PrivateEndpoint endpoint() {
        return endpoint;
    }
}
