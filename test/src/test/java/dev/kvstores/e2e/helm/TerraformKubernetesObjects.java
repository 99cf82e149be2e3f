package dev.kvstores.e2e.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Kubernetes API objects a stack's {@code cdk.tf.json} declares: every {@code kubernetes_manifest}'s manifest as
 * written, and every typed {@code kubernetes_*_v1} resource converted the way the Terraform provider sends it
 * (snake_case to camelCase, the provider's singular block names to the API's plural list fields, its one-element
 * block lists to objects, numbers it takes as strings to integers, a Secret's plain {@code data} to
 * {@code stringData}). A resource type without a conversion is an error, so a new type cannot slip past the
 * schema test.
 */
final class TerraformKubernetesObjects {

    /** A converted object and the Terraform address it comes from. */
    record Declared(String address, JsonNode object) {
    }

    private static final Map<String, String[]> KINDS = Map.ofEntries(
            Map.entry("kubernetes_namespace_v1", new String[] {"v1", "Namespace"}),
            Map.entry("kubernetes_secret_v1", new String[] {"v1", "Secret"}),
            Map.entry("kubernetes_config_map_v1", new String[] {"v1", "ConfigMap"}),
            Map.entry("kubernetes_service_v1", new String[] {"v1", "Service"}),
            Map.entry("kubernetes_service_account_v1", new String[] {"v1", "ServiceAccount"}),
            Map.entry("kubernetes_stateful_set_v1", new String[] {"apps/v1", "StatefulSet"}),
            Map.entry("kubernetes_deployment_v1", new String[] {"apps/v1", "Deployment"}),
            Map.entry("kubernetes_cron_job_v1", new String[] {"batch/v1", "CronJob"}),
            Map.entry("kubernetes_job_v1", new String[] {"batch/v1", "Job"}),
            Map.entry("kubernetes_network_policy_v1", new String[] {"networking.k8s.io/v1", "NetworkPolicy"}),
            Map.entry("kubernetes_pod_disruption_budget_v1", new String[] {"policy/v1", "PodDisruptionBudget"}),
            Map.entry("kubernetes_role_v1", new String[] {"rbac.authorization.k8s.io/v1", "Role"}),
            Map.entry("kubernetes_role_binding_v1", new String[] {"rbac.authorization.k8s.io/v1", "RoleBinding"}));

    /** Terraform meta-arguments and provider-only attributes, not part of the object. */
    private static final Set<String> NOT_SENT = Set.of("//", "depends_on", "provider", "lifecycle", "count",
            "for_each", "timeouts", "wait_for_rollout", "wait_for_load_balancer", "wait_for_default_service_account",
            "wait_for_service_account_token", "wait_for_completion");

    /** Provider block names whose API field is a plural list (only when the value is a block list). */
    private static final Map<String, String> BLOCKS = Map.ofEntries(
            Map.entry("container", "containers"), Map.entry("init_container", "initContainers"),
            Map.entry("volume", "volumes"), Map.entry("volume_mount", "volumeMounts"), Map.entry("port", "ports"),
            Map.entry("volume_claim_template", "volumeClaimTemplates"), Map.entry("toleration", "tolerations"),
            Map.entry("topology_spread_constraint", "topologySpreadConstraints"),
            Map.entry("subject", "subjects"), Map.entry("rule", "rules"));

