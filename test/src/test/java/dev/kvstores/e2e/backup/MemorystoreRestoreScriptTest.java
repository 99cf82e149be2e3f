package dev.kvstores.e2e.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hashicorp.cdktf.Testing;
import dev.kvstores.e2e.ShippedSynthesis;
import dev.kvstores.e2e.realserver.RedisServerProcess;
import dev.kvstores.gcp.MemorystoreWorkerStateStore;
import dev.kvstores.stacks.EnvironmentStack;
import dev.kvstores.stacks.EnvironmentLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restore script the shipped {@code gcp-prod} report prints for its Worker State Store (taken from the report;
 * it is {@code MemorystoreBackup.restoreScript()}), run by the real {@code bash} against a recording {@code gcloud} on
 * {@code PATH}: which export it picks, the exact commands and flags, that the import role is bound only while the
 * import runs (also when it fails), and that it stops without an export. Memorystore itself cannot run here; what
 * the import does with the RDB file (replaces every key, instance unavailable meanwhile) is Google's, as documented.
 */
class MemorystoreRestoreScriptTest {

    private static final String PREFIX = "gs://acme-suprsend-prod-gcp-prod-kvstores/kvstores/gcp-prod/"
            + "suprsend-worker-state/";
    private static final String IDENTITY = "serviceAccount:service-123456789@cloud-redis.iam.gserviceaccount.com";

    /** A gcloud that writes each call (one line, arguments separated by '|') and answers from the environment. */
    private static final String FAKE_GCLOUD = """
            #!/usr/bin/env bash
            (IFS='|'; echo "$*") >>"$GCLOUD_LOG"
            case "$1 $2 $3" in
              "storage ls "*) [[ -n "$FAKE_LS" ]] || { echo "ERROR: One or more URLs matched no objects." >&2; exit 1; }
                              printf '%s\\n' $FAKE_LS ;;
              "redis instances describe") echo "$FAKE_IDENTITY" ;;
              "redis instances import") exit "${FAKE_IMPORT_EXIT:-0}" ;;
              "storage buckets add-iam-policy-binding"|"storage buckets remove-iam-policy-binding") ;;
              *) echo "unexpected gcloud call: $*" >&2; exit 64 ;;
            esac
            """;

    @TempDir
    Path dir;
    private Path script;
    private Path log;
    private String role;

