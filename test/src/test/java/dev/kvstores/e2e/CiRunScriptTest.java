package dev.kvstores.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: {@code .ci/run} stops the machine's Redis services only in CI. Runs the script with stub commands
 * first on PATH ({@code service} records its arguments; {@code mvn} does nothing), once without and once with CI.
 */
class CiRunScriptTest {

    private static final Path PROJECT = Path.of(System.getProperty("kvstores.projectDir", ".")).toAbsolutePath()
            .normalize();
    private static final List<String> STUBS = List.of("redis-server", "redis-sentinel", "redis-cli",
            "prometheus-redis-exporter", "promtool", "openssl", "age", "rclone", "jq", "node", "terraform", "java", "mvn", "apt-get");

    @TempDir
    Path tmp;

    private Path run(boolean ci) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(tmp.resolve(ci ? "bin-ci" : "bin"));
        Path log = tmp.resolve(ci ? "service-ci.log" : "service.log");
        for (String name : STUBS) {
            stub(bin.resolve(name), "exit 0");
        }
        stub(bin.resolve("service"), "echo \"$*\" >> '" + log + "'");
        ProcessBuilder pb = new ProcessBuilder("bash", PROJECT.resolve(".ci/run").toString())
                .directory(PROJECT.toFile()).redirectErrorStream(true);
        pb.environment().remove("CI");
        if (ci) {
            pb.environment().put("CI", "true");
        }
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        return log;
    }

    private static void stub(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void outside_ci_the_machines_redis_service_is_left_running() throws Exception {
        assertFalse(Files.exists(run(false)), "service was called outside CI");
    }

    @Test
    void in_ci_the_machines_redis_services_are_stopped() throws Exception {
        Path log = run(true);
        assertTrue(Files.readString(log).contains("redis-server stop"), Files.readString(log));
    }
}
