package dev.kvstores.e2e.realserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.e2e.ShippedSynthesis;
import dev.kvstores.e2e.helm.HelmTemplate;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the pinned Bitnami chart renders from the shipped kubernetes-prod releases, run on real processes: the
 * rendered {@code redis.conf}, {@code replica.conf} and {@code users.acl} with the arguments of the chart's
 * {@code start-node.sh} ({@code --port 0 --tls-port ... --requirepass ... --include replica.conf --include
 * redis.conf}; paths and port adapted), a certificate carrying exactly the names the synthesized cert-manager
 * {@code Certificate} requests, and the exporter sidecar's rendered environment on a real
 * {@code prometheus-redis-exporter}. Then a password rotation as Terraform does it: new sensitive values, a new
 * rendering, new pods.
 */
class RenderedInClusterStoreRealServerTest {

    private static final RedisClients CLIENTS = new RedisClients();

    @TempDir
    Path dir;

    @AfterAll
    static void closeClients() {
        CLIENTS.close();
    }

    private static JsonNode release(String releaseName) {
        return RenderedNodes.release(ShippedSynthesis.stack("kubernetes-prod"), releaseName);
    }

    private static List<String> requestedNames(String secret) {
        return RenderedNodes.requestedNames(ShippedSynthesis.stack("kubernetes-prod"), secret);
    }

    private static RedisServerProcess startRenderedNode(HelmTemplate.Rendered rendered, String release, Path work,
                                                       TestCertificates certificates, String adminPassword)
            throws Exception {
        return RenderedNodes.start(rendered, release, work, certificates, adminPassword);
    }

    private static RedisURI uri(RedisServerProcess server, String user, String password) {
        RedisURI.Builder uri = RedisURI.builder().withHost("localhost").withPort(server.port()).withSsl(true)
                .withVerifyPeer(true).withTimeout(RedisClients.COMMAND_TIMEOUT);
        if (password != null) {
            uri = user == null ? uri.withPassword(password.toCharArray())
                    : uri.withAuthentication(user, password.toCharArray());
        }
        return uri.build();
    }

    private static <T> T as(RedisServerProcess server, TestCertificates certificates, String user, String password,
                            java.util.function.Function<RedisCommands<String, String>, T> work) {
        RedisClient client = CLIENTS.client(certificates.caCertificate());
        try (StatefulRedisConnection<String, String> connection = client.connect(uri(server, user, password))) {
            return work.apply(connection.sync());
        } finally {
            client.shutdown();
        }
    }

    @Test
    void the_rendered_cache_serves_tls_only_with_its_role_settings_and_passwords_for_every_user() throws Exception {
        checkRenderedStore("redis-cache", "suprsend-cache", "allkeys-lru", "no");
    }

    @Test
    void the_rendered_worker_state_store_serves_tls_only_with_its_role_settings_and_passwords() throws Exception {
        checkRenderedStore("redis-state", "suprsend-worker", "noeviction", "yes");
    }

    private void checkRenderedStore(String releaseName, String aclUser, String evictionPolicy, String appendonly)
            throws Exception {
        JsonNode release = release(releaseName);
        Map<String, String> secrets = HelmTemplate.testSecrets(release);
        String admin = secrets.get("auth.password");
        String app = secrets.get("auth.acl.users[0].password");
        HelmTemplate.Rendered rendered = HelmTemplate.render(release, secrets);
        TestCertificates certificates = TestCertificates.create(dir.resolve("pki"),
                requestedNames(releaseName + "-tls"));
        try (RedisServerProcess server = startRenderedNode(rendered, releaseName, dir.resolve("node-0"),
                certificates, admin)) {
            // Role settings, read as the admin (the ACL user may not run CONFIG).
            as(server, certificates, null, admin, redis -> {
                assertEquals(evictionPolicy, RedisClients.configGet(redis, "maxmemory-policy"));
                assertEquals(appendonly, RedisClients.configGet(redis, "appendonly"));
                assertEquals("0", RedisClients.configGet(redis, "port"), "no plain-text port");
                return null;
            });
            // The platform's user: works, on several DB numbers (the cache isolates services by DB).
            as(server, certificates, aclUser, app, redis -> {
                redis.select(3);
                redis.set("k", "v");
                assertEquals("v", redis.get("k"));
                assertTrue(RedisClients.messages(assertThrows(Exception.class,
                        () -> redis.configGet("maxmemory"))).contains("NOPERM"), "-@admin for the platform's user");
                return null;
            });
            for (String[] denied : new String[][] {{null, null}, {aclUser, admin}, {null, app}, {aclUser, "wrong"}}) {
                Exception error = assertThrows(Exception.class, () -> as(server, certificates, denied[0], denied[1],
                        redis -> redis.ping()));
                String message = RedisClients.messages(error);
                assertTrue(message.contains("NOAUTH") || message.contains("WRONGPASS"),
                        "user " + denied[0] + " must be refused: " + message);
            }
        }
    }

