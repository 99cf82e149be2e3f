package dev.kvstores.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.policy.PolicyReport;
import dev.kvstores.stacks.EnvironmentStack;
import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.environment.EnvironmentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds the stacks of the given environments, synthesizes them into a staging directory next to the output,
 * runs the policy pack over every {@code cdk.tf.json}, writes the synthesis report and the Helm values
 * snippet of each stack, and only then replaces the output directory. On any problem the output directory is
 * left as it was.
 */
public final class Synthesizer {

    /** Per stack: the report file written next to {@code cdk.tf.json}. */
    public static final String REPORT_FILE = "kvstores-report.md";
    /** Per stack: values for the platform's Helm chart. */
    public static final String VALUES_FILE = "suprsend-values.yaml";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PolicyPack policyPack;

    public Synthesizer(PolicyPack policyPack) {
        this.policyPack = policyPack;
    }

    /** What one synthesis produced. */
    public record Result(Path outdir, Map<String, PolicyReport> policyReports) {
    }

    /**
     * Synthesizes into {@code outdir}.
     *
     * @throws EnvironmentException listing every store or policy problem; {@code outdir} is untouched
     */
    public Result synthesize(List<Environment> environments, Path outdir) {
        Path target = outdir.toAbsolutePath().normalize();
        Path staging = target.resolveSibling("." + target.getFileName() + ".staging-" + ProcessHandle.current().pid());
        deleteRecursively(staging);
        try {
            App app = new App(AppConfig.builder().outdir(staging.toString()).stackTraces(false).build());
            List<EnvironmentStack> stacks = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (Environment environment : environments) {
                EnvironmentStack stack = new EnvironmentStack(app, environment);
                stacks.add(stack);
                problems.addAll(stack.problems());
            }
            if (!problems.isEmpty()) {
                throw new EnvironmentException(problems);
            }
            app.synth();

            Map<String, PolicyReport> reports = new LinkedHashMap<>();
            for (EnvironmentStack stack : stacks) {
                Path stackDir = staging.resolve("stacks").resolve(stack.environment().name());
                JsonNode json = JSON.readTree(stackDir.resolve("cdk.tf.json").toFile());
                PolicyReport report = policyPack.evaluate(json, stack.policyContext(), stack.policyExemptions());
                reports.put(stack.environment().name(), report);
                report.violations().forEach(v -> problems.add(stack.environment().file() + ": policy "
                        + v.ruleId() + " fails on " + v.address() + ": " + v.evaluation().detail()));
                Files.writeString(stackDir.resolve(REPORT_FILE), stack.report() + "## Policy\n\n```\n"
                        + report.render() + "```\n", StandardCharsets.UTF_8);
                Files.writeString(stackDir.resolve(VALUES_FILE), stack.connectionSecret().helmValuesSnippet(),
                        StandardCharsets.UTF_8);
            }
            if (!problems.isEmpty()) {
                throw new EnvironmentException(problems);
            }
            replace(staging, target);
            return new Result(target, reports);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteRecursively(staging);
        }
    }

    private static void replace(Path staging, Path target) throws IOException {
        Path old = target.resolveSibling("." + target.getFileName() + ".old-" + ProcessHandle.current().pid());
        if (Files.exists(target)) {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        deleteRecursively(old);
    }

    static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
