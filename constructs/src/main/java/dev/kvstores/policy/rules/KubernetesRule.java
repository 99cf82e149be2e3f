package dev.kvstores.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.policy.SynthesizedResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Helpers for rules over {@code kubernetes_*} resources as the provider's JSON nests them (blocks are lists). */
final class KubernetesRule {

    /**
     * Every provider resource type that carries a pod spec: pods, deployments, stateful sets, daemon sets, replication
     * controllers, jobs and cron jobs (legacy and {@code _v1} names). The Kubernetes framework of Checkov runs its
     * container checks on the same kinds (Pod, Deployment, StatefulSet, DaemonSet, ReplicationController, Job,
     * CronJob).
     */
    static final Set<String> POD_TEMPLATE_TYPES = Set.of("kubernetes_pod", "kubernetes_pod_v1",
            "kubernetes_deployment", "kubernetes_deployment_v1", "kubernetes_stateful_set",
            "kubernetes_stateful_set_v1", "kubernetes_daemonset", "kubernetes_daemon_set_v1",
            "kubernetes_replication_controller", "kubernetes_replication_controller_v1", "kubernetes_job",
            "kubernetes_job_v1", "kubernetes_cron_job", "kubernetes_cron_job_v1");

    private KubernetesRule() {
    }

    /** True for the job kinds, which have no probes (a job's container runs to completion). */
    static boolean isJob(String type) {
        return type.startsWith("kubernetes_job") || type.startsWith("kubernetes_cron_job");
    }

    /**
     * The pod spec of a resource of {@link #POD_TEMPLATE_TYPES}: {@code spec} of a pod,
     * {@code spec.job_template.spec.template.spec} of a cron job, {@code spec.template.spec} of the others; a missing
     * node when absent.
     */
    static JsonNode podSpec(SynthesizedResource resource) {
        JsonNode spec = block(resource.body(), "spec");
        String type = resource.type();
        if (type.startsWith("kubernetes_pod")) {
            return spec;
        }
        if (type.startsWith("kubernetes_cron_job")) {
            spec = block(block(spec, "job_template"), "spec");
        }
        return block(block(spec, "template"), "spec");
    }

    /** The first element of a block list, or the node itself when it is an object. */
    static JsonNode block(JsonNode parent, String name) {
        return SynthesizedResource.block(parent, name);
    }

    /** Every element of a block list (empty when absent). */
    static List<JsonNode> blocks(JsonNode parent, String name) {
        JsonNode node = parent.path(name);
        List<JsonNode> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(out::add);
        } else if (node.isObject()) {
            out.add(node);
        }
        return out;
    }

    /** Containers and init containers of a pod spec. */
    static List<JsonNode> containers(JsonNode podSpec) {
        List<JsonNode> out = new ArrayList<>(blocks(podSpec, "container"));
        out.addAll(blocks(podSpec, "init_container"));
        return out;
    }
}
