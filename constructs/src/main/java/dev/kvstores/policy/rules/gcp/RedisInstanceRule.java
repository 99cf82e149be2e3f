package dev.kvstores.policy.rules.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.policy.PolicyRule;
import dev.kvstores.policy.SynthesizedResource;
import dev.kvstores.naming.GcpLabels;
import java.util.Set;

/** Base of the rules over {@code google_redis_instance}, with helpers for its JSON. */
abstract class RedisInstanceRule implements PolicyRule {

    /** GCP label the Memorystore stores carry with their role ({@code cache}, {@code worker-state}). */
    static final String ROLE_LABEL = GcpLabels.ROLE;

    @Override
    public Set<String> resourceTypes() {
        return Set.of("google_redis_instance");
    }

    /** A nested block: the object itself, or the first element when it is rendered as a list. */
    static JsonNode block(JsonNode parent, String name) {
        return SynthesizedResource.block(parent, name);
    }

    /** True for JSON {@code true} or the string {@code "true"} (Terraform accepts both). */
    static boolean isTrue(JsonNode node) {
        return node.isBoolean() ? node.asBoolean() : "true".equals(node.asText(null));
    }

    /** The role label, or {@code null} for instances this library did not create. */
    static String role(SynthesizedResource resource) {
        JsonNode role = resource.body().path("labels").path(ROLE_LABEL);
        return role.isMissingNode() || role.isNull() ? null : role.asText();
    }
}
