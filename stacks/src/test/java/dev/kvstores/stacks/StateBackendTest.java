package dev.kvstores.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.Testing;
import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.environment.EnvironmentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code stateBackend} of environment files: one state per stack, S3 locking, what is synthesized and reported. */
class StateBackendTest {

    private static final String VALID = """
            platform: kubernetes
            profile: production
            kubernetes: {configContext: prod}
            connectionSecret: {namespace: suprsend}
            network: {allowedNamespaces: [suprsend], apiServerCidrs: [10.0.0.15/32]}
            cache: {namespace: redis-cache}
            workerState: {backend: redis-sentinel, namespace: redis-state, storageClass: ssd}
            images: {registry: registry.example.com, repositoryPrefix: bitnami, redis: {tag: 8.2.9-debian-12-r0, digest: "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}, redisSentinel: {tag: 8.2.9-debian-12-r0, digest: "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}, redisCluster: {tag: 8.2.9-debian-12-r0, digest: "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"}, redisExporter: {tag: 1.76.0-debian-12-r0, digest: "sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"}, kubectl: {tag: 1.33.4-debian-12-r0, digest: "sha256:eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"}}
            """;
    /** {@link #VALID} with profile development: may keep its state in a local file. */
    private static final String DEV = VALID.replace("profile: production", "profile: development");
    private static final String KMS = "kmsKeyId: arn:aws:kms:eu-west-1:123456789012:key/0000, ";
    private static final String S3 = "stateBackend: {type: s3, bucket: tf-state, key: kvstores/prod.tfstate,"
            + " region: eu-west-1, ";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Writes an environment file whose kube context is its own name: only the state location is shared. */
    private void write(String name, String yaml) throws IOException {
        Files.writeString(dir.resolve(name), yaml.replace("{configContext: prod}",
                "{configContext: " + name.replace(".yaml", "") + "}"));
    }

    /** The state problems of the directory (its files also share the physical things: PhysicalClaimTest). */
    private List<String> directoryProblems() {
        return assertThrows(EnvironmentException.class, () -> EnvironmentLoader.loadDirectory(dir, dir)).problems()
                .stream().filter(p -> !p.contains("so this environment would create or adopt")).toList();
    }

    private Environment load(String yaml) throws IOException {
        return EnvironmentLoader.loadFile(Files.writeString(dir.resolve("s3-test.yaml"), yaml), dir);
    }

    @Nested
    class SharedState {

        @Test
        void fails_when_a_copied_file_keeps_the_local_path_of_its_original_naming_both_files() throws IOException {
            String prod = DEV + "stateBackend: {type: local, path: terraform.kubernetes-prod.tfstate}\n";
            write("kubernetes-prod.yaml", prod);
            write("kubernetes-staging.yaml", prod);

            assertEquals(List.of("kubernetes-staging.yaml: stateBackend.path: is 'terraform.kubernetes-prod.tfstate',"
                    + " so this stack's state would be local file terraform.kubernetes-prod.tfstate at the project"
                    + " root, which is the state of kubernetes-prod.yaml too; two stacks in one state each destroy"
                    + " the other's resources on apply; remove stateBackend.path so this stack uses its own"
                    + " terraform.kubernetes-staging.tfstate, or give it a path no other stack uses"),
                    directoryProblems());
        }

