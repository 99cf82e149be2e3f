package dev.kvstores.e2e.realserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstores.connection.ConnectionUrls;
import dev.kvstores.role.ConnectionInfo;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.RedisRoleConfig;
import dev.kvstores.role.StoreRole;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each URL form the library writes, used as-is by {@code redis-cli -u} (what operators run) and by Lettuce (the
 * client library of these tests) against real TLS redis-servers.
 *
 * <ul>
 *   <li>{@code rediss://default:<password>@host:port}: the form of password-only services. The first server
 *       has only {@code requirepass}, which is how Memorystore's AUTH string, Azure's access keys (classic and
 *       Managed Redis) and ElastiCache's AUTH token work: the password belongs to the {@code default} user.</li>
 *   <li>{@code rediss://<user>:<password>@host:port}: ACL users (ElastiCache RBAC, MemoryDB, Bitnami).</li>
 *   <li>{@code rediss://:<password>@host:port}: the form without a user (still the KVRocks form): Lettuce
 *       accepts it, redis-cli up to 7.x sends {@code AUTH "" <password>} and is refused, which is why the
 *       password-only services now carry {@code default}.</li>
 * </ul>
 */
class DefaultUserUrlRealServerTest {

    /** Every character a URL's user info treats specially, and a space. Test-only; never printed. */
    static final String SERVICE_PASSWORD = "k3y@with:sl/ash%25 +?#[]&=;,$!";
    static final String ACL_USER = "suprsend-worker";
    static final String ACL_PASSWORD = "w0rk@r:st/ate %+? pass";

    @TempDir
    static Path dir;

    private static TestCertificates certificates;
    private static RedisServerProcess passwordOnly;
    private static RedisServerProcess aclServer;
    private static RedisClients clients;
    private static Path redisCli;

    private RedisClient client;

    @BeforeAll
    static void startServers() {
        redisCli = RedisServerProcess.requireBinary("redis-cli", "redis-tools");
        certificates = TestCertificates.create(dir.resolve("tls"));
        clients = new RedisClients();
        passwordOnly = RedisServerProcess.redisServer(dir.resolve("password-only"))
                .name("tls-password-only")
                .roleConfig(RedisRoleConfig.cache(256, EvictionPolicy.ALLKEYS_LRU).toRedisConf())
                .tls(certificates)
                .line("requirepass " + RedisServerProcess.quote(SERVICE_PASSWORD))
                .start();
        aclServer = RedisServerProcess.redisServer(dir.resolve("acl"))
                .name("tls-acl-user")
                .roleConfig(RedisRoleConfig.workerState(256, false).toRedisConf())
                .tls(certificates)
                .line("user default off")
                .line(ConnectionUrlRealServerTest.appUser(ACL_USER, ACL_PASSWORD))
                .start();
    }

    @AfterAll
    static void stopServers() {
        try {
            if (clients != null) {
                clients.close();
            }
        } finally {
            try {
                if (passwordOnly != null) {
                    passwordOnly.close();
                }
            } finally {
                if (aclServer != null) {
                    aclServer.close();
                }
            }
        }
    }

    @BeforeEach
    void trustingClient() {
        client = clients.client(certificates.caCertificate());
    }

    @AfterEach
    void shutdownClient() {
        client.shutdown();
    }

    private static String url(StoreRole role, RedisServerProcess server, String user, String password) {
        return ConnectionUrls.url(role, new ConnectionInfo(server.host(), server.port(), true, user, "var.password",
                null, false), password);
    }

    /** Output of {@code redis-cli -u <url> --cacert <test CA> <command>}, stdout and stderr together. */
    private static String redisCli(String url, String... command) {
        List<String> args = new ArrayList<>(List.of(redisCli.toString(), "-u", url, "--cacert",
                certificates.caCertificate().toString(), "--no-auth-warning"));
        args.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("redis-cli did not finish in 15 s: " + ConnectionUrlRealServerTest.redact(url));
            }
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String whoamiWithLettuce(String url) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(RedisClients.COMMAND_TIMEOUT);
        try (StatefulRedisConnection<String, String> connection = client.connect(uri)) {
            RedisCommands<String, String> redis = connection.sync();
            assertEquals("PONG", redis.ping());
            return redis.aclWhoami();
        }
    }

    private static int redisCliMajorVersion() {
        String version = redisCli("redis://127.0.0.1:1", "--version"); // "redis-cli 7.0.15"
        String number = version.replaceAll("(?s).*redis-cli (\\d+)\\..*", "$1");
        return Integer.parseInt(number);
    }

    @Test
    void password_only_service_url_names_the_default_user() {
        String url = url(StoreRole.CACHE, passwordOnly, ConnectionInfo.DEFAULT_USER, SERVICE_PASSWORD);
        assertTrue(url.startsWith("rediss://default:"), ConnectionUrlRealServerTest.redact(url));
    }

    @Test
    void redis_cli_connects_with_the_default_user_url_of_a_password_only_service() {
        String url = url(StoreRole.CACHE, passwordOnly, ConnectionInfo.DEFAULT_USER, SERVICE_PASSWORD);
        assertEquals("PONG", redisCli(url, "PING"), ConnectionUrlRealServerTest.redact(url));
        assertEquals("default", redisCli(url, "ACL", "WHOAMI"));
        assertEquals("OK", redisCli(url, "SET", "idempotency:cli", "seen"));
        assertEquals("seen", redisCli(url, "GET", "idempotency:cli"));
    }

    @Test
    void lettuce_connects_with_the_default_user_url_of_a_password_only_service() {
        String url = url(StoreRole.CACHE, passwordOnly, ConnectionInfo.DEFAULT_USER, SERVICE_PASSWORD);
        assertEquals("default", whoamiWithLettuce(url));
    }

    @Test
    void redis_cli_and_lettuce_use_database_0_of_the_default_user_worker_url() {
        String url = url(StoreRole.WORKER_STATE, passwordOnly, ConnectionInfo.DEFAULT_USER, SERVICE_PASSWORD);
        assertTrue(url.endsWith("/0"), ConnectionUrlRealServerTest.redact(url));
        assertTrue(redisCli(url, "CLIENT", "INFO").contains(" db=0 "), "redis-cli must select database 0");
        assertEquals("OK", redisCli(url, "SET", "worker:cli", "db0"));
        String db5 = url.substring(0, url.length() - 2) + "/5";
        assertEquals("OK", redisCli(db5, "SET", "worker:cli", "db5"), "control: another number, another database");
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(RedisClients.COMMAND_TIMEOUT);
        try (StatefulRedisConnection<String, String> connection = client.connect(uri)) {
            assertEquals("db0", connection.sync().get("worker:cli"));
            assertEquals("default", connection.sync().aclWhoami());
        }
    }

    @Test
    void redis_cli_and_lettuce_connect_with_an_acl_user_url() {
        String url = url(StoreRole.WORKER_STATE, aclServer, ACL_USER, ACL_PASSWORD);
        assertEquals(ACL_USER, redisCli(url, "ACL", "WHOAMI"), ConnectionUrlRealServerTest.redact(url));
        assertEquals(ACL_USER, whoamiWithLettuce(url));
    }

    @Test
    void the_url_without_a_user_works_for_lettuce_but_not_for_redis_cli_7() {
        String url = url(StoreRole.CACHE, passwordOnly, null, SERVICE_PASSWORD);
        assertTrue(url.startsWith("rediss://:"), ConnectionUrlRealServerTest.redact(url));
        assertEquals("default", whoamiWithLettuce(url));
        if (redisCliMajorVersion() <= 7) {
            // redis-cli reads the empty user as the user "": AUTH "" <password> -> WRONGPASS, and the command
            // that follows runs unauthenticated.
            String out = redisCli(url, "PING");
            assertTrue(out.contains("WRONGPASS"), "redis-cli 7 must refuse the empty user: " + out);
            assertFalse(out.contains("PONG"), out);
        }
    }

    @Test
    void a_wrong_password_is_refused_through_the_default_user_url() {
        String url = url(StoreRole.CACHE, passwordOnly, ConnectionInfo.DEFAULT_USER, SERVICE_PASSWORD + "x");
        String out = redisCli(url, "PING");
        assertTrue(out.contains("WRONGPASS"), out);
        assertFalse(out.contains("PONG"), out);
    }
}
