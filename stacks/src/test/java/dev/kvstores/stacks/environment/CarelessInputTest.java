package dev.kvstores.stacks.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstores.stacks.EnvironmentLoader;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22, items 1 and 5: careless input, as a new user tried it, refused with the file, the full field path, the
 * value as written (never a secret) and a fix; no parser class names, no internal tags.
 */
class CarelessInputTest {

    @TempDir
    Path dir;

    private List<String> problems(String shipped, List<Object> path, Object value) throws IOException {
        return EnvironmentVariants.problems(dir, EnvironmentVariants.shipped(shipped), Map.of(path, value));
    }

    private List<String> problemsOfText(String text) throws IOException {
        return problemsOfBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> problemsOfBytes(byte[] bytes) throws IOException {
        Path file = Files.write(dir.resolve("careless.yaml"), bytes);
        return assertThrows(EnvironmentException.class, () -> EnvironmentLoader.loadFile(file, dir)).problems();
    }

    private static String shippedText(String name) throws IOException {
        return Files.readString(EnvironmentVariants.SHIPPED.resolve(name));
    }

    @Test
    void numbers_beyond_an_int_are_refused_as_written_instead_of_wrapping_around() throws IOException {
        assertEquals(List.of("injected.yaml: cache.nodes: is 4294967299; allowed: 1 to 15"),
                problems("kubernetes-prod.yaml", List.of("cache", "nodes"), new BigInteger("4294967299")));
        assertEquals(List.of("injected.yaml: workerState.storageGibibytes: is 4294967396; allowed: 1 to 65536"),
                problems("kubernetes-prod.yaml", List.of("workerState", "storageGibibytes"),
                        new BigInteger("4294967396")));
        assertEquals(List.of("injected.yaml: workerState.backup.retentionDays: is 4294967310; allowed: 1 to 3650"),
                problems("kubernetes-prod.yaml", List.of("workerState", "backup", "retentionDays"),
                        new BigInteger("4294967310")));
        assertEquals(List.of("injected.yaml: cache.memorySizeGb: is 4294967312; allowed: 1 to 300"),
                problems("gcp-prod.yaml", List.of("cache", "memorySizeGb"), new BigInteger("4294967312")));
        assertEquals(List.of("injected.yaml: workerState.nodes: is 2147483648; allowed: 1 to 30"),
                problems("kubernetes-prod.yaml", List.of("workerState", "nodes"), new BigInteger("2147483648")));
        assertEquals(List.of("injected.yaml: cache.nodes: is 99999999999999999999999; allowed: 1 to 15"),
                problems("kubernetes-prod.yaml", List.of("cache", "nodes"), new BigInteger("99999999999999999999999")));
    }

    @Test
    void a_number_written_with_a_unit_gets_the_number_in_the_fields_unit() throws IOException {
        assertEquals(List.of("injected.yaml: cache.memoryMebibytes: is '4GB', not a whole number; memoryMebibytes is"
                        + " a whole number of MiB: write 4096"),
                problems("kubernetes-prod.yaml", List.of("cache", "memoryMebibytes"), "4GB"));
        assertEquals(List.of("injected.yaml: workerState.storageGibibytes: is '512Mi', not a whole number;"
                        + " storageGibibytes is a whole number of GiB; give one, e.g. 1"),
                problems("kubernetes-prod.yaml", List.of("workerState", "storageGibibytes"), "512Mi"));
        assertEquals(List.of("injected.yaml: cache.cpuMillicores: is '1.5', not a whole number; cpuMillicores is a"
                        + " whole number of millicores: write 1500"),
                problems("kubernetes-prod.yaml", List.of("cache", "cpuMillicores"), "1.5"));
        assertEquals(List.of("injected.yaml: workerState.backup.retentionDays: is '14d', not a whole number;"
                        + " retentionDays is a whole number of days: write 14"),
                problems("kubernetes-prod.yaml", List.of("workerState", "backup", "retentionDays"), "14d"));
        assertEquals(List.of("injected.yaml: workerState.backup.retentionDays: must be a whole number between 1 and"
                        + " 3650, got \"two weeks\""),
                problems("kubernetes-prod.yaml", List.of("workerState", "backup", "retentionDays"), "two weeks"));
    }

    @Test
    void a_byte_that_is_not_utf8_is_reported_at_its_line_and_column_with_a_fix() throws IOException {
        String text = shippedText("kubernetes-dev.yaml");
        int lineStart = text.indexOf("\ncache:") + 1;
        int line = (int) text.substring(0, lineStart).chars().filter(c -> c == '\n').count() + 1;
        String latin1 = text.substring(0, lineStart) + "# caf\u00e9 au lait\n" + text.substring(lineStart);
        List<String> problems = problemsOfBytes(latin1.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("careless.yaml: line " + line + ", column 6: the byte 0xE9 is not"
                + " UTF-8"), problems.get(0));
        assertTrue(problems.get(0).contains("save it as UTF-8"), problems.get(0));
        assertFalse(problems.get(0).matches(".*(java\\.|Exception|byte #).*"), problems.get(0));
    }

    @Test
    void a_tab_is_reported_at_one_position_with_the_fix() throws IOException {
        List<String> problems = problemsOfText(shippedText("kubernetes-dev.yaml")
                .replaceFirst("\ncache:\n  ", "\ncache:\n\t"));
        String text = shippedText("kubernetes-dev.yaml");
        int line = (int) text.substring(0, text.indexOf("\ncache:") + 1).chars().filter(c -> c == '\n').count() + 2;
        assertEquals(List.of("careless.yaml: line " + line + ", column 1: a tab character; YAML indents with spaces"
                + " only: replace the tab with spaces (two per level, as in the shipped files)"), problems);
    }

    @Test
    void an_empty_file_is_called_empty() throws IOException {
        String empty = "careless.yaml: the file is empty (or holds only comments); an environment file is a YAML"
                + " mapping of platform, profile, connectionSecret, cache, workerState, ...: start from a copy of a"
                + " shipped file, e.g. stacks/environments/kubernetes-dev.yaml";
        assertEquals(List.of(empty), problemsOfText(""));
        assertEquals(List.of(empty), problemsOfText("\n   \n# only a comment\n"));
        assertTrue(problemsOfText("- platform: kubernetes\n").get(0).startsWith("careless.yaml: is a list, not a"
                + " YAML mapping"));
    }

    @Test
    void a_literal_password_is_explained_as_refused_by_design_without_showing_it() throws IOException {
        List<String> problems = problems("kubernetes-prod.yaml", List.of("cache", "password"), "hunter2-secret");
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("injected.yaml: cache.password: is not a field: literal passwords and"
                + " keys are refused by design"), problems.get(0));
        assertTrue(problems.get(0).contains("the stack generates the password"), problems.get(0));
        assertTrue(problems.get(0).contains("passwordSecretName"), problems.get(0));
        assertFalse(problems.get(0).contains("hunter2"), problems.get(0));
    }

