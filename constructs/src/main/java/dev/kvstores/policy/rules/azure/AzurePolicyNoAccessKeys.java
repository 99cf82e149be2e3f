package dev.kvstores.policy.rules.azure;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/**
 * Azure Policy 3827af20-8f80-4b15-8300-6db0873ec901 "... should not use access keys for authentication":
 * {@code disableAccessKeyAuthentication} must not be false. Classic: {@code access_keys_authentication_enabled}
 * must be false (absent fails: the provider default is true). Managed Redis (applied too):
 * {@code default_database.access_keys_authentication_enabled} must not be true (absent passes: default false).
 */
public final class AzurePolicyNoAccessKeys extends AzureRedisRule {
    @Override public String id() { return "3827af20-8f80-4b15-8300-6db0873ec901"; }
    @Override public String source() { return "Azure Policy built-in 3827af20-8f80-4b15-8300-6db0873ec901 (Cache); applied to azurerm_managed_redis too"; }
    @Override public String description() { return "access-key authentication is off (Entra ID only)"; }
    @Override public Set<String> resourceTypes() { return Set.of(CLASSIC, MANAGED); }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        if (MANAGED.equals(resource.type())) {
            return Evaluation.check(!isTrue(block(resource.body(), "default_database"), "access_keys_authentication_enabled"),
                    "default_database.access_keys_authentication_enabled is true");
        }
        return Evaluation.check(isFalse(resource.body(), "access_keys_authentication_enabled"),
                "access_keys_authentication_enabled is " + text(resource.body(), "access_keys_authentication_enabled"));
    }
}
