package dev.kvstores.e2e.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.e2e.ShippedSynthesis;
import dev.kvstores.images.ImageReference;
import dev.kvstores.images.VersionFloors;
import dev.kvstores.kubernetes.WorkerStateBackup;
import dev.kvstores.kubernetes.WorkerStateBackupProps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job image's Dockerfile ({@value WorkerStateBackupProps#DOCKERFILE}) builds reproducibly (base image by digest,
 * packages at exact versions from a dated snapshot of the Debian archive, the versions recorded in labels); each
 * pinned tool is in the version range the scripts need, and the tools these tests run are too and support every
 * subcommand and flag the scripts use (read from the scripts); the image copies the scripts the library ships and
 * runs as the jobs' uid; the restore Job manifest is pinned by digest, hardened, carries the backup job's labels and
 * sets every variable its script reads.
 */
class WorkerStateBackupImageTest {

    private static final Path DOCKERFILE = ShippedSynthesis.PROJECT.resolve(WorkerStateBackupProps.DOCKERFILE);
    private static final Path CONTEXT = ShippedSynthesis.PROJECT.resolve(
            "constructs/src/main/resources/dev/kvstores/kubernetes");
    private static final Pattern DEBIAN_VERSION = Pattern.compile("(\\d+:)?[0-9][A-Za-z0-9.+~]*(-[A-Za-z0-9.+~]+)?");
    private static final Pattern DOTTED = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /**
     * A tool of the image: its Debian package, the ARG pinning it, the command printing its own version, and the
     * range the scripts need ({@code minimum} inclusive, {@code below} exclusive) with the reason.
     */
    private record Tool(String pkg, String arg, String versionCommand, String minimum, String below, String why) {
    }

    private static final List<Tool> TOOLS = List.of(
            new Tool("redis-tools", "REDIS_TOOLS_VERSION", "redis-cli --version", "6.0", "9",
                    "redis-cli --tls --cacert --user (6.0), --rdb, --no-raw; redis-check-rdb"),
            new Tool("age", "AGE_VERSION", "age --version", "1.0.0", "2",
                    "age -R <recipients file> (1.0.0), -d -i <identity file>"),
            new Tool("rclone", "RCLONE_VERSION", "rclone version", "1.60.0", "2",
                    "copyto, rcat, lsf -R --files-only --max-depth, delete --min-age --include, rmdirs --leave-root,"
                            + " purge; the azureblob backend of 1.60 with an account key"),
            new Tool("jq", "JQ_VERSION", "jq --version", "1.6", "2",
                    "-n -c -s -r, --arg, map/join/tostring filters"));

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

    /** The upstream version a Debian version or a tool's output starts with: 7.0.15 of 5:7.0.15-1~deb12u10. */
    private static String dotted(String text) {
        Matcher m = DOTTED.matcher(text.replaceFirst("^\\d+:", ""));
        assertTrue(m.find(), "no version in '" + text + "'");
        return m.group(0);
    }

    private static void assertInRange(Tool tool, String version, String where) {
        assertTrue(VersionFloors.compare(version, tool.minimum()) >= 0
                        && VersionFloors.compare(version, tool.below()) < 0,
                where + ": " + tool.pkg() + " " + version + " is outside [" + tool.minimum() + ", " + tool.below()
                        + "), which the scripts need for " + tool.why());
    }

    @Test
    void the_base_image_is_pinned_by_digest_and_the_packages_come_from_a_dated_snapshot() throws Exception {
        String dockerfile = Files.readString(DOCKERFILE);
        Map<String, String> args = args();
        assertTrue(args.getOrDefault("BASE_IMAGE", "").matches(
                "(docker\\.io/library/)?debian:[a-z0-9.-]+@sha256:[0-9a-f]{64}"), "base by digest: " + args);
        assertTrue(dockerfile.contains("\nFROM ${BASE_IMAGE}\nARG BASE_IMAGE\n"), "FROM the pinned base");
        String snapshot = args.get("DEBIAN_SNAPSHOT");
        assertTrue(snapshot != null && snapshot.matches("\\d{8}T\\d{6}Z"), "a snapshot timestamp: " + snapshot);
        Instant when = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX").parse(snapshot, Instant::from);
        assertTrue(when.isBefore(Instant.now()), "the snapshot " + snapshot + " is in the past");
        for (String archive : List.of("debian/${DEBIAN_SNAPSHOT} bookworm main",
                "debian-security/${DEBIAN_SNAPSHOT} bookworm-security main")) {
            assertTrue(dockerfile.contains("\"deb http://snapshot.debian.org/archive/" + archive + "\""), archive);
        }
        assertTrue(dockerfile.contains("rm -f /etc/apt/sources.list.d/debian.sources"),
                "the base image's live archive is not used");
        assertTrue(dockerfile.contains("apt-get -o Acquire::Check-Valid-Until=false update"),
                "a snapshot's Release files are past their Valid-Until");
        assertFalse(dockerfile.lines().filter(l -> !l.startsWith("#")).anyMatch(l -> l.contains("deb.debian.org")),
                "no package from the moving archive");
        assertTrue(dockerfile.contains("org.opencontainers.image.base.name=\"${BASE_IMAGE}\""));
        assertTrue(dockerfile.contains("dev.kvstores.debian-snapshot=\"${DEBIAN_SNAPSHOT}\""));
    }