    @Test
    void a_value_in_a_secret_name_field_that_is_not_a_name_is_not_echoed() throws IOException {
        for (List<Object> field : List.<List<Object>>of(List.of("cache", "passwordSecretName"),
                List.of("connectionSecret", "name"), List.of("workerState", "backup", "encryptionKeySecretName"))) {
            List<String> problems = problems("kubernetes-prod.yaml", field, "S3cr3t!pa55 word");
            String path = String.join(".", field.stream().map(String::valueOf).toList());
            assertTrue(problems.stream().anyMatch(p -> p.startsWith("injected.yaml: " + path + ": does not look like"
                    + " the name of a Kubernetes Secret (the value is not shown")), problems::toString);
            assertTrue(problems.stream().noneMatch(p -> p.contains("S3cr3t")), problems::toString);
        }
    }

    @Test
    void fields_get_the_shape_their_target_accepts() throws IOException {
        assertEquals(List.of("injected.yaml: cache.namespace: is 'Redis_Cache', not " + FieldShape.DNS_LABEL
                        .description()),
                problems("kubernetes-prod.yaml", List.of("cache", "namespace"), "Redis_Cache"));
        assertEquals(List.of("injected.yaml: network.allowedNamespaces[0]: is 'platform ns', not "
                        + FieldShape.DNS_LABEL.description()),
                problems("kubernetes-prod.yaml", List.of("network", "allowedNamespaces", 0), "platform ns"));
        assertEquals(List.of("injected.yaml: workerState.storageClass: is 'SSD Fast', not "
                        + FieldShape.DNS_SUBDOMAIN.description()),
                problems("kubernetes-prod.yaml", List.of("workerState", "storageClass"), "SSD Fast"));
        assertEquals(List.of("injected.yaml: monitoring.ruleLabels.release: is 'kube prometheus', not "
                        + FieldShape.LABEL_VALUE.description()),
                problems("kubernetes-prod.yaml", List.of("monitoring", "ruleLabels", "release"), "kube prometheus"));
        assertEquals(List.of("injected.yaml: kubernetes.configContext: is 'my cluster', not "
                        + FieldShape.KUBE_CONTEXT.description()),
                problems("kubernetes-prod.yaml", List.of("kubernetes", "configContext"), "my cluster"));
        assertEquals(List.of("injected.yaml: kubernetes.configPath: is ' ~/.kube/config', which starts or ends with"
                        + " a space; remove the space (inside quotes YAML keeps it)"),
                problems("kubernetes-prod.yaml", List.of("kubernetes", "configPath"), " ~/.kube/config"));
        assertEquals(List.of("injected.yaml: monitoring.notificationTopicArn: is 'oncall', not "
                        + FieldShape.ARN.description()),
                problems("aws-prod.yaml", List.of("monitoring", "notificationTopicArn"), "oncall"));
    }

