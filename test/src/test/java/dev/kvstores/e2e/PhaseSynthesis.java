package dev.kvstores.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kvstores.app.Synthesizer;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.EnvironmentLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A shipped environment file with {@code credentials.rotation} set on its stores, one copy per phase, synthesized
 * together as the app does (loader, stacks, policy pack, reports): the sequence of {@code cdktf deploy}s a user
 * runs through a rotation.
 */
public final class PhaseSynthesis {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One phase: a name and the {@code credentials.rotation} of each store section ({@code null}: none). */
    public record Phase(String name, Map<String, String> rotationByStore, Map<String, String> overrides) {

        public Phase(String name, Map<String, String> rotationByStore) {
            this(name, rotationByStore, Map.of());
        }

        /** This phase with {@code section.field: value} set in the file (e.g. {@code cache.authMode}). */
        public Phase with(String dottedField, String value) {
            Map<String, String> more = new LinkedHashMap<>(overrides);
            more.put(dottedField, value);
            return new Phase(name, rotationByStore, more);
        }

        /** The same rotation ({@code generation}, {@code phase}) on every given store section. */
        public static Phase of(String name, Integer generation, String phase, String... stores) {
            Map<String, String> rotations = new LinkedHashMap<>();
            for (String store : stores) {
                rotations.put(store, generation == null ? null : generation + ":" + phase);
            }
            return new Phase(name, rotations);
        }
    }

    /** The synthesized phases, by phase name. */
    public record Result(Path outdir, Map<String, String> stackNames) {

        public JsonNode stack(String phase) {
            try {
                return JSON.readTree(outdir.resolve("stacks").resolve(stackNames.get(phase))
                        .resolve("cdk.tf.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String report(String phase) {
            try {
                return Files.readString(outdir.resolve("stacks").resolve(stackNames.get(phase))
                        .resolve(Synthesizer.REPORT_FILE));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private PhaseSynthesis() {
    }

    /** The shipped file {@code environment}.yaml with the phase's rotations, written to {@code dir}. */
    public static Path write(String environment, Phase phase, Path dir) {
        try {
            ObjectNode root = (ObjectNode) YAML.readTree(ShippedSynthesis.PROJECT
                    .resolve(EnvironmentLoader.DEFAULT_DIRECTORY).resolve(environment + ".yaml").toFile());
            for (Map.Entry<String, String> rotation : phase.rotationByStore().entrySet()) {
                ObjectNode store = (ObjectNode) root.get(rotation.getKey());
                if (rotation.getValue() == null) {
                    store.remove("credentials");
                    continue;
                }
                String[] parts = rotation.getValue().split(":");
                ObjectNode spec = store.putObject("credentials").putObject("rotation");
                spec.put("generation", Integer.parseInt(parts[0]));
                spec.put("phase", parts[1]);
            }
            for (Map.Entry<String, String> override : phase.overrides().entrySet()) {
                String[] path = override.getKey().split("\\.");
                ObjectNode node = root;
                for (int i = 0; i < path.length - 1; i++) {
                    node = (ObjectNode) node.get(path[i]);
                }
                node.put(path[path.length - 1], override.getValue());
            }
            Files.createDirectories(dir);
            Path file = dir.resolve(environment + "-" + phase.name() + ".yaml");
            YAML.writeValue(file.toFile(), root);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the file of {@link #write}; throws the loader's or the stores' problems. */
    public static Environment load(String environment, Phase phase, Path dir) {
        return EnvironmentLoader.loadFile(write(environment, phase, dir), dir);
    }

    /** Synthesizes every phase of {@code environment} into {@code dir}/cdktf.out. */
    public static Result synthesize(String environment, Path dir, Phase... phases) {
        List<Environment> environments = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Phase phase : phases) {
            Environment loaded = load(environment, phase, dir.resolve("environments"));
            environments.add(loaded);
            names.put(phase.name(), loaded.name());
        }
        Path outdir = dir.resolve("cdktf.out");
        new Synthesizer(PolicyPack.defaults()).synthesize(environments, outdir);
        return new Result(outdir, names);
    }
}
