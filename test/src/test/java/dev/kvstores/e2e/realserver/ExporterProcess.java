package dev.kvstores.e2e.realserver;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** One real {@code prometheus-redis-exporter} process listening on a free loopback port, for the tests. */
final class ExporterProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ExporterProcess(Process process, int port, Path log, String password) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.password = password;
    }

    static ExporterProcess start(Path binary, Path workDir, RedisServerProcess server, String password,
                                 Path caCertificate) {
        return start(binary, workDir, "rediss://" + server.host() + ":" + server.port(), null, password,
                caCertificate);
    }

    /**
     * An exporter configured as a rendered metrics sidecar is: {@code address} ({@code REDIS_ADDR}), user
     * ({@code REDIS_USER}, or none), password and CA file.
     */
    static ExporterProcess start(Path binary, Path workDir, String address, String user, String password,
                                 Path caCertificate) {
        int port = RedisServerProcess.freePort();
        Path log = workDir.resolve("exporter.log");
        try {
            Files.createDirectories(workDir);
            ProcessBuilder builder = new ProcessBuilder(binary.toString())
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> name.startsWith("REDIS_"));
            env.put("REDIS_ADDR", address);
            if (user != null) {
                env.put("REDIS_USER", user);
            }
            env.put("REDIS_PASSWORD", password);
            if (caCertificate != null) {
                env.put("REDIS_EXPORTER_TLS_CA_CERT_FILE", caCertificate.toString());
            }
            env.put("REDIS_EXPORTER_WEB_LISTEN_ADDRESS", RedisServerProcess.HOST + ":" + port);
            return new ExporterProcess(RedisServerProcess.killOnJvmExit(builder.start()), port, log, password);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + binary, e);
        }
    }

    /** GET /metrics, retried until the exporter listens (bounded: 15 s). */
    String scrape() throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + RedisServerProcess.HOST + ":" + port
                + "/metrics")).timeout(Duration.ofSeconds(20)).GET().build();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Optional<String> lastError = Optional.empty();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("prometheus-redis-exporter exited with code " + process.exitValue() + ":\n" + readLog());
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.body();
                }
                lastError = Optional.of("HTTP " + response.statusCode());
            } catch (IOException e) {
                lastError = Optional.of(e.toString());
            }
            Thread.sleep(100);
        }
        fail("prometheus-redis-exporter did not serve /metrics within 15 s (" + lastError.orElse("") + "):\n"
                + readLog());
        return null;
    }

    private String readLog() {
        try {
            return Files.readString(log).replace(password, "***"); // never print the password
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