        @Test
        void blames_the_file_that_took_another_stacks_default_location_even_when_it_sorts_first()
                throws IOException {
            write("b-prod.yaml", DEV);
            write("a-copy.yaml", DEV + "stateBackend: {type: local, path: ./terraform.b-prod.tfstate}\n");

            List<String> problems = directoryProblems();
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).startsWith("a-copy.yaml: stateBackend.path: is './terraform.b-prod.tfstate',"
                    + " so this stack's state would be local file terraform.b-prod.tfstate at the project root,"
                    + " which is the state of b-prod.yaml too;"), problems.get(0));
        }

        static Stream<Arguments> sharedLocations() {
            return Stream.of(
                    Arguments.of("s3 bucket and key (the region does not matter)",
                            "{type: s3, bucket: b, key: k, region: eu-west-1, kmsKeyId: k1, useLockfile: true}",
                            "{type: s3, bucket: b, key: k, region: us-east-1, kmsKeyId: k1, useLockfile: true}",
                            "second.yaml: stateBackend.key: is 'k', so this stack's state would be s3://b/k, which is"
                                    + " the state of first.yaml too; two stacks in one state each destroy the other's"
                                    + " resources on apply; give this stack a key of its own, e.g. second.tfstate"),
                    Arguments.of("gcs bucket and prefix (a trailing slash is the same prefix)",
                            "{type: gcs, bucket: b, prefix: kvstores}",
                            "{type: gcs, bucket: b, prefix: kvstores/}",
                            "second.yaml: stateBackend.prefix: is 'kvstores/', so this stack's state would be"
                                    + " gs://b/kvstores/default.tfstate, which is the state of first.yaml too; two"
                                    + " stacks in one state each destroy the other's resources on apply; remove"
                                    + " stateBackend.prefix so this stack uses prefix second, or give it a prefix no"
                                    + " other stack uses"),
                    Arguments.of("gcs default prefix taken by another file",
                            "{type: gcs, bucket: b, prefix: second}",
                            "{type: gcs, bucket: b}",
                            "first.yaml: stateBackend.prefix: is 'second', so this stack's state would be"
                                    + " gs://b/second/default.tfstate, which is the state of second.yaml too; two"
                                    + " stacks in one state each destroy the other's resources on apply; remove"
                                    + " stateBackend.prefix so this stack uses prefix first, or give it a prefix no"
                                    + " other stack uses"),
                    Arguments.of("azurerm storage account, container and key (the resource group does not matter)",
                            "{type: azurerm, resourceGroupName: rg1, storageAccountName: sa, containerName: tf,"
                                    + " key: k}",
                            "{type: azurerm, resourceGroupName: rg2, storageAccountName: sa, containerName: tf,"
                                    + " key: k}",
                            "second.yaml: stateBackend.key: is 'k', so this stack's state would be azurerm storage"
                                    + " account sa, container tf, blob k, which is the state of first.yaml too; two"
                                    + " stacks in one state each destroy the other's resources on apply; give this"
                                    + " stack a key of its own, e.g. second.tfstate"),
                    Arguments.of("remote organization and workspace (the default hostname written out)",
                            "{type: remote, organization: acme, workspace: kv}",
                            "{type: remote, organization: acme, workspace: kv, hostname: app.terraform.io}",
                            "second.yaml: stateBackend.workspace: is 'kv', so this stack's state would be HCP"
                                    + " Terraform app.terraform.io, organization acme, workspace kv, which is the"
                                    + " state of first.yaml too; two stacks in one state each destroy the other's"
                                    + " resources on apply; give this stack a workspace of its own, e.g. second"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("sharedLocations")
        void fails_when_two_files_share_one_state_location(String description, String first, String second,
                String message) throws IOException {
            write("first.yaml", VALID + "stateBackend: " + first + "\n");
            write("second.yaml", VALID + "stateBackend: " + second + "\n");

            assertEquals(List.of(message), directoryProblems());
        }

        @Test
        void is_reported_with_the_other_problems_of_the_files() throws IOException {
            String shared = "stateBackend: {type: local, path: shared.tfstate}\n";
            write("one.yaml", DEV + shared);
            write("two.yaml", DEV.replace("storageClass: ssd", "storageClass: ssd, colour: blue") + shared);

            List<String> problems = directoryProblems();
            assertEquals(2, problems.size(), problems.toString());
            assertTrue(problems.get(0).startsWith("two.yaml: workerState.colour: is not a known field"), problems.get(0));
            assertTrue(problems.get(1).startsWith("two.yaml: stateBackend.path: is 'shared.tfstate',"), problems.get(1));
        }

        @Test
        void is_reported_in_the_same_run_as_a_missing_s3_lock() throws IOException {
            write("first.yaml", VALID + S3 + KMS + "useLockfile: true}\n");
            write("second.yaml", VALID + S3 + "kmsKeyId: alias/tf}\n");

            List<String> problems = directoryProblems();
            assertEquals(2, problems.size(), problems.toString());
            assertTrue(problems.get(0).startsWith("second.yaml: stateBackend.useLockfile: is not set"), problems.get(0));
            assertTrue(problems.get(1).startsWith("second.yaml: stateBackend.key: is 'kvstores/prod.tfstate', so this"
                    + " stack's state would be s3://tf-state/kvstores/prod.tfstate, which is the state of first.yaml"
                    + " too;"), problems.get(1));
        }

        @Test
        void files_without_a_path_get_one_state_file_each() throws IOException {
            // each in its own cluster: the same releases in one cluster are refused (PhysicalClaimTest)
            write("kubernetes-prod.yaml", DEV.replace("prod}", "c1}") + "stateBackend: {type: local}\n");
            write("kubernetes-staging.yaml", DEV.replace("prod}", "c2}") + "stateBackend: {type: local}\n");
            write("s3-a.yaml", VALID.replace("prod}", "c3}") + S3.replace("prod.tfstate", "a.tfstate") + KMS
                    + "useLockfile: true}\n");
            write("s3-b.yaml", VALID.replace("prod}", "c4}") + S3.replace("prod.tfstate", "b.tfstate") + KMS
                    + "useLockfile: true}\n");

            List<String> locations = EnvironmentLoader.loadDirectory(dir, dir).stream()
                    .map(e -> e.stateBackend().location()).toList();

            assertEquals(List.of("local file terraform.kubernetes-prod.tfstate at the project root",
                    "local file terraform.kubernetes-staging.tfstate at the project root",
                    "s3://tf-state/kvstores/a.tfstate", "s3://tf-state/kvstores/b.tfstate"), locations);
        }
    }

    @Nested
    class S3Locking {

        @Test
        void fails_in_production_without_use_lockfile_or_a_dynamodb_table() throws IOException {
            List<String> problems = assertThrows(EnvironmentException.class,
                    () -> load(VALID + S3 + "kmsKeyId: alias/tf}\n")).problems();
            assertEquals(List.of("s3-test.yaml: stateBackend.useLockfile: is not set and there is no dynamodbTable:"
                    + " production state on S3 needs a lock, or two runs at once can corrupt it; add useLockfile: true"
                    + " (S3 native locking, Terraform >= 1.10) or dynamodbTable: <a DynamoDB table with partition key"
                    + " LockID>"), problems);
        }

        @Test
        void fails_in_production_when_use_lockfile_is_false_without_a_dynamodb_table() throws IOException {
            List<String> problems = assertThrows(EnvironmentException.class,
                    () -> load(VALID + S3 + KMS + "useLockfile: false}\n")).problems();
            assertEquals(1, problems.size());
            assertTrue(problems.get(0).startsWith("s3-test.yaml: stateBackend.useLockfile: is false and there is no"
                    + " dynamodbTable:"), problems.get(0));
        }

        @Test
        void fails_when_use_lockfile_is_not_a_boolean() throws IOException {
            List<String> problems = assertThrows(EnvironmentException.class,
                    () -> load(VALID + S3 + KMS + "useLockfile: yes-please}\n")).problems();
            assertEquals(List.of("s3-test.yaml: stateBackend.useLockfile: must be true or false, got"
                    + " \"yes-please\""), problems);
        }

        @Test
        void development_may_keep_s3_state_without_a_lock_and_the_report_says_so() throws IOException {
            Environment env = load(VALID.replace("production", "development") + S3 + "kmsKeyId: alias/tf}\n");
            EnvironmentStack stack = new EnvironmentStack(Testing.app(), env);

            assertTrue(stack.report().contains("- state locking: NONE: two runs at once can corrupt this state"
                    + " (add useLockfile: true)\n"), stack.report());
        }

        @Test
        void use_lockfile_is_synthesized_as_use_lockfile_and_reported() throws IOException {
            EnvironmentStack stack = new EnvironmentStack(Testing.app(), load(VALID + S3 + KMS + "useLockfile: true}\n"));

            JsonNode s3 = JSON.readTree(Testing.synth(stack)).path("terraform").path("backend").path("s3");
            assertTrue(s3.path("use_lockfile").isBoolean() && s3.path("use_lockfile").booleanValue(), s3.toString());
            assertFalse(s3.has("dynamodb_table"), s3.toString());
            assertEquals("tf-state", s3.path("bucket").asText());
            assertEquals("kvstores/prod.tfstate", s3.path("key").asText());
            assertTrue(s3.path("encrypt").booleanValue(), s3.toString());
            assertTrue(stack.report().contains("- state: s3://tf-state/kvstores/prod.tfstate\n"
                    + "- state locking: S3 lock file (use_lockfile, Terraform >= 1.10)\n"), stack.report());
        }

        @Test
        void a_dynamodb_table_is_synthesized_as_dynamodb_table_and_reported() throws IOException {
            EnvironmentStack stack = new EnvironmentStack(Testing.app(),
                    load(VALID + S3 + KMS + "dynamodbTable: tf-locks}\n"));

            JsonNode s3 = JSON.readTree(Testing.synth(stack)).path("terraform").path("backend").path("s3");
            assertEquals("tf-locks", s3.path("dynamodb_table").asText(), s3.toString());
            assertFalse(s3.has("use_lockfile"), s3.toString());
            assertTrue(stack.report().contains("- state locking: DynamoDB table tf-locks\n"), stack.report());
        }
    }

    @Nested
    class ProductionState {

        private static final String RISK = "Terraform writes that file readable by every user of the machine"
                + " (mode 0644), it holds every generated password in plain text, and it has no lock shared by a"
                + " team or CI; use a remote backend with encryption and locking: type: s3 with kmsKeyId and"
                + " useLockfile: true, type: gcs (kmsEncryptionKey for your own key), type: azurerm, or type: remote"
                + " (create it once: docs/state-backend.md), or set profile: development";

        @Test
        void refuses_a_production_file_without_a_state_backend_naming_the_risk_and_the_ways_out() {
            List<String> problems = assertThrows(EnvironmentException.class, () -> load(VALID)).problems();
            assertEquals(List.of("s3-test.yaml: stateBackend: is missing, so production would keep its Terraform"
                    + " state in the local file terraform.s3-test.tfstate; " + RISK), problems);
        }

        @Test
        void refuses_the_local_backend_in_production_at_its_type() {
            List<String> problems = assertThrows(EnvironmentException.class,
                    () -> load(VALID + "stateBackend: {type: local, path: state/prod.tfstate}\n")).problems();
            assertEquals(List.of("s3-test.yaml: stateBackend.type: is 'local' with profile production: the state"
                    + " would be the file state/prod.tfstate; " + RISK), problems);
        }

        @Test
        void refuses_s3_state_without_a_kms_key_in_production() {
            List<String> problems = assertThrows(EnvironmentException.class,
                    () -> load(VALID + S3 + "useLockfile: true}\n")).problems();
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).startsWith("s3-test.yaml: stateBackend.kmsKeyId: is missing: production state"
                    + " holds every generated password in plain text; encrypt it with a KMS key"), problems.get(0));
        }

        @Test
        void development_keeps_a_local_state_and_the_report_warns_to_keep_the_file_private() throws IOException {
            EnvironmentStack stack = new EnvironmentStack(Testing.app(), load(DEV));

            assertTrue(stack.report().contains("- state: local file terraform.s3-test.tfstate at the project root\n"),
                    stack.report());
            assertTrue(stack.report().contains("- [ ] the Terraform state is the local file terraform.s3-test.tfstate"
                    + " at the project root: Terraform writes it readable by every user of the machine (0644) and it"
                    + " holds every generated password in plain text; keep it private (`chmod 600`, never commit or"
                    + " share it)"), stack.report());
        }

        @Test
        void a_gcs_key_of_your_own_is_synthesized_as_kms_encryption_key() throws IOException {
            String key = "projects/p/locations/europe-west1/keyRings/terraform/cryptoKeys/tfstate";
            EnvironmentStack stack = new EnvironmentStack(Testing.app(),
                    load(VALID + "stateBackend: {type: gcs, bucket: tf, kmsEncryptionKey: " + key + "}\n"));

            JsonNode gcs = JSON.readTree(Testing.synth(stack)).path("terraform").path("backend").path("gcs");
            assertEquals(key, gcs.path("kms_encryption_key").asText(), gcs.toString());
            assertTrue(stack.report().contains("- [ ] state backend: GCS bucket `tf` with versioning"), stack.report());
        }

        static Stream<String> shippedProductionFiles() throws IOException {
            try (Stream<Path> files = Files.list(Path.of("environments"))) {
                return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith("-prod.yaml")).sorted()
                        .toList().stream();
            }
        }

        @ParameterizedTest
        @MethodSource("shippedProductionFiles")
        void every_shipped_production_file_keeps_its_state_remote_encrypted_and_locked(String file)
                throws IOException {
            Environment env = EnvironmentLoader.loadFile(Path.of("environments", file), Path.of("."));
            Environment.StateBackend backend = env.stateBackend();
            assertTrue(env.production(), file);
            assertTrue(List.of("s3", "gcs", "azurerm").contains(backend.type()), file + ": " + backend);
            if ("s3".equals(backend.type())) {
                assertTrue(backend.attributes().containsKey("kmsKeyId"), file + ": SSE-KMS");
                assertTrue(backend.attributes().containsKey("useLockfile"), file + ": locked");
            }
            if ("gcs".equals(backend.type())) {
                assertTrue(backend.attributes().containsKey("kmsEncryptionKey"), file + ": the shipped key");
            }
            assertFalse(backend.locking().startsWith("NONE"), backend.locking());
            EnvironmentStack stack = new EnvironmentStack(Testing.app(), env);
            JsonNode synthesized = JSON.readTree(Testing.synth(stack)).path("terraform").path("backend");
            assertFalse(synthesized.has("local"), file + ": " + synthesized);
            assertTrue(synthesized.has(backend.type()), synthesized.toString());
            String before = stack.report().substring(stack.report().indexOf("## Before the first apply"));
            assertTrue(before.startsWith("## Before the first apply\n\n- [ ] state backend: "), before);
            assertTrue(before.contains("(create it once: docs/state-backend.md)"), before);
        }
    }

    @Nested
    class Report {

        @Test
        void names_the_resolved_local_state_file_of_a_file_without_a_state_backend() throws IOException {
            Environment env = EnvironmentLoader.loadFile(Files.writeString(dir.resolve("k8s-staging.yaml"), DEV),
                    dir);
            EnvironmentStack stack = new EnvironmentStack(Testing.app(), env);

            JsonNode local = JSON.readTree(Testing.synth(stack)).path("terraform").path("backend").path("local");
            assertEquals("../../../terraform.k8s-staging.tfstate", local.path("path").asText());
            assertTrue(stack.report().contains("- state: local file terraform.k8s-staging.tfstate at the project"
                    + " root\n- state locking: a lock on the local file (one machine only)\n"), stack.report());
        }
    }
}
