package dev.kvstores.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20 item 1 through the app: an environment file whose text would be evaluated by Terraform or Helm is
 * refused with exit code 2, every such field named, and the existing output left as it was.
 */
class TemplateMarkerRefusalTest {

    private static final Path SHIPPED = Path.of("..", "stacks", "environments");

    @TempDir
    Path dir;

    @Test
    void template_markers_in_an_environment_file_exit_2_naming_each_field_and_leave_the_output_alone()
            throws IOException {
        Path envs = Files.createDirectories(dir.resolve("environments"));
        Files.writeString(envs.resolve("k8s-injected.yaml"), Files.readString(SHIPPED.resolve("kubernetes-prod.yaml"))
                .replaceFirst("(?m)^  configContext: \\S+", "  configContext: '\\${file(\"/etc/hostname\")}'")
                .replaceFirst("(?m)^  issuer: \\S+", "  issuer: '%{ if true }x%{ endif }'")
                .replaceFirst("(?m)^( +)prefix: kvstores", "$1prefix: '{{ .Release.Namespace }}'"));
        Path out = Files.createDirectories(dir.resolve("cdktf.out"));
        Files.writeString(out.resolve("previous.txt"), "the last good synthesis");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int exit = Main.run(new String[] {"--environments", envs.toString()}, out.toString(),
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));

        String err = stderr.toString(StandardCharsets.UTF_8);
        assertEquals(2, exit, err);
        assertTrue(err.contains("k8s-injected.yaml: kubernetes.configContext: is '${file(\"/etc/hostname\")}', which"
                + " contains '${'; text in an environment file is data, never code"), err);
        assertTrue(err.contains("k8s-injected.yaml: certManager.issuer: is '%{ if true }x%{ endif }', which contains"
                + " '%{'"), err);
        assertTrue(err.contains("k8s-injected.yaml: workerState.backup.destination.prefix: is '{{ .Release.Namespace"
                + " }}', which contains '{{'"), err);
        assertTrue(err.contains("nothing was written to " + out), err);
        assertEquals(1, Files.list(out).count());
        assertEquals("the last good synthesis", Files.readString(out.resolve("previous.txt")));
        assertFalse(stdout.toString(StandardCharsets.UTF_8).contains("synthesized"));
    }
}
