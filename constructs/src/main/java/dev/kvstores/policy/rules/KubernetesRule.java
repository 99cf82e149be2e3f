package dev.kvstores.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.policy.SynthesizedResource;
import java.util.ArrayList;
import java.util.List;

/** Helpers for rules over {@code kubernetes_*} resources as the provider's JSON nests them (blocks are lists). */
final class KubernetesRule {

    private KubernetesRule() {
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
