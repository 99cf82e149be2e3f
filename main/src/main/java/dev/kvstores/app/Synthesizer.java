package dev.kvstores.app;

import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Builds the stacks of the given environments, synthesizes them into a staging directory next to the output,
 * runs the policy pack over every {@code cdk.tf.json}, writes the synthesis report and the Helm values
 * snippet of each stack, and only then replaces the output directory. On any problem the output directory is
 * left as it was.
 *
 * <p>What Terraform keeps in a stack's folder between runs ({@link #TERRAFORM_WORKING_FILES}: providers, the
 * initialized backend, the provider lock file) is carried over into the new output, as stock cdktf keeps it;
 * a synthesis of some stacks ({@code --only}) also carries over the other stacks' folders and manifest entries.
 */
public final class Synthesizer {

    /** Per stack: the report file written next to {@code cdk.tf.json}. */
    public static final String REPORT_FILE = "kvstores-report.md";
    /** Per stack: values for the platform's Helm chart. */
    public static final String VALUES_FILE = "suprsend-values.yaml";

    /** Terraform's working files in a stack folder ({@code terraform init}); a synthesis keeps them. */
    public static final List<String> TERRAFORM_WORKING_FILES = List.of(".terraform", ".terraform.lock.hcl");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PolicyPack policyPack;

    public Synthesizer(PolicyPack policyPack) {
        this.policyPack = policyPack;
    }

    /** What one synthesis produced. */
    public record Result(Path outdir, Map<String, PolicyReport> policyReports) {
    }

    /**
     * Synthesizes every stack of the app into {@code outdir}: stack folders of environments not given are removed.
     *
     * @throws EnvironmentException listing every store or policy problem; {@code outdir} is untouched
     */
    public Result synthesize(List<Environment> environments, Path outdir) {
        return synthesize(environments, outdir, false);
    }

    /**
     * Synthesizes into {@code outdir}.
     *
     * @param keepOtherStacks whether the stack folders (and manifest entries) of stacks not given stay, as for
     *                        {@code --only}; otherwise they are removed
     * @throws EnvironmentException listing every store or policy problem; {@code outdir} is untouched
     */
    public Result synthesize(List<Environment> environments, Path outdir, boolean keepOtherStacks) {
        Path target = outdir.toAbsolutePath().normalize();
        Path staging = target.resolveSibling("." + target.getFileName() + ".staging-" + ProcessHandle.current().pid());
        deleteRecursively(staging);
        Replacement replacement = null;
        try {
            App app = new App(AppConfig.builder().outdir(staging.toString()).stackTraces(false).build());
            List<EnvironmentStack> stacks = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (Environment environment : environments) {
                EnvironmentStack stack = new EnvironmentStack(app, environment);
                stacks.add(stack);
                problems.addAll(stack.problems());
            }
            // Store problems do not stop here: the policy pack still scans what was built, so one run reports
            // every problem (policy findings on a store that failed to build are left out).
            try {
                app.synth();
            } catch (RuntimeException e) {
                if (problems.isEmpty()) {
                    throw e;
                }
                throw new EnvironmentException(problems);
            }

            Map<String, PolicyReport> reports = new LinkedHashMap<>();
            for (EnvironmentStack stack : stacks) {
                Path stackDir = staging.resolve("stacks").resolve(stack.environment().name());
                JsonNode json = JSON.readTree(stackDir.resolve("cdk.tf.json").toFile());
                PolicyReport report = policyPack.evaluate(json, stack.policyContext(), stack.policyExemptions());
                reports.put(stack.environment().name(), report);
                problems.addAll(stack.policyProblems(report));
                if (!stack.problems().isEmpty()) {
                    continue; // no report for a stack that failed to build; its problems are thrown below
                }
                Files.writeString(stackDir.resolve(REPORT_FILE), stack.report() + "## Policy\n\n```\n"
                        + report.render() + "```\n", StandardCharsets.UTF_8);
                Files.writeString(stackDir.resolve(VALUES_FILE), stack.connectionSecret().helmValuesSnippet(),
                        StandardCharsets.UTF_8);
            }
            if (!problems.isEmpty()) {
                throw new EnvironmentException(problems);
            }
            replacement = new Replacement(staging, target);
            replacement.run(keepOtherStacks);
            return new Result(target, reports);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (replacement == null || !replacement.restoreFailed) { // else staging holds files of the old output
                deleteRecursively(staging);
            }
        }
    }

