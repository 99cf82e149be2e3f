package dev.kvstores.e2e.realserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.e2e.PhaseSynthesis;
import dev.kvstores.e2e.helm.HelmTemplate;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A staged credential rotation of the in-cluster stores, as the user runs it: the shipped {@code kubernetes-prod}
 * file synthesized three times (no rotation; {@code credentials.rotation: {generation: 1, phase: add}};
 * {@code {generation: 1, phase: retire}}), each phase's {@code helm_release} rendered by the pinned chart with
 * that phase's sensitive values (the second {@code #<sha256>} evaluated by Terraform's own {@code sha256()}),
 * and the rendered {@code users.acl} run on real {@code redis-server} processes that replace each other as Helm
 * rolls the pods. A client keeps issuing commands throughout (SELECT on several DB numbers on the cache, writes on
 * the worker state store), reconnecting with the URL the connection Secret holds at each moment (evaluated by
 * {@code terraform console}): no command may fail, and after retire the old password gets WRONGPASS.
 *
 * <p>Replicas, Sentinel and the exporter log in as the {@code default} user, which a rotation of the platform's
 * ACL user does not touch; the rendered node runs with the same {@code requirepass}/{@code masterauth} in every
 * phase.
 */
class InClusterRotationRealServerTest {

    private static final RedisClients CLIENTS = new RedisClients();
    private static final String USER_PASSWORD = "auth.acl.users[0].password";
    private static final String USER_COMMANDS = "auth.acl.users[0].commands";

    @TempDir
    static Path dir;
    private static PhaseSynthesis.Result phases;

    @BeforeAll
    static void synthesizePhases() {
        phases = PhaseSynthesis.synthesize("kubernetes-prod", dir.resolve("synth"),
                PhaseSynthesis.Phase.of("steady", null, null, "cache", "workerState"),
                PhaseSynthesis.Phase.of("add", 1, "add", "cache", "workerState"),
                PhaseSynthesis.Phase.of("retire", 1, "retire", "cache", "workerState"));
    }

    @AfterAll
    static void closeClients() {
        CLIENTS.close();
    }

    @Test
    void the_cache_rotates_through_add_switch_retire_without_a_failed_select() throws Exception {
        rotate("redis-cache", "redisConnBaseUrlKey", true);
    }

    @Test
    void the_worker_state_store_rotates_through_add_switch_retire_without_a_failed_write() throws Exception {
        rotate("redis-state", "redisWorkercacheConnUrlKey", false);
    }

