package dev.kvstores.policy.rules.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.policy.PolicyRule;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/**
 * Base of the Checkov/Trivy rows for {@code google_storage_bucket} (the Worker State backup bucket): every bucket of
 * a stack, in every profile. Checkov's value checks fail when the attribute is absent; so do these.
 */
abstract class StorageBucketRule implements PolicyRule {

    @Override
    public Set<String> resourceTypes() {
        return Set.of("google_storage_bucket");
    }

    /** A nested block: the object itself, or the first element when it is rendered as a list. */
    static JsonNode block(JsonNode parent, String name) {
        return SynthesizedResource.block(parent, name);
    }

    /** True for JSON {@code true} or the string {@code "true"} (Terraform accepts both). */
    static boolean isTrue(JsonNode node) {
        return node.isBoolean() ? node.asBoolean() : "true".equals(node.asText(null));
    }
}
