package dev.kvstores.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvstores.app.Synthesizer;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.EnvironmentLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every shipped environment, synthesized once per test JVM as the app does (loader, stacks, policy, reports),
 * shared by the end-to-end test classes that read its output. The output directory is removed at JVM exit.
 */
public final class ShippedSynthesis {

    /** The project root (tests run the app from there, as a user does). */
    public static final Path PROJECT = Path.of(System.getProperty("kvstores.projectDir", ".")).toAbsolutePath()
            .normalize();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static List<Environment> environments;
    private static Synthesizer.Result result;

    private ShippedSynthesis() {
    }

    /** The shipped environments, loaded from {@code stacks/environments}. */
    public static synchronized List<Environment> environments() {
        if (environments == null) {
            environments = EnvironmentLoader.loadDirectory(PROJECT.resolve(EnvironmentLoader.DEFAULT_DIRECTORY),
                    PROJECT);
        }
        return environments;
    }

    /** The synthesis of every shipped environment (done on first use). */
    public static synchronized Synthesizer.Result result() {
        if (result == null) {
            try {
                Path dir = Files.createTempDirectory("kvstores-e2e-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
                result = new Synthesizer(PolicyPack.defaults()).synthesize(environments(), dir.resolve("cdktf.out"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return result;
    }

    /** The directory of one stack's output. */
    public static Path stackDir(String name) {
        return result().outdir().resolve("stacks").resolve(name);
    }

    /** One stack's {@code cdk.tf.json}, parsed. */
    public static JsonNode stack(String name) {
        try {
            return JSON.readTree(stackDir(name).resolve("cdk.tf.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One stack's synthesis report. */
    public static String report(String name) {
        try {
            return Files.readString(stackDir(name).resolve(Synthesizer.REPORT_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort at JVM exit
        }
    }
}
