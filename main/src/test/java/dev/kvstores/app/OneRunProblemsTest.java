package dev.kvstores.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstores.policy.PolicyPack;
import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.environment.EnvironmentException;
import dev.kvstores.stacks.EnvironmentLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Item 9 of issue 12: store problems and policy findings of all files come back from one run, at their fields. */
class OneRunProblemsTest {

    private static final Path SHIPPED = Path.of("..", "stacks", "environments");

    @TempDir
    Path dir;

    @Test
    void a_store_problem_in_one_file_and_a_policy_finding_in_another_are_reported_together() throws IOException {
        Path envs = Files.createDirectories(dir.resolve("environments"));
        Files.writeString(envs.resolve("aws-one-node.yaml"), Files.readString(SHIPPED.resolve("aws-prod.yaml"))
                .replaceFirst("  nodes: 3 ", "  nodes: 1 "));
        Files.writeString(envs.resolve("k8s-no-tls.yaml"), Files.readString(SHIPPED.resolve("kubernetes-prod.yaml"))
                .replaceFirst("certManager:[^\\n]*\\n  issuer: internal-ca[^\\n]*\\n", ""));
        List<Environment> environments = EnvironmentLoader.loadDirectory(envs, dir);
        Path out = dir.resolve("cdktf.out");
        List<String> problems = assertThrows(EnvironmentException.class,
                () -> new Synthesizer(PolicyPack.defaults()).synthesize(environments, out)).problems();
        assertEquals(3, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("aws-one-node.yaml: cache.nodes: "), problems.get(0));
        assertTrue(problems.stream().anyMatch(p -> p.contains("k8s-no-tls.yaml: cache.tlsSecretName")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("k8s-no-tls.yaml: workerState.tlsSecretName")),
                problems::toString);
        assertFalse(Files.exists(out));
    }
}
