package dev.kvstores.e2e.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kvstores.e2e.ShippedSynthesis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documented one-off restore Job ({@code docs/worker-state-restore-job.yaml}) as the tests run it: its
 * container's {@code bash -c} script, verbatim, with its environment (names from the manifest, values adapted to the
 * test the same way the backup tests adapt the CronJob's) and the restore script on the PATH, as in the image.
 */
record RestoreJobManifest(JsonNode job, String script, Map<String, String> env) {

    static final Path FILE = ShippedSynthesis.PROJECT.resolve("docs").resolve("worker-state-restore-job.yaml");

    static RestoreJobManifest load() {
        try {
            JsonNode job = new YAMLMapper().readTree(FILE.toFile());
            JsonNode container = job.at("/spec/template/spec/containers/0");
            assertEquals("[\"bash\",\"-c\"]", container.path("command").toString(), "the Job runs bash -c");
            Map<String, String> env = new LinkedHashMap<>();
            container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
            return new RestoreJobManifest(job, container.path("args").path(0).asText(), env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the Job's script with its environment, {@code overrides} on top and {@code bin} first on the PATH. */
    BackupTools.Result run(Map<String, String> overrides, Path bin, Path dir) throws Exception {
        Map<String, String> environment = new LinkedHashMap<>(env);
        environment.putAll(overrides);
        environment.put("PATH", BackupTools.pathWith(bin));
        return BackupTools.run(List.of("bash", "-c", script, "worker-state-restore-job"), environment, dir, 180);
    }
}
