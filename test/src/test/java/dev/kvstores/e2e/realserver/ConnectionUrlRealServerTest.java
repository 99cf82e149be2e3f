package dev.kvstores.e2e.realserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstores.connection.ConnectionUrls;
import dev.kvstores.role.ConnectionInfo;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.RedisRoleConfig;
import dev.kvstores.role.StoreRole;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The URLs {@link ConnectionUrls#url} builds, used as-is by a real client (Lettuce) against real TLS,
 * ACL-protected redis-servers: {@code rediss://} with a CA the client must trust, an ACL user, a password
 * full of URL-special characters, no DB number for the cache, {@code /0} for the worker state store.
 *
 * <p>Both servers serve TLS only ({@code port 0}), with a certificate signed by a CA this test creates,
 * the {@code default} user disabled and one application user each, without admin commands.
 */
class ConnectionUrlRealServerTest {

    static final String CACHE_USER = "suprsend-cache";
    static final String WORKER_USER = "suprsend-worker";
    /** Every character a URL's user info treats specially, and spaces. Test-only; never printed. */
    static final String CACHE_PASSWORD = "c@che:pa/ss%20 +?#[] &=;,$! with spaces";
    static final String WORKER_PASSWORD = "w0rk@r:st/ate %+? pass word";

    @TempDir
    static Path dir;

    private static TestCertificates certificates;
    private static String caPem;
    private static RedisServerProcess cacheServer;
    private static RedisServerProcess workerServer;
    private static RedisClients clients;

    private RedisClient trustingClient;

    @BeforeAll
    static void startTlsServers() throws Exception {
        certificates = TestCertificates.create(dir.resolve("tls"));
        caPem = Files.readString(certificates.caCertificate());
        clients = new RedisClients();
        cacheServer = RedisServerProcess.redisServer(dir.resolve("cache"))
                .name("tls-cache")
                .roleConfig(RedisRoleConfig.cache(256, EvictionPolicy.ALLKEYS_LRU).toRedisConf())
                .tls(certificates)
                .line("user default off")
                .line(appUser(CACHE_USER, CACHE_PASSWORD))
                .start();
        workerServer = RedisServerProcess.redisServer(dir.resolve("worker"))
                .name("tls-worker-state")
                .roleConfig(RedisRoleConfig.workerState(512, false).toRedisConf())
                .tls(certificates)
                .line("user default off")
                .line(appUser(WORKER_USER, WORKER_PASSWORD))
                .start();
    }

    /** An application user: every key and channel, every command but the admin ones. */
    static String appUser(String name, String password) {
        return "user " + name + " on " + RedisServerProcess.quote(">" + password) + " ~* &* +@all -@admin";
    }

    @AfterAll
    static void stopTlsServers() {
        try {
            if (clients != null) {
                clients.close();
            }
        } finally {
            try {
                if (cacheServer != null) {
                    cacheServer.close();
                }
            } finally {
                if (workerServer != null) {
                    workerServer.close();
                }
            }
        }
    }

    @BeforeEach
    void trustingClient() {
        trustingClient = clients.client(certificates.caCertificate());
    }

    @AfterEach
    void shutdownClient() {
        trustingClient.shutdown();
    }

    private static ConnectionInfo info(RedisServerProcess server, boolean tls, String user, boolean clusterMode) {
        return new ConnectionInfo(server.host(), server.port(), tls, user, "var.password", caPem, clusterMode);
    }

    private static String cacheUrl() {
        return ConnectionUrls.url(StoreRole.CACHE, info(cacheServer, true, CACHE_USER, false), CACHE_PASSWORD);
    }

    private static String workerUrl() {
        return ConnectionUrls.url(StoreRole.WORKER_STATE, info(workerServer, true, WORKER_USER, false),
                WORKER_PASSWORD);
    }

    /** The URL without its user info, for messages: test output never shows a password. */
    static String redact(String url) {
        return url.replaceFirst("//[^@]*@", "//***@");
    }

    private static RedisURI parse(String url) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(RedisClients.COMMAND_TIMEOUT);
        return uri;
    }

    @Test
    void tls_cache_url_with_acl_user_and_url_special_password_connects() {
        String url = cacheUrl();
        assertTrue(url.startsWith("rediss://"), "TLS must give rediss://: " + redact(url));
        RedisURI uri = parse(url);
        assertTrue(uri.isSsl());
        RedisCredentials credentials = uri.getCredentialsProvider().resolveCredentials().block();
        assertEquals(CACHE_USER, credentials.getUsername());
        // assertTrue, not assertArrayEquals: a failure must not print the password.
        assertTrue(Arrays.equals(CACHE_PASSWORD.toCharArray(), credentials.getPassword()),
                "the percent-encoded password must decode to the original");

        try (StatefulRedisConnection<String, String> connection = trustingClient.connect(uri)) {
            RedisCommands<String, String> redis = connection.sync();
            assertEquals("PONG", redis.ping());
            assertEquals(CACHE_USER, redis.aclWhoami());
            assertEquals("OK", redis.set("idempotency:abc", "seen"));
            assertEquals("seen", redis.get("idempotency:abc"));
            // The application user has no admin commands (-@admin).
            Exception denied = assertThrows(Exception.class, () -> redis.configGet("maxmemory"));
            assertTrue(RedisClients.messages(denied).contains("NOPERM"), RedisClients.messages(denied));
        }
    }

    @Test
    void cache_url_has_no_db_number() {
        String url = cacheUrl();
        assertEquals("", URI.create(url).getPath(), "the cache URL must not carry a DB number: " + redact(url));
        assertEquals(0, parse(url).getDatabase());
    }

    @Test
    void worker_url_ends_with_db_0_unless_cluster_mode() {
        String url = workerUrl();
        assertTrue(url.endsWith("/0"), "the worker state URL must end with /0: " + redact(url));
        assertEquals("/0", URI.create(url).getPath());

        String clusterUrl = ConnectionUrls.url(StoreRole.WORKER_STATE, info(workerServer, true, WORKER_USER, true),
                WORKER_PASSWORD);
        assertEquals("", URI.create(clusterUrl).getPath(), "cluster mode has no DB numbers: " + redact(clusterUrl));
        assertFalse(clusterUrl.endsWith("/0"));
    }

    @Test
    void worker_url_db_0_selects_database_0() {
        String url = workerUrl();
        try (StatefulRedisConnection<String, String> viaUrl = trustingClient.connect(parse(url))) {
            assertEquals(WORKER_USER, viaUrl.sync().aclWhoami());
            assertEquals("OK", viaUrl.sync().set("worker:via-url", "db0"));
        }
        // Control: the client honours the URL's path, so another number lands in another database.
        String db5 = url.substring(0, url.length() - "/0".length()) + "/5";
        try (StatefulRedisConnection<String, String> viaDb5 = trustingClient.connect(parse(db5))) {
            assertEquals("OK", viaDb5.sync().set("worker:via-db5", "db5"));
        }
        try (StatefulRedisConnection<String, String> other = trustingClient.connect(parse(url))) {
            RedisCommands<String, String> redis = other.sync();
            assertEquals("OK", redis.select(0));
            assertEquals("db0", redis.get("worker:via-url"), "the key written through the /0 URL must be in db 0");
            assertEquals(0L, redis.exists("worker:via-db5"));
            assertEquals("OK", redis.select(5));
            assertEquals("db5", redis.get("worker:via-db5"));
            assertEquals(0L, redis.exists("worker:via-url"));
        }
    }

    @Test
    void plain_text_connection_to_the_tls_port_fails() {
        String plainUrl = ConnectionUrls.url(StoreRole.CACHE, info(cacheServer, false, CACHE_USER, false),
                CACHE_PASSWORD);
        assertTrue(plainUrl.startsWith("redis://"), redact(plainUrl));
        Exception refused = assertThrows(Exception.class, () -> {
            try (StatefulRedisConnection<String, String> connection = trustingClient.connect(parse(plainUrl))) {
                connection.sync().ping();
            }
        });
        assertFalse(RedisClients.messages(refused).contains("PONG"));
    }

    @Test
    void tls_connection_fails_when_the_client_does_not_trust_the_ca() {
        RedisClient untrusting = clients.client(); // JDK default trust store only
        try {
            Exception rejected = assertThrows(Exception.class, () -> {
                try (StatefulRedisConnection<String, String> connection = untrusting.connect(parse(cacheUrl()))) {
                    connection.sync().ping();
                }
            });
            String messages = RedisClients.messages(rejected);
            assertTrue(messages.contains("SSLHandshakeException") || messages.contains("PKIX")
                    || messages.contains("certificate"), messages);
        } finally {
            untrusting.shutdown();
        }
    }

    @Test
    void wrong_password_is_refused() {
        String wrong = ConnectionUrls.url(StoreRole.CACHE, info(cacheServer, true, CACHE_USER, false),
                CACHE_PASSWORD + "x");
        Exception refused = assertThrows(Exception.class, () -> {
            try (StatefulRedisConnection<String, String> connection = trustingClient.connect(parse(wrong))) {
                connection.sync().ping();
            }
        });
        assertTrue(RedisClients.messages(refused).contains("WRONGPASS"), RedisClients.messages(refused));
    }

    @Test
    void other_roles_credentials_are_refused() {
        String crossed = ConnectionUrls.url(StoreRole.CACHE, info(cacheServer, true, WORKER_USER, false),
                WORKER_PASSWORD);
        Exception refused = assertThrows(Exception.class, () -> {
            try (StatefulRedisConnection<String, String> connection = trustingClient.connect(parse(crossed))) {
                connection.sync().ping();
            }
        });
        assertTrue(RedisClients.messages(refused).contains("WRONGPASS"), RedisClients.messages(refused));
    }

    @Test
    void default_user_cannot_log_in() {
        // Password only (no user name in the URL): Redis authenticates as "default", which is off.
        String defaultUserUrl = ConnectionUrls.url(StoreRole.CACHE, info(cacheServer, true, null, false),
                CACHE_PASSWORD);
        assertTrue(defaultUserUrl.startsWith("rediss://:"), redact(defaultUserUrl));
        Exception refused = assertThrows(Exception.class, () -> {
            try (StatefulRedisConnection<String, String> connection =
                         trustingClient.connect(parse(defaultUserUrl))) {
                connection.sync().ping();
            }
        });
        assertTrue(RedisClients.messages(refused).contains("WRONGPASS"), RedisClients.messages(refused));

        // No credentials at all: nothing but AUTH/HELLO is allowed.
        RedisURI anonymous = RedisURI.builder().withHost(cacheServer.host()).withPort(cacheServer.port())
                .withSsl(true).withTimeout(RedisClients.COMMAND_TIMEOUT).build();
        Exception noAuth = assertThrows(Exception.class, () -> {
            try (StatefulRedisConnection<String, String> connection = trustingClient.connect(anonymous)) {
                connection.sync().ping();
            }
        });
        assertTrue(RedisClients.messages(noAuth).contains("NOAUTH"), RedisClients.messages(noAuth));
    }
}
