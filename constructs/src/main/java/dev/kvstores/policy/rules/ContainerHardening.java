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
 * KVS-K8S-HARDENING: Checkov's container checks as its Kubernetes framework applies them to every pod template
 * (pods, deployments, stateful sets, daemon sets, replication controllers, jobs, cron jobs; see
 * {@code docs/policy-rules.md}, "Scanner parity"):
 * <ul>
 *   <li>liveness and readiness probes on every container (CKV_K8S_8/9), except in jobs and cron jobs and on init
 *       containers, as Checkov exempts them;</li>
 *   <li>CPU and memory limits (CKV_K8S_11/13), a fixed image (a digest, or a tag other than {@code latest};
 *       CKV_K8S_14), not privileged (CKV_K8S_16), {@code allow_privilege_escalation = false} set explicitly
 *       (CKV_K8S_20), on every container and init container;</li>
 *   <li>not root (CKV_K8S_23): on every container, the effective {@code run_as_non_root} (container over pod) is
 *       true or the effective {@code run_as_user} is at least 1;</li>
 *   <li>no host network, PID or IPC namespace (CKV_K8S_17/18/19).</li>
 * </ul>
 * Checkov's Terraform framework runs these checks on {@code kubernetes_pod} and {@code kubernetes_deployment} only and
 * looks at the first container; this rule is stricter on both counts.
 */
public final class ContainerHardening implements PolicyRule {
    @Override public String id() { return "KVS-K8S-HARDENING"; }
    @Override public String source() { return "Checkov CKV_K8S_8/9/11/13/14/16/17/18/19/20/23 (checkov/kubernetes/checks/resource/k8s), on every pod template"; }
    @Override public String description() { return "containers: probes (not in jobs), limits, fixed image, unprivileged, non-root; no host namespaces"; }

    @Override
    public Set<String> resourceTypes() {
        return KubernetesRule.POD_TEMPLATE_TYPES;
    }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        JsonNode pod = KubernetesRule.podSpec(resource);
        List<String> problems = new ArrayList<>();
        for (String host : List.of("host_network", "host_pid", "host_ipc")) {
            if (isTrue(pod.path(host))) {
                problems.add(host + " is true");
            }
        }
        JsonNode podSecurity = KubernetesRule.block(pod, "security_context");
        boolean probes = !KubernetesRule.isJob(resource.type());
        for (JsonNode c : KubernetesRule.blocks(pod, "container")) {
            String name = c.path("name").asText();
            if (probes && KubernetesRule.block(c, "liveness_probe").isMissingNode()) {
                problems.add(name + ": no liveness_probe");
            }
            if (probes && KubernetesRule.block(c, "readiness_probe").isMissingNode()) {
                problems.add(name + ": no readiness_probe");
            }
            JsonNode security = KubernetesRule.block(c, "security_context");
            JsonNode nonRoot = present(security.path("run_as_non_root")) ? security.path("run_as_non_root")
                    : podSecurity.path("run_as_non_root");
            JsonNode user = present(security.path("run_as_user")) ? security.path("run_as_user")
                    : podSecurity.path("run_as_user");
            if (!isTrue(nonRoot) && uid(user) < 1) {
                problems.add(name + ": may run as root (run_as_non_root is not true and run_as_user is not 1 or more)");
            }
        }
        for (JsonNode c : KubernetesRule.containers(pod)) {
            String name = c.path("name").asText();
            JsonNode limits = KubernetesRule.block(c, "resources").path("limits");
            if (limits.path("cpu").asText("").isEmpty() || limits.path("memory").asText("").isEmpty()) {
                problems.add(name + ": no cpu/memory limits");
            }
            String image = c.path("image").asText("");
            if (!fixedImage(image)) {
                problems.add(name + ": image '" + image + "' is not fixed (no digest, and no tag or 'latest')");
            }
            JsonNode security = KubernetesRule.block(c, "security_context");
            if (isTrue(security.path("privileged"))) {
                problems.add(name + ": privileged");
            }
            if (!isFalse(security.path("allow_privilege_escalation"))) {
                problems.add(name + ": allow_privilege_escalation is not false");
            }
        }
        if (KubernetesRule.blocks(pod, "container").isEmpty()) {
            problems.add("no container");
        }
        return Evaluation.check(problems.isEmpty(), String.join("; ", problems));
    }

    /** A digest, or a tag (after the last '/') that is neither empty nor {@code latest}. */
    static boolean fixedImage(String image) {
        if (image.isBlank()) {
            return false;
        }
        if (image.contains("@")) {
            return true;
        }
        String last = image.substring(image.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        return colon >= 0 && !last.substring(colon + 1).isEmpty() && !"latest".equals(last.substring(colon + 1));
    }

    private static boolean present(JsonNode node) {
        return !node.isMissingNode() && !node.isNull();
    }

    private static boolean isTrue(JsonNode node) {
        return node.isBoolean() ? node.asBoolean() : "true".equals(node.asText(""));
    }

    private static boolean isFalse(JsonNode node) {
        return node.isBoolean() ? !node.asBoolean() : "false".equals(node.asText(""));
    }

    private static long uid(JsonNode node) {
        try {
            return node.isNumber() ? node.asLong() : Long.parseLong(node.asText("").strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
