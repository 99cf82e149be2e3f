package dev.kvstores.stacks.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstores.stacks.EnvironmentLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a fuzz of every field of every shipped environment file found (values an attacker or a careless user may
 * write): each is refused at its field with the value as written (never a secret) and a fix, instead of a crash, a
 * value silently read as another, or nonsense passed on to Terraform and Helm.
 */
class HostileInputTest {

    @TempDir
    Path dir;

    private List<String> problems(String shipped, List<Object> path, Object value) throws IOException {
        return EnvironmentVariants.problems(dir, EnvironmentVariants.shipped(shipped), Map.of(path, value));
    }

    private List<String> problemsOfText(String text) {
        Path file = dir.resolve("hostile.yaml");
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return assertThrows(EnvironmentException.class, () -> EnvironmentLoader.loadFile(file, dir)).problems();
    }

    private static String shippedText(String name) throws IOException {
        return Files.readString(EnvironmentVariants.SHIPPED.resolve(name));
    }

    @Test
    void an_azure_resource_group_named_with_unicode_letters_is_accepted_and_one_ending_in_a_dot_is_not()
            throws IOException {
        assertEquals(List.of(), problems("azure-dev.yaml", List.of("azure", "resourceGroupName"), "Prüfung-rg"));
        List<String> problems = problems("azure-dev.yaml", List.of("azure", "resourceGroupName"), "suprsend.");
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("injected.yaml: azure.resourceGroupName: ")),
                problems::toString);
    }

    @Test
    void a_nul_in_the_local_state_path_is_refused_at_the_field_instead_of_crashing() throws IOException {
        List<String> problems = problems("kubernetes-dev.yaml", List.of("stateBackend", "path"), "state\u0000.tfstate");
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("injected.yaml: stateBackend.path: is 'state\\u0000.tfstate', which"
                + " contains the hidden character U+0000 (character 6); retype the value"), problems.get(0));
    }

    @Test
    void an_invalid_azure_worker_state_name_is_refused_at_the_field_instead_of_crashing() throws IOException {
        for (Object name : List.of("${x}", "", 0)) {
            List<String> problems = problems("azure-dev.yaml", List.of("workerState", "name"), name);
            assertTrue(problems.stream().anyMatch(p -> p.startsWith("injected.yaml: workerState.name: ")),
                    problems::toString);
        }
    }

    @Test
    void a_number_with_a_leading_zero_is_refused_instead_of_read_as_octal() throws IOException {
        List<String> problems = problemsOfText(shippedText("kubernetes-prod.yaml")
                .replace("retentionDays: 14 ", "retentionDays: 010"));
        assertTrue(problems.contains("hostile.yaml: workerState.backup.retentionDays: is written 010, which YAML"
                + " reads as the octal number 8; write the number without the leading zero, e.g. 10"),
                problems::toString);
    }

    @Test
    void infinity_and_not_a_number_are_refused_at_their_field() throws IOException {
        for (String written : List.of(".inf", "-.Inf", ".nan")) {
            List<String> problems = problemsOfText(shippedText("kubernetes-dev.yaml")
                    .replaceFirst("\n  nodes: 1\n", "\n  nodes: " + written + "\n"));
            assertEquals(1, problems.size(), problems::toString);
            assertTrue(problems.get(0).startsWith("hostile.yaml: cache.nodes: is " + written + ", which YAML reads"
                    + " as "), problems.get(0));
            assertTrue(problems.get(0).endsWith("write a whole number (or quote the text if the field takes text)"),
                    problems.get(0));
        }
    }

    @Test
    void a_second_yaml_document_is_refused_instead_of_ignored() throws IOException {
        String text = shippedText("kubernetes-dev.yaml");
        int line = (int) text.chars().filter(c -> c == '\n').count() + 2;
        List<String> problems = problemsOfText(text + "---\nprofile: production\n");
        assertEquals(List.of("hostile.yaml: line " + line + ": a second YAML document starts here (after a '---'"
                + " line), and it would be ignored: an environment file is one document; remove the '---' line and"
                + " merge the two parts, or move the second part to a file of its own"), problems);
        for (String oneDocument : List.of("---\n" + text, text + "---\n")) {
            Path file = Files.writeString(dir.resolve("one.yaml"), oneDocument);
            assertEquals("one", EnvironmentLoader.loadFile(file, dir).name());
        }
    }

    @Test
    void control_invisible_and_direction_characters_are_refused_where_they_hide() throws IOException {
        assertEquals(List.of("injected.yaml: connectionSecret.namespace: is 'supr\\u200Bsend', which contains the"
                + " hidden character U+200B (character 5); retype the value on one line without it: control,"
                + " invisible and direction characters make a value look like another or break the tools that read"
                + " it"), problems("kubernetes-prod.yaml", List.of("connectionSecret", "namespace"), "supr\u200bsend"));
        assertTrue(problems("kubernetes-dev.yaml", List.of("relaxations", 0, "reason"), "fine \u202Eesrever text")
                .get(0).startsWith("injected.yaml: relaxations[0].reason: is 'fine \\u202Eesrever text', which"
                        + " contains the hidden character U+202E"));
        List<String> secret = problems("kubernetes-prod.yaml", List.of("connectionSecret", "name"), "pa\u0000ss");
        assertEquals(1, secret.size(), secret::toString);
        assertTrue(secret.get(0).startsWith("injected.yaml: connectionSecret.name: contains the hidden character"
                + " U+0000 (character 3) (the value is not shown, as it may be a secret)"), secret.get(0));
    }

    @Test
    void a_line_break_is_refused_in_one_line_fields_and_kept_in_written_reasons() throws IOException {
        assertTrue(problems("aws-dev.yaml", List.of("cache", "parameterGroupFamily"), "valkey8\nbad: yes")
                .get(0).startsWith("injected.yaml: cache.parameterGroupFamily: is 'valkey8\\u000Abad: yes', which"
                        + " contains a line break (character 8)"));
        assertTrue(problems("aws-dev.yaml", List.of("stateBackend", "path"), "a.tfstate\n").get(0)
                .startsWith("injected.yaml: stateBackend.path: is 'a.tfstate\\u000A', which contains a line break"));
        assertEquals(List.of(), problems("kubernetes-dev.yaml", List.of("relaxations", 0, "reason"),
                "single-zone dev cluster;\nlosing the cache only costs warm-up\n"));
    }

    @Test
    void a_space_at_either_end_of_a_one_line_value_is_refused() throws IOException {
        assertEquals(List.of("injected.yaml: workerState.maintenanceWindow: is 'sat:04:00-sat:05:00 ', which starts"
                        + " or ends with a space; remove the space (inside quotes YAML keeps it)"),
                problems("aws-dev.yaml", List.of("workerState", "maintenanceWindow"), "sat:04:00-sat:05:00 "));
    }

    @Test
    void a_value_longer_than_any_field_takes_is_refused_and_shown_only_in_part() throws IOException {
        List<String> problems = problems("gcp-prod.yaml", List.of("gcp", "reservedIpRange"), "x".repeat(100_000));
        assertEquals(List.of("injected.yaml: gcp.reservedIpRange: is 100000 characters long (it starts '"
                + "x".repeat(40) + "'); no field takes more than 4096: write the value itself (not the contents of"
                + " a file)"), problems);
    }

    @Test
    void image_tags_and_image_references_get_their_shape() throws IOException {
        assertEquals("injected.yaml: images.redis.tag: is '../../etc/passwd', not "
                        + FieldShape.IMAGE_TAG.description(),
                problems("kubernetes-prod.yaml", List.of("images", "redis", "tag"), "../../etc/passwd").get(0));
        assertEquals(List.of("injected.yaml: cache.redisImageTag: is '8.2.9\"}', not "
                        + FieldShape.IMAGE_TAG.description()),
                problems("kubernetes-prod.yaml", List.of("cache", "redisImageTag"), "8.2.9\"}"));
        assertEquals(List.of("injected.yaml: workerState.image: is 'apache/kvrocks:2.17.0 --dir /', not "
                        + FieldShape.IMAGE_REFERENCE.description()),
                problems("kubernetes-kvrocks-dev.yaml", List.of("workerState", "image"),
                        "apache/kvrocks:2.17.0 --dir /"));
        assertTrue(FieldShape.IMAGE_TAG.accepts("8.2.9-debian-12-r0"));
        assertFalse(FieldShape.IMAGE_TAG.accepts("-8.2"));
        assertFalse(FieldShape.IMAGE_TAG.accepts("a".repeat(129)));
        assertTrue(FieldShape.IMAGE_REFERENCE.accepts("docker.io/apache/kvrocks:2.17.0"));
        assertTrue(FieldShape.IMAGE_REFERENCE.accepts("registry.example.com:5000/kvstores/backup:1.0.0@sha256:"
                + "e9f41d9cc1a7b7ddb304dffd7e64fc089fdf05a3b16ea36a9b9fae220522f1f6"));
        assertFalse(FieldShape.IMAGE_REFERENCE.accepts("docker.io/apache/kvrocks:2.17.0@sha256:short"));
    }

    @Test
    void network_addresses_must_be_cidr_blocks_and_not_every_address() throws IOException {
        assertEquals(List.of("injected.yaml: network.allowedCidrs: '10.40.0.0/33' is not a CIDR block; write each as"
                        + " <address>/<prefix length>, e.g. 10.40.0.0/16 (the platform's VPC) or 10.40.1.0/24 (a"
                        + " subnet)"),
                problems("aws-dev.yaml", List.of("network", "allowedCidrs", 0), "10.40.0.0/33"));
        assertTrue(problems("aws-dev.yaml", List.of("network", "allowedCidrs", 0), "10.0.0.256/32").get(0)
                .contains("'10.0.0.256/32' is not a CIDR block"));
        assertEquals(List.of("injected.yaml: network.allowedCidrs: '10.40.0.5/16' has address bits beyond its prefix"
                        + " length, which the AWS provider refuses at plan; write the network's first address:"
                        + " 10.40.0.0/16"),
                problems("aws-dev.yaml", List.of("network", "allowedCidrs", 0), "10.40.0.5/16"));
        assertEquals(List.of(), problems("aws-dev.yaml", List.of("network", "allowedCidrs", 0), "fd00::/8"));
        List<String> any = problems("kubernetes-prod.yaml", List.of("network", "apiServerCidrs", 0), "0.0.0.0/0");
        assertEquals(1, any.size(), any::toString);
        assertTrue(any.get(0).startsWith("injected.yaml: network.apiServerCidrs: contains 0.0.0.0/0, which is every"
                + " address"), any.get(0));
    }

    @Test
    void the_cluster_dns_namespace_and_pod_labels_get_their_shapes() throws IOException {
        assertEquals(List.of("injected.yaml: network.clusterDns.namespace: is 'Kube System', not "
                        + FieldShape.DNS_LABEL.description()),
                problems("kubernetes-prod.yaml", List.of("network", "clusterDns"), Map.of("namespace", "Kube System")));
        assertEquals(List.of("injected.yaml: network.clusterDns.podLabels.k8s-app: is 'kube dns', not "
                        + FieldShape.LABEL_VALUE.description()),
                problems("kubernetes-prod.yaml", List.of("network", "clusterDns"),
                        Map.of("podLabels", Map.of("k8s-app", "kube dns"))));
    }

    @Test
    void a_bad_notification_channel_is_named_by_its_own_field() throws IOException {
        List<String> problems = problems("gcp-prod.yaml", List.of("monitoring", "notificationChannelIds"),
                List.of("projects/p/notificationChannels/1", "oncall"));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("injected.yaml: monitoring.notificationChannelIds[1]:"
                + " is 'oncall'")), problems::toString);
    }

    @Test
    void a_number_or_boolean_in_a_secret_name_field_is_not_echoed() throws IOException {
        List<String> problems = problems("kubernetes-prod.yaml", List.of("connectionSecret", "name"), 8675309123L);
        assertEquals(List.of("injected.yaml: connectionSecret.name: must be a non-empty string, got a number (the"
                + " value is not shown, as it may be a secret)"), problems);
    }

    @Test
    void yes_no_on_and_off_in_a_text_field_are_explained_as_yaml_booleans() throws IOException {
        List<String> problems = problemsOfText(shippedText("kubernetes-dev.yaml")
                .replaceFirst("\n  namespace: redis-cache\n", "\n  namespace: on\n"));
        assertTrue(problems.contains("hostile.yaml: cache.namespace: must be a non-empty string, got true (YAML"
                + " reads yes, no, on and off as true or false: quote text such as \"on\")"), problems::toString);
    }

    @Test
    void an_acl_user_name_cannot_carry_acl_rules_or_name_the_admin_user() throws IOException {
        // The charts write "user <name> on #<hash> ~* &* <commands>": a space would let the name add rules, e.g. a
        // password the writer of the environment file knows.
        assertEquals(List.of("injected.yaml: workerState.aclUsername: is 'evil >known-password', not "
                        + FieldShape.ACL_USERNAME.description()),
                problems("kubernetes-prod.yaml", List.of("workerState", "aclUsername"), "evil >known-password"));
        assertEquals(List.of("injected.yaml: cache.aclUsername: is 'default', the server's admin user; the platform"
                        + " connects as a user of its own: give another name, e.g. suprsend-cache"),
                problems("kubernetes-prod.yaml", List.of("cache", "aclUsername"), "default"));
        assertTrue(problems("aws-prod.yaml", List.of("cache", "aclUsername"), "a b").get(0)
                .startsWith("injected.yaml: cache.aclUsername: is 'a b', not a Redis ACL user name"));
        assertTrue(FieldShape.ACL_USERNAME.accepts("suprsend_worker-2"));
        assertFalse(FieldShape.ACL_USERNAME.accepts("2fast"));
    }

    @Test
    void backup_destination_names_get_the_shape_their_store_accepts() throws IOException {
        assertEquals(List.of("injected.yaml: workerState.backup.destination.bucket: is 'acme\"backups', not "
                        + FieldShape.S3_BUCKET.description()),
                problems("kubernetes-prod.yaml", List.of("workerState", "backup", "destination", "bucket"),
                        "acme\"backups"));
        assertEquals(List.of("injected.yaml: workerState.backup.destination.account: is 'acme backups', not "
                        + FieldShape.AZURE_STORAGE_ACCOUNT.description()),
                problems("kubernetes-kvrocks-dev.yaml", List.of("workerState", "backup", "destination", "account"),
                        "acme backups"));
        assertEquals(List.of("injected.yaml: workerState.backup.destination.endpoint: is 'minio:9000', not "
                        + FieldShape.ENDPOINT_URL.description()),
                problems("kubernetes-prod.yaml", List.of("workerState", "backup", "destination", "endpoint"),
                        "minio:9000"));
        assertEquals(List.of("injected.yaml: azure.resourceGroupName: is 'suprsend-prod.', not "
                        + FieldShape.AZURE_RESOURCE_GROUP.description()),
                problems("azure-prod.yaml", List.of("azure", "resourceGroupName"), "suprsend-prod."));
        assertTrue(FieldShape.S3_BUCKET.accepts("acme.kvstores-tfstate"));
        assertFalse(FieldShape.S3_BUCKET.accepts("acme..tfstate"));
        assertTrue(FieldShape.AZURE_CONTAINER.accepts("worker-state-backups"));
        assertFalse(FieldShape.AZURE_CONTAINER.accepts("worker--state"));
        assertTrue(FieldShape.ENDPOINT_URL.accepts("https://minio.example.com:9000"));
    }

    @Test
    void a_backup_schedule_that_runs_more_than_hourly_is_refused() throws IOException {
        List<String> problems = problems("kubernetes-prod.yaml", List.of("workerState", "backup", "schedule"),
                "* * * * *");
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("injected.yaml: workerState.backup.schedule: is '* * * * *', which"
                + " starts a backup every minute: each run exports the whole store"), problems.get(0));
        assertTrue(problems("aws-prod.yaml", List.of("workerState", "backup", "schedule"), "0,30 * * * *").get(0)
                .contains("which starts a backup 30 minutes after another"));
        assertEquals(List.of(), problems("aws-prod.yaml", List.of("workerState", "backup", "schedule"),
                "0 */6 * * *"));
    }

    @Test
    void syntax_problems_name_their_line_in_words_without_parser_internals() throws IOException {
        String text = shippedText("kubernetes-dev.yaml");
        int lines = (int) text.chars().filter(c -> c == '\n').count();
        assertEquals(List.of("hostile.yaml: line 2, column 1: the control character U+0000 (YAML files hold printable"
                + " text only); delete it, or write it as an escape inside double quotes if a value really holds it"),
                problemsOfText(text.replaceFirst("\n", "\n\u0000")));
        List<String> deep = problemsOfText(text + "zz: " + "[".repeat(2000) + "]".repeat(2000) + "\n");
        assertEquals(1, deep.size(), deep::toString);
        assertEquals("hostile.yaml: line " + (lines + 1) + ": lists or mappings are nested more than 1000 levels"
                + " deep here; an environment file is a few levels deep: check the brackets [ ] and { }", deep.get(0));
        List<String> complex = problemsOfText(text + "? [a, b]\n: c\n");
        assertEquals(1, complex.size(), complex::toString);
        assertFalse(complex.get(0).contains("snakeyaml"), complex.get(0));
        assertTrue(complex.get(0).contains("a key is a list or a mapping"), complex.get(0));
        List<String> emptyFirst = problemsOfText("---\n---\n" + text);
        int firstKey = (int) text.substring(0, text.indexOf("\nplatform:") + 1).chars().filter(c -> c == '\n')
                .count() + 3; // after the two '---' lines
        assertEquals(List.of("hostile.yaml: line " + firstKey + ": an empty YAML document comes before this one (two '---' lines),"
                + " and only the first document would be read: remove the extra '---' line"), emptyFirst);
    }

    @Test
    void an_acl_user_name_that_auth_token_mode_would_ignore_is_refused() throws IOException {
        assertEquals(List.of("injected.yaml: workerState.aclUsername: is not used with authMode auth-token: the"
                        + " platform connects as the default user with the AUTH token; remove aclUsername, or set"
                        + " authMode: rbac to connect as this user"),
                problems("aws-dev.yaml", List.of("workerState", "aclUsername"), "suprsend-worker"));
    }

    @Test
    void the_memorystore_reserved_range_is_a_range_name_or_a_cidr_block() throws IOException {
        assertEquals(List.of("injected.yaml: gcp.reservedIpRange: is '../psa'; give the name of the allocated range of"
                        + " the private services access connection (lowercase letters, digits and '-', e.g."
                        + " memorystore-psa) or a CIDR block such as 10.20.0.0/29"),
                problems("gcp-prod.yaml", List.of("gcp", "reservedIpRange"), "../psa"));
        assertEquals(List.of(), problems("gcp-prod.yaml", List.of("gcp", "reservedIpRange"), "10.20.0.0/29"));
    }

    @Test
    void a_long_value_of_the_wrong_type_is_shown_only_in_part() throws IOException {
        List<String> problems = problems("kubernetes-prod.yaml", List.of("network"), "n".repeat(100_000));
        assertEquals(List.of("injected.yaml: network: must be a mapping of fields, got \"" + "n".repeat(79)
                + "... (100002 characters)"), problems);
    }

    @Test
    void a_backup_exemption_reason_too_short_to_be_one_is_refused_at_its_field_instead_of_crashing() throws IOException {
        for (String shipped : List.of("kubernetes-dev.yaml", "aws-prod.yaml", "gcp-prod.yaml")) {
            List<String> problems = problems(shipped, List.of("workerState", "backupExemptionReason"), "a\"b'c`d");
            assertTrue(problems.contains("injected.yaml: workerState.backupExemptionReason: is 'a\"b'c`d'; write why,"
                    + " in at least 10 characters"), shipped + ": " + problems);
        }
    }

    @Test
    void the_backup_secret_names_are_labels_the_job_can_name_objects_after() throws IOException {
        List<String> problems = problems("kubernetes-kvrocks-dev.yaml",
                List.of("workerState", "backup", "encryptionKeySecretName"), "backup.age");
        assertEquals(List.of("injected.yaml: workerState.backup.encryptionKeySecretName: is a Secret name the backup"
                + " job also names objects after: give a DNS label of at most 53 characters (lowercase letters, digits"
                + " and '-', no '.'), e.g. kvstores-backup-age"), problems);
    }

    @Test
    void a_backup_prefix_is_folders_without_dot_dot_on_every_platform() throws IOException {
        for (String shipped : List.of("kubernetes-kvrocks-dev.yaml", "azure-dev.yaml", "gcp-prod.yaml")) {
            List<String> problems = problems(shipped, List.of("workerState", "backup", "destination", "prefix"),
                    "../../etc/passwd");
            assertTrue(problems.contains("injected.yaml: workerState.backup.destination.prefix: is '../../etc/passwd',"
                    + " not " + FieldShape.OBJECT_PREFIX.description()), shipped + ": " + problems);
        }
        assertTrue(FieldShape.OBJECT_PREFIX.accepts("backups/kvstores/"));
    }
}
