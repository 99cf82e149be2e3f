package dev.kvstores.e2e.helm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.exemption.PolicyExemption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Policy rules over the Kubernetes objects a chart renders from our values (not over the values): what the
 * cluster will actually run. Each method returns the problems it found, each naming the object and the rule ID;
 * an empty list is compliant.
 *
 * <ul>
 *   <li>{@code KVS-RENDERED-NETPOL-FROM}: every NetworkPolicy ingress rule names its sources (a rule without
 *       {@code from} admits every pod and address on its ports; Trivy KUBE-0001's intent);</li>
 *   <li>{@code KVS-RENDERED-LIMITS}: every container and init container has CPU and memory requests and limits;</li>
 *   <li>{@code KVS-RENDERED-PSS-RESTRICTED}: every pod passes Pod Security Standards {@code restricted}
 *       (non-root, no privilege escalation, all capabilities dropped, RuntimeDefault/Localhost seccomp, no host
 *       namespaces, ports or paths, only the volume types the profile allows);</li>
 *   <li>{@code KVS-RENDERED-TOKEN}: where a pod mounts its service-account token, only the containers that call
 *       the Kubernetes API ({@code kubectl-shared}) see it;</li>
 *   <li>{@code CKV_K8S_35}: no container or init container of any pod template (Pod, Deployment, StatefulSet,
 *       DaemonSet, ReplicaSet, Job, CronJob) reads a Secret through {@code env[].valueFrom.secretKeyRef} or
 *       {@code envFrom[].secretRef} (Checkov's {@code checkov/kubernetes/checks/resource/k8s/Secrets.py});</li>
 *   <li>{@code CKV_K8S_8/9}: every container (not init containers) of a pod template other than a Job or CronJob
 *       has a liveness and a readiness probe, and {@code CKV_K8S_14}: every image is fixed (a digest, or a tag other
 *       than {@code latest}), as Checkov's Kubernetes framework checks them.</li>
 * </ul>
 * {@link #EXEMPTIONS} lists the findings the pinned charts cannot avoid, each with its reason (also in
 * docs/policy-rules.md, "Scanner parity").
 */
final class RenderedObjectRules {

    /**
     * Written exemptions: rule ID, text the finding contains (the object and container), reason. The charts render
     * these containers without a way to add probes (no value for them in redis 23.1.1 / redis-cluster 13.0.5).
     */
    static final List<PolicyExemption> EXEMPTIONS = List.of(
            new PolicyExemption("CKV_K8S_8", "container kubectl-shared ", "bitnami/redis 23.1.1 renders the"
                    + " Sentinel pods' kubectl-shared sidecar (it moves the master label) with no probe and no value"
                    + " to add one; it has no port to probe and the pod's readiness comes from redis and sentinel"),
            new PolicyExemption("CKV_K8S_9", "container kubectl-shared ", "bitnami/redis 23.1.1 renders the"
                    + " kubectl-shared sidecar with no probe and no value to add one (see CKV_K8S_8)"),
            new PolicyExemption("CKV_K8S_8", "StatefulSet/redis-state container metrics ", "bitnami/redis-cluster"
                    + " 13.0.5 renders the redis_exporter sidecar without probes and has no metrics.*Probe value;"
                    + " Prometheus' up metric and the StoreDown alert watch the exporter instead"),
            new PolicyExemption("CKV_K8S_9", "StatefulSet/redis-state container metrics ", "bitnami/redis-cluster"
                    + " 13.0.5 renders the redis_exporter sidecar without probes (see CKV_K8S_8)"));

    /** {@code problems} without those an exemption covers (same rule ID, contains the exemption's text). */
    static List<String> withoutExempted(List<String> problems) {
        return problems.stream().filter(p -> EXEMPTIONS.stream().noneMatch(e -> p.startsWith(e.ruleId() + ": ")
                && p.contains(e.addressContains()))).toList();
    }

    static final String TOKEN_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
    private static final Set<String> API_CLIENTS = Set.of("kubectl-shared");
    private static final Set<String> RESTRICTED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");

    private RenderedObjectRules() {
    }

    static List<String> networkPolicyIngressNamesSources(List<JsonNode> objects) {
        List<String> problems = new ArrayList<>();
        for (JsonNode policy : kind(objects, "NetworkPolicy")) {
            int i = 0;
            for (JsonNode rule : policy.path("spec").path("ingress")) {
                if (!rule.path("from").isArray() || rule.path("from").isEmpty()) {
                    problems.add("KVS-RENDERED-NETPOL-FROM: NetworkPolicy " + name(policy) + " ingress[" + i
                            + "] has no 'from' (ports " + rule.path("ports") + "): every pod may connect");
                }
                for (JsonNode peer : rule.path("from")) {
                    if (peer.has("namespaceSelector") && peer.path("namespaceSelector").path("matchLabels").isEmpty()
                            && peer.path("namespaceSelector").path("matchExpressions").isEmpty()) {
                        problems.add("KVS-RENDERED-NETPOL-FROM: NetworkPolicy " + name(policy) + " ingress[" + i
                                + "] selects every namespace");
                    }
                }
                i++;
            }
        }
        return problems;
    }

    static List<String> containersHaveLimits(List<JsonNode> objects) {
        List<String> problems = new ArrayList<>();
        for (JsonNode workload : objects) {
            for (JsonNode container : HelmTemplate.Rendered.podContainers(workload)) {
                for (String bound : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        if (container.path("resources").path(bound).path(resource).asText("").isEmpty()) {
                            problems.add("KVS-RENDERED-LIMITS: " + name(workload) + " container "
                                    + container.path("name").asText() + " has no " + bound + "." + resource);
                        }
                    }
                }
            }
        }
        return problems;
    }

    static List<String> podsAreRestricted(List<JsonNode> objects) {
        List<String> problems = new ArrayList<>();
        for (JsonNode workload : objects) {
            JsonNode pod = HelmTemplate.Rendered.podSpecOf(workload);
            if (pod == null) {
                continue;
            }
            String where = "KVS-RENDERED-PSS-RESTRICTED: " + name(workload);
            for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
                if (pod.path(host).asBoolean(false)) {
                    problems.add(where + " sets " + host);
                }
            }
            for (JsonNode volume : pod.path("volumes")) {
                List<String> types = new ArrayList<>();
                volume.fieldNames().forEachRemaining(types::add);
                types.remove("name");
                if (types.size() != 1 || !RESTRICTED_VOLUMES.contains(types.get(0))) {
                    problems.add(where + " volume " + volume.path("name").asText() + " is of type " + types);
                }
            }
            JsonNode podContext = pod.path("securityContext");
            for (JsonNode container : HelmTemplate.Rendered.podContainers(workload)) {
                String c = where + " container " + container.path("name").asText();
                JsonNode context = container.path("securityContext");
                if (!context.path("runAsNonRoot").asBoolean(podContext.path("runAsNonRoot").asBoolean(false))) {
                    problems.add(c + " may run as root (runAsNonRoot not true)");
                }
                if (context.path("runAsUser").asInt(podContext.path("runAsUser").asInt(-1)) == 0) {
                    problems.add(c + " runs as user 0");
                }
                if (context.path("allowPrivilegeEscalation").asBoolean(true)) {
                    problems.add(c + " allows privilege escalation");
                }
                if (context.path("privileged").asBoolean(false)) {
                    problems.add(c + " is privileged");
                }
                if (!context.path("capabilities").path("drop").toString().contains("\"ALL\"")) {
                    problems.add(c + " does not drop ALL capabilities");
                }
                JsonNode add = context.path("capabilities").path("add");
                if (add.isArray() && !(add.isEmpty() || add.size() == 1 && "NET_BIND_SERVICE".equals(add.get(0).asText()))) {
                    problems.add(c + " adds capabilities " + add);
                }
                String seccomp = context.path("seccompProfile").path("type")
                        .asText(podContext.path("seccompProfile").path("type").asText(""));
                if (!Set.of("RuntimeDefault", "Localhost").contains(seccomp)) {
                    problems.add(c + " has seccompProfile '" + seccomp + "'");
                }
                for (JsonNode port : container.path("ports")) {
                    if (port.has("hostPort") && port.path("hostPort").asInt() != 0) {
                        problems.add(c + " uses hostPort " + port.path("hostPort"));
                    }
                }
            }
        }
        return problems;
    }

    static List<String> tokenOnlyWhereTheApiIsCalled(List<JsonNode> objects) {
        List<String> problems = new ArrayList<>();
        for (JsonNode workload : objects) {
            JsonNode pod = HelmTemplate.Rendered.podSpecOf(workload);
            if (pod == null || !pod.path("automountServiceAccountToken").asBoolean(true)) {
                continue;
            }
            for (JsonNode container : HelmTemplate.Rendered.podContainers(workload)) {
                String name = container.path("name").asText();
                boolean hidden = false;
                for (JsonNode mount : container.path("volumeMounts")) {
                    hidden |= TOKEN_PATH.equals(mount.path("mountPath").asText().replaceAll("/$", ""));
                }
                if (!hidden && !API_CLIENTS.contains(name)) {
                    problems.add("KVS-RENDERED-TOKEN: " + name(workload) + " container " + name
                            + " gets the service-account token but does not call the Kubernetes API");
                }
            }
        }
        return problems;
    }

    static List<String> secretsNotInEnvironment(List<JsonNode> objects) {
        List<String> problems = new ArrayList<>();
        for (JsonNode workload : objects) {
            for (JsonNode container : HelmTemplate.Rendered.podContainers(workload)) {
                String c = "CKV_K8S_35: " + name(workload) + " container " + container.path("name").asText();
                for (JsonNode env : container.path("env")) {
                    if (env.path("valueFrom").has("secretKeyRef")) {
                        problems.add(c + " reads Secret " + env.at("/valueFrom/secretKeyRef/name").asText()
                                + " into env " + env.path("name").asText() + ": mount it as a file");
                    }
                }
                for (JsonNode envFrom : container.path("envFrom")) {
                    if (envFrom.has("secretRef")) {
                        problems.add(c + " loads Secret " + envFrom.at("/secretRef/name").asText() + " with envFrom");
                    }
                }
            }
        }
        return problems;
    }

    static List<String> probesAndFixedImages(List<JsonNode> objects) {
        List<String> problems = new ArrayList<>();
        for (JsonNode workload : objects) {
            JsonNode pod = HelmTemplate.Rendered.podSpecOf(workload);
            if (pod == null) {
                continue;
            }
            boolean job = Set.of("Job", "CronJob").contains(workload.path("kind").asText());
            for (JsonNode container : pod.path("containers")) {
                String c = name(workload) + " container " + container.path("name").asText();
                if (!job && container.path("livenessProbe").isEmpty()) {
                    problems.add("CKV_K8S_8: " + c + " has no livenessProbe");
                }
                if (!job && container.path("readinessProbe").isEmpty()) {
                    problems.add("CKV_K8S_9: " + c + " has no readinessProbe");
                }
            }
            for (JsonNode container : HelmTemplate.Rendered.podContainers(workload)) {
                String image = container.path("image").asText("");
                String last = image.substring(image.lastIndexOf('/') + 1);
                int colon = last.indexOf(':');
                boolean fixed = image.contains("@") || colon >= 0 && !last.substring(colon + 1).isEmpty()
                        && !"latest".equals(last.substring(colon + 1));
                if (!fixed) {
                    problems.add("CKV_K8S_14: " + name(workload) + " container " + container.path("name").asText()
                            + " image '" + image + "' is not fixed");
                }
            }
        }
        return problems;
    }

    private static List<JsonNode> kind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    private static String name(JsonNode object) {
        return object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
    }
}