    @Test
    void the_rendered_exporter_sidecar_reports_redis_up_with_the_certificate_cert_manager_is_asked_for()
            throws Exception {
        Path exporter = RedisServerProcess.requireBinary("prometheus-redis-exporter", "prometheus-redis-exporter");
        JsonNode release = release("redis-cache");
        Map<String, String> secrets = HelmTemplate.testSecrets(release);
        HelmTemplate.Rendered rendered = HelmTemplate.render(release, secrets);
        Map<String, String> env = new HashMap<>();
        for (JsonNode container : rendered.containers()) {
            if ("metrics".equals(container.path("name").asText())) {
                container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
            }
        }
        assertEquals("rediss://localhost:6379", env.get("REDIS_ADDR"), "what the chart renders");
        String address = env.get("REDIS_ADDR").replace(":6379", ":%d");
        TestCertificates requested = TestCertificates.create(dir.resolve("pki-requested"),
                requestedNames("redis-cache-tls"));
        List<String> withoutLoopback = requestedNames("redis-cache-tls").stream()
                .filter(n -> !n.equals("DNS:localhost") && !n.equals("IP:127.0.0.1")).toList();
        TestCertificates serviceNamesOnly = TestCertificates.create(dir.resolve("pki-service-names"),
                withoutLoopback);
        for (TestCertificates certificates : List.of(requested, serviceNamesOnly)) {
            Path node = dir.resolve(certificates == requested ? "requested" : "service-names-only");
            try (RedisServerProcess server = startRenderedNode(rendered, "redis-cache", node, certificates,
                    secrets.get("auth.password"));
                 ExporterProcess metrics = ExporterProcess.start(exporter, node.resolve("exporter"),
                         String.format(address, server.port()), env.get("REDIS_USER"), monitoringPassword(secrets),
                         certificates.caCertificate())) {
                String up = metrics.scrape().lines().filter(l -> l.startsWith("redis_up ")).findFirst().orElse("");
                assertEquals(certificates == requested ? "redis_up 1" : "redis_up 0", up,
                        "certificate names " + (certificates == requested ? "requested" : "without loopback"));
            }
        }
    }

    /** The monitoring user's test password: the last ACL user's sensitive value (the release renders it last). */
    private static String monitoringPassword(Map<String, String> secrets) {
        int users = (int) secrets.keySet().stream().filter(k -> k.matches("auth\\.acl\\.users\\[\\d+]\\.password")).count();
        return secrets.get("auth.acl.users[" + (users - 1) + "].password");
    }

    @Test
    void the_url_the_connection_secret_holds_reaches_the_rendered_store_with_a_real_client() throws Exception {
        for (String[] store : new String[][] {{"redis-cache", "redisConnBaseUrlKey"},
                {"redis-state", "redisWorkercacheConnUrlKey"}}) {
            JsonNode release = release(store[0]);
            Map<String, String> secrets = new HashMap<>(HelmTemplate.testSecrets(release));
            String appPassword = "p@ss:w/rd %+?#[]&=" + store[0]; // every character a URL treats specially
            secrets.put("auth.acl.users[0].password", appPassword);
            String template = "";
            for (JsonNode secret : (Iterable<JsonNode>) () -> ShippedSynthesis.stack("kubernetes-prod")
                    .path("resource").path("kubernetes_secret_v1").elements()) {
                if (secret.path("data").has(store[1])) {
                    template = secret.path("data").path(store[1]).asText(); // the connection Secret
                }
            }
            String passwordReference = null;
            for (JsonNode value : release.path("set_sensitive")) {
                if ("auth.acl.users[0].password".equals(value.path("name").asText())) {
                    passwordReference = value.path("value").asText().replaceAll("^\\$\\{|}$", "");
                }
            }
            assertTrue(template.contains(passwordReference), "the URL uses the password the chart is given");
            // Terraform's own functions render the URL, with the test password where Terraform has the real one.
            String url = TerraformConsole.evaluate(template.replace(passwordReference,
                    "\"" + appPassword.replace("\\", "\\\\").replace("\"", "\\\"") + "\""), dir.resolve("tf-" + store[0]));
            String inCluster = store[0] + "-master." + store[0] + ".svc.cluster.local:6379";
            assertTrue(url.contains("@" + inCluster), "URL points at the -master Service");
            TestCertificates certificates = TestCertificates.create(dir.resolve("pki-" + store[0]),
                    requestedNames(store[0] + "-tls"));
            try (RedisServerProcess server = startRenderedNode(HelmTemplate.render(release, secrets), store[0],
                    dir.resolve("url-" + store[0]), certificates, secrets.get("auth.password"))) {
                RedisURI uri = RedisURI.create(url.replace(inCluster, "localhost:" + server.port()));
                uri.setTimeout(RedisClients.COMMAND_TIMEOUT);
                RedisClient client = CLIENTS.client(certificates.caCertificate());
                try (StatefulRedisConnection<String, String> connection = client.connect(uri)) {
                    connection.sync().set("from-the-secret-url", "ok");
                    assertEquals("ok", connection.sync().get("from-the-secret-url"));
                } finally {
                    client.shutdown();
                }
            }
        }
    }

    @Test
    void after_a_password_rotation_the_new_pods_accept_only_the_new_passwords() throws Exception {
        JsonNode release = release("redis-cache");
        Map<String, String> before = HelmTemplate.testSecrets(release);
        Map<String, String> after = new HashMap<>(before);
        after.put("auth.password", "rotatedAdmin0123456789abcdefABCDEF");
        after.put("auth.acl.users[0].password", "rotatedApp0123456789abcdefABCDEFG");
        TestCertificates certificates = TestCertificates.create(dir.resolve("pki"), requestedNames("redis-cache-tls"));
        HelmTemplate.Rendered rotated = HelmTemplate.render(release, after);
        try (RedisServerProcess server = startRenderedNode(rotated, "redis-cache", dir.resolve("rotated"),
                certificates, after.get("auth.password"))) {
            assertEquals("PONG", as(server, certificates, "suprsend-cache", after.get("auth.acl.users[0].password"),
                    RedisCommands::ping));
            assertEquals("PONG", as(server, certificates, null, after.get("auth.password"), RedisCommands::ping));
            for (String[] old : new String[][] {{"suprsend-cache", before.get("auth.acl.users[0].password")},
                    {null, before.get("auth.password")}}) {
                assertTrue(RedisClients.messages(assertThrows(Exception.class, () -> as(server, certificates, old[0],
                        old[1], RedisCommands::ping))).contains("WRONGPASS"), "the old password is refused");
            }
        }
    }
}
