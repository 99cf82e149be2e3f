package dev.kvstores.policy.rules;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyRule;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/**
 * CKV_K8S_21: namespaced Kubernetes objects set {@code metadata.namespace}, and not to {@code default}
 * (checkov/terraform/checks/resource/kubernetes/DefaultNamespace.py). Extended to {@code helm_release.namespace}.
 */
public final class NamespaceNotDefault implements PolicyRule {
    private static final Set<String> TYPES = Set.of(
            "kubernetes_secret", "kubernetes_secret_v1", "kubernetes_service", "kubernetes_service_v1",
            "kubernetes_stateful_set", "kubernetes_stateful_set_v1", "kubernetes_deployment",
            "kubernetes_deployment_v1", "kubernetes_pod", "kubernetes_pod_v1", "kubernetes_config_map",
            "kubernetes_config_map_v1", "kubernetes_service_account", "kubernetes_service_account_v1",
            "kubernetes_role_binding", "kubernetes_role_binding_v1", "kubernetes_job", "kubernetes_job_v1",
            "kubernetes_cron_job", "kubernetes_cron_job_v1", "kubernetes_daemonset", "kubernetes_daemon_set_v1",
            "kubernetes_ingress", "kubernetes_ingress_v1", "kubernetes_network_policy",
            "kubernetes_network_policy_v1", "kubernetes_pod_disruption_budget_v1", "helm_release");

    @Override public String id() { return "CKV_K8S_21"; }
    @Override public String source() { return "Checkov CKV_K8S_21 (kubernetes/DefaultNamespace.py), plus helm_release"; }
    @Override public String description() { return "metadata.namespace is set and is not 'default'"; }
    @Override public Set<String> resourceTypes() { return TYPES; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        String namespace = "helm_release".equals(resource.type())
                ? resource.text("namespace")
                : KubernetesRule.block(resource.body(), "metadata").path("namespace").asText(null);
        if (namespace == null || namespace.isBlank()) {
            return Evaluation.nonCompliant("namespace is not set (objects land in 'default')");
        }
        return Evaluation.check(!"default".equals(namespace), "namespace is 'default'");
    }
}
