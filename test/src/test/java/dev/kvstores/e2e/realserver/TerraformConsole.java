package dev.kvstores.e2e.realserver;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Evaluates a Terraform template string (as synthesized JSON holds it, e.g. {@code rediss://u:${urlencode(...)}@h})
 * with the real {@code terraform console}, in an empty directory (no providers, no state): Terraform's own
 * functions, not a re-implementation.
 */
public final class TerraformConsole {

    private TerraformConsole() {
    }

    /**
     * The value of {@code text}, a string as the synthesized JSON holds it (quotes and backslashes literal), with
     * each Terraform reference {@code ${key}} of {@code references} replaced by its value: Terraform renders the rest
     * of the template (its functions, e.g. {@code lookup}, and its escapes).
     */
    public static String evaluateWith(String text, java.util.Map<String, String> references, Path workDir) {
        String template = text.replace("\\", "\\\\").replace("\"", "\\\"");
        for (var reference : references.entrySet()) {
            template = template.replace("${" + reference.getKey() + "}", "${\"" + reference.getValue() + "\"}");
        }
        return evaluate(template, workDir);
    }

    /** The value of {@code template} (a Terraform string template), as Terraform renders it. */
    public static String evaluate(String template, Path workDir) {
        Path terraform = RedisServerProcess.requireBinary("terraform",
                "terraform (HashiCorp's release; the machine image provides Terraform 1.11)");
        try {
            Files.createDirectories(workDir);
            Process process = new ProcessBuilder(terraform.toString(), "console")
                    .directory(workDir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD) // warnings; the template may hold a password
                    .start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(("\"" + template.replace("\n", "\\n") + "\"\n").getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0
                    || !output.startsWith("\"") || !output.endsWith("\"")) {
                throw new IllegalStateException("terraform console could not evaluate the template (exit "
                        + (process.isAlive() ? "timeout" : process.exitValue()) + ")");
            }
            return unquote(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String unquote(String quoted) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length() - 1) {
                char next = quoted.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
