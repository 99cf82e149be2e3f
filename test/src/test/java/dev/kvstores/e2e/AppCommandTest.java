package dev.kvstores.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the built app as cdktf (and the README) do: {@code main/kvstores}, the launcher of the app jar. */
class AppCommandTest {

    private static final Path PROJECT = Path.of(System.getProperty("kvstores.projectDir", ".")).toAbsolutePath()
            .normalize();

    @TempDir
    Path tmp;

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private Run app(Path outdir, String... args) throws IOException, InterruptedException {
        return app(outdir, java.util.Map.of(), args);
    }

    private Run app(Path outdir, java.util.Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Path jar = PROJECT.resolve("main/target/kvstores-app.jar");
        assertTrue(Files.isRegularFile(jar), "build the app first: " + jar);
        List<String> command = new java.util.ArrayList<>(List.of("main/kvstores"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT.toFile())
                .redirectOutput(tmp.resolve("stdout").toFile()).redirectError(tmp.resolve("stderr").toFile());
        builder.environment().put("CDKTF_OUTDIR", outdir.toString());
        builder.environment().put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        builder.environment().remove("JSII_RUNTIME");
        builder.environment().put("KVSTORES_SERVER", "off"); // each run in its own process, even if a server runs
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "app timed out");
        return new Run(process.exitValue(), Files.readString(tmp.resolve("stdout")),
                Files.readString(tmp.resolve("stderr")));
    }

