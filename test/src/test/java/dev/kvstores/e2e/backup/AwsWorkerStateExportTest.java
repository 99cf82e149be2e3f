package dev.kvstores.e2e.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kvstores.e2e.ShippedSynthesis;
import dev.kvstores.e2e.realserver.RedisServerProcess;
import dev.kvstores.e2e.realserver.TerraformConsole;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The AWS worker state backup of the shipped {@code aws-dev} (ElastiCache) and {@code aws-prod} (MemoryDB) stacks as
 * Terraform would send it: the state machine definition rendered by {@code terraform console} (references filled in
 * with sample names), checked by the real Amazon States Language validator (npm asl-validator 4.0.0,
 * {@code test/tools/asl-validator.sh}) and by its own JSONata expressions evaluated with the real {@code jsonata}
 * (the validator's dependency): names, every byte range of the multipart copy.
 */
class AwsWorkerStateExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "123456789012";
    private static final String KEY = "arn:aws:kms:eu-west-1:123456789012:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{((?:data\\.)?[a-z0-9_]+\\.[A-Za-z0-9_-]+\\.[a-z_]+)}");
    private static final long PART = 512L * 1024 * 1024;

    @TempDir
    Path dir;

    private static String store(String stack) {
        return "aws-dev".equals(stack) ? "suprsend-dev-worker" : "suprsend-worker";
    }

    private static String bucket(String stack, String suffix) {
        return store(stack) + "-" + ACCOUNT + "-eu-west-1-" + suffix;
    }

    private static JsonNode single(String stack, String type) {
        JsonNode resources = ShippedSynthesis.stack(stack).path("resource").path(type);
        assertEquals(1, resources.size(), type + " in " + stack);
        return resources.elements().next();
    }

    /** Sample values for the references of the definition; an unknown reference fails the test. */
    private static Map<String, String> references(String text, String stack) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            String ref = m.group(1);
            String value;
            if (ref.startsWith("data.aws_partition.") && ref.endsWith(".partition")) {
                value = "aws";
            } else if (ref.startsWith("aws_s3_bucket.") && ref.contains("ExportBucket") && ref.endsWith(".bucket")) {
                value = bucket(stack, "exp");
            } else if (ref.startsWith("aws_s3_bucket.") && ref.contains("ArchiveBucket") && ref.endsWith(".bucket")) {
                value = bucket(stack, "bak");
            } else if (ref.startsWith("aws_kms_key.") && ref.contains("ArchiveKey") && ref.endsWith(".arn")) {
                value = KEY;
            } else {
                throw new AssertionError("unexpected reference ${" + ref + "} in the definition of " + stack);
            }
            values.put(ref, value);
        }
        return values;
    }

    /** The definition as Terraform renders it at apply, with the sample names. */
    private JsonNode rendered(String stack) throws Exception {
        String definition = single(stack, "aws_sfn_state_machine").path("definition").asText();
        String json = TerraformConsole.evaluateWith(definition, references(definition, stack), dir.resolve("tf-" + stack));
        assertFalse(json.contains("${"), "every reference filled in");
        return JSON.readTree(json);
    }

    private static Path validator() throws Exception {
        Path pathFile = Path.of(System.getProperty("kvstores.aslValidatorPathFile", "test/target/asl-validator.path"));
        if (!Files.isRegularFile(pathFile)) {
            throw RedisServerProcess.missingPrerequisite("asl-validator not installed (" + pathFile + " missing): run"
                    + " bash test/tools/asl-validator.sh, which needs node and npm");
        }
        return Path.of(Files.readString(pathFile).strip());
    }

    private static Result node(List<String> args, String stdin) throws Exception {
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "node finished");
        return new Result(p.exitValue(), out);
    }

    private record Result(int exit, String output) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws-dev", "aws-prod"})
    void the_definition_terraform_sends_is_valid_amazon_states_language(String stack) throws Exception {
        Path file = dir.resolve(stack + ".asl.json");
        Files.writeString(file, rendered(stack).toString());
        Result result = node(List.of("node", validator().toString(), "--json-path", file.toString()), "");
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("is valid"), result.output());
        // The validator is not lenient: a transition to a missing state is refused.
        Path broken = dir.resolve(stack + ".broken.json");
        Files.writeString(broken, rendered(stack).toString().replace("\"Next\":\"CleanUp\"", "\"Next\":\"Cleanup\""));
        Result refused = node(List.of("node", validator().toString(), "--json-path", broken.toString()), "");
        assertEquals(1, refused.exit(), refused.output());
        assertTrue(refused.output().contains("MISSING_TRANSITION_TARGET"), refused.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws-dev", "aws-prod"})
    void the_run_calls_exactly_the_sdk_actions_of_its_store_with_the_right_arguments(String stack) throws Exception {
        JsonNode d = rendered(stack);
        String service = "aws-dev".equals(stack) ? "elasticache" : "memorydb";
        JsonNode states = d.path("States");
        JsonNode item = states.at("/Archive/ItemProcessor/States");
        Map<String, String> tasks = new LinkedHashMap<>();
        collectTasks(states, tasks);
        assertEquals(Map.ofEntries(
                Map.entry("CreateSnapshot", "arn:aws:states:::aws-sdk:" + service + ":createSnapshot"),
                Map.entry("DescribeSnapshot", "arn:aws:states:::aws-sdk:" + service + ":describeSnapshots"),
                Map.entry("Export", "arn:aws:states:::aws-sdk:" + service + ":copySnapshot"),
                Map.entry("ListExported", "arn:aws:states:::aws-sdk:s3:listObjectsV2"),
                Map.entry("DescribeExportSource", "arn:aws:states:::aws-sdk:" + service + ":describeSnapshots"),
                Map.entry("StartUpload", "arn:aws:states:::aws-sdk:s3:createMultipartUpload"),
                Map.entry("CopyPart", "arn:aws:states:::aws-sdk:s3:uploadPartCopy"),
                Map.entry("CompleteUpload", "arn:aws:states:::aws-sdk:s3:completeMultipartUpload"),
                Map.entry("AbortUpload", "arn:aws:states:::aws-sdk:s3:abortMultipartUpload"),
                Map.entry("DeleteExported", "arn:aws:states:::aws-sdk:s3:deleteObject"),
                Map.entry("DeleteSnapshot", "arn:aws:states:::aws-sdk:" + service + ":deleteSnapshot"),
                Map.entry("CleanUp", "arn:aws:states:::aws-sdk:" + service + ":deleteSnapshot")), tasks);
        String storeField = "aws-dev".equals(stack) ? "ReplicationGroupId" : "ClusterName";
        assertEquals(store(stack), states.at("/CreateSnapshot/Arguments/" + storeField).asText());
        assertEquals("{% $snapshot %}", states.at("/CreateSnapshot/Arguments/SnapshotName").asText());
        assertEquals(bucket(stack, "exp"), states.at("/Export/Arguments/TargetBucket").asText());
        assertEquals("{% $target %}", states.at("/Export/Arguments/TargetSnapshotName").asText());
        assertEquals("{% $snapshot %}", states.at("/Export/Arguments/SourceSnapshotName").asText());
        assertEquals(bucket(stack, "exp"), states.at("/ListExported/Arguments/Bucket").asText());
        assertEquals(bucket(stack, "bak"), item.at("/StartUpload/Arguments/Bucket").asText());
        assertEquals("aws:kms", item.at("/StartUpload/Arguments/ServerSideEncryption").asText());
        assertEquals(KEY, item.at("/StartUpload/Arguments/SSEKMSKeyId").asText());
        assertTrue(item.at("/CopyParts/ItemProcessor/States/CopyPart/Arguments/CopySource").asText()
                .startsWith("{% '" + bucket(stack, "exp") + "/' & $source"));
        assertEquals(bucket(stack, "exp"), item.at("/DeleteExported/Arguments/Bucket").asText());
        assertEquals("{% $snapshot %}", states.at("/DeleteSnapshot/Arguments/SnapshotName").asText());
        // Every failure path deletes the temporary snapshot and ends in the Fail state.
        assertEquals("Fail", states.at("/Failed/Type").asText());
        assertEquals("Failed", states.at("/CleanUp/Next").asText());
        for (String state : List.of("DescribeSnapshot", "Export", "ListExported", "DescribeExportSource", "Archive")) {
            assertEquals("CleanUp", states.path(state).at("/Catch/0/Next").asText(), state);
            assertEquals("States.ALL", states.path(state).at("/Catch/0/ErrorEquals/0").asText(), state);
        }
        assertTrue(states.at("/CreateSnapshot/Retry/0/MaxAttempts").asInt() >= 3);
    }

    private static void collectTasks(JsonNode states, Map<String, String> out) {
        Iterator<Map.Entry<String, JsonNode>> it = states.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> state = it.next();
            if ("Task".equals(state.getValue().path("Type").asText())) {
                out.put(state.getKey(), state.getValue().path("Resource").asText());
            }
            JsonNode inner = state.getValue().at("/ItemProcessor/States");
            if (!inner.isMissingNode()) {
                collectTasks(inner, out);
            }
        }
    }

    /** Evaluates JSONata expressions ({@code {% ... %}}) with the real jsonata, each with its variables. */
    private JsonNode jsonata(ArrayNode cases) throws Exception {
        Path validator = validator();
        String path = validator.toString();
        Path jsonata = Path.of(path.substring(0, path.lastIndexOf("node_modules") + "node_modules".length()), "jsonata");
        Path script = dir.resolve("evaluate.js");
        Files.writeString(script, """
                const jsonata = require(process.argv[2]);
                let input = '';
                process.stdin.on('data', d => input += d);
                process.stdin.on('end', async () => {
                  const out = [];
                  for (const c of JSON.parse(input)) {
                    const expr = c.expr.replace(/^\\{%/, '').replace(/%\\}$/, '');
                    out.push(await jsonata(expr).evaluate({}, c.bindings));
                  }
                  process.stdout.write(JSON.stringify(out));
                });
                """);
        Result result = node(List.of("node", script.toString(), jsonata.toString()), cases.toString());
        assertEquals(0, result.exit(), result.output());
        return JSON.readTree(result.output());
    }

    @Test
    void names_are_dated_and_the_multipart_copy_covers_every_byte_exactly_once() throws Exception {
        JsonNode states = rendered("aws-dev").path("States");
        JsonNode copyParts = states.at("/Archive/ItemProcessor/States/CopyParts");
        JsonNode copyPart = copyParts.at("/ItemProcessor/States/CopyPart");
        ArrayNode cases = JSON.createArrayNode();
        ObjectNode context = JSON.createObjectNode();
        context.putObject("states").putObject("context").putObject("Execution")
                .put("StartTime", "2026-11-28T01:00:04.512Z");
        cases.addObject().put("expr", states.at("/Prepare/Assign/snapshot").asText()).set("bindings", context);
        cases.addObject().put("expr", states.at("/Prepare/Assign/target").asText()).set("bindings", context);
        long[] sizes = {1, PART - 1, PART, PART + 1, 3 * PART + 12345};
        for (long size : sizes) {
            cases.addObject().put("expr", copyParts.path("Items").asText()).putObject("bindings").put("size", size);
        }
        JsonNode names = jsonata(cases);
        assertEquals("suprsend-dev-worker-kvs-20261128t0100", names.get(0).asText());
        assertEquals("suprsend-dev-worker-20261128t0100", names.get(1).asText());
        ArrayNode ranges = JSON.createArrayNode();
        List<Integer> counts = new ArrayList<>();
        for (int s = 0; s < sizes.length; s++) {
            JsonNode items = names.get(2 + s);
            List<Long> parts = new ArrayList<>();
            if (items.isArray()) {
                items.forEach(i -> parts.add(i.asLong()));
            } else {
                parts.add(items.asLong()); // JSONata returns a one-item sequence as the item
            }
            counts.add(parts.size());
            for (long i : parts) {
                ObjectNode bindings = JSON.createObjectNode().put("size", sizes[s]);
                bindings.putObject("states").put("input", i);
                ranges.addObject().put("expr", copyPart.at("/Arguments/CopySourceRange").asText()).set("bindings", bindings);
                ranges.addObject().put("expr", copyPart.at("/Arguments/PartNumber").asText()).set("bindings", bindings);
            }
        }
        assertEquals(List.of(1, 1, 1, 2, 4), counts);
        JsonNode evaluated = jsonata(ranges);
        int at = 0;
        for (int s = 0; s < sizes.length; s++) {
            long next = 0;
            for (int part = 1; part <= counts.get(s); part++) {
                String range = evaluated.get(at++).asText();
                assertEquals(part, evaluated.get(at++).asInt(), "part numbers start at 1");
                Matcher m = Pattern.compile("bytes=(\\d+)-(\\d+)").matcher(range);
                assertTrue(m.matches(), range);
                assertEquals(next, Long.parseLong(m.group(1)), "contiguous: " + range);
                long end = Long.parseLong(m.group(2));
                assertTrue(end - next + 1 <= PART && end >= next, range);
                next = end + 1;
            }
            assertEquals(sizes[s], next, "every byte of a " + sizes[s] + "-byte file, once");
        }
    }

    @Test
    void the_elasticache_grant_names_the_canonical_user_of_the_partition() throws Exception {
        JsonNode acl = single("aws-dev", "aws_s3_bucket_acl").path("access_control_policy");
        String local = acl.at("/grant/1/grantee/id").asText();
        assertTrue(local.matches("\\$\\{local\\.[A-Za-z0-9_]+\\}"), local);
        // The lookup is a local, so that the policy documents holding it stay JSON.
        String grantee = ShippedSynthesis.stack("aws-dev").path("locals")
                .path(local.substring("${local.".length(), local.length() - 1)).asText();
        Matcher partition = Pattern.compile("data\\.aws_partition\\.[A-Za-z0-9_]+\\.partition").matcher(grantee);
        assertTrue(partition.find(), grantee);
        Map<String, String> expected = Map.of(
                "aws", "540804c33a284a299d2547575ce1010f2312ef3da9b3a053c8bc45bf233e4353",
                "aws-us-gov", "40fa568277ad703bd160f66ae4f83fc9dfdfd06c2f1b5060ca22442ac3ef8be6",
                "aws-cn", "b14d6a125bdf69854ed8ef2e71d8a20b7c490f252229b806e514966e490b8d83");
        for (var e : expected.entrySet()) {
            String value = TerraformConsole.evaluate(grantee.replace(partition.group(), "\"" + e.getKey() + "\""),
                    dir.resolve("acl-" + e.getKey()));
            assertEquals(e.getValue(), value, e.getKey());
        }
    }

    @Test
    void production_passes_the_backup_rule_and_the_report_names_schedule_bucket_key_retention() {
        String report = ShippedSynthesis.report("aws-prod");
        assertFalse(report.contains("FAIL KVS-BACKUP-REQUIRED"), report);
        String durability = report.lines().filter(l -> l.startsWith("- durability: Multi-AZ transaction log"))
                .findFirst().orElseThrow(() -> new AssertionError(report));
        for (String part : List.of("nightly at 0 1 * * * UTC", "suprsend-worker-<account>-<region>-bak",
                "alias/kvstores/suprsend-worker-backups", "kept 14 days", "at most 24 h from the backup",
                "suprsend-worker-backup-failed")) {
            assertTrue(durability.contains(part), part + " in " + durability);
        }
        assertTrue(report.contains("EXEMPT KVS-AWS-S3-CMK aws_s3_bucket.WorkerState_Backup_ExportBucket"), report);
        assertEquals("cron(0 1 * * ? *)", single("aws-prod", "aws_scheduler_schedule").path("schedule_expression")
                .asText());
        JsonNode devLifecycles = ShippedSynthesis.stack("aws-dev").at("/resource/aws_s3_bucket_lifecycle_configuration");
        List<Integer> kept = new ArrayList<>();
        devLifecycles.forEach(l -> kept.add(l.at("/rule/0/expiration/0/days").asInt()));
        kept.sort(null);
        assertEquals(List.of(1, 3), kept, "aws-dev: exports expire after a day, copies after 3 days");
    }
}
