package dev.kvstores.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyRule;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/**
 * CKV_K8S_35: no container or init container reads a Secret through an environment variable
 * ({@code env.value_from.secret_key_ref} or {@code env_from.secret_ref}); mount it as a file. Semantics of Checkov's
 * Kubernetes framework check ({@code checkov/kubernetes/checks/resource/k8s/Secrets.py}: every {@code env} entry of
 * every container and init container of every pod template, jobs and cron jobs included). Checkov's Terraform
 * framework check ({@code checkov/terraform/checks/resource/kubernetes/Secrets.py}) covers pods and deployments only
 * and reads the first {@code env} block of each container; this rule is stricter.
 */
public final class SecretsNotInEnvironment implements PolicyRule {
    @Override public String id() { return "CKV_K8S_35"; }
    @Override public String source() { return "Checkov CKV_K8S_35 (checkov/kubernetes/checks/resource/k8s/Secrets.py), on every pod template"; }
    @Override public String description() { return "containers mount secrets as files, not environment variables"; }

    @Override
    public Set<String> resourceTypes() {
        return KubernetesRule.POD_TEMPLATE_TYPES;
    }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        JsonNode podSpec = KubernetesRule.podSpec(resource);
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
