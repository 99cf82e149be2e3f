package dev.kvstores.policy.rules;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * KVS-HELM-AUTH: authentication on; every password ({@code auth.password} and each ACL user's, or
 * {@code password} for redis-cluster) passed as a {@code set_sensitive} value holding a Terraform expression (a
 * generated password or a Secret's data, so a change upgrades the release); no password literal in the values or
 * in {@code set_sensitive}; no ACL user without a password (the chart writes such a user as {@code nopass}).
 */
public final class HelmAuthEnabled extends HelmReleaseRule {
    @Override public String id() { return "KVS-HELM-AUTH"; }
    @Override public String source() { return "vendor guide, Security: \"Auth: require passwords or ACL users\""; }
    @Override public String description() {
        return "auth on, every password a sensitive value from Terraform, no literal password, no passwordless user";
    }

    @Override
    Evaluation evaluate(SynthesizedResource resource, HelmValues values, PolicyContext context) {
        boolean cluster = values.isRedisCluster();
        String enabledKey = cluster ? "usePassword" : "auth.enabled";
        String passwordKey = cluster ? "password" : "auth.password";
        if (!values.isTrue(enabledKey)) {
            return Evaluation.nonCompliant(enabledKey + " is " + values.text(enabledKey));
        }
        String literal = values.text(passwordKey);
        if (literal != null && !literal.isBlank()) {
            return Evaluation.nonCompliant(passwordKey + " holds a literal password in the values");
        }
        Map<String, String> sensitive = new HashMap<>();
        resource.body().path("set_sensitive").forEach(s -> sensitive.put(s.path("name").asText(),
                s.path("value").asText()));
        List<String> problems = new ArrayList<>();
        requireExpression(sensitive, passwordKey, problems);
        if (!cluster && values.get("auth.acl.users") instanceof List<?> users) {
            for (int i = 0; i < users.size(); i++) {
                if (users.get(i) instanceof Map<?, ?> u && u.get("password") != null) {
                    problems.add("auth.acl.users[" + u.get("username") + "].password is a literal");
                } else {
                    requireExpression(sensitive, "auth.acl.users[" + i + "].password", problems);
                }
            }
        }
        return problems.isEmpty() ? Evaluation.compliant() : Evaluation.nonCompliant(String.join("; ", problems));
    }

    private static void requireExpression(Map<String, String> sensitive, String name, List<String> problems) {
        String value = sensitive.get(name);
        if (value == null) {
            problems.add("set_sensitive has no " + name + " (the chart would generate it or write a user without"
                    + " a password)");
        } else if (!value.startsWith("${") || !value.endsWith("}")) {
            problems.add("set_sensitive " + name + " is a literal, not a Terraform expression");
        }
    }
}
