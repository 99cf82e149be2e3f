package dev.kvstores.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.Testing;
import dev.kvstores.stacks.environment.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Item 6 of issue 12: every claim of the report is backed by what was synthesized. */
class ReportClaimsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KEYS_LINE = Pattern.compile("- connection Secret: `[^`]+` \\(keys ([^)]*)\\)");

    static Stream<Path> shippedEnvironments() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("environments"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    /** The connection Secret, picked by its name: the stack may write other Secrets (monitoring ACL, age recipient). */
    private static JsonNode secretData(JsonNode json, String name) {
        List<JsonNode> matching = new ArrayList<>();
        json.path("resource").path("kubernetes_secret_v1").elements().forEachRemaining(s -> {
            JsonNode metadata = s.path("metadata").isArray() ? s.path("metadata").path(0) : s.path("metadata");
            if (name.equals(metadata.path("name").asText())) {
                matching.add(s);
            }
        });
        assertEquals(1, matching.size(), "one kubernetes_secret_v1 named " + name + ": " + json.path("resource")
                .path("kubernetes_secret_v1").size() + " Secrets synthesized");
        return matching.get(0).path("data");
    }

    private static List<String> reportedKeys(String report) {
        Matcher m = KEYS_LINE.matcher(report);
        assertTrue(m.find(), report);
        return Arrays.asList(m.group(1).split(", "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedEnvironments")
    void the_reported_secret_keys_are_exactly_the_keys_of_the_synthesized_secret(Path file) throws IOException {
        Environment env = EnvironmentLoader.loadFile(file, Path.of("."));
        EnvironmentStack stack = new EnvironmentStack(Testing.app(), env);
        JsonNode json = JSON.readTree(Testing.synth(stack));
        List<String> synthesized = new ArrayList<>();
        secretData(json, env.secretName()).fieldNames().forEachRemaining(synthesized::add);
        String report = stack.report();
        assertEquals(new TreeSet<>(synthesized), new TreeSet<>(reportedKeys(report)), report);
        if (!synthesized.stream().anyMatch(k -> k.contains("CaCert"))) {
            assertFalse(report.toLowerCase().contains("ca bundle"), report);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedEnvironments")
    void url_lines_name_hosts_in_words_instead_of_raw_terraform_interpolation(Path file) {
        String report = new EnvironmentStack(Testing.app(), EnvironmentLoader.loadFile(file, Path.of("."))).report();
        assertFalse(report.contains("${"), report);
        report.lines().filter(l -> l.startsWith("- URL: ")).forEach(l -> assertTrue(
                l.matches("- URL: \\w+ = rediss?://[^:]*:<password>@(<[^>]+>|[^ <:]+):(<[^>]+>|\\d+)(/0)?"), l));
    }

    @Test
    void aws_hosts_read_as_the_attribute_of_the_replication_group() {
        String report = new EnvironmentStack(Testing.app(), EnvironmentLoader.loadFile(
                Path.of("environments/aws-prod.yaml"), Path.of("."))).report();
        assertTrue(report.contains("@<primary endpoint address of aws_elasticache_replication_group."), report);
    }

    @Test
    void a_gcp_basic_worker_store_is_not_described_with_a_replica(@TempDir Path dir) throws IOException {
        String yaml = Files.readString(Path.of("environments/gcp-dev.yaml"));
        Path file = Files.writeString(dir.resolve("gcp-basic.yaml"), yaml);
        Environment env = EnvironmentLoader.loadFile(file, dir);
        EnvironmentStack stack = new EnvironmentStack(Testing.app(), env);
        JsonNode instances = JSON.readTree(Testing.synth(stack)).path("resource").path("google_redis_instance");
        List<String> tiers = new ArrayList<>();
        instances.elements().forEachRemaining(i -> tiers.add(i.path("tier").asText()));
        assertEquals(List.of("BASIC", "BASIC"), tiers, "gcp-dev.yaml runs both stores on BASIC");
        assertFalse(stack.report().contains("replica"), stack.report());
    }

    // ---- warnings and checklists (issue 22, item 4) ----

    private static final Pattern FIELD = Pattern.compile("(?<=[\\s(`])((?:cache|workerState|monitoring|network|connectionSecret"
            + "|stateBackend|kubernetes|certManager|images|gcp|aws|azure|encryption)\\.[A-Za-z][A-Za-z0-9.]*"
            + "[A-Za-z0-9])");

    /**
     * Every shipped environment, and each platform option the shipped files do not take: {file, option, then
     * pairs of regex and replacement}.
     */
    static Stream<org.junit.jupiter.params.provider.Arguments> everyPlatformOption() throws IOException {
        List<String[]> out = new ArrayList<>();
        for (Path file : shippedEnvironments().toList()) {
            out.add(new String[] {file.getFileName().toString(), "as shipped"});
        }
        out.add(new String[] {"aws-prod.yaml", "a given SNS topic", "\nmonitoring:[^\\n]*\\n",
                "\nmonitoring:\n  notificationTopicArn: arn:aws:sns:eu-west-1:123456789012:oncall\n"});
        out.add(new String[] {"azure-prod.yaml", "an adopted classic cache",
                "cache:[^\\n]*\\n  service: in-cluster(?s:.*?)  evictionPolicy: allkeys-lru[^\\n]*\\n",
                "cache:\n  service: classic\n  existingCacheName: legacy-cache\n  resourceGroupName: legacy-rg\n"
                        + "  evictionPolicy: allkeys-lru\n",
                "(?m)^  namespace: monitoring[^\\n]*\\n", "", "(?m)^  prometheusRules: [^\\n]*\\n", "",
                "(?m)^  allowedNamespaces: [^\\n]*\\n", "", "(?m)^  apiServerCidrs: [^\\n]*\\n", "",
                "(?m)^certManager:[^\\n]*\\n  issuer: [^\\n]*\\n", "",
                "(?m)^images:[^\\n]*\\n(?:  [^\\n]*\\n|\\s*#[^\\n]*\\n)*", ""});
        out.add(new String[] {"kubernetes-prod.yaml", "no PrometheusRules", "  prometheusRules: true",
                "  prometheusRules: false"});
        return out.stream().map(o -> org.junit.jupiter.params.provider.Arguments.of((Object) o));
    }

    private static EnvironmentStack variant(String[] option, Path dir) throws IOException {
        String yaml = Files.readString(Path.of("environments", option[0]));
        for (int i = 2; i < option.length; i += 2) {
            String changed = yaml.replaceFirst(option[i], option[i + 1]);
            assertFalse(changed.equals(yaml), option[i]);
            yaml = changed;
        }
        Path file = Files.writeString(dir.resolve(option[0]), yaml);
        return new EnvironmentStack(Testing.app(), EnvironmentLoader.loadFile(file, dir));
    }

    private static String documentation() throws IOException {
        StringBuilder docs = new StringBuilder(Files.readString(Path.of("../README.md")));
        try (Stream<Path> files = Files.list(Path.of("../docs"))) {
            for (Path doc : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                docs.append(Files.readString(doc));
            }
        }
        return docs.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyPlatformOption")
    void every_field_the_report_warnings_and_checklists_name_is_one_the_docs_use(String[] option, @TempDir Path dir)
            throws IOException {
        EnvironmentStack stack = variant(option, dir);
        assertEquals(List.of(), stack.problems());
        String report = stack.report();
        String docs = documentation();
        Matcher m = FIELD.matcher(report);
        List<String> undocumented = new ArrayList<>();
        while (m.find()) {
            String last = m.group(1).substring(m.group(1).lastIndexOf('.') + 1);
            boolean documented = docs.contains(m.group(1)) || docs.contains("`" + last + "`")
                    || docs.contains(last + ":");
            if (!documented && !undocumented.contains(m.group(1))) {
                undocumented.add(m.group(1));
            }
        }
        assertEquals(List.of(), undocumented, report);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyPlatformOption")
    void what_the_checklists_say_this_stack_creates_it_creates(String[] option, @TempDir Path dir)
            throws IOException {
        EnvironmentStack stack = variant(option, dir);
        JsonNode json = JSON.readTree(Testing.synth(stack));
        String report = stack.report();
        // DNS zones: one the checklist says this stack creates is a resource; one it does not create is not named
        // as created.
        Matcher zones = Pattern.compile("`(privatelink\\.[a-z.]+)` zone is linked to VNet `[^`]*`"
                + " \\(network.virtualNetworkId\\): this stack creates that zone").matcher(report);
        List<String> created = new ArrayList<>();
        json.path("resource").path("azurerm_private_dns_zone").elements()
                .forEachRemaining(z -> created.add(z.path("name").asText()));
        while (zones.find()) {
            assertTrue(created.contains(zones.group(1)), zones.group(1) + " is claimed created; created: " + created);
        }
        for (String zone : List.of("privatelink.redis.cache.windows.net", "privatelink.redis.azure.net")) {
            if (report.contains(zone) && !created.contains(zone)) {
                assertFalse(report.contains("`" + zone + "` zone is linked to VNet"), zone + " is not created: "
                        + report);
            }
        }
        // SNS: "created by this stack" is a topic of this stack that the alarms notify; then no warning says the
        // alarms notify nobody.
        if (report.contains("SNS topic `kvstores-") && report.contains("created by this stack")) {
            assertTrue(json.path("resource").path("aws_sns_topic").size() == 1, report);
            json.path("resource").path("aws_cloudwatch_metric_alarm").elements().forEachRemaining(alarm ->
                    assertTrue(alarm.path("alarm_actions").toString().contains("aws_sns_topic."), alarm.toString()));
            assertFalse(report.contains("without a notification target"), report);
        }
        // The alarms the report states (a count per store, the backup's by name) are the ones synthesized.
        Matcher alarms = Pattern.compile("(\\d+) CloudWatch alarms").matcher(report);
        int stated = 0;
        while (alarms.find()) {
            stated += Integer.parseInt(alarms.group(1));
        }
        Matcher backupAlarms = Pattern.compile("[a-z0-9-]+-backup-(?:failed|missing)").matcher(report);
        java.util.Set<String> named = new TreeSet<>();
        while (backupAlarms.find()) {
            named.add(backupAlarms.group());
        }
        if (stated > 0) {
            assertEquals(stated + named.size(), json.path("resource").path("aws_cloudwatch_metric_alarm").size(),
                    report);
        }
    }
}
