package dev.kvstores.e2e.realserver;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kvstores.role.RedisRoleConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
}
