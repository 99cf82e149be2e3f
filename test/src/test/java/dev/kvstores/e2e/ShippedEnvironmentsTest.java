package dev.kvstores.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvstores.app.Synthesizer;
import dev.kvstores.kubernetes.WorkerStateBackupProps;
import dev.kvstores.policy.PolicyReport;
import dev.kvstores.stacks.environment.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Synthesizes every shipped environment as the app does and checks all output. */
class ShippedEnvironmentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PROJECT = ShippedSynthesis.PROJECT;

    private final List<Environment> environments = ShippedSynthesis.environments();
    private final Synthesizer.Result first = ShippedSynthesis.result();

    private Path stackFile(Path outdir, String name) {
        return outdir.resolve("stacks").resolve(name).resolve("cdk.tf.json");
    }

    @Test
    void every_shipped_environment_becomes_a_stack() {
        assertTrue(environments.size() >= 2);
        for (Environment environment : environments) {
            assertTrue(Files.isRegularFile(stackFile(first.outdir(), environment.name())), environment.name());
            Path dir = first.outdir().resolve("stacks").resolve(environment.name());
            assertTrue(Files.isRegularFile(dir.resolve(Synthesizer.REPORT_FILE)));
            assertTrue(Files.isRegularFile(dir.resolve(Synthesizer.VALUES_FILE)));
        }
        assertTrue(Files.isRegularFile(first.outdir().resolve("manifest.json")));
    }

    @Test
    void policy_has_no_violations_in_any_stack() {
        for (Map.Entry<String, PolicyReport> entry : first.policyReports().entrySet()) {
            assertEquals(List.of(), entry.getValue().violations(), entry.getKey());
            assertFalse(entry.getValue().findings().isEmpty(), entry.getKey());
        }
    }

    @Test
    void output_has_no_absolute_path_of_this_machine() throws IOException {
        // The project, the output directory and the home directory; "/tmp" alone is a legitimate mount path.
        List<String> forbidden = List.of(PROJECT.toString(), first.outdir().getParent().toString(),
                System.getProperty("user.home") + "/");
        try (var files = Files.walk(first.outdir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                for (String path : forbidden) {
                    assertFalse(text.contains(path), file + " contains " + path);
                }
            }
        }
    }

    @Test
    void secrets_hold_only_terraform_references() throws IOException {
        for (Environment environment : environments) {
            JsonNode json = JSON.readTree(stackFile(first.outdir(), environment.name()).toFile());
            List<String> names = new ArrayList<>();
            json.path("resource").path("kubernetes_secret_v1").forEach(secret -> {
                String name = secret.at("/metadata/name").asText();
                names.add(name);
                secret.path("data").fields().forEachRemaining(entry -> {
                    String value = entry.getValue().asText();
                    if (name.equals("kvstores-backup-age")
                            && entry.getKey().equals(WorkerStateBackupProps.RECIPIENT_KEY)) {
                        // The pinned age recipient is a public key, not a secret: the stack writes it literally into
                        // the Secret the backup job mounts (the same mount as an operator-made Secret's). Only an
                        // exact age1... public key may appear here, never anything else (an AGE-SECRET-KEY fails).
                        assertTrue(WorkerStateBackupProps.RECIPIENT.matcher(value).matches(),
                                environment.name() + " " + name + " holds only an age public key");
                    } else {
                        assertTrue(value.contains("${"), environment.name() + " " + name + "/" + entry.getKey()
                                + " is not a Terraform reference");
                    }
                });
            });
            // The connection Secret; in-cluster passwords reach the charts as set_sensitive values (the chart writes
            // its own Secret), except each Bitnami release's monitoring password, which the exporter sidecar mounts
            // from <release>-monitoring-password; KVRocks adds its config Secret; a backup job its password's Secret
            // and the pinned recipient's. Cloud stores keep their keys in the resource.
            List<String> expected = new ArrayList<>(List.of("suprsend-secrets"));
            json.path("resource").path("helm_release")
                    .forEach(release -> expected.add(release.path("name").asText() + "-monitoring-password"));
            if (environment.name().contains("kvrocks")) {
                expected.add("kvrocks-state-config");
            }
            if (List.of("kubernetes-prod", "kubernetes-kvrocks-dev").contains(environment.name())) {
                expected.add((environment.name().contains("kvrocks") ? "kvrocks" : "redis") + "-state-backup-password");
                expected.add("kvstores-backup-age");
            }
            assertEquals(expected.stream().sorted().toList(), names.stream().sorted().toList(),
                    "Secrets in " + environment.name());
            JsonNode releases = json.path("resource").path("helm_release");
            releases.forEach(release -> release.path("set_sensitive").forEach(value -> assertTrue(
                    value.path("value").asText().startsWith("${"), release.path("name") + " " + value.path("name"))));
            assertTrue(json.path("output").path("cache_connection_url").path("sensitive").asBoolean());
        }
    }

    @Test
    void production_enforces_and_development_lists_its_relaxations() throws IOException {
        String prod = Files.readString(first.outdir().resolve("stacks/kubernetes-prod").resolve(Synthesizer.REPORT_FILE));
        String dev = Files.readString(first.outdir().resolve("stacks/kubernetes-dev").resolve(Synthesizer.REPORT_FILE));
        assertFalse(prod.contains("RELAXED"), prod);
        assertTrue(dev.contains("- RELAXED: high-availability relaxed (STANDALONE, 1 node(s), zone spread off):"
                + " single-zone dev cluster"), dev);
        assertTrue(prod.contains("redisWorkercacheConnUrlKey = rediss://suprsend-worker:<password>@"
                + "redis-state-master.redis-state.svc.cluster.local:6379/0"), prod);
    }

    @Test
    void local_state_lives_at_the_project_root_by_relative_path_and_production_state_is_remote() throws IOException {
        JsonNode json = JSON.readTree(stackFile(first.outdir(), "kubernetes-dev").toFile());
        assertEquals("../../../terraform.kubernetes-dev.tfstate",
                json.path("terraform").path("backend").path("local").path("path").asText());
        JsonNode prod = JSON.readTree(stackFile(first.outdir(), "kubernetes-prod").toFile()).path("terraform")
                .path("backend");
        assertFalse(prod.has("local"), prod.toString());
        assertTrue(prod.path("s3").path("encrypt").asBoolean() && prod.path("s3").path("use_lockfile").asBoolean()
                && prod.path("s3").path("kms_key_id").asText().startsWith("arn:aws:kms:"), prod.toString());
    }
}
