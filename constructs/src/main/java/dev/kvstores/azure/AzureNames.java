package dev.kvstores.azure;

import dev.kvstores.StoreConfigException;
import dev.kvstores.naming.AzureTags;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Checks shared by the Azure stores. Internal. */
final class AzureNames {


    private AzureNames() {
    }

    /** Cache and Managed Redis names: 1-63 of letters, digits and single hyphens, starting and ending alphanumeric. */
    static void requireName(String who, String name) {
        if (name == null || !name.matches("[A-Za-z0-9](?:[A-Za-z0-9]|-(?!-)){0,61}[A-Za-z0-9]|[A-Za-z0-9]")) {
            throw new StoreConfigException("Name", who + ": name must be 1-63 letters, digits and single hyphens,"
                    + " starting and ending with a letter or digit, got '" + name + "'");
        }
    }

    /** Longest private endpoint name; each store's endpoint is {@code <name>-pe}. */
    static final int MAX_PRIVATE_ENDPOINT_NAME = 64;
    /** Longest Azure Managed Redis (Microsoft.Cache/redisEnterprise) name. */
    static final int MAX_MANAGED_REDIS_NAME = 60;

    /**
     * A name of the right shape ({@link #requireName}) that the service or the private endpoint named after it
     * ({@code <name>-pe}, at most {@value #MAX_PRIVATE_ENDPOINT_NAME}) cannot hold: Azure refuses it at apply, after
     * the slow cache creation.
     *
     * @param max the store's limit: {@value #MAX_PRIVATE_ENDPOINT_NAME} - 3 for a classic cache (its endpoint),
     *            {@value #MAX_MANAGED_REDIS_NAME} for Managed Redis (the service's own)
     */
    static void requireNameLength(String who, String name, int max, String why) {
        if (name != null && name.length() > max) {
            throw new StoreConfigException("Name", who + ": name '" + name + "' has " + name.length()
                    + " characters, at most " + max + " here: " + why + "; shorten it");
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

    /** The user's tags plus the role and managed-by tags ({@link AzureTags}). */
    static Map<String, String> tags(Map<String, String> userTags, String role) {
        Map<String, String> tags = new TreeMap<>(userTags);
        tags.put(AzureTags.ROLE, role);
        tags.put(AzureTags.MANAGED_BY, "kvstores");
        return tags;
    }

    /** Refuses tags Azure would refuse at apply (azurerm checks only count and length, so plan passes). */
    static void requireTags(String who, Map<String, String> tags) {
        List<String> problems = AzureTags.problems(tags);
        if (!problems.isEmpty()) {
            throw new StoreConfigException("Tags", who + ": tags: " + String.join("; ", problems) + " (rules: "
                    + AzureTags.RULES_PAGE + ")");
        }
    }
}
