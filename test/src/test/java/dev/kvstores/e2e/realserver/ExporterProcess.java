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

/**
 * One real {@code prometheus-redis-exporter} process listening on a free loopback port, for the tests. A port is
 * free when chosen but may be taken (e.g. by another process's outgoing connection) before the exporter binds it:
 * then the exporter is started again on another port.
 */
final class ExporterProcess implements AutoCloseable {
    private static final int BIND_ATTEMPTS = 5;

    private final ProcessBuilder builder;
    private final Path log;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int port;

    private ExporterProcess(ProcessBuilder builder, Path log, String password) {
        this.builder = builder;
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
        Path log = workDir.resolve("exporter.log");
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + workDir, e);
        }
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
        ExporterProcess exporter = new ExporterProcess(builder, log, password);
        exporter.launch();
        return exporter;
    }

    /** Starts the exporter on a port free right now. */
    private void launch() {
        port = RedisServerProcess.freePort();
        builder.environment().put("REDIS_EXPORTER_WEB_LISTEN_ADDRESS", RedisServerProcess.HOST + ":" + port);
        try {
            process = RedisServerProcess.killOnJvmExit(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + builder.command().get(0), e);
        }
    }

    /**
     * GET /metrics, retried until the exporter listens (bounded: 15 s); an exporter that could not bind its port is
     * started again on another one (at most {@value #BIND_ATTEMPTS} starts).
     */
    String scrape() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Optional<String> lastError = Optional.empty();
        int launches = 1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String output = readLog();
                if (output.contains("bind: address already in use") && launches < BIND_ATTEMPTS) {
                    launches++;
                    launch(); // the port was taken after it was chosen: another one
                    continue;
                }
                fail("prometheus-redis-exporter exited with code " + process.exitValue() + ":\n" + output);
            }
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + RedisServerProcess.HOST + ":"
                        + port + "/metrics")).timeout(Duration.ofSeconds(20)).GET().build();
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
