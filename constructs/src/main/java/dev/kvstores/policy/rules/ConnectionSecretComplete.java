package dev.kvstores.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyRule;
import dev.kvstores.policy.SynthesizedResource;
import dev.kvstores.role.StoreRole;
import java.util.Set;

/**
 * KVS-CONTRACT-SECRET: the connection Secret (labelled {@code app.kubernetes.io/managed-by: kvstores}) carries
 * both URL keys, the cache URL has no database number and the worker URL scheme matches TLS.
 */
public final class ConnectionSecretComplete implements PolicyRule {
    @Override public String id() { return "KVS-CONTRACT-SECRET"; }
    @Override public String source() { return "vendor guide, Kubernetes Secret Configuration"; }
    @Override public String description() { return "connection Secret has redisConnBaseUrlKey and redisWorkercacheConnUrlKey, rediss URLs"; }
    @Override public Set<String> resourceTypes() { return Set.of("kubernetes_secret_v1"); }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        JsonNode labels = KubernetesRule.block(resource.body(), "metadata").path("labels");
        if (!"kvstores".equals(labels.path("app.kubernetes.io/managed-by").asText())) {
            return Evaluation.notApplicable();
        }
        JsonNode data = resource.body().path("data");
        for (StoreRole role : StoreRole.values()) {
            String url = data.path(role.secretKey()).asText("");
            if (url.isEmpty()) {
                return Evaluation.nonCompliant("missing key " + role.secretKey());
            }
            if (!url.startsWith("rediss://")) {
                return Evaluation.nonCompliant(role.secretKey() + " does not use rediss:// (TLS)");
            }
        }
        String cacheUrl = data.path(StoreRole.CACHE.secretKey()).asText();
        return Evaluation.check(!cacheUrl.matches(".*:\\d+/\\d+$"), StoreRole.CACHE.secretKey()
                + " ends with a database number; the platform appends its own");
    }
}