    @Test
    void each_tool_is_installed_at_an_exact_version_recorded_in_a_label_and_in_the_range_the_scripts_need()
            throws Exception {
        String dockerfile = Files.readString(DOCKERFILE);
        Map<String, String> args = args();
        for (Tool tool : TOOLS) {
            String pin = args.get(tool.arg());
            assertTrue(pin != null && DEBIAN_VERSION.matcher(pin).matches(), "ARG " + tool.arg() + " pins "
                    + tool.pkg() + " to an exact Debian version, got " + pin);
            assertTrue(dockerfile.contains("\"" + tool.pkg() + "=${" + tool.arg() + "}\""), tool.pkg() + " at its pin");
            assertTrue(dockerfile.contains("dev.kvstores.tool." + tool.pkg() + "=\"${" + tool.arg() + "}\""),
                    tool.pkg() + "'s version in a label");
            assertInRange(tool, dotted(pin), WorkerStateBackupProps.DOCKERFILE);
        }
    }

    @Test
    void the_tools_these_tests_run_are_in_the_same_ranges() throws Exception {
        for (Tool tool : TOOLS) {
            String own = BackupTools.run(List.of("bash", "-c", tool.versionCommand()), Map.of(), dir, 30)
                    .requireSuccess().stdout();
            assertInRange(tool, dotted(own), tool.versionCommand());
        }
    }

    /** The non-comment lines of both scripts. */
    private static List<String> scriptLines() {
        return (WorkerStateBackup.script() + "\n" + WorkerStateBackup.restoreScript()).lines()
                .map(String::strip).filter(l -> !l.startsWith("#")).toList();
    }

    /** The options ({@code --x}, {@code -R}) written after {@code command} on the scripts' lines that run it. */
    private static Map<String, TreeSet<String>> options(String commandPattern) {
        Map<String, TreeSet<String>> out = new TreeMap<>();
        Pattern call = Pattern.compile("(?:^|[\\s(|$\"])(" + commandPattern + ")\\s+([^|;&)]*)");
        Pattern option = Pattern.compile("(?<![\\w\"'$-])(--?[a-zA-Z][a-zA-Z-]*)");
        for (String line : scriptLines()) {
            Matcher m = call.matcher(line);
            while (m.find()) {
                Matcher o = option.matcher(m.group(2).replaceAll("\"[^\"]*\"|'[^']*'", " "));
                TreeSet<String> set = out.computeIfAbsent(m.group(1), k -> new TreeSet<>());
                while (o.find()) {
                    set.add(o.group(1));
                }
            }
        }
        return out;
    }

