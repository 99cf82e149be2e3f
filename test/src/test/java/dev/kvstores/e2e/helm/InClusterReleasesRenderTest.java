package dev.kvstores.e2e.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvstores.app.Synthesizer;
import dev.kvstores.e2e.ShippedSynthesis;
import dev.kvstores.kubernetes.BitnamiReleaseSettings;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.stacks.EnvironmentLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every in-cluster {@code helm_release} we synthesize (the shipped Kubernetes environments, the Azure ones' cache on
 * AKS, and variants: a Redis
 * Cluster worker store, passwords from an existing Secret in an adopted namespace, ServiceMonitors on), rendered
 * by the real Helm with the pinned chart, and checked where it counts: the objects the cluster will run.
 */
class InClusterReleasesRenderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Map<String, JsonNode> variants;

    /** A variant of kubernetes-prod.yaml, synthesized once per JVM. */
    static synchronized Map<String, JsonNode> variantStacks() {
        if (variants != null) {
            return variants;
        }
        try {
            String prod = Files.readString(ShippedSynthesis.PROJECT.resolve("stacks/environments/kubernetes-prod.yaml"));
            Path dir = Files.createTempDirectory("kvstores-variants-");
            Path envs = Files.createDirectories(dir.resolve("environments"));
            Files.writeString(envs.resolve("variant-cluster.yaml"), prod
                    .replace("backend: redis-sentinel ", "backend: redis-cluster  ")
                    // redis-cluster's image: kubernetes-prod.yaml pins it like the others
                    .replaceFirst("(?m)^(workerState:[\\s\\S]*?)  nodes: 3", "$1  nodes: 6")
                    .replace("terraform.kubernetes-prod.tfstate", "terraform.variant-cluster.tfstate")
                    .replace("kvstores/kubernetes-prod.tfstate", "kvstores/variant-cluster.tfstate"));
            Files.writeString(envs.resolve("variant-secrets.yaml"), prod
                    .replace("createNamespaces: true", "createNamespaces: false")
                    .replace("  evictionPolicy: allkeys-lru\n", "  evictionPolicy: allkeys-lru\n"
                            + "  passwordSecretName: cache-passwords\n  serviceMonitor: true\n")
                    .replace("  storageClass: premium-rwo", "  storageClass: premium-rwo\n"
                            + "  passwordSecretName: state-passwords\n  serviceMonitor: true")
                    .replace("terraform.kubernetes-prod.tfstate", "terraform.variant-secrets.tfstate")
                    .replace("kvstores/kubernetes-prod.tfstate", "kvstores/variant-secrets.tfstate")
                    // another cluster: two files with the same releases in one cluster are refused
                    .replaceFirst("configContext: prod\\b", "configContext: prod-variant"));
            Synthesizer.Result result = new Synthesizer(PolicyPack.defaults()).synthesize(
                    EnvironmentLoader.loadDirectory(envs, ShippedSynthesis.PROJECT), dir.resolve("cdktf.out"));
            Map<String, JsonNode> stacks = new LinkedHashMap<>();
            for (String name : List.of("variant-cluster", "variant-secrets")) {
                stacks.put(name, JSON.readTree(result.outdir().resolve("stacks").resolve(name)
                        .resolve("cdk.tf.json").toFile()));
            }
            // The variants come from string edits of kubernetes-prod.yaml: fail loudly if an edit stopped applying.
            assertTrue(stacks.get("variant-cluster").path("resource").path("helm_release").toString()
                    .contains("\"chart\":\"redis-cluster\""), "variant-cluster has no redis-cluster release");
            String secretsVariant = stacks.get("variant-secrets").toString();
            assertTrue(secretsVariant.contains("cache-passwords") && secretsVariant.contains("state-passwords")
                    && !secretsVariant.contains("kubernetes_namespace_v1"), "variant-secrets is not the adopted variant");
            variants = stacks;
            return variants;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> releases() {
        List<Arguments> all = new ArrayList<>();
        Map<String, JsonNode> stacks = new LinkedHashMap<>();
        // azure-*: the Cache Store on AKS (cache.service: in-cluster), the same Bitnami release as on kubernetes
        for (String name : List.of("kubernetes-dev", "kubernetes-prod", "kubernetes-kvrocks-dev", "azure-dev",
                "azure-prod")) {
            stacks.put(name, ShippedSynthesis.stack(name));
        }
        stacks.putAll(variantStacks());
        stacks.forEach((stack, json) -> HelmTemplate.helmReleases(json).forEach((id, release) ->
                all.add(Arguments.of(stack + "/" + id, release))));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void every_rendered_object_passes_the_rendered_object_rules(String name, JsonNode release) {
        HelmTemplate.Rendered rendered = HelmTemplate.render(release, HelmTemplate.testSecrets(release));
        List<String> problems = new ArrayList<>();
        problems.addAll(RenderedObjectRules.networkPolicyIngressNamesSources(rendered.objects()));
        problems.addAll(RenderedObjectRules.containersHaveLimits(rendered.objects()));
        problems.addAll(RenderedObjectRules.podsAreRestricted(rendered.objects()));
        problems.addAll(RenderedObjectRules.tokenOnlyWhereTheApiIsCalled(rendered.objects()));
        problems.addAll(RenderedObjectRules.secretsNotInEnvironment(rendered.objects()));
        problems.addAll(RenderedObjectRules.probesAndFixedImages(rendered.objects()));
        assertEquals(List.of(), RenderedObjectRules.withoutExempted(problems));
        assertFalse(rendered.ofKind("StatefulSet").isEmpty(), rendered.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void every_values_key_exists_in_the_chart(String name, JsonNode release) {
        Path chart = HelmTemplate.chart(release.path("chart").asText(), release.path("version").asText());
        assertEquals(List.of(), HelmTemplate.unknownValuesKeys(chart.toString(),
                release.path("values").get(0).asText()), "Helm ignores unknown keys silently");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void the_exporter_port_is_admitted_only_from_the_monitoring_namespace(String name, JsonNode release) {
        HelmTemplate.Rendered rendered = HelmTemplate.render(release, HelmTemplate.testSecrets(release));
        String monitoring = "{\"namespaceSelector\":{\"matchLabels\":{\"kubernetes.io/metadata.name\":"
                + "\"monitoring\"}}}";
        int fromMonitoring = 0;
        for (JsonNode policy : rendered.ofKind("NetworkPolicy")) {
            for (JsonNode rule : policy.path("spec").path("ingress")) {
                if (!rule.path("ports").toString().contains(String.valueOf(BitnamiReleaseSettings.METRICS_PORT))) {
                    continue;
                }
                for (JsonNode peer : rule.path("from")) {
                    // the monitoring namespace, or (redis-cluster) the release's own pods in its namespace
                    boolean ownPods = peer.size() == 1 && peer.has("podSelector");
                    assertTrue(monitoring.equals(peer.toString()) || ownPods, "port 9121 open to " + peer);
                    fromMonitoring += monitoring.equals(peer.toString()) ? 1 : 0;
                }
            }
            assertTrue(policy.path("spec").path("policyTypes").toString().contains("Egress"));
            for (JsonNode rule : policy.path("spec").path("egress")) {
                assertFalse(rule.isEmpty(), "an empty egress rule allows everything: " + policy.path("spec"));
            }
        }
        assertEquals(1, fromMonitoring, "Prometheus in the monitoring namespace can scrape");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void no_acl_user_is_rendered_without_its_password(String name, JsonNode release) {
        if (!"redis".equals(release.path("chart").asText())) {
            return; // redis-cluster has no ACL users; its password is checked by the real-server tests
        }
        HelmTemplate.Rendered rendered = HelmTemplate.render(release, HelmTemplate.testSecrets(release));
        String acl = rendered.configMapData(release.path("name").asText() + "-configuration", "users.acl");
        assertFalse(acl.contains("nopass"), acl);
        Map<String, String> secrets = HelmTemplate.testSecrets(release);
        assertTrue(acl.contains("user default on #" + sha256(secrets.get("auth.password")) + " "), acl);
        assertTrue(acl.contains(" on #" + sha256(secrets.get("auth.acl.users[0].password")) + " "), acl);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void the_exporter_container_holds_no_admin_password(String name, JsonNode release) {
        HelmTemplate.Rendered rendered = HelmTemplate.render(release, HelmTemplate.testSecrets(release));
        int exporters = 0;
        for (JsonNode workload : rendered.objects()) {
            for (JsonNode container : HelmTemplate.Rendered.podContainers(workload)) {
                if (!"metrics".equals(container.path("name").asText())) {
                    continue;
                }
                exporters++;
                for (JsonNode mount : container.path("volumeMounts")) {
                    assertNotEquals("redis-password", mount.path("name").asText(), "the admin password's volume");
                }
                String env = container.path("env").toString() + container.path("command");
                assertFalse(env.contains("redis-password") || env.contains("REDIS_PASSWORD_FILE")
                        || env.contains("secretKeyRef"), env);
                assertTrue(env.contains("\"REDIS_USER\",\"value\":\"" + BitnamiReleaseSettings.MONITORING_USERNAME + "\""), env);
            }
        }
        assertTrue(exporters > 0, "every data pod runs the exporter sidecar");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void in_production_no_egress_rule_lacks_a_destination(String name, JsonNode release) {
        if (!name.contains("prod") && !name.startsWith("variant")) {
            return;
        }
        HelmTemplate.Rendered rendered = HelmTemplate.render(release, HelmTemplate.testSecrets(release));
        assertFalse(rendered.ofKind("NetworkPolicy").isEmpty());
        for (JsonNode policy : rendered.ofKind("NetworkPolicy")) {
            for (JsonNode rule : policy.path("spec").path("egress")) {
                assertTrue(rule.path("to").isArray() && !rule.path("to").isEmpty(),
                        "egress rule without 'to' in " + policy.path("metadata").path("name") + ": " + rule);
                for (JsonNode peer : rule.path("to")) {
                    assertFalse(peer.path("ipBlock").path("cidr").asText().endsWith("/0"), peer.toString());
                    if (peer.has("namespaceSelector")) {
                        assertFalse(peer.path("namespaceSelector").path("matchLabels").isEmpty(), peer.toString());
                    }
                }
            }
        }
    }

    @Test
    void the_sentinel_service_account_may_list_and_patch_pods_of_its_namespace_only_through_the_charts_role() {
        JsonNode release = HelmTemplate.helmReleases(ShippedSynthesis.stack("kubernetes-prod")).values().iterator().next();
        HelmTemplate.Rendered rendered = HelmTemplate.render(release, HelmTemplate.testSecrets(release));
        List<JsonNode> roles = rendered.ofKind("Role");
        assertEquals(1, roles.size(), "one Role");
        assertEquals("[{\"apiGroups\":[\"\"],\"resources\":[\"pods\"],\"verbs\":[\"list\",\"patch\"]}]",
                roles.get(0).path("rules").toString(), "what docs/platform-kubernetes.md says the chart's Role allows");
        assertEquals(List.of(), rendered.ofKind("ClusterRole"));
        JsonNode binding = rendered.ofKind("RoleBinding").get(0);
        assertEquals("redis-cache", binding.path("subjects").get(0).path("name").asText());
        // The API policy selects only the Sentinel data pods and names the API server's addresses.
        JsonNode api = rendered.ofKind("NetworkPolicy").stream()
                .filter(p -> p.path("metadata").path("name").asText().endsWith("-kubernetes-api")).findFirst()
                .orElseThrow();
        assertEquals("node", api.path("spec").path("podSelector").path("matchLabels")
                .path("app.kubernetes.io/component").asText());
        assertTrue(api.path("spec").path("egress").toString().contains("\"ipBlock\""), api.toString());
    }

    @Test
    void sentinel_declares_a_lost_primary_down_within_seconds() {
        JsonNode release = HelmTemplate.helmReleases(ShippedSynthesis.stack("kubernetes-prod")).values().iterator().next();
        String sentinel = HelmTemplate.render(release, HelmTemplate.testSecrets(release))
                .configMapData("redis-cache-configuration", "sentinel.conf");
        assertTrue(sentinel.contains("sentinel down-after-milliseconds mymaster "
                + BitnamiReleaseSettings.SENTINEL_DOWN_AFTER_MILLISECONDS + "\n"), sentinel);
        assertTrue(sentinel.contains("sentinel failover-timeout mymaster "
                + BitnamiReleaseSettings.SENTINEL_FAILOVER_TIMEOUT_MILLISECONDS + "\n"), sentinel);
        assertTrue(sentinel.contains(".svc.cluster.local 6379 " + BitnamiReleaseSettings.SENTINEL_QUORUM + "\n"), sentinel);
    }

    @Test
    void a_new_password_changes_the_pod_template_so_the_pods_roll() {
        for (JsonNode release : HelmTemplate.helmReleases(ShippedSynthesis.stack("kubernetes-prod")).values()) {
            Map<String, String> before = HelmTemplate.testSecrets(release);
            Map<String, String> after = new HashMap<>(before);
            after.put("auth.password", "rotated-admin-password-0123456789");
            after.put("auth.acl.users[0].password", "rotated-app-password-0123456789");
            JsonNode old = podAnnotations(HelmTemplate.render(release, before));
            JsonNode rotated = podAnnotations(HelmTemplate.render(release, after));
            assertNotEquals(old.path("checksum/configmap"), rotated.path("checksum/configmap"), "users.acl changed");
            assertNotEquals(old.path("checksum/secret"), rotated.path("checksum/secret"), "the admin Secret changed");
            assertEquals(HelmTemplate.render(release, before).manifest(), HelmTemplate.render(release, before)
                    .manifest(), "the same passwords render the same objects: no needless rollout");
        }
    }

    @Test
    void the_rules_fail_the_charts_defaults() {
        JsonNode release = JSON.createObjectNode()
                .put("name", "defaults").put("namespace", "ns").put("chart", "redis").put("version", "23.1.1")
                .set("values", JSON.createArrayNode().add("architecture: standalone\nauth:\n  password: x\n"
                        + "  usePasswordFiles: false\nimage:\n  tag: latest\nglobal:\n  security:\n"
                        + "    allowInsecureImages: true\n"
                        + "metrics:\n  enabled: true\nnetworkPolicy:\n  enabled: true\n  allowExternal: false\n"
                        + "  metrics:\n    allowExternal: false\nmaster:\n  automountServiceAccountToken: true\n"
                        + "  resourcesPreset: none\n"));
        List<JsonNode> objects = HelmTemplate.render(release, Map.of()).objects();
        assertTrue(String.join("\n", RenderedObjectRules.networkPolicyIngressNamesSources(objects))
                .contains("has no 'from'"), "the chart renders the metrics rule without 'from'");
        assertFalse(RenderedObjectRules.containersHaveLimits(objects).isEmpty(), "no limits without a preset");
        assertFalse(RenderedObjectRules.tokenOnlyWhereTheApiIsCalled(objects).isEmpty());
        assertTrue(String.join("\n", RenderedObjectRules.secretsNotInEnvironment(objects)).contains("into env"),
                "without password files the chart passes the password in env (CKV_K8S_35)");
        assertTrue(String.join("\n", RenderedObjectRules.probesAndFixedImages(objects)).contains("CKV_K8S_14"),
                "the latest tag is not fixed");
    }

    private static JsonNode podAnnotations(HelmTemplate.Rendered rendered) {
        return rendered.ofKind("StatefulSet").get(0).path("spec").path("template").path("metadata").path("annotations");
    }

    static String sha256(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