    /** Provider attribute names whose API name is not their camelCase. */
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("timezone", "timeZone"), Map.entry("cluster_ip", "clusterIP"),
            Map.entry("cluster_ips", "clusterIPs"), Map.entry("external_ips", "externalIPs"),
            Map.entry("load_balancer_ip", "loadBalancerIP"), Map.entry("host_ipc", "hostIPC"),
            Map.entry("host_pid", "hostPID"));

    /** API fields that are lists of objects (any other one-element list of an object is a single block). */
    private static final Set<String> LISTS = Set.of("containers", "initContainers", "volumes", "volumeMounts",
            "ports", "env", "envFrom", "volumeClaimTemplates", "tolerations", "topologySpreadConstraints",
            "imagePullSecrets", "hostAliases", "matchExpressions", "items", "ingress", "egress", "from", "to",
            "requiredDuringSchedulingIgnoredDuringExecution", "preferredDuringSchedulingIgnoredDuringExecution",
            "subjects", "rules");

    /** Integer fields the provider declares as strings. */
    private static final Set<String> INTEGERS = Set.of("runAsUser", "runAsGroup", "fsGroup", "replicas",
            "ttlSecondsAfterFinished", "port", "targetPort", "containerPort", "nodePort", "activeDeadlineSeconds",
            "backoffLimit", "startingDeadlineSeconds", "successfulJobsHistoryLimit", "failedJobsHistoryLimit",
            "initialDelaySeconds", "periodSeconds", "timeoutSeconds", "failureThreshold", "successThreshold",
            "terminationGracePeriodSeconds", "minReadySeconds", "revisionHistoryLimit", "maxSkew", "weight",
            "minAvailable", "maxUnavailable");

    /** Octal file modes the provider takes as strings ("0440"). */
    private static final Set<String> MODES = Set.of("defaultMode", "mode");

    private TerraformKubernetesObjects() {
    }

    /** Every Kubernetes object of {@code cdkTfJson}: manifests as written, typed resources converted. */
    static List<Declared> of(JsonNode cdkTfJson) {
        List<Declared> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> types = cdkTfJson.path("resource").fields();
        while (types.hasNext()) {
            Map.Entry<String, JsonNode> type = types.next();
            if (!type.getKey().startsWith("kubernetes_")) {
                continue;
            }
            type.getValue().fields().forEachRemaining(resource -> {
                String address = type.getKey() + "." + resource.getKey();
                if ("kubernetes_manifest".equals(type.getKey())) {
                    out.add(new Declared(address, resource.getValue().path("manifest")));
                } else {
                    out.add(new Declared(address, convert(type.getKey(), resource.getValue())));
                }
            });
        }
        return out;
    }

    /** The API object of one typed resource. */
    static ObjectNode convert(String type, JsonNode body) {
        String[] kind = KINDS.get(type);
        if (kind == null) {
            throw new IllegalArgumentException("no conversion of " + type + " to its Kubernetes object: add it to"
                    + " TerraformKubernetesObjects.KINDS so that the schema test covers it");
        }
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.put("apiVersion", kind[0]);
        object.put("kind", kind[1]);
        body.fields().forEachRemaining(field -> {
            if (!NOT_SENT.contains(field.getKey())) {
                String name = name(field.getKey(), field.getValue());
                object.set(name, value(name, field.getValue(), type + "." + field.getKey()));
            }
        });
        if ("Secret".equals(kind[1]) && object.has("data")) {
            // The provider base64-encodes data itself: the plain values are the API's stringData.
            object.set("stringData", object.remove("data"));
            if (object.has("binaryData")) {
                object.set("data", object.remove("binaryData"));
            }
        }
        return object;
    }

    private static JsonNode value(String key, JsonNode value, String where) {
        if (value.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            boolean map = Set.of("labels", "annotations", "matchLabels", "data", "stringData", "binaryData",
                    "selector", "nodeSelector", "limits", "requests").contains(key) && !hasBlocks(value);
            value.fields().forEachRemaining(f -> {
                String name = map ? f.getKey() : name(f.getKey(), f.getValue());
                out.set(name, map ? f.getValue() : value(name, f.getValue(), where + "." + f.getKey()));
            });
            return out;
        }
        if (value.isArray()) {
            boolean objects = value.size() > 0 && value.get(0).isObject();
            if (objects && !LISTS.contains(key)) {
                if (value.size() != 1) {
                    throw new IllegalArgumentException(where + ": " + value.size() + " blocks for the single field "
                            + key);
                }
                return value(key, value.get(0), where);
            }
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            value.forEach(v -> out.add(value(key, v, where)));
            return out;
        }
        if (value.isTextual() && INTEGERS.contains(key) && value.asText().matches("\\d+")) {
            return JsonNodeFactory.instance.numberNode(Long.parseLong(value.asText()));
        }
        if (value.isTextual() && MODES.contains(key) && value.asText().matches("0?[0-7]+")) {
            return JsonNodeFactory.instance.numberNode(Integer.parseInt(value.asText(), 8));
        }
        return value;
    }

    /** A selector is a map of labels unless the provider wrote it as blocks (match_labels, match_expressions). */
    private static boolean hasBlocks(JsonNode value) {
        return value.has("match_labels") || value.has("match_expressions");
    }

    /** The API name of a provider field; the plural renames apply to blocks only (a port block, not a port number). */
    private static String name(String key, JsonNode value) {
        boolean block = value.isArray() && value.size() > 0 && value.get(0).isObject();
        if (block && BLOCKS.containsKey(key)) {
            return BLOCKS.get(key);
        }
        if (FIELDS.containsKey(key)) {
            return FIELDS.get(key);
        }
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : key.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
