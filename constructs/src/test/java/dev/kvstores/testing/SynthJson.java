package dev.kvstores.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.Testing;
import com.hashicorp.cdktf.providers.helm.provider.HelmProvider;
import com.hashicorp.cdktf.providers.helm.provider.HelmProviderConfig;
import com.hashicorp.cdktf.providers.kubernetes.provider.KubernetesProvider;
import com.hashicorp.cdktf.providers.random_provider.provider.RandomProvider;
import dev.kvstores.internal.Values;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Test helpers: a stack with the providers, synthesized JSON, resources by type, Helm values. */
public final class SynthJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SynthJson() {
    }

    /** A fresh stack with the kubernetes, helm and random providers configured. */
    public static TerraformStack stack() {
        App app = Testing.app();
        TerraformStack stack = new TerraformStack(app, "test");
        new KubernetesProvider(stack, "Kubernetes");
        new HelmProvider(stack, "Helm", HelmProviderConfig.builder().build());
        new RandomProvider(stack, "Random");
        return stack;
    }

    /** {@code Testing.synth(stack, true)} parsed: runs the stack's validations too. */
    public static JsonNode synth(TerraformStack stack) {
        try {
            return JSON.readTree(Testing.synth(stack, true));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every resource body of a type. */
    public static List<JsonNode> all(JsonNode json, String type) {
        List<JsonNode> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = json.path("resource").path(type).fields();
        while (it.hasNext()) {
            out.add(it.next().getValue());
        }
        return out;
    }

    /** The logical names (Terraform resource names) of every resource of {@code type}, in synthesized order. */
    public static List<String> names(JsonNode json, String type) {
        List<String> names = new java.util.ArrayList<>();
        json.path("resource").path(type).fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The only resource of a type, failing when there are zero or several. */
    public static JsonNode single(JsonNode json, String type) {
        List<JsonNode> all = all(json, type);
        assertEquals(1, all.size(), "number of " + type + " resources");
        return all.get(0);
    }

    /** A JSON object of strings (tags, labels) as a sorted map. */
    public static Map<String, String> textMap(JsonNode object) {
        Map<String, String> out = new java.util.TreeMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** The values YAML of a helm_release, parsed. */
    public static Map<String, Object> helmValues(JsonNode release) {
        return Values.parse(release.path("values").get(0).asText());
    }

    /** Value at a dotted path of parsed YAML. */
    public static Object at(Map<String, Object> root, String path) {
        Object node = root;
        for (String part : path.split("\\.")) {
            node = node instanceof Map<?, ?> map ? map.get(part) : null;
        }
        return node;
    }
}
