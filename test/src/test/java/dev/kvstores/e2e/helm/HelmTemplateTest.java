package dev.kvstores.e2e.helm;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kvstores.e2e.ShippedSynthesis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HelmTemplate}: the shipped Kubernetes releases render with the real Helm and the pinned Bitnami charts,
 * sensitive values stay out of command lines and messages, and values keys the chart lacks are reported.
 * Assertions about the shipped releases are generic (objects exist), not about settings still being changed.
 */
class HelmTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REDIS_CHART = "test/charts/redis-23.1.1.tgz";

    @Test
    void rendersTheShippedCacheReleaseWithThePinnedChart() {
        Map<String, JsonNode> releases = HelmTemplate.helmReleases(ShippedSynthesis.stack("kubernetes-prod"));
        JsonNode cache = releases.entrySet().stream().filter(e -> e.getKey().startsWith("Cache_")).findFirst()
                .orElseThrow(() -> new AssertionError("no Cache helm_release in kubernetes-prod: " + releases.keySet()))
                .getValue();
        String release = cache.path("name").asText();

        HelmTemplate.Rendered rendered = HelmTemplate.render(cache, HelmTemplate.testSecrets(cache));

        assertGenericRelease(release, cache.path("chart").asText(), rendered);
    }

    /** Every helm_release of every shipped stack renders with the chart version it pins (present in test/charts). */
    @TestFactory
    Stream<DynamicTest> everyShippedReleaseRendersWithItsPinnedChart() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        Path stacks = ShippedSynthesis.result().outdir().resolve("stacks");
        try (Stream<Path> dirs = Files.list(stacks)) {
            for (Path dir : dirs.sorted().toList()) {
                String stack = dir.getFileName().toString();
                HelmTemplate.helmReleases(ShippedSynthesis.stack(stack)).forEach((id, release) -> tests.add(
                        DynamicTest.dynamicTest(stack + " " + id, () -> assertGenericRelease(
                                release.path("name").asText(), release.path("chart").asText(),
                                HelmTemplate.render(release, HelmTemplate.testSecrets(release))))));
            }
        }
        assertFalse(tests.isEmpty(), "no helm_release in any shipped stack");
        return tests.stream();
    }

    /** Helm ignores values keys a chart does not have; a misspelled key would silently do nothing. */
    @TestFactory
    Stream<DynamicTest> shippedValuesUseOnlyKeysTheChartHas() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        Path stacks = ShippedSynthesis.result().outdir().resolve("stacks");
        try (Stream<Path> dirs = Files.list(stacks)) {
            for (Path dir : dirs.sorted().toList()) {
                String stack = dir.getFileName().toString();
                HelmTemplate.helmReleases(ShippedSynthesis.stack(stack)).forEach((id, release) -> {
                    Path chart = HelmTemplate.chart(release.path("chart").asText(), release.path("version").asText());
                    for (JsonNode values : release.path("values")) {
                        tests.add(DynamicTest.dynamicTest(stack + " " + id, () -> assertEquals(List.of(),
                                HelmTemplate.unknownValuesKeys(chart.toString(), values.asText()),
                                "values keys that " + chart.getFileName() + " does not have")));
                    }
                });
            }
        }
        return tests.stream();
    }

    @Test
    void sensitiveValuesNeverAppearInTheRenderedCommandOrErrors(@TempDir Path dir) throws IOException {
        String password = "S3cret-Password-9f1c";
        ObjectNode release = release("redis-test", "redis", "architecture: standalone\nauth:\n  enabled: true\n");
        release.putArray("set_sensitive").addObject().put("name", "auth.password")
                .put("value", "${random_password.admin.result}");

        // The argument vector (what a process listing shows) names files only; the value is in a private file.
        HelmTemplate.Invocation invocation = HelmTemplate.prepare(release, Map.of("auth.password", password),
                Path.of("helm"), dir);
        assertFalse(String.join(" ", invocation.command()).contains(password), invocation.command().toString());
        assertTrue(invocation.command().contains("auth.password=" + dir.resolve("sensitive-0")),
                invocation.command().toString());
        assertEquals(password, Files.readString(dir.resolve("sensitive-0")));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("sensitive-0"))));

        // It reaches the chart: the chart's own password Secret holds it.
        HelmTemplate.Rendered rendered = HelmTemplate.render(release, Map.of("auth.password", password));
        assertEquals(base64(password), rendered.one("Secret", "redis-test").path("data").path("redis-password")
                .asText());
        assertFalse(rendered.toString().contains(password));

        // A render error that quotes the value (tpl parse error) shows it masked, plain or base64.
        String template = "{{ " + password;
        ObjectNode broken = release("redis-test", "redis", "architecture: standalone\n");
        broken.putArray("set_sensitive").addObject().put("name", "commonConfiguration").put("value", "x");
        HelmTemplate.HelmException error = assertThrows(HelmTemplate.HelmException.class,
                () -> HelmTemplate.render(broken, Map.of("commonConfiguration", template)));
        assertAll(
                () -> assertFalse(error.getMessage().contains(password), error.getMessage()),
                () -> assertTrue(error.getMessage().contains("******"), error.getMessage()),
                () -> assertTrue(error.getMessage().contains("cannot parse template"), error.getMessage()));
    }

    @Test
    void aSensitiveTerraformExpressionWithoutATestValueIsRejected() {
        ObjectNode release = release("redis-test", "redis", "architecture: standalone\n");
        release.putArray("set_sensitive").addObject().put("name", "auth.password")
                .put("value", "${random_password.admin.result}");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> HelmTemplate.render(release, Map.of()));

        assertTrue(error.getMessage().contains("sensitiveValues key 'auth.password'"), error.getMessage());
    }

    @Test
    void terraformExpressionsInValuesGetTestValuesOrStableStandIns() {
        String hash = "${sha256(jsonencode({ a = \"}\" }))}";
        String name = "${var.name}";
        String values = "podAnnotations:\n  checksum: " + hash + "\n  owner: " + name + "\n  literal: $${keep}\n";

        String substituted = HelmTemplate.substituteExpressions(values, Map.of(name, "alice"));

        assertEquals("podAnnotations:\n  checksum: " + HelmTemplate.standIn(hash) + "\n  owner: alice\n"
                + "  literal: ${keep}\n", substituted);
        assertTrue(HelmTemplate.standIn(hash).matches("tf-expr-[0-9a-f]{8}"), HelmTemplate.standIn(hash));

        // In a real render the stand-in lands where the expression was.
        ObjectNode release = release("redis-test", "redis",
                "architecture: standalone\nauth:\n  enabled: false\nmaster:\n  podAnnotations:\n    checksum: " + hash
                        + "\n");
        HelmTemplate.Rendered rendered = HelmTemplate.render(release, Map.of());
        assertEquals(HelmTemplate.standIn(hash), rendered.one("StatefulSet", "redis-test-master").path("spec")
                .path("template").path("metadata").path("annotations").path("checksum").asText());
    }

    /** As with the provider: a list element's sensitive field is set in that element, keeping its other fields. */
    @Test
    void aSensitiveFieldOfAListElementKeepsTheRestOfThatElement() {
        String password = "Client-Pw-3e7a";
        ObjectNode release = release("redis-test", "redis", """
                architecture: standalone
                auth:
                  enabled: true
                  acl:
                    enabled: true
                    users:
                    - username: app
                      enabled: "on"
                      keys: "~*"
                      channels: "&*"
                      commands: "+@all"
                """);
        release.putArray("set_sensitive").addObject().put("name", "auth.acl.users[0].password")
                .put("value", "${random_password.client.result}").put("type", "string");

        HelmTemplate.Rendered rendered = HelmTemplate.render(release,
                Map.of("auth.acl.users[0].password", password));

        String acl = rendered.configMapData("redis-test-configuration", "users.acl");
        assertTrue(acl.contains("user app on #" + sha256Hex(password) + " ~* &* +@all"), acl);
    }

    @Test
    void unknownValuesKeyIsReported() {
        String values = """
                global:
                  security:
                    allowInsecureImages: true
                commonLabels:
                  anything.example/label: x
                metrics:
                  enabled: true
                  serviceMonitr:
                    enabled: true
                networkPolicy:
                  extraEgress:
                  - to: []
                replica:
                  topologySpreadConstraints:
                  - maxSkew: 1
                  podAnnotations:
                    free: form
                archtecture: standalone
                """;

        assertEquals(List.of("metrics.serviceMonitr", "archtecture"),
                HelmTemplate.unknownValuesKeys(REDIS_CHART, values));
        assertEquals(List.of("metrics.serviceMonitr"),
                HelmTemplate.unknownValuesKeys("test/charts/redis-cluster-13.0.5.tgz",
                        "metrics:\n  serviceMonitr:\n    enabled: true\ncluster:\n  nodes: 6\n"));
    }

    @Test
    void anInvalidValueFailsTheRenderWithHelmsMessage() {
        ObjectNode release = release("redis-test", "redis", "architecture: triple-replication\n");

        HelmTemplate.HelmException error = assertThrows(HelmTemplate.HelmException.class,
                () -> HelmTemplate.render(release, Map.of()));

        assertTrue(error.getMessage().contains("Invalid architecture selected"), error.getMessage());
    }

    private static void assertGenericRelease(String release, String chart, HelmTemplate.Rendered rendered) {
        List<JsonNode> statefulSets = rendered.ofKind("StatefulSet");
        List<JsonNode> containers = rendered.containers();
        assertAll(release + " (" + rendered + ")",
                () -> assertTrue(statefulSets.stream()
                        .anyMatch(s -> s.path("metadata").path("name").asText().startsWith(release)),
                        "a StatefulSet of the release"),
                () -> assertFalse(containers.isEmpty(), "containers"),
                () -> assertTrue(containers.stream().allMatch(c -> !c.path("name").asText().isEmpty()
                        && !c.path("image").asText().isEmpty()), "every container has a name and an image"),
                () -> {
                    if (chart.equals("redis")) {
                        assertTrue(rendered.configMapData(release + "-configuration", "redis.conf").length() > 0);
                    } else {
                        assertTrue(rendered.configMapData(release + "-default", "redis-default.conf").length() > 0);
                    }
                });
    }

    private static ObjectNode release(String name, String chart, String values) {
        ObjectNode release = JSON.createObjectNode();
        release.put("name", name).put("namespace", name).put("chart", chart)
                .put("version", chart.equals("redis") ? "23.1.1" : "13.0.5");
        release.putArray("values").add(values);
        return release;
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
