package dev.kvstores.e2e.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.e2e.ShippedSynthesis;
import dev.kvstores.e2e.realserver.RedisServerProcess;
import dev.kvstores.kubernetes.WorkerStateBackup;
import dev.kvstores.kubernetes.WorkerStateBackupProps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job image's Dockerfile ({@value WorkerStateBackupProps#DOCKERFILE}) pins exactly the tool versions the backup
 * tests ran (the test machine's Debian packages, and each tool's own version output), copies the scripts the
 * library ships, and runs as the uid the CronJob and the documented restore Job use; the restore Job manifest is
 * pinned, hardened, carries the backup job's labels and sets every variable its script reads.
 */
class WorkerStateBackupImageTest {

    private static final Path DOCKERFILE = ShippedSynthesis.PROJECT.resolve(WorkerStateBackupProps.DOCKERFILE);
    private static final Path CONTEXT = ShippedSynthesis.PROJECT.resolve(
            "constructs/src/main/resources/dev/kvstores/kubernetes");
    /** Debian package -> the ARG pinning it -> the command printing the tool's own version. */
    private static final String[][] TOOLS = {
            {"redis-tools", "REDIS_TOOLS_VERSION", "redis-cli --version"},
            {"age", "AGE_VERSION", "age --version"},
            {"rclone", "RCLONE_VERSION", "rclone version"},
            {"jq", "JQ_VERSION", "jq --version"}};

    @TempDir
    static Path dir;

    private static Map<String, String> args() throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^ARG ([A-Z_]+)=(\\S+)$").matcher(Files.readString(DOCKERFILE));
        while (m.find()) {
            args.put(m.group(1), m.group(2));
        }
        return args;
    }

    @Test
    void the_pinned_packages_are_the_ones_the_tests_ran() throws Exception {
        Map<String, String> args = args();
        String dockerfile = Files.readString(DOCKERFILE);
        List<String> drift = new ArrayList<>();
        for (String[] tool : TOOLS) {
            String pin = args.get(tool[1]);
            assertTrue(pin != null, "ARG " + tool[1] + " pins " + tool[0]);
            assertTrue(dockerfile.contains("\"" + tool[0] + "=${" + tool[1] + "}\""), tool[0] + " installed at its pin");
            // The upstream version (no epoch, no Debian revision) is what the tool itself prints.
            String upstream = pin.replaceFirst("^\\d+:", "").replaceFirst("[-+~].*$", "");
            String own = BackupTools.run(List.of("bash", "-c", tool[2]), Map.of(), dir, 30).requireSuccess().stdout();
            assertTrue(own.contains(upstream), tool[2] + " prints " + own.strip() + ", the Dockerfile pins " + pin);
            String installed = dpkgVersion(tool[0]);
            if (!pin.equals(installed)) {
                drift.add(tool[0] + ": Dockerfile " + pin + ", tests ran " + installed);
            }
        }
        assertEquals(List.of(), drift, "set the ARGs in " + WorkerStateBackupProps.DOCKERFILE + " to the versions the"
                + " tests ran (dpkg-query -W <package>)");
        Path debian = Path.of("/etc/debian_version");
        if (Files.exists(debian)) {
            assertEquals(Files.readString(debian).strip(), args.get("DEBIAN_VERSION"), "the base image's Debian release");
        }
        assertTrue(dockerfile.contains("FROM debian:${DEBIAN_VERSION}-slim"), "a pinned Debian base");
    }

    @Test
    void the_image_holds_the_shipped_scripts_and_runs_as_the_jobs_uid() throws Exception {
        String dockerfile = Files.readString(DOCKERFILE);
        Matcher copy = Pattern.compile("(?m)^COPY (.+) /usr/local/bin/$").matcher(dockerfile);
        assertTrue(copy.find(), "COPY of the scripts");
        List<String> sources = List.of(copy.group(1).split(" "));
        assertEquals(List.of("worker-state-backup.sh", "worker-state-restore.sh"), sources);
        assertEquals(WorkerStateBackup.script(), Files.readString(CONTEXT.resolve(sources.get(0))),
                "the build context is the folder of the scripts the library ships");
        assertEquals(WorkerStateBackup.restoreScript(), Files.readString(CONTEXT.resolve(sources.get(1))));
        assertTrue(dockerfile.contains("docker build -f " + WorkerStateBackupProps.DOCKERFILE), "the build command");
        assertTrue(dockerfile.contains("constructs/src/main/resources/dev/kvstores/kubernetes\n"), "its context");
        assertTrue(dockerfile.contains("\nUSER 1001:1001\n"));
        JsonNode pod = ShippedSynthesis.stack("kubernetes-prod").path("resource").path("kubernetes_cron_job_v1")
                .elements().next().at("/spec/job_template/spec/template/spec");
        assertEquals("1001", pod.at("/security_context/run_as_user").asText());
        assertEquals("1001", pod.at("/container/0/security_context/run_as_user").asText());
    }

    @Test
    void the_restore_job_is_pinned_hardened_labelled_like_the_backup_job_and_sets_what_its_script_reads()
            throws Exception {
        RestoreJobManifest manifest = RestoreJobManifest.load();
        JsonNode pod = manifest.job().at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        assertNull(WorkerStateBackupProps.unpinnedImageProblem(container.path("image").asText()));
        Map<String, String> labels = new TreeMap<>();
        manifest.job().at("/spec/template/metadata/labels").fields()
                .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        assertEquals(new TreeMap<>(WorkerStateBackup.podLabels("redis-state")), labels,
                "the backup job's labels: the store and the job's NetworkPolicies apply");
        assertFalse(pod.path("automountServiceAccountToken").asBoolean(true));
        assertEquals("Never", pod.path("restartPolicy").asText());
        assertEquals(0, manifest.job().at("/spec/backoffLimit").asInt(), "a restore is not retried blindly");
        assertEquals("RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asText());
        assertEquals(1001, pod.at("/securityContext/runAsUser").asInt());
        assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean());
        assertFalse(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true));
        assertEquals("[\"ALL\"]", container.at("/securityContext/capabilities/drop").toString());
        assertEquals(container.at("/resources/requests"), container.at("/resources/limits"));

        Matcher variable = Pattern.compile("\\$([A-Z_]+)").matcher(manifest.script());
        List<String> missing = new ArrayList<>();
        while (variable.find()) {
            if (!manifest.env().containsKey(variable.group(1))) {
                missing.add(variable.group(1));
            }
        }
        assertEquals(List.of(), missing, "variables the Job's script reads but its env does not set");
        for (String name : List.of("AGE_IDENTITY_FILE", "REDIS_CA_FILE", "RCLONE_CONFIG_DEST_TYPE")) {
            assertTrue(manifest.env().containsKey(name), name);
            assertTrue(WorkerStateBackup.restoreScript().contains(name), "the restore script reads " + name);
        }
        String restore = WorkerStateBackup.restoreScript();
        for (String sub : List.of("install", "load")) {
            assertTrue(manifest.script().contains("worker-state-restore.sh " + sub), sub);
            assertTrue(restore.contains("[ \"$1\" = " + sub + " ]"), "the restore script knows " + sub);
        }
    }

    private static String dpkgVersion(String pkg) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/dpkg-query"))) {
            throw RedisServerProcess.missingPrerequisite("dpkg-query not found: the Dockerfile's pins are Debian"
                    + " package versions, compared with the test machine's (Debian bookworm)");
        }
        return BackupTools.run(List.of("dpkg-query", "-W", "-f", "${Version}", pkg), Map.of(), dir, 30)
                .requireSuccess().stdout().strip();
    }
}
