package dev.kvstores.role;

import java.util.Objects;

/**
 * Where and how a client reaches a store. Values may be Terraform tokens (resolved at apply time).
 *
 * @param host          DNS name of the primary (or configuration) endpoint; never empty
 * @param port          TCP port the server listens on with TLS when {@code tlsEnabled}; 1-65535. The value this
 *                      library configures or the service documents; URLs use {@code portReference} when set
 * @param tlsEnabled    true when the endpoint requires TLS, so URLs use {@code rediss://}
 * @param username      ACL user name; {@value #DEFAULT_USER} for a password-only server that accepts
 *                      {@code AUTH default <password>}; {@code null} when the server accepts only
 *                      {@code AUTH <password>} (the URL then has an empty user: {@code rediss://:password@host},
 *                      which {@code redis-cli -u} up to 7.x sends as {@code AUTH "" <password>} and fails)
 * @param password      Terraform expression of the password (e.g. a {@code random_password} result or a
 *                      secret lookup); never a literal
 * @param caCertificate Terraform expression of the PEM CA bundle clients must trust; {@code null} when the
 *                      server's certificate chains to a public CA
 * @param clusterMode   true for Redis Cluster: no database numbers, so no {@code /0} in the worker URL
 * @param portReference Terraform expression of the port attribute the resource exports (e.g.
 *                      {@code azurerm_redis_cache.ssl_port}), written into URLs instead of {@code port} so that a
 *                      changed port cannot drift from the URL; {@code null} when URLs use {@code port}
 */
public record ConnectionInfo(
        String host,
        int port,
        boolean tlsEnabled,
        String username,
        String password,
        String caCertificate,
        boolean clusterMode,
        String portReference) {

    /**
     * The user a password-only Redis 6+ server authenticates {@code AUTH <password>} as; written into URLs of
     * servers that accept {@code AUTH default <password>} so that {@code redis-cli -u} works too.
     */
    public static final String DEFAULT_USER = "default";

    /** A connection whose URLs carry {@code port} itself (no {@code portReference}). */
    public ConnectionInfo(String host, int port, boolean tlsEnabled, String username, String password,
                          String caCertificate, boolean clusterMode) {
        this(host, port, tlsEnabled, username, password, caCertificate, clusterMode, null);
    }

    public ConnectionInfo {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(password, "password");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
        }
    }

    /** {@code host:port} as URLs write it, the identity used to refuse one endpoint serving both roles. */
    public String endpoint() {
        return host + ":" + urlPort();
    }

    /** The port as URLs write it: {@code portReference} when set, else {@code port}. */
    public String urlPort() {
        return portReference != null ? portReference : String.valueOf(port);
    }

    /** True when clients need a CA bundle from the connection Secret. */
    public boolean hasCaCertificate() {
        return caCertificate != null;
    }
}