    private void rotate(String releaseName, String secretKey, boolean cache) throws Exception {
        JsonNode steady = phases.stack("steady");
        JsonNode add = phases.stack("add");
        JsonNode retire = phases.stack("retire");
        JsonNode release0 = RenderedNodes.release(steady, releaseName);
        JsonNode release1 = RenderedNodes.release(add, releaseName);
        JsonNode release2 = RenderedNodes.release(retire, releaseName);

        // Construct IDs carry the state: generation 0 keeps its resource; generation 1 is a new one, kept on retire.
        String old = reference(release0, USER_PASSWORD);
        String current = reference(release1, USER_PASSWORD);
        assertNotEquals(old, current, "phase add creates a new random_password");
        assertEquals(current, reference(release2, USER_PASSWORD), "phase retire keeps the new password");
        assertNull(sensitive(release0, USER_COMMANDS));
        assertNull(sensitive(release2, USER_COMMANDS), "retire: only the new #<sha256>");
        String commands = sensitive(release1, USER_COMMANDS);
        assertTrue(commands.contains("#${sha256(" + old + ")}"), "add: the old password's hash, by sha256(): "
                + commands);
        assertEquals(reference(release0, "auth.password"), reference(release1, "auth.password"),
                "the default user's password does not change");

        String oldPassword = "genZeroPassword0123456789abcdefAB";
        String newPassword = "genOnePassword0123456789abcdefABC";
        Map<String, String> secrets0 = secrets(release0, oldPassword, null);
        Map<String, String> secrets1 = secrets(release1, newPassword,
                TerraformConsole.evaluate(commands.replace(old, quoted(oldPassword)), dir.resolve("tf-sha-" + releaseName)));
        Map<String, String> secrets2 = secrets(release2, newPassword, null);
        String admin = secrets0.get("auth.password");

        String url0 = url(steady, secretKey, old, oldPassword, releaseName + "-0");
        String url1 = url(add, secretKey, current, newPassword, releaseName + "-1");
        String url2 = url(retire, secretKey, current, newPassword, releaseName + "-2");
        assertEquals(url1, url2, "retire does not change the Secret");
        for (JsonNode stack : List.of(steady, add, retire)) {
            JsonNode metadata = connectionSecret(stack).path("metadata");
            metadata = metadata.isArray() ? metadata.path(0) : metadata;
            assertEquals("true", metadata.path("annotations").path("reloader.stakater.com/match").asText(),
                    "Stakater Reloader annotation");
        }

        String userLine = HelmTemplate.render(release1, secrets1).configMapData(releaseName + "-configuration",
                "users.acl").lines().filter(l -> l.contains("user suprsend-")).findFirst().orElseThrow();
        assertEquals(2, userLine.split("#", -1).length - 1, "add: two password hashes for the ACL user");
        TestCertificates certificates = TestCertificates.create(dir.resolve("pki-" + releaseName),
                RenderedNodes.requestedNames(add, releaseName + "-tls"));
        String inCluster = releaseName + "-master." + releaseName + ".svc.cluster.local:6379";
        Platform platform = new Platform(certificates, inCluster, cache);
        try (platform) {
            RedisServerProcess a = RenderedNodes.start(HelmTemplate.render(release0, secrets0), releaseName,
                    dir.resolve(releaseName + "-steady"), certificates, admin);
            platform.connect(a, url0);
            // Deploy 1 (add): Helm rolls the pods before Terraform updates the Secret (the Secret refers to the
            // release's CA data source); the platform, still on the old URL, reaches a rolled pod.
            RedisServerProcess b = RenderedNodes.start(HelmTemplate.render(release1, secrets1), releaseName,
                    dir.resolve(releaseName + "-add"), certificates, admin);
            platform.connect(b, url0);
            a.close();
            // The Secret switches; Reloader restarts the platform's pods onto the new URL.
            platform.connect(b, url1);
            // A platform pod that has not restarted yet still opens connections with the old URL.
            assertEquals("PONG", ping(certificates, b, url0, inCluster));
            // Deploy 2 (retire), once every platform pod has restarted.
            RedisServerProcess c = RenderedNodes.start(HelmTemplate.render(release2, secrets2), releaseName,
                    dir.resolve(releaseName + "-retire"), certificates, admin);
            platform.connect(c, url2);
            b.close();
            platform.stop();
            assertEquals(List.of(), platform.failures(), "no command failed through the rotation");
            assertTrue(platform.commands() >= 4 * Platform.COMMANDS_PER_MOMENT, "commands: " + platform.commands());

            String refused = RedisClients.messages(assertThrows(Exception.class,
                    () -> ping(certificates, c, url0, inCluster)));
            assertTrue(refused.contains("WRONGPASS"), "after retire the old password is refused: " + refused);
            assertEquals("PONG", ping(certificates, c, url1, inCluster));
            c.close();
        }
    }

    private static String quoted(String value) {
        return "\"" + value + "\"";
    }

    private static String sensitive(JsonNode release, String name) {
        for (JsonNode value : release.path("set_sensitive")) {
            if (name.equals(value.path("name").asText())) {
                return value.path("value").asText();
            }
        }
        return null;
    }

    /** The Terraform reference a {@code set_sensitive} value consists of ({@code ${ref}} without the braces). */
    private static String reference(JsonNode release, String name) {
        String value = sensitive(release, name);
        assertTrue(value != null && value.matches("\\$\\{[^}]+}"), name + " is one reference: " + value);
        return value.substring(2, value.length() - 1);
    }

    private static Map<String, String> secrets(JsonNode release, String userPassword, String commands) {
        Map<String, String> secrets = new HashMap<>(HelmTemplate.testSecrets(release));
        secrets.put(USER_PASSWORD, userPassword);
        if (commands != null) {
            secrets.put(USER_COMMANDS, commands);
        }
        return secrets;
    }

    private static JsonNode connectionSecret(JsonNode stack) {
        return firstSecretWith(stack);
    }

