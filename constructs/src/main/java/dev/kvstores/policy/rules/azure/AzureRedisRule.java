package dev.kvstores.policy.rules.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.policy.PolicyRule;
import dev.kvstores.policy.SynthesizedResource;
import dev.kvstores.naming.AzureTags;
import java.util.Set;

/** Base of the Azure Redis rules: resource types and JSON helpers. Internal. */
abstract class AzureRedisRule implements PolicyRule {

    static final String CLASSIC = "azurerm_redis_cache";
    static final String MANAGED = "azurerm_managed_redis";
    /** Tag the kvstores Azure stores carry with their role ({@code cache}, {@code worker-state}). */
    static final String ROLE_TAG = AzureTags.ROLE;

    @Override
    public Set<String> resourceTypes() {
        return Set.of(CLASSIC);
    }

    /** A nested block, whether synthesized as an object or a one-element list; a missing node when absent. */
    static JsonNode block(JsonNode body, String name) {
        return SynthesizedResource.block(body, name);
    }

    /** Text of an attribute, {@code null} when absent. */
    static String text(JsonNode body, String attribute) {
        JsonNode node = body.get(attribute);
        return node == null || node.isNull() ? null : node.asText();
    }

    /** True when the attribute is present and true (boolean or the string "true"). */
    static boolean isTrue(JsonNode body, String attribute) {
        return "true".equals(text(body, attribute));
    }

    /** True when the attribute is present and false. */
    static boolean isFalse(JsonNode body, String attribute) {
        return "false".equals(text(body, attribute));
    }

    static String role(SynthesizedResource resource) {
        return text(resource.body().path("tags"), ROLE_TAG);
    }
}
