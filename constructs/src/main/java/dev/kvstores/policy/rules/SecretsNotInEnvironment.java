package dev.kvstores.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyRule;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/**
 * CKV_K8S_35: containers do not read Secrets through environment variables ({@code env.value_from.secret_key_ref}
 * or {@code env_from.secret_ref}); mount them as files (checkov kubernetes/Secrets.py). Applied to pods and
 * deployments as Checkov does, and to stateful sets, which this library emits.
 */
public final class SecretsNotInEnvironment implements PolicyRule {
    @Override public String id() { return "CKV_K8S_35"; }
    @Override public String source() { return "Checkov CKV_K8S_35 (kubernetes/Secrets.py), extended to stateful sets"; }
    @Override public String description() { return "containers mount secrets as files, not environment variables"; }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("kubernetes_pod", "kubernetes_pod_v1", "kubernetes_deployment", "kubernetes_deployment_v1",
                "kubernetes_stateful_set", "kubernetes_stateful_set_v1");
    }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        JsonNode spec = KubernetesRule.block(resource.body(), "spec");
        JsonNode podSpec = resource.type().startsWith("kubernetes_pod") ? spec
                : KubernetesRule.block(KubernetesRule.block(spec, "template"), "spec");
        for (JsonNode container : KubernetesRule.containers(podSpec)) {
            for (JsonNode env : KubernetesRule.blocks(container, "env")) {
                if (!KubernetesRule.block(KubernetesRule.block(env, "value_from"), "secret_key_ref").isMissingNode()) {
                    return Evaluation.nonCompliant("container " + container.path("name").asText()
                            + " reads a secret into env " + env.path("name").asText());
                }
            }
            for (JsonNode envFrom : KubernetesRule.blocks(container, "env_from")) {
                if (!KubernetesRule.block(envFrom, "secret_ref").isMissingNode()) {
                    return Evaluation.nonCompliant("container " + container.path("name").asText()
                            + " loads a secret with env_from");
                }
            }
        }
        return Evaluation.compliant();
    }
}