    @BeforeEach
    void writeScriptAndFakeGcloud() throws IOException {
        String text = reportScript(ShippedSynthesis.report("gcp-prod"));
        EnvironmentStack stack = new EnvironmentStack(Testing.app(), EnvironmentLoader.loadFile(
                ShippedSynthesis.PROJECT.resolve(EnvironmentLoader.DEFAULT_DIRECTORY).resolve("gcp-prod.yaml"),
                ShippedSynthesis.PROJECT));
        assertEquals(((MemorystoreWorkerStateStore) stack.workerStateStore()).backup().restoreScript(), text,
                "the report prints the construct's script");
        script = Files.writeString(dir.resolve("restore.sh"), text);
        role = text.lines().filter(l -> l.startsWith("ROLE=")).findFirst().orElseThrow()
                .replaceAll("ROLE=\"(.*)\"", "$1");
        assertTrue(role.matches("projects/acme-suprsend-prod/roles/kvstoresRdbImportReader_[0-9A-F]{8}"), role);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("gcloud"), FAKE_GCLOUD);
        Files.setPosixFilePermissions(bin.resolve("gcloud"), PosixFilePermissions.fromString("rwxr-xr-x"));
        log = dir.resolve("gcloud.log");
    }

    /** The restore script of the worker store's section of a report (the indented sh block), unindented. */
    static String reportScript(String report) {
        String worker = report.substring(report.indexOf("## worker-state store"));
        int start = worker.indexOf("\n  ```sh\n") + "\n  ```sh\n".length();
        int end = worker.indexOf("\n  ```\n", start);
        assertTrue(start > "\n  ```sh\n".length() && end > start, "a restore script block in " + worker);
        StringBuilder out = new StringBuilder();
        worker.substring(start, end).lines().forEach(l -> out.append(l.startsWith("  ") ? l.substring(2) : l)
                .append('\n'));
        return out.toString();
    }

    private record Run(int exit, String stdout, String stderr, List<String> calls) {
    }

    private Run run(Map<String, String> env) throws Exception {
        Path bash = RedisServerProcess.requireBinary("bash", "bash");
        ProcessBuilder builder = new ProcessBuilder(bash.toString(), script.toString());
        builder.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().put("GCLOUD_LOG", log.toString());
        builder.environment().put("FAKE_IDENTITY", IDENTITY);
        builder.environment().put("FAKE_LS", PREFIX + "2026-11-27T043000Z.rdb " + PREFIX + "2026-11-28T043000Z.rdb "
                + PREFIX + "2026-11-26T043000Z.rdb");
        for (String key : List.of("PROJECT", "REGION", "TARGET", "OBJECT")) {
            builder.environment().remove(key);
        }
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        List<String> calls = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return new Run(process.exitValue(), out, err, calls);
    }

    private String bind(String verb) {
        return "storage|buckets|" + verb + "-iam-policy-binding|gs://acme-suprsend-prod-gcp-prod-kvstores|--member="
                + IDENTITY + "|--role=" + role + "|--project=acme-suprsend-prod";
    }

    @Test
    void imports_the_newest_export_into_the_store_with_the_import_role_bound_only_meanwhile() throws Exception {
        Run run = run(Map.of());
        assertEquals(0, run.exit(), run.stderr());
        assertEquals(List.of(
                "storage|ls|" + PREFIX + "*.rdb",
                "redis|instances|describe|suprsend-worker-state|--region=us-central1|--project=acme-suprsend-prod"
                        + "|--format=value(persistenceIamIdentity)",
                bind("add"),
                "redis|instances|import|" + PREFIX + "2026-11-28T043000Z.rdb|suprsend-worker-state"
                        + "|--region=us-central1|--project=acme-suprsend-prod",
                bind("remove")), run.calls());
        assertTrue(run.stdout().contains("importing " + PREFIX + "2026-11-28T043000Z.rdb into suprsend-worker-state"
                + " (us-central1)"), run.stdout());
    }

    @Test
    void a_named_export_goes_into_a_fresh_instance() throws Exception {
        Run run = run(Map.of("OBJECT", PREFIX + "2026-11-26T043000Z.rdb", "TARGET", "suprsend-worker-state-2"));
        assertEquals(0, run.exit(), run.stderr());
        assertEquals(List.of(
                "redis|instances|describe|suprsend-worker-state-2|--region=us-central1|--project=acme-suprsend-prod"
                        + "|--format=value(persistenceIamIdentity)",
                bind("add"),
                "redis|instances|import|" + PREFIX + "2026-11-26T043000Z.rdb|suprsend-worker-state-2"
                        + "|--region=us-central1|--project=acme-suprsend-prod",
                bind("remove")), run.calls());
    }

    @Test
    void a_failed_import_fails_the_script_and_still_removes_the_binding() throws Exception {
        Run run = run(Map.of("FAKE_IMPORT_EXIT", "1"));
        assertNotEquals(0, run.exit());
        assertEquals(bind("remove"), run.calls().get(run.calls().size() - 1));
    }

    @Test
    void stops_before_touching_anything_when_there_is_no_export() throws Exception {
        Run run = run(Map.of("FAKE_LS", ""));
        assertEquals(1, run.exit());
        assertEquals(List.of("storage|ls|" + PREFIX + "*.rdb"), run.calls());
        assertTrue(run.stderr().contains("no export found under " + PREFIX), run.stderr());
    }

    @Test
    void refuses_an_object_outside_the_stores_export_path() throws Exception {
        Run run = run(Map.of("OBJECT", "gs://someone-else/dump.rdb"));
        assertEquals(1, run.exit());
        assertEquals(List.of(), run.calls());
    }
}
