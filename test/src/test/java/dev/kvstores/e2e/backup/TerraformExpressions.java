package dev.kvstores.e2e.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kvstores.e2e.realserver.RedisServerProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Evaluates Terraform expressions with the real {@code terraform console} over locals written as JSON exactly as
 * {@code cdk.tf.json} holds values (strings are Terraform templates there: {@code $${} is a literal {@code ${}), in
 * an empty directory (no providers, no state). The result comes back through {@code base64encode}, so no quoting
 * of the console's output is involved.
 */
final class TerraformExpressions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TerraformExpressions() {
    }

    /** The string {@code expression} evaluates to, with {@code locals} (name to JSON value) declared. */
    static String evaluate(Map<String, JsonNode> locals, String expression, Path workDir) {
        Path terraform = RedisServerProcess.requireBinary("terraform",
                "terraform (HashiCorp's release; the machine image provides Terraform 1.11)");
        try {
            Files.createDirectories(workDir);
            ObjectNode root = JSON.createObjectNode();
            ObjectNode declared = root.putObject("locals");
            locals.forEach(declared::set);
            Files.writeString(workDir.resolve("main.tf.json"), JSON.writeValueAsString(root));
            Process process = new ProcessBuilder(terraform.toString(), "console")
                    .directory(workDir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(("base64encode(" + expression + ")\n").getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0
                    || !output.matches("\"[A-Za-z0-9+/=]*\"")) {
                throw new IllegalStateException("terraform console could not evaluate " + expression + " (exit "
                        + (process.isAlive() ? "timeout" : process.exitValue()) + "): " + output);
            }
            return new String(Base64.getDecoder().decode(output.substring(1, output.length() - 1)),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