    @Test
    void shapes_accept_what_their_targets_accept() {
        assertTrue(FieldShape.DNS_LABEL.accepts("redis-cache"));
        assertFalse(FieldShape.DNS_LABEL.accepts("a".repeat(64)));
        assertFalse(FieldShape.DNS_LABEL.accepts("-cache"));
        assertTrue(FieldShape.DNS_SUBDOMAIN.accepts("redis.cache-tls"));
        assertTrue(FieldShape.LABEL_KEY.accepts("app.kubernetes.io/part-of"));
        assertTrue(FieldShape.LABEL_KEY.accepts("release"));
        assertFalse(FieldShape.LABEL_KEY.accepts("Example.com/x"));
        assertFalse(FieldShape.LABEL_KEY.accepts("x/" + "a".repeat(64)));
        assertTrue(FieldShape.LABEL_VALUE.accepts(""));
        assertTrue(FieldShape.LABEL_VALUE.accepts("kube-prometheus-stack"));
        assertTrue(FieldShape.ARN.accepts("arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"));
        assertTrue(FieldShape.ARN.accepts("arn:aws:sns:eu-west-1:123456789012:oncall"));
        assertTrue(FieldShape.ARN.accepts("arn:aws:s3:::bucket/key"));
        assertFalse(FieldShape.ARN.accepts("alias/mine"));
        assertTrue(FieldShape.KUBE_CONTEXT.accepts("arn:aws:eks:eu-west-1:123456789012:cluster/suprsend-prod"));
        assertTrue(FieldShape.KUBE_CONTEXT.accepts("gke_acme-suprsend-prod_us-central1_platform"));
        assertTrue(FieldShape.KUBE_CONTEXT.accepts("admin@kind-dev"));
        assertTrue(FieldShape.FILE_PATH.accepts("~/.kube/config"));
        assertFalse(FieldShape.FILE_PATH.accepts("config\n"));
        assertTrue(FieldShape.IMAGE_REPOSITORY.accepts("registry.example.com:5000/mirror/bitnami"));
        assertFalse(FieldShape.IMAGE_REPOSITORY.accepts("Registry.example.com/x:1.0"));
    }
}