    @Test
    void synthesizes_the_shipped_environments_into_cdktf_outdir() throws Exception {
        Path outdir = tmp.resolve("out");
        Run run = app(outdir);
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("kvstores: synthesized"), run.stdout());
        assertTrue(Files.isRegularFile(outdir.resolve("stacks/kubernetes-prod/cdk.tf.json")));
    }

    @Test
    void two_separate_processes_write_byte_identical_stacks() throws Exception {
        // Separate JVMs: hash-order randomness (e.g. Map.of iteration) differs between processes, not within one.
        Path first = tmp.resolve("first");
        Path second = tmp.resolve("second");
        assertEquals(0, app(first).exitCode());
        assertEquals(0, app(second).exitCode());
        try (var files = Files.walk(first.resolve("stacks"))) {
            List<Path> stacks = files.filter(p -> p.getFileName().toString().equals("cdk.tf.json")).toList();
            assertTrue(stacks.size() >= 7, stacks.toString());
            for (Path file : stacks) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(file),
                        Files.readAllBytes(second.resolve(first.relativize(file))), file.toString());
            }
        }
    }

    @Test
    void a_bad_environment_file_exits_non_zero_lists_problems_and_leaves_output_untouched() throws Exception {
        Path outdir = tmp.resolve("out");
        Files.createDirectories(outdir);
        Path marker = Files.writeString(outdir.resolve("previous-output.txt"), "from an earlier synth");
        Path environments = Files.createDirectories(tmp.resolve("environments"));
        Files.copy(PROJECT.resolve("stacks/environments/kubernetes-prod.yaml"), environments.resolve("good.yaml"));
        Files.writeString(environments.resolve("broken.yaml"), """
                platform: kubernetes
                profile: production
                kubernetes: {configContext: prod}
                connectionSecret: {namespace: suprsend}
                network: {allowedNamespaces: [suprsend]}
                cache: {namespace: redis-cache, nodes: 2, size: huge}
                workerState: {backend: redis-sentinel, namespace: redis-state, storageClass: ssd, replicas: 3}
                """, StandardCharsets.UTF_8);

        Run run = app(outdir, "--environments", environments.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("cache.size: is 'huge'; allowed: small, medium, large"), run.stderr());
        assertTrue(run.stderr().contains("workerState.replicas: is not a known field"), run.stderr());
        assertTrue(run.stderr().contains("nothing was written to"), run.stderr());
        try (var files = Files.list(outdir)) {
            assertEquals(List.of(marker), files.toList());
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"kubernetes-prod", "aws-prod", "gcp-prod", "azure-prod"})
    void an_unedited_copy_of_a_shipped_production_file_is_refused_naming_both_files(String shipped)
            throws Exception {
        Path outdir = tmp.resolve("out");
        Path environments = Files.createDirectories(tmp.resolve("environments"));
        try (var files = Files.list(PROJECT.resolve("stacks/environments"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.copy(file, environments.resolve(file.getFileName()));
            }
        }
        Files.copy(PROJECT.resolve("stacks/environments/" + shipped + ".yaml"),
                environments.resolve(shipped + "-copy.yaml"));
        Run run = app(outdir, "--environments", environments.toString());
        assertEquals(2, run.exitCode(), run.stdout());
        // The later file of the two (in file order) is the one reported; either way both are named.
        String copy = environments.resolve(shipped + "-copy.yaml").toString();
        String original = environments.resolve(shipped + ".yaml").toString();
        String reported = copy.compareTo(original) > 0 ? copy : original;
        String other = reported.equals(copy) ? original : copy;
        assertTrue(run.stderr().contains(reported + ": connectionSecret.name: is 'suprsend-secrets', so this"
                + " environment would create or adopt Kubernetes Secret suprsend/suprsend-secrets in kube context "),
                run.stderr());
        for (String field : switch (shipped) {
            case "kubernetes-prod" -> List.of("cache.releaseName", "workerState.releaseName");
            case "aws-prod" -> List.of("cache.name", "workerState.name");
            case "gcp-prod" -> List.of("cache.name", "workerState.name", "workerState.backup.destination.bucket");
            default -> List.of("cache.releaseName", "workerState.name", "workerState.backup.destination.account");
        }) {
            assertTrue(run.stderr().lines().anyMatch(l -> l.contains(reported + ": " + field + ": is '")
                    && l.contains(", which " + other + " claims too")), field + " in " + run.stderr());
        }
        assertTrue(run.stderr().contains("nothing was written to"), run.stderr());
        assertTrue(Files.notExists(outdir));
    }

    @Test
    void a_role_violation_found_while_building_names_the_file_and_section() throws Exception {
        Path outdir = tmp.resolve("out");
        Path environments = Files.createDirectories(tmp.resolve("environments"));
        Files.writeString(environments.resolve("two-nodes.yaml"), Files.readString(
                PROJECT.resolve("stacks/environments/kubernetes-prod.yaml")).replace("  nodes: 3                          # 1 primary", "  nodes: 2                          # 1 primary"));
        Run run = app(outdir, "--environments", environments.toString());
        assertEquals(2, run.exitCode(), run.stdout());
        assertTrue(run.stderr().contains(environments.resolve("two-nodes.yaml") + ": cache.nodes:"
                + " nodes must be at least 3 for automatic failover (1 primary + replicas), got 2"), run.stderr());
        assertTrue(Files.notExists(outdir));
    }

    @Test
    void every_backend_mistake_of_one_store_is_reported_in_one_run() throws Exception {
        Path outdir = tmp.resolve("out");
        Path environments = Files.createDirectories(tmp.resolve("environments"));
        String prod = Files.readString(PROJECT.resolve("stacks/environments/aws-prod.yaml"));
        Files.writeString(environments.resolve("two-mistakes.yaml"), prod
                .replace("  name: suprsend-cache ", "  name: Suprsend_Cache ")
                .replaceFirst("maintenanceWindow: sun:05:00-sun:06:00", "maintenanceWindow: '05:00-06:00'"));
        Run run = app(outdir, "--environments", environments.toString());
        assertEquals(2, run.exitCode(), run.stdout());
        assertTrue(run.stderr().contains(environments.resolve("two-mistakes.yaml") + ": cache.name:"
                + " name must be 1-30 lowercase letters, digits and single hyphens, starting with a"
                + " letter, got 'Suprsend_Cache'; it prefixes the replication group, user and log group names"),
                run.stderr());
        assertTrue(run.stderr().contains(environments.resolve("two-mistakes.yaml") + ": cache.maintenanceWindow:"
                + " maintenanceWindow must look like sun:05:00-sun:06:00 (UTC), got '05:00-06:00'"),
                run.stderr());
        assertTrue(Files.notExists(outdir));
    }

    /** Two development stacks (fast to synthesize) in a temporary environments directory. */
    private Path twoEnvironments() throws IOException {
        Path environments = Files.createDirectories(tmp.resolve("environments"));
        String dev = Files.readString(PROJECT.resolve("stacks/environments/kubernetes-dev.yaml"));
        Files.writeString(environments.resolve("kubernetes-dev.yaml"), dev);
        // a second cluster: the same releases in one cluster are refused (README, "Copying an environment file")
        Files.writeString(environments.resolve("kubernetes-dev-two.yaml"), dev.replaceFirst("configContext: dev\\b",
                "configContext: dev-two"));
        return environments;
    }

    /** What {@code terraform init} leaves in a stack folder: providers, the initialized backend, the lock file. */
    private static List<Path> terraformInit(Path stackDir) throws IOException {
        Path provider = Files.createDirectories(stackDir.resolve(".terraform/providers/registry.terraform.io"))
                .resolve("helm");
        return List.of(Files.writeString(provider, "provider binary"),
                Files.writeString(stackDir.resolve(".terraform/terraform.tfstate"), "{\"backend\": {}}"),
                Files.writeString(stackDir.resolve(".terraform.lock.hcl"), "# provider locks"));
    }

    private static void assertUnchanged(List<Path> files) throws IOException {
        for (Path file : files) {
            assertTrue(Files.isRegularFile(file), file + " is gone");
        }
        assertEquals("provider binary", Files.readString(files.get(0)));
        assertEquals("# provider locks", Files.readString(files.get(2)));
    }

    @Test
    void terraform_working_files_survive_a_synthesis() throws Exception {
        Path outdir = tmp.resolve("out");
        Path environments = twoEnvironments();
        assertEquals(0, app(outdir, "--environments", environments.toString()).exitCode());
        List<Path> dev = terraformInit(outdir.resolve("stacks/kubernetes-dev"));
        List<Path> two = terraformInit(outdir.resolve("stacks/kubernetes-dev-two"));

        Run run = app(outdir, "--environments", environments.toString());

        assertEquals(0, run.exitCode(), run.stderr());
        assertUnchanged(dev);
        assertUnchanged(two);
        assertTrue(Files.isRegularFile(outdir.resolve("stacks/kubernetes-dev/cdk.tf.json")));
    }

    @Test
    void only_keeps_the_other_stacks_folders_and_manifest_entries_and_every_working_file() throws Exception {
        Path outdir = tmp.resolve("out");
        Path environments = twoEnvironments();
        assertEquals(0, app(outdir, "--environments", environments.toString()).exitCode());
        List<Path> dev = terraformInit(outdir.resolve("stacks/kubernetes-dev"));
        List<Path> two = terraformInit(outdir.resolve("stacks/kubernetes-dev-two"));
        byte[] otherStack = Files.readAllBytes(outdir.resolve("stacks/kubernetes-dev-two/cdk.tf.json"));

        Run run = app(outdir, "--environments", environments.toString(), "--only", "kubernetes-dev");

        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("synthesized 1 stack(s)"), run.stdout());
        assertUnchanged(dev);
        assertUnchanged(two);
        org.junit.jupiter.api.Assertions.assertArrayEquals(otherStack,
                Files.readAllBytes(outdir.resolve("stacks/kubernetes-dev-two/cdk.tf.json")));
        JsonNode manifest = new ObjectMapper()
                .readTree(outdir.resolve("manifest.json").toFile());
        assertEquals(List.of("kubernetes-dev", "kubernetes-dev-two"), iterable(manifest.path("stacks").fieldNames()));
        assertEquals("stacks/kubernetes-dev-two/cdk.tf.json",
                manifest.path("stacks").path("kubernetes-dev-two").path("synthesizedStackPath").asText());
    }

    @Test
    void a_failed_synthesis_leaves_the_working_files_and_the_output_as_they_were() throws Exception {
        Path outdir = tmp.resolve("out");
        Path environments = twoEnvironments();
        assertEquals(0, app(outdir, "--environments", environments.toString()).exitCode());
        terraformInit(outdir.resolve("stacks/kubernetes-dev"));
        Map<Path, String> before = contents(outdir);
        Files.writeString(environments.resolve("broken.yaml"), "platform: kubernetes\n", StandardCharsets.UTF_8);

        Run run = app(outdir, "--environments", environments.toString(), "--only", "kubernetes-dev");

        assertEquals(2, run.exitCode(), run.stdout());
        assertEquals(before, contents(outdir));
    }

    /** Every file below {@code dir} with its text. */
    private static Map<Path, String> contents(Path dir) throws IOException {
        Map<Path, String> out = new TreeMap<>();
        try (var files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(file), Files.readString(file));
            }
        }
        return out;
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> out = new ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }

    @Test
    void a_copy_of_a_shipped_file_made_as_the_readme_says_gets_a_state_of_its_own() throws Exception {
        Path outdir = tmp.resolve("out");
        Path environments = Files.createDirectories(tmp.resolve("environments"));
        String prod = Files.readString(PROJECT.resolve("stacks/environments/kubernetes-prod.yaml"));
        Files.writeString(environments.resolve("kubernetes-prod.yaml"), prod);
        // README: copy kubernetes-prod.yaml, give it its own stateBackend.key and change what "Copying an
        // environment file" lists (here the cluster)
        Files.writeString(environments.resolve("kubernetes-staging.yaml"), prod.replace(
                "key: kvstores/kubernetes-prod.tfstate", "key: kvstores/kubernetes-staging.tfstate")
                .replaceFirst("configContext: prod\\b", "configContext: staging"));

        Run run = app(outdir, "--environments", environments.toString());

        assertEquals(0, run.exitCode(), run.stderr());
        ObjectMapper json = new ObjectMapper();
        for (String name : List.of("kubernetes-prod", "kubernetes-staging")) {
            Path stack = outdir.resolve("stacks").resolve(name);
            JsonNode s3 = json.readTree(stack.resolve("cdk.tf.json").toFile()).path("terraform").path("backend")
                    .path("s3");
            assertEquals("kvstores/" + name + ".tfstate", s3.path("key").asText(), s3.toString());
            String report = Files.readString(stack.resolve("kvstores-report.md"));
            assertTrue(report.contains("- state: s3://acme-kvstores-tfstate/kvstores/" + name + ".tfstate\n"),
                    report);
        }
    }

    @Test
    void a_copy_that_keeps_the_state_key_of_its_original_is_refused_naming_both_files() throws Exception {
        Path outdir = tmp.resolve("out");
        Path environments = Files.createDirectories(tmp.resolve("environments"));
        Path prod = PROJECT.resolve("stacks/environments/kubernetes-prod.yaml");
        Files.copy(prod, environments.resolve("kubernetes-prod.yaml"));
        Files.copy(prod, environments.resolve("kubernetes-staging.yaml"));

        Run run = app(outdir, "--environments", environments.toString(), "--only", "kubernetes-staging");

        assertEquals(2, run.exitCode(), run.stdout());
        assertTrue(run.stderr().contains(environments.resolve("kubernetes-staging.yaml") + ": stateBackend.key: is"
                + " 'kvstores/kubernetes-prod.tfstate', so this stack's state would be"
                + " s3://acme-kvstores-tfstate/kvstores/kubernetes-prod.tfstate, which is the state of "
                + environments.resolve("kubernetes-prod.yaml") + " too;"), run.stderr());
        assertTrue(Files.notExists(outdir));
    }

    @Test
    void production_with_a_local_state_a_frozen_image_or_a_redis_below_the_floor_exits_2_writing_nothing()
            throws Exception {
        Path outdir = tmp.resolve("out");
        Path environments = Files.createDirectories(tmp.resolve("environments"));
        String prod = Files.readString(PROJECT.resolve("stacks/environments/kubernetes-prod.yaml"));
        String bad = prod.replaceFirst("(?s)stateBackend:.*?useLockfile: true[^\n]*\n", "stateBackend: {type: local}\n")
                .replace("repositoryPrefix: bitnami ", "repositoryPrefix: bitnamilegacy ")
                .replaceFirst("tag: 8.2.9-debian-12-r0", "tag: 8.2.1-debian-12-r0")
                .replaceFirst("digest: sha256:[0-9a-f]{64}", "digest: sha256:ABC");
        Files.writeString(environments.resolve("kubernetes-prod.yaml"), bad);

        Run run = app(outdir, "--environments", environments.toString());

        assertEquals(2, run.exitCode(), run.stdout());
        String file = environments.resolve("kubernetes-prod.yaml").toString();
        for (String problem : List.of(file + ": stateBackend.type: is 'local' with profile production",
                file + ": images.redis.tag: redis 8.2.1 is below the floor 8.2.9 of release line 8.2",
                file + ": images.redis: 'registry.example.com/bitnamilegacy/redis:8.2.1-debian-12-r0@sha256:ABC'"
                        + " comes from bitnamilegacy, a frozen source",
                file + ": images.redis.digest: is 'sha256:ABC': the digest 'sha256:ABC' is not sha256: followed by"
                        + " 64 lowercase hex digits")) {
            assertTrue(run.stderr().contains(problem), problem + "\n" + run.stderr());
        }
        assertTrue(Files.notExists(outdir), "nothing written");
    }

    @Test
    void the_launcher_starts_the_jsii_kernel_directly_and_can_go_back_to_the_relay() throws Exception {
        Path environments = Files.createDirectories(tmp.resolve("environments"));
        Files.writeString(environments.resolve("broken.yaml"), "platform: kubernetes\n", StandardCharsets.UTF_8);

        Run direct = app(tmp.resolve("out"), java.util.Map.of("JSII_DEBUG", "1"),
                "--environments", environments.toString());
        Run relay = app(tmp.resolve("out"), java.util.Map.of("JSII_DEBUG", "1", "KVSTORES_JSII_RELAY", "1"),
                "--environments", environments.toString());

        assertEquals(2, direct.exitCode());
        String directCommand = direct.stderr().lines().filter(l -> l.startsWith("jsii-runtime: ")).findFirst()
                .orElseThrow();
        assertTrue(directCommand.contains("main/jsii/direct-stdio.js") && directCommand.endsWith("lib/program.js'"),
                directCommand);
        assertTrue(direct.stderr().contains("\"assembly\":\"cdktf\""), "the kernel answered the direct start");
        assertEquals(2, relay.exitCode());
        assertTrue(relay.stderr().lines().anyMatch(l -> l.startsWith("jsii-runtime: node ")
                && l.endsWith("bin/jsii-runtime.js")), relay.stderr().lines().limit(3).toList().toString());
    }

    @Test
    void the_launcher_finds_its_own_directory_whatever_cdpath_says() throws Exception {
        Files.createDirectories(tmp.resolve("elsewhere/main"));

        Run run = app(tmp.resolve("out"), java.util.Map.of("CDPATH", tmp.resolve("elsewhere").toString()),
                "--help");

        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().startsWith("usage: kvstores-app"), run.stdout());
    }

    @Test
    void the_class_data_archive_applies_whatever_directory_the_app_runs_from() throws Exception {
        Path archive = PROJECT.resolve("main/target/kvstores-app.jsa");
        assertTrue(Files.isRegularFile(archive), "no class-data archive " + archive + ": the package phase writes it"
                + " (a build with -Dkvstores.cds.skip has none)");
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path log = tmp.resolve("class-load.log");
        ProcessBuilder builder = new ProcessBuilder(PROJECT.resolve("main/kvstores").toString(), "--help")
                .directory(elsewhere.toFile())
                .redirectOutput(tmp.resolve("stdout").toFile()).redirectError(tmp.resolve("stderr").toFile());
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log);
        builder.environment().put("KVSTORES_SERVER", "off");
        Process process = builder.start();
        assertTrue(process.waitFor(1, TimeUnit.MINUTES), "launcher timed out");

        assertEquals(0, process.exitValue(), Files.readString(tmp.resolve("stderr")));
        String main = Files.readAllLines(log).stream().filter(l -> l.contains(" dev.kvstores.app.Main "))
                .findFirst().orElseThrow(() -> new AssertionError("dev.kvstores.app.Main not in " + log));
        assertTrue(main.contains("source: shared objects file"), "the app's classes do not come from the archive"
                + " when it runs from another directory: " + main);
    }

    @Test
    void the_launcher_of_an_unbuilt_clone_says_to_run_mvn_install_first() throws Exception {
        Path clone = tmp.resolve("clone");
        Files.createDirectories(clone.resolve("main"));
        Path launcher = Files.copy(PROJECT.resolve("main/kvstores"), clone.resolve("main/kvstores"));
        Process process = new ProcessBuilder(launcher.toString()).directory(clone.toFile())
                .redirectOutput(tmp.resolve("stdout").toFile()).redirectError(tmp.resolve("stderr").toFile()).start();
        assertTrue(process.waitFor(1, TimeUnit.MINUTES), "launcher timed out");

        assertEquals(1, process.exitValue());
        assertEquals("kvstores: the app is not built (no main/target/kvstores-app.jar); run `mvn -B install"
                + " -DskipTests` in " + clone + " first\n", Files.readString(tmp.resolve("stderr")));
        assertEquals("", Files.readString(tmp.resolve("stdout")));
    }

    @Test
    void an_option_without_its_value_exits_2_with_the_usage_and_no_stack_trace() throws Exception {
        Run run = app(tmp.resolve("out"), "--only");

        assertEquals(2, run.exitCode(), run.stdout());
        assertEquals("kvstores: --only needs a value: --environments DIR or --only name[,name...]\n", run.stderr());
        assertTrue(Files.notExists(tmp.resolve("out")));
    }
}
