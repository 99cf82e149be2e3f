package dev.kvstores.policy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One resource (or data source) of a synthesized {@code cdk.tf.json}.
 *
 * @param type Terraform type, e.g. {@code helm_release}
 * @param name logical name
 * @param body the resource's attributes
 */
public record SynthesizedResource(String type, String name, JsonNode body) {

    /** Terraform address, e.g. {@code helm_release.cache_resource_release_1a2b3c}. */
    public String address() {
        return type + "." + name;
    }

    /** Text of a top-level attribute, or {@code null} when absent. */
    public String text(String attribute) {
        JsonNode node = body.get(attribute);
        return node == null || node.isNull() ? null : node.asText();
    }
}
