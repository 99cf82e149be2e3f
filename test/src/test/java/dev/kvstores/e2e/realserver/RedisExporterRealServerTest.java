package dev.kvstores.e2e.realserver;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kvstores.role.RedisRoleConfig;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics sidecar the Bitnami rendering enables (Debian's {@code prometheus-redis-exporter}, the same
 * oliver006/redis_exporter) scrapes a TLS-only, password-protected worker state store when given what the
 * chart gives it: a {@code rediss://} address, the password and the CA file, all through its environment
 * variables ({@code REDIS_ADDR}, {@code REDIS_PASSWORD}, {@code REDIS_EXPORTER_TLS_CA_CERT_FILE},
 * {@code REDIS_EXPORTER_WEB_LISTEN_ADDRESS}).
 */
class RedisExporterRealServerTest {

    /** Test-only password; never printed. */
    private static final String PASSWORD = "exp0rter:p@ss/word %+?";

    @TempDir
    Path dir;

    @Test
    void exporter_reports_redis_up_for_a_tls_password_protected_store() throws Exception {
        Path exporter = RedisServerProcess.requireBinary("prometheus-redis-exporter", "prometheus-redis-exporter");
        TestCertificates certificates = TestCertificates.create(dir.resolve("tls"));
        try (RedisServerProcess server = RedisServerProcess.redisServer(dir.resolve("redis"))
                .name("tls-worker-state")
                .roleConfig(RedisRoleConfig.workerState(512, true).toRedisConf())
                .tls(certificates)
                .line("requirepass " + RedisServerProcess.quote(PASSWORD))
                .start();
             ExporterProcess good = ExporterProcess.start(exporter, dir.resolve("exporter-good"), server,
                     PASSWORD, certificates.caCertificate());
             ExporterProcess wrongPassword = ExporterProcess.start(exporter, dir.resolve("exporter-wrong"), server,
                     PASSWORD + "-wrong", certificates.caCertificate());
             ExporterProcess withoutCa = ExporterProcess.start(exporter, dir.resolve("exporter-no-ca"), server,
                     PASSWORD, null)) {

            String metrics = good.scrape();
            assertTrue(metrics.lines().anyMatch("redis_up 1"::equals),
                    "the exporter must reach the store over TLS with the password: " + upLine(metrics));
            assertTrue(metrics.contains("redis_connected_clients"), "the exporter must report INFO metrics");

            // Controls: with a wrong password, or without the CA file, the same exporter reports the store down,
            // so "redis_up 1" above proves the password was sent and the certificate verified against the CA.
            String refused = wrongPassword.scrape();
            assertTrue(refused.lines().anyMatch("redis_up 0"::equals),
                    "a wrong password must give redis_up 0: " + upLine(refused));
            String untrusted = withoutCa.scrape();
            assertTrue(untrusted.lines().anyMatch("redis_up 0"::equals),
                    "without the CA file the server certificate must not be trusted: " + upLine(untrusted));
        }
    }

    private static String upLine(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("redis_up")).findFirst().orElse("(no redis_up line)");
    }

    /** One prometheus-redis-exporter process listening on a free loopback port. */
    private static final class ExporterProcess implements AutoCloseable {
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
                env.put("REDIS_ADDR", "rediss://" + server.host() + ":" + server.port());
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
}
