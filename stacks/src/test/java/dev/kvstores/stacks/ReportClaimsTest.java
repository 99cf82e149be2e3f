package dev.kvstores.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.Testing;
import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.environment.EnvironmentLoader;
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

    private static JsonNode secretData(JsonNode json) {
        return json.path("resource").path("kubernetes_secret_v1").elements().next().path("data");
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
        secretData(json).fieldNames().forEachRemaining(synthesized::add);
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
}
