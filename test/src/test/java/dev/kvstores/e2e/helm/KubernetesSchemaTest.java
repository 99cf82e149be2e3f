package dev.kvstores.e2e.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kvstores.app.Synthesizer;
import dev.kvstores.e2e.ShippedSynthesis;
import dev.kvstores.e2e.realserver.RedisServerProcess;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.stacks.EnvironmentLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Kubernetes object we ship is valid against the official schemas: the objects of every shipped environment's
 * {@code cdk.tf.json} ({@code kubernetes_manifest}s as written, typed {@code kubernetes_*} resources converted by
 * {@link TerraformKubernetesObjects}) and everything the pinned charts render from our {@code helm_release}s (the
 * shipped environments and the variants of {@link InClusterReleasesRenderTest}, plus a KVRocks variant with its
 * ServiceMonitor), checked by {@code test/tools/k8s-validate.mjs} against the Kubernetes API schemas of 1.25 (the
 * oldest line we support) and of the newest line, and custom resources (cert-manager {@code Certificate},
 * {@code PrometheusRule}, {@code ServiceMonitor}) against their CRDs' schemas (npm kubernetes-models and
 * {@code @kubernetes-models/*}, installed by {@code test/tools/k8s-schemas.sh}).
 */
class KubernetesSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SHIPPED = List.of("aws-dev", "aws-prod", "azure-dev", "azure-prod", "gcp-dev",
            "gcp-prod", "kubernetes-dev", "kubernetes-prod", "kubernetes-kvrocks-dev");

    @TempDir
    Path dir;

    @Test
    void every_object_we_synthesize_or_the_charts_render_is_valid_for_kubernetes_1_25_the_newest_line_and_the_crds()
            throws Exception {
        Map<String, JsonNode> stacks = new LinkedHashMap<>();
        SHIPPED.forEach(name -> stacks.put(name, ShippedSynthesis.stack(name)));
        stacks.putAll(InClusterReleasesRenderTest.variantStacks());
        stacks.put("variant-kvrocks-monitored", kvrocksWithServiceMonitor());
        ArrayNode items = JSON.createArrayNode();
        stacks.forEach((stack, json) -> {
            for (TerraformKubernetesObjects.Declared declared : TerraformKubernetesObjects.of(json)) {
                add(items, stack + "/" + declared.address(), declared.object());
            }
            HelmTemplate.helmReleases(json).forEach((id, release) -> {
                HelmTemplate.Rendered rendered = HelmTemplate.render(release, HelmTemplate.testSecrets(release));
                rendered.objects().forEach(o -> add(items, stack + "/" + id + " (rendered)", o));
            });
        });
        List<JsonNode> results = validate(items);
        List<String> invalid = new ArrayList<>();
        TreeSet<String> kinds = new TreeSet<>();
        for (JsonNode r : results) {
            kinds.add(r.path("id").asText().replaceAll("^(\\S+ \\S+) .*", "$1") + " @ " + r.path("schema").asText());
            if (!r.path("valid").asBoolean()) {
                invalid.add(r.path("source").asText() + " " + r.path("id").asText() + " against "
                        + r.path("schema").asText() + ": " + r.path("errors"));
            }
        }
        assertEquals(List.of(), invalid);
        // What was checked: every object against both API lines, the custom resources against their CRDs.
        for (String expected : List.of("apps/v1 StatefulSet @ kubernetes-1.25", "apps/v1 StatefulSet @ kubernetes-newest",
                "batch/v1 CronJob @ kubernetes-1.25", "batch/v1 CronJob @ kubernetes-newest",
                "networking.k8s.io/v1 NetworkPolicy @ kubernetes-1.25", "v1 Secret @ kubernetes-1.25",
                "policy/v1 PodDisruptionBudget @ kubernetes-1.25",
                "cert-manager.io/v1 Certificate @ @kubernetes-models/cert-manager",
                "monitoring.coreos.com/v1 PrometheusRule @ @kubernetes-models/prometheus-operator",
                "monitoring.coreos.com/v1 ServiceMonitor @ @kubernetes-models/prometheus-operator")) {
            assertTrue(kinds.contains(expected), expected + " not among " + kinds);
        }
        long expected = 0;
        for (JsonNode item : items) {
            String group = item.path("object").path("apiVersion").asText().replaceAll("/?[^/]*$", "");
            expected += group.endsWith("cert-manager.io") || group.equals("monitoring.coreos.com") ? 1 : 2;
        }
        assertEquals(expected, results.size(), "one result per object and schema that applies");
    }

    @Test
    void the_validator_refuses_invalid_objects_and_kinds_it_has_no_schema_for() throws Exception {
        JsonNode kvrocks = ShippedSynthesis.stack("kubernetes-kvrocks-dev");
        ObjectNode statefulSet = null;
        ObjectNode certificate = null;
        for (TerraformKubernetesObjects.Declared d : TerraformKubernetesObjects.of(kvrocks)) {
            String kind = d.object().path("kind").asText();
            if ("StatefulSet".equals(kind)) {
                statefulSet = (ObjectNode) d.object().deepCopy();
            } else if ("Certificate".equals(kind)) {
                certificate = (ObjectNode) d.object().deepCopy();
            }
        }
        assertTrue(statefulSet != null && certificate != null, "the KVRocks stack has a StatefulSet and a Certificate");
        ((ObjectNode) statefulSet.path("spec")).put("replicas", "three");
        ((ObjectNode) certificate.path("spec")).remove("secretName");
        ObjectNode unknown = JSON.createObjectNode().put("apiVersion", "example.com/v1").put("kind", "Widget");
        ArrayNode items = JSON.createArrayNode();
        add(items, "broken-statefulset", statefulSet);
        add(items, "broken-certificate", certificate);
        add(items, "unknown-kind", unknown);
        Result result = run(items);
        assertEquals(1, result.exit(), result.output());
        String out = result.output();
        assertTrue(out.contains("\"source\":\"broken-statefulset\"") && out.contains("/spec/replicas")
                && out.contains("must be integer"), out);
        assertTrue(out.contains("must have required property") && out.contains("secretName"), out);
        assertTrue(out.contains("has no schema for example.com/v1 Widget"), out);
        assertFalse(out.contains("\"valid\":true"), "no broken object passes: " + out);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static void add(ArrayNode items, String source, JsonNode object) {
        ObjectNode item = items.addObject();
        item.put("source", source);
        item.set("object", object);
    }

    private List<JsonNode> validate(ArrayNode items) throws Exception {
        Result result = run(items);
        List<JsonNode> results = new ArrayList<>();
        for (String line : result.output().split("\n")) {
            if (line.startsWith("{")) {
                results.add(JSON.readTree(line));
            }
        }
        assertTrue(result.exit() == 0 || result.exit() == 1, "validator failed to run: " + result.output());
        return results;
    }

    private Result run(ArrayNode items) throws Exception {
        Path input = dir.resolve("objects-" + System.nanoTime() + ".json");
        Files.writeString(input, JSON.writeValueAsString(items));
        Path script = ShippedSynthesis.PROJECT.resolve("test/tools/k8s-validate.mjs");
        Process p = new ProcessBuilder("node", script.toString(), schemas().toString(), input.toString())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "validator finished");
        return new Result(p.exitValue(), out);
    }

    private static Path schemas() throws Exception {
        Path pathFile = Path.of(System.getProperty("kvstores.k8sSchemasPathFile", "test/target/k8s-schemas.path"));
        if (!Files.isRegularFile(pathFile)) {
            throw RedisServerProcess.missingPrerequisite("Kubernetes schemas not installed (" + pathFile
                    + " missing): run bash test/tools/k8s-schemas.sh, which needs node and npm");
        }
        return Path.of(Files.readString(pathFile).strip());
    }

    /** kubernetes-kvrocks-dev.yaml with monitoring on: the KVRocks ServiceMonitor is a kubernetes_manifest of its own. */
    private JsonNode kvrocksWithServiceMonitor() throws Exception {
        String yaml = Files.readString(ShippedSynthesis.PROJECT.resolve(
                "stacks/environments/kubernetes-kvrocks-dev.yaml"));
        String variant = yaml.replace("\ncache:\n", "\nmonitoring:\n  namespace: monitoring\n"
                + "  prometheusRules: true\n  ruleLabels:\n    release: kube-prometheus-stack\n\ncache:\n");
        assertFalse(variant.equals(yaml), "the variant's edit no longer applies to kubernetes-kvrocks-dev.yaml");
        Path envs = Files.createDirectories(dir.resolve("environments"));
        Files.writeString(envs.resolve("variant-kvrocks-monitored.yaml"), variant);
        Synthesizer.Result result = new Synthesizer(PolicyPack.defaults()).synthesize(
                EnvironmentLoader.loadDirectory(envs, ShippedSynthesis.PROJECT), dir.resolve("cdktf.out"));
        return JSON.readTree(result.outdir().resolve("stacks/variant-kvrocks-monitored/cdk.tf.json").toFile());
    }

    private record Result(int exit, String output) {
    }
}