    /**
     * Puts a complete staging directory in place of the output directory. Terraform's working files (and, for
     * {@code --only}, the other stacks' folders) are first moved from the old output into the staging
     * directory; every move is a rename on one file system, and each is moved back if a later step fails, so a
     * failure leaves the old output as it was.
     */
    private static final class Replacement {
        private final Path staging;
        private final Path target;
        private final Path old;
        private final Deque<Path[]> moved = new ArrayDeque<>(); // {from, to}, the latest first
        /** Whether a failed replacement could not move everything back (staging then must stay). */
        private boolean restoreFailed;

        Replacement(Path staging, Path target) {
            this.staging = staging;
            this.target = target;
            this.old = target.resolveSibling("." + target.getFileName() + ".old-" + ProcessHandle.current().pid());
        }

        void run(boolean keepOtherStacks) throws IOException {
            try {
                carryOver(keepOtherStacks);
                if (Files.exists(target)) {
                    move(target, old);
                }
                move(staging, target);
            } catch (IOException | RuntimeException e) {
                undo(e);
                throw e;
            }
            moved.clear();
            deleteRecursively(old);
        }

        private void carryOver(boolean keepOtherStacks) throws IOException {
            Path oldStacks = target.resolve("stacks");
            if (!Files.isDirectory(oldStacks, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            List<String> kept = new ArrayList<>();
            try (Stream<Path> list = Files.list(oldStacks)) {
                for (Path oldStack : list.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted()
                        .toList()) {
                    Path newStack = staging.resolve("stacks").resolve(oldStack.getFileName().toString());
                    if (Files.isDirectory(newStack)) {
                        for (String name : TERRAFORM_WORKING_FILES) {
                            Path file = oldStack.resolve(name);
                            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                                move(file, newStack.resolve(name));
                            }
                        }
                    } else if (keepOtherStacks) {
                        move(oldStack, newStack);
                        kept.add(oldStack.getFileName().toString());
                    }
                }
            }
            if (!kept.isEmpty()) {
                keepManifestEntries(kept);
            }
        }

        /** Adds the old manifest's entries of the kept stacks to the new manifest, stacks sorted by name. */
        private void keepManifestEntries(List<String> kept) throws IOException {
            Path oldManifest = target.resolve("manifest.json");
            Path newManifest = staging.resolve("manifest.json");
            if (!Files.isRegularFile(oldManifest) || !Files.isRegularFile(newManifest)) {
                return;
            }
            JsonNode previous = JSON.readTree(oldManifest.toFile()).path("stacks");
            ObjectNode manifest = (ObjectNode) JSON.readTree(newManifest.toFile());
            Map<String, JsonNode> stacks = new TreeMap<>();
            manifest.path("stacks").fields().forEachRemaining(e -> stacks.put(e.getKey(), e.getValue()));
            kept.stream().filter(previous::has).forEach(name -> stacks.put(name, previous.get(name)));
            ObjectNode sorted = manifest.putObject("stacks");
            stacks.forEach(sorted::set);
            JSON.writer(new DefaultPrettyPrinter().withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))).writeValue(newManifest.toFile(), manifest);
        }

        private void move(Path from, Path to) throws IOException {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            moved.push(new Path[] {from, to});
        }

        /** Moves everything back where it was; what cannot be moved back is named, and staging is kept. */
        private void undo(Exception cause) {
            while (!moved.isEmpty()) {
                Path[] move = moved.pop();
                try {
                    Files.move(move[1], move[0], StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException | RuntimeException e) {
                    restoreFailed = true;
                    cause.addSuppressed(new IOException("could not move " + move[1] + " back to " + move[0]
                            + "; move it by hand", e));
                    throw new UncheckedIOException(new IOException("synthesis failed while replacing " + target
                            + " and could not restore it; " + move[1] + " belongs in " + move[0], cause));
                }
            }
        }
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
