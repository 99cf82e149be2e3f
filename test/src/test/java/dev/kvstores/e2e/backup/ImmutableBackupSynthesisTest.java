package dev.kvstores.e2e.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvstores.e2e.ShippedSynthesis;
import dev.kvstores.e2e.realserver.TerraformConsole;
import dev.kvstores.kubernetes.WorkerStateBackupProps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Backups no one can erase, in the synthesized JSON of every shipped environment: the lock, retention or
 * immutability resource of each production backup, and a confused-deputy condition on every grant to an AWS service
 * (role trust policies and bucket policies, rendered by the real {@code terraform console} with sample values for
 * the account, partition, Region and bucket references, then read as the JSON AWS receives).
 */
class ImmutableBackupSynthesisTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{((?:data\\.)?[a-z0-9_]+\\.[A-Za-z0-9_]+\\.[a-z_]+"
            + "|local\\.[A-Za-z0-9_]+)\\}");
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "eu-west-1";

    @TempDir
    static Path dir;

    static Stream<String> shipped() throws IOException {
        try (Stream<Path> files = Files.list(ShippedSynthesis.PROJECT.resolve("stacks/environments"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void every_grant_to_an_aws_service_is_conditioned_on_this_account_and_a_source_arn(String stack) {
        JsonNode json = ShippedSynthesis.stack(stack);
        List<String> documents = new ArrayList<>();
        json.path("resource").path("aws_iam_role").forEach(r -> documents.add(r.path("assume_role_policy").asText()));
        json.path("resource").path("aws_s3_bucket_policy").forEach(p -> documents.add(p.path("policy").asText()));
        int grants = 0;
        for (String document : documents) {
            JsonNode policy = render(json, document, stack);
            for (JsonNode statement : policy.path("Statement")) {
                JsonNode principal = statement.path("Principal");
                boolean service = principal.has("Service");
                boolean canonical = principal.has("CanonicalUser");
                if (!service && !canonical) {
                    continue;
                }
                grants++;
                JsonNode condition = statement.path("Condition");
                String account = firstText(condition, "aws:SourceAccount");
                String sourceArn = firstText(condition, "aws:SourceArn");
                if (canonical) {
                    assertEquals("Deny", statement.path("Effect").asText(), "an ACL grantee only appears in a Deny");
                    assertEquals(ACCOUNT, condition.at("/StringNotEquals/aws:SourceAccount").asText());
                    continue;
                }
                assertEquals(ACCOUNT, account, stack + ": " + statement);
                assertTrue(sourceArn != null && sourceArn.startsWith("arn:aws:") && sourceArn.contains(":" + REGION + ":"
                        + ACCOUNT + ":"), stack + ": " + statement);
            }
        }
        if (stack.startsWith("aws-")) {
            assertTrue(grants >= 3, stack + ": the two roles' trust and the export bucket's grant: " + grants);
        }
    }

    @Test
    void production_backups_are_locked_retained_or_immutable_on_every_platform() {
        JsonNode aws = ShippedSynthesis.stack("aws-prod").path("resource");
        assertTrue(single(aws, "aws_s3_bucket", "ArchiveBucket").path("object_lock_enabled").asBoolean());
        JsonNode lock = aws.path("aws_s3_bucket_object_lock_configuration").elements().next();
        assertEquals("COMPLIANCE", lock.at("/rule/default_retention/mode").asText());
        assertEquals(14, lock.at("/rule/default_retention/days").asInt());
        assertEquals("Enabled", single(aws, "aws_s3_bucket_versioning", "ArchiveBucket")
                .at("/versioning_configuration/status").asText(), "versioning kept");

        JsonNode gcs = ShippedSynthesis.stack("gcp-prod").path("resource").path("google_storage_bucket").elements()
                .next();
        assertEquals(14L * 86400, gcs.at("/retention_policy/retention_period").asLong());
        assertFalse(gcs.at("/retention_policy/is_locked").asBoolean(), "locking is a deliberate step, off by default");

        JsonNode account = ShippedSynthesis.stack("azure-prod").path("resource").path("azurerm_storage_account")
                .elements().next();
        assertEquals(14, account.at("/immutability_policy/period_since_creation_in_days").asInt());
        assertTrue(account.at("/blob_properties/versioning_enabled").asBoolean());

        JsonNode kube = ShippedSynthesis.stack("kubernetes-prod").path("resource");
        JsonNode container = kube.path("kubernetes_cron_job_v1").elements().next()
                .at("/spec/job_template/spec/template/spec/container/0");
        Map<String, String> env = new LinkedHashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        String pinned = env.get("AGE_RECIPIENT_PINNED");
        assertTrue(WorkerStateBackupProps.RECIPIENT.matcher(pinned).matches(), pinned);
        boolean written = false;
        for (JsonNode secret : (Iterable<JsonNode>) () -> kube.path("kubernetes_secret_v1").elements()) {
            written |= secret.at("/metadata/name").asText().equals("kvstores-backup-age")
                    && secret.at("/data/recipient").asText().equals(pinned);
        }
        assertTrue(written, "the stack writes the recipient Secret from the pinned key");
        assertFalse(env.containsKey("BACKUP_RETENTION_DAYS"), "the job applies no retention: it never deletes");
        String script = container.path("command").get(2).asText();
        for (String delete : List.of("rclone delete", "rclone purge", "rclone deletefile", "rclone rmdirs",
                "rclone sync", "rclone move")) {
            assertFalse(script.contains(delete), "the job never deletes: " + delete);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** {@code document} as Terraform renders it at apply, with sample values for its references, parsed. */
    private static JsonNode render(JsonNode json, String document, String stack) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher m = REFERENCE.matcher(document);
        while (m.find()) {
            values.put(m.group(1), sample(json, m.group(1), stack));
        }
        String rendered = TerraformConsole.evaluateWith(document, values, dir.resolve("tf-" + stack));
        assertFalse(rendered.contains("${"), "every reference filled in: " + rendered);
        try {
            return JSON.readTree(rendered);
        } catch (IOException e) {
            throw new AssertionError(stack + ": the rendered policy is not JSON: " + rendered, e);
        }
    }

    private static String sample(JsonNode json, String reference, String stack) {
        if (reference.startsWith("data.aws_caller_identity.") && reference.endsWith(".account_id")) {
            return ACCOUNT;
        }
        if (reference.startsWith("data.aws_partition.") && reference.endsWith(".partition")) {
            return "aws";
        }
        if (reference.startsWith("data.aws_region.") && reference.endsWith(".region")) {
            return REGION;
        }
        if (reference.startsWith("aws_s3_bucket.") && reference.endsWith(".arn")) {
            return "arn:aws:s3:::" + reference.split("\\.")[1].toLowerCase().replace('_', '-');
        }
        if (reference.startsWith("local.")) {
            // A local holds an expression (e.g. lookup of the ElastiCache canonical user by partition) whose
            // references are bare, not ${...}: the partition becomes its sample value, Terraform evaluates the rest.
            String expression = json.path("locals").path(reference.substring("local.".length())).asText()
                    .replaceAll("data\\.aws_partition\\.[A-Za-z0-9_]+\\.partition", "\"aws\"");
            return TerraformExpressions.evaluate(Map.of("value", JSON.getNodeFactory().textNode(expression)),
                    "local.value", dir.resolve("tf-local-" + stack));
        }
        throw new AssertionError(stack + ": unexpected reference ${" + reference + "} in a policy document");
    }

    private static String firstText(JsonNode condition, String key) {
        for (JsonNode operator : condition) {
            if (operator.has(key)) {
                return operator.path(key).asText();
            }
        }
        return null;
    }

    private static JsonNode single(JsonNode resources, String type, String idPart) {
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) () -> resources.path(type)
                .fields()) {
            if (e.getKey().contains(idPart)) {
                return e.getValue();
            }
        }
        throw new AssertionError("no " + type + " named *" + idPart + "*");
    }
}
