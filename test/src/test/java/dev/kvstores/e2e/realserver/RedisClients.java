package dev.kvstores.e2e.realserver;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Lettuce clients for the real-server tests: one shared set of event loops per test class, short timeouts,
 * quick reconnects, and optionally trust in the test CA.
 */
public final class RedisClients implements AutoCloseable {

    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

    private final ClientResources resources;

    public RedisClients() {
        // Reconnect every 200 ms instead of Lettuce's exponential back-off (up to 30 s), so a client finds a
        // promoted replica soon after a failover.
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.constant(Duration.ofMillis(200)))
                .build();
    }

    /** A client that trusts only the JDK's default CAs (none of the test CAs). */
    public RedisClient client() {
        return client(null);
    }

    /** A client that trusts {@code caPem} for {@code rediss://} connections (null: JDK defaults only). */
    public RedisClient client(Path caPem) {
        RedisClient client = RedisClient.create(resources);
        ClientOptions.Builder options = ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(3)).build())
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT));
        if (caPem != null) {
            options.sslOptions(SslOptions.builder().jdkSslProvider().trustManager(caPem.toFile()).build());
        }
        client.setOptions(options.build());
        return client;
    }

    /** A plain-text, password-less connection to a test server, on database {@code db}. */
    public static RedisURI plain(RedisServerProcess server, int db) {
        RedisURI uri = RedisURI.create(server.host(), server.port());
        uri.setDatabase(db);
        uri.setTimeout(COMMAND_TIMEOUT);
        return uri;
    }

    /** Runs {@code CONFIG GET name} and returns the single value. */
    public static String configGet(RedisCommands<String, String> redis, String name) {
        Map<String, String> values = redis.configGet(name);
        if (!values.containsKey(name)) {
            throw new AssertionError("CONFIG GET " + name + " returned no value: " + values.keySet());
        }
        return values.get(name);
    }

    /** The {@code field:value} lines of one {@code INFO} section. */
    public static Map<String, String> info(RedisCommands<String, String> redis, String section) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : redis.info(section).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }

    /** Opens a connection and runs {@code body}; the connection and client are closed afterwards. */
    public static <T> T withConnection(RedisClient client, RedisURI uri,
                                       java.util.function.Function<RedisCommands<String, String>, T> body) {
        try (StatefulRedisConnection<String, String> connection = client.connect(uri)) {
            return body.apply(connection.sync());
        }
    }

    /** Every message of {@code error} and its causes, joined: where Lettuce puts the server's reply. */
    public static String messages(Throwable error) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            out.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" | ");
            if (t.getCause() == t) {
                break;
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
