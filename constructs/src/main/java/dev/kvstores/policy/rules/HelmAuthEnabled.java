package dev.kvstores.policy.rules;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;

/**
 * KVS-HELM-AUTH: authentication on, with the password taken from an existing Secret and no password literal in
 * the values ({@code auth.*} for bitnami/redis, {@code usePassword}/{@code existingSecret} for redis-cluster).
 */
public final class HelmAuthEnabled extends HelmReleaseRule {
    @Override public String id() { return "KVS-HELM-AUTH"; }
    @Override public String source() { return "vendor guide, Security: \"Auth: require passwords or ACL users\""; }
    @Override public String description() { return "auth on, password from an existing Secret, no literal password"; }

    @Override
    Evaluation evaluate(SynthesizedResource resource, HelmValues values, PolicyContext context) {
        boolean cluster = values.isRedisCluster();
        String enabledKey = cluster ? "usePassword" : "auth.enabled";
        String secretKey = cluster ? "existingSecret" : "auth.existingSecret";
        String passwordKey = cluster ? "password" : "auth.password";
        if (!values.isTrue(enabledKey)) {
            return Evaluation.nonCompliant(enabledKey + " is " + values.text(enabledKey));
        }
        String secret = values.text(secretKey);
        if (secret == null || secret.isBlank()) {
            return Evaluation.nonCompliant(secretKey + " is not set; the chart would make or need a literal password");
        }
        String literal = values.text(passwordKey);
        if (literal != null && !literal.isBlank()) {
            return Evaluation.nonCompliant(passwordKey + " holds a literal password");
        }
        if (!cluster && values.get("auth.acl.users") instanceof java.util.List<?> users) {
            for (Object user : users) {
                if (user instanceof java.util.Map<?, ?> u && u.get("password") != null) {
                    return Evaluation.nonCompliant("auth.acl.users[" + u.get("username") + "].password is a literal");
                }
            }
        }
        return Evaluation.compliant();
    }
}
