package dev.kvstores.policy.rules.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.policy.PolicyRule;
import dev.kvstores.policy.SynthesizedResource;
import dev.kvstores.naming.AwsTags;

/**
 * Attribute helpers shared by the AWS rules. Values are read as Terraform JSON holds them: booleans may be
 * JSON booleans or the strings {@code "true"}/{@code "false"} (the bindings type some as strings).
 */
public abstract class AwsRule implements PolicyRule {

    static final String REPLICATION_GROUP = "aws_elasticache_replication_group";
    static final String CACHE_CLUSTER = "aws_elasticache_cluster";
    static final String ELASTICACHE_SECURITY_GROUP = "aws_elasticache_security_group";
    static final String MEMORYDB_CLUSTER = "aws_memorydb_cluster";
    /** Tag the AWS constructs put on every resource: {@code cache} or {@code worker-state}. */
    static final String ROLE_TAG = AwsTags.ROLE;

    static JsonNode attribute(SynthesizedResource r, String name) {
        JsonNode node = r.body().get(name);
        return node == null || node.isNull() ? null : node;
    }

    static boolean present(SynthesizedResource r, String name) {
        JsonNode node = attribute(r, name);
        if (node == null) {
            return false;
        }
        if (node.isArray() || node.isObject()) {
            return !node.isEmpty();
        }
        return !node.asText().isBlank();
    }

    /** True for JSON {@code true} and the string {@code "true"} (any case). */
    static boolean isTrue(SynthesizedResource r, String name) {
        JsonNode node = attribute(r, name);
        return node != null && (node.isBoolean() ? node.asBoolean() : "true".equalsIgnoreCase(node.asText()));
    }

    /** True for JSON {@code false} and the string {@code "false"} (any case). */
    static boolean isFalse(SynthesizedResource r, String name) {
        JsonNode node = attribute(r, name);
        return node != null && (node.isBoolean() ? !node.asBoolean() : "false".equalsIgnoreCase(node.asText()));
    }

    /** A literal whole number, or {@code null} when absent or a Terraform expression. */
    static Integer number(SynthesizedResource r, String name) {
        JsonNode node = attribute(r, name);
        if (node == null) {
            return null;
        }
        if (node.isNumber()) {
            return node.asInt();
        }
        try {
            return Integer.valueOf(node.asText().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String text(SynthesizedResource r, String name) {
        return r.text(name);
    }

    /** The value of the {@value #ROLE_TAG} tag, or {@code null}. */
    static String role(SynthesizedResource r) {
        JsonNode tags = attribute(r, "tags");
        JsonNode role = tags == null ? null : tags.get(ROLE_TAG);
        return role == null ? null : role.asText();
    }

    /** How an absent or non-literal attribute shows in a finding. */
    static String shown(SynthesizedResource r, String name) {
        JsonNode node = attribute(r, name);
        return name + " is " + (node == null ? "absent" : node.toString());
    }

    @Override
    public String toString() {
        return id();
    }
}