    private static JsonNode firstSecretWith(JsonNode stack) {
        for (JsonNode secret : stack.path("resource").path("kubernetes_secret_v1")) {
            if (secret.path("data").has("redisConnBaseUrlKey")) {
                return secret;
            }
        }
        throw new AssertionError("no connection Secret");
    }

    /** The URL the connection Secret holds in a phase, rendered by Terraform with the test password. */
    private static String url(JsonNode stack, String key, String reference, String password, String work) {
        String template = firstSecretWith(stack).path("data").path(key).asText();
        assertTrue(template.contains(reference), "the Secret uses the password the chart is given: " + template);
        return TerraformConsole.evaluate(template.replace(reference, quoted(password)), dir.resolve("tf-" + work));
    }

    private static String ping(TestCertificates certificates, RedisServerProcess server, String url,
                               String inCluster) {
        RedisClient client = CLIENTS.client(certificates.caCertificate());
        try (StatefulRedisConnection<String, String> connection = client.connect(local(url, inCluster, server))) {
            return connection.sync().ping();
        } finally {
            client.shutdown();
        }
    }

    private static RedisURI local(String url, String inCluster, RedisServerProcess server) {
        assertTrue(url.contains("@" + inCluster), "URL points at the -master Service: " + url);
        RedisURI uri = RedisURI.create(url.replace(inCluster, "localhost:" + server.port()));
        uri.setTimeout(RedisClients.COMMAND_TIMEOUT);
        return uri;
    }

    /**
     * The platform: one client issuing commands without pause on a background thread, reconnecting when told
     * (a pod moved, or the platform's pod restarted with the Secret's new URL), counting every failed command.
     */
    private static final class Platform implements AutoCloseable {
        static final int COMMANDS_PER_MOMENT = 50;

        private final TestCertificates certificates;
        private final String inCluster;
        private final boolean cache;
        private final RedisClient client;
        private final List<String> failures = new ArrayList<>();
        private final AtomicLong commands = new AtomicLong();
        private volatile RedisURI target;
        private volatile boolean running = true;
        private final Thread thread;

        Platform(TestCertificates certificates, String inCluster, boolean cache) {
            this.certificates = certificates;
            this.inCluster = inCluster;
            this.cache = cache;
            this.client = CLIENTS.client(certificates.caCertificate());
            this.thread = new Thread(this::run, "platform-client");
        }

        /** Reconnects to {@code server} with {@code url} and waits until commands have run on it. */
        void connect(RedisServerProcess server, String url) throws InterruptedException {
            target = local(url, inCluster, server);
            if (!thread.isAlive()) {
                thread.start();
            }
            long goal = commands.get() + COMMANDS_PER_MOMENT;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (commands.get() < goal + 1 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertFalse(commands.get() < goal, "the client made no progress on " + url.replaceAll(":[^:@/]+@", ":***@"));
        }

        private void run() {
            RedisURI connected = null;
            StatefulRedisConnection<String, String> connection = null;
            long n = 0;
            while (running) {
                RedisURI wanted = target;
                try {
                    if (wanted != connected) {
                        StatefulRedisConnection<String, String> next = client.connect(wanted);
                        if (connection != null) {
                            connection.close();
                        }
                        connection = next;
                        connected = wanted;
                    }
                    RedisCommands<String, String> redis = connection.sync();
                    if (cache) {
                        int db = (int) (n % 4);
                        redis.select(db);
                        redis.set("idempotency:" + n, "seen");
                        assertEquals("seen", redis.get("idempotency:" + n));
                    } else {
                        redis.set("step:" + n, String.valueOf(n));
                        redis.incr("progress");
                    }
                    n++;
                    commands.incrementAndGet();
                } catch (Exception | AssertionError e) {
                    synchronized (failures) {
                        failures.add(RedisClients.messages(e));
                    }
                    commands.incrementAndGet();
                }
            }
            if (connection != null) {
                connection.close();
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }

        long commands() {
            return commands.get();
        }

        List<String> failures() {
            synchronized (failures) {
                return List.copyOf(failures);
            }
        }

        @Override
        public void close() {
            try {
                stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                client.shutdown();
            }
        }
    }
}
