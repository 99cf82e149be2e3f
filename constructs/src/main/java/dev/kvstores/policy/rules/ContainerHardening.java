package dev.kvstores.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyRule;
import dev.kvstores.policy.SynthesizedResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * KVS-K8S-HARDENING: every container of a pod, deployment or stateful set has liveness and readiness probes
 * (CKV_K8S_8/9), CPU and memory limits (CKV_K8S_11/13), a pinned image (CKV_K8S_14), is not privileged
 * (CKV_K8S_16), has {@code allow_privilege_escalation = false} (CKV_K8S_20) and runs as non-root (CKV_K8S_23);
 * the pod shares no host namespace (CKV_K8S_17/18/19). Checkov applies these to pods and deployments only;
 * this rule also covers stateful sets, which this library writes for KVRocks.
 */
public final class ContainerHardening implements PolicyRule {
    @Override public String id() { return "KVS-K8S-HARDENING"; }
    @Override public String source() { return "Checkov CKV_K8S_8/9/11/13/14/16/17/18/19/20/23, extended to stateful sets"; }
    @Override public String description() { return "containers: probes, limits, pinned image, unprivileged, non-root; no host namespaces"; }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("kubernetes_pod", "kubernetes_pod_v1", "kubernetes_deployment", "kubernetes_deployment_v1",
                "kubernetes_stateful_set", "kubernetes_stateful_set_v1");
    }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        JsonNode spec = KubernetesRule.block(resource.body(), "spec");
        JsonNode pod = resource.type().startsWith("kubernetes_pod") ? spec
                : KubernetesRule.block(KubernetesRule.block(spec, "template"), "spec");
        List<String> problems = new ArrayList<>();
        for (String host : List.of("host_network", "host_pid", "host_ipc")) {
            if (pod.path(host).asBoolean(false)) {
                problems.add(host + " is true");
            }
        }
        boolean podNonRoot = KubernetesRule.block(pod, "security_context").path("run_as_non_root").asBoolean(false);
        for (JsonNode c : KubernetesRule.blocks(pod, "container")) {
            String name = c.path("name").asText();
            if (KubernetesRule.block(c, "liveness_probe").isMissingNode()) {
                problems.add(name + ": no liveness_probe");
            }
            if (KubernetesRule.block(c, "readiness_probe").isMissingNode()) {
                problems.add(name + ": no readiness_probe");
            }
            JsonNode limits = KubernetesRule.block(c, "resources").path("limits");
            if (limits.path("cpu").isMissingNode() || limits.path("memory").isMissingNode()) {
                problems.add(name + ": no cpu/memory limits");
            }
            String image = c.path("image").asText("");
            String last = image.substring(image.lastIndexOf('/') + 1);
            if (!image.contains("@sha256:") && (!last.contains(":") || last.endsWith(":latest"))) {
                problems.add(name + ": image '" + image + "' is not pinned");
            }
            JsonNode security = KubernetesRule.block(c, "security_context");
            if (security.path("privileged").asBoolean(false)) {
                problems.add(name + ": privileged");
            }
            if (security.path("allow_privilege_escalation").asBoolean(true)) {
                problems.add(name + ": allow_privilege_escalation is not false");
            }
            if (!podNonRoot && !security.path("run_as_non_root").asBoolean(false)) {
                problems.add(name + ": run_as_non_root is not true");
            }
        }
        return Evaluation.check(problems.isEmpty(), String.join("; ", problems));
    }
}