    @Test
    void rclone_knows_every_subcommand_and_flag_the_scripts_use() throws Exception {
        Map<String, TreeSet<String>> used = options("rclone [a-z]+");
        assertTrue(used.keySet().containsAll(List.of("rclone copyto", "rclone lsf")), used.toString());
        String global = BackupTools.run(List.of("rclone", "help", "flags"), Map.of(), dir, 30).requireSuccess()
                .stdout();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, TreeSet<String>> e : used.entrySet()) {
            List<String> command = new ArrayList<>(List.of(e.getKey().split(" ")));
            command.add("--help");
            BackupTools.Result help = BackupTools.run(command, Map.of(), dir, 30);
            if (help.exitCode() != 0) {
                unknown.add(e.getKey());
                continue;
            }
            for (String flag : e.getValue()) {
                if (!Pattern.compile("(^|[\\s,])" + Pattern.quote(flag) + "\\b").matcher(help.stdout() + global)
                        .find()) {
                    unknown.add(e.getKey() + " " + flag);
                }
            }
        }
        assertEquals(List.of(), unknown, "rclone subcommands or flags the scripts use that this rclone lacks");
    }

    @Test
    void redis_cli_knows_every_flag_the_scripts_pass_it() throws Exception {
        TreeSet<String> flags = new TreeSet<>();
        options("redis-cli|cli|rcli").values().forEach(flags::addAll);
        assertTrue(flags.containsAll(List.of("--tls", "--cacert", "--user", "--rdb", "--no-auth-warning")),
                flags.toString());
        String help = BackupTools.run(List.of("redis-cli", "--help"), Map.of(), dir, 30).stdout();
        List<String> unknown = flags.stream().filter(f -> !help.contains(f + " ") && !help.contains(f + "\n"))
                .toList();
        assertEquals(List.of(), unknown, "redis-cli flags the scripts use that this redis-cli lacks:\n" + help);
        BackupTools.run(List.of("redis-check-rdb", "--help"), Map.of(), dir, 30); // present (exit code varies)
    }

    @Test
    void age_encrypts_to_a_recipients_file_and_decrypts_with_an_identity_file() throws Exception {
        TreeSet<String> flags = options("age").getOrDefault("age", new TreeSet<>());
        assertTrue(List.of("-r", "-R", "-o", "-d", "-i").containsAll(flags),
                "the scripts use age options this test does not exercise: " + flags);
        BackupTools.run(List.of("age-keygen", "-o", "key.txt"), Map.of(), dir, 30).requireSuccess();
        String recipient = BackupTools.run(List.of("age-keygen", "-y", "key.txt"), Map.of(), dir, 30)
                .requireSuccess().stdout().strip();
        Files.writeString(dir.resolve("recipients.txt"), recipient + "\n");
        Files.writeString(dir.resolve("plain.bin"), "worker state\n");
        BackupTools.run(List.of("age", "-r", recipient, "-o", "plain.bin.age", "plain.bin"), Map.of(), dir, 30)
                .requireSuccess();
        BackupTools.run(List.of("age", "-R", "recipients.txt", "-o", "plain2.bin.age", "plain.bin"), Map.of(), dir,
                30).requireSuccess();
        BackupTools.run(List.of("age", "-d", "-i", "key.txt", "-o", "back2.bin", "plain2.bin.age"), Map.of(), dir, 30)
                .requireSuccess();
        assertEquals("worker state\n", Files.readString(dir.resolve("back2.bin")));
        BackupTools.run(List.of("age", "-d", "-i", "key.txt", "-o", "back.bin", "plain.bin.age"), Map.of(), dir, 30)
                .requireSuccess();
        assertEquals("worker state\n", Files.readString(dir.resolve("back.bin")));
    }

    @Test
    void jq_runs_the_kind_of_programs_the_scripts_use() throws Exception {
        TreeSet<String> flags = options("jq").getOrDefault("jq", new TreeSet<>());
        assertTrue(List.of("-n", "-c", "-s", "-r", "--arg", "-cn", "-R", "-e", "--argjson", "--slurpfile")
                .containsAll(flags), "the scripts use jq options this test does not exercise: " + flags);
        // the manifest steps: lines of "sha file" (-R), slurped (-s), joined with --argjson/--slurpfile; -e on JSON
        Files.writeString(dir.resolve("parts.sha256"), "abc part-00000.age\ndef part-00001.age\n");
        String parts = BackupTools.run(List.of("bash", "-c", "jq -R 'split(\" \") | {file: .[1], sha256: .[0]}'"
                + " parts.sha256 | jq -s . > parts.json && jq -cn --arg source h:1 --argjson keys 7"
                + " --slurpfile parts parts.json '{source: $source, keys: $keys, parts: $parts[0]}'"), Map.of(), dir,
                30).requireSuccess().stdout().strip();
        assertEquals("{\"source\":\"h:1\",\"keys\":7,\"parts\":[{\"file\":\"part-00000.age\",\"sha256\":\"abc\"},"
                + "{\"file\":\"part-00001.age\",\"sha256\":\"def\"}]}", parts);
        Files.writeString(dir.resolve("bad.json"), "{not json");
        assertEquals(0, BackupTools.run(List.of("bash", "-c", "jq -e . parts.json"), Map.of(), dir, 30).exitCode());
        assertTrue(BackupTools.run(List.of("bash", "-c", "jq -e . bad.json"), Map.of(), dir, 30).exitCode() != 0,
                "jq -e refuses a manifest that is not JSON");
        String manifest = BackupTools.run(List.of("bash", "-c", "jq -cn --arg file f.age --arg slots '0-5 7'"
                        + " '{file: $file, slots: ($slots | split(\" \"))}' | jq -s --arg store s"
                        + " '{store: $store, shards: .}'"), Map.of(), dir, 30).requireSuccess().stdout();
        String row = BackupTools.run(List.of("bash", "-c", "printf '%s' '" + manifest.strip() + "' | jq -r"
                + " '.shards[] | [.file, (.slots | map(tostring) | join(\",\"))] | join(\" \")'"), Map.of(), dir, 30)
                .requireSuccess().stdout();
        assertEquals("f.age 0-5,7\n", row);
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
        ImageReference image = ImageReference.parse(container.path("image").asText());
        assertTrue(image.pinnedByDigest() && image.digestProblem() == null, "the restore Job's image by digest: "
                + image);
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
}
