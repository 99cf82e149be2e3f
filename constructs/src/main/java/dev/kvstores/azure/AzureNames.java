package dev.kvstores.azure;

import dev.kvstores.StoreConfigException;
import dev.kvstores.role.StoreRole;
import java.util.Map;
import java.util.TreeMap;

/** Checks shared by the Azure stores. Internal. */
final class AzureNames {

    /** Tag carrying the store's role, read by the policy rules. */
    static final String ROLE_TAG = StoreRole.LABEL_KEY;

    private AzureNames() {
    }

    /** Cache and Managed Redis names: 1-63 of letters, digits and single hyphens, starting and ending alphanumeric. */
    static void requireName(String who, String name) {
        if (name == null || !name.matches("[A-Za-z0-9](?:[A-Za-z0-9]|-(?!-)){0,61}[A-Za-z0-9]|[A-Za-z0-9]")) {
            throw new StoreConfigException("Name", who + ": name must be 1-63 letters, digits and single hyphens,"
                    + " starting and ending with a letter or digit, got '" + name + "'");
        }
    }

    static void requireNetwork(String who, AzurePlacement placement) {
        if (!placement.privateEndpointSubnetId().contains("/subnets/")) {
            throw new StoreConfigException("PrivateNetworking", who + ": privateEndpointSubnetId must be a subnet"
                    + " resource ID (…/virtualNetworks/<vnet>/subnets/<subnet>), got '"
                    + placement.privateEndpointSubnetId() + "'");
        }
        if (placement.privateDnsZoneId() == null && placement.virtualNetworkId() == null) {
            throw new StoreConfigException("PrivateDns", who + ": virtualNetworkId is required to link the private"
                    + " DNS zone the store creates; set it to the AKS virtual network, or give privateDnsZoneId of an"
                    + " existing zone");
        }
    }

    static Map<String, String> tags(Map<String, String> userTags, String role) {
        Map<String, String> tags = new TreeMap<>(userTags);
        tags.put(ROLE_TAG, role);
        tags.put("managed-by", "kvstores");
        return tags;
    }
}
