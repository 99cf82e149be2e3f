package dev.kvstores.role;

import java.util.Objects;

/**
 * Where and how a client reaches a store. Values may be Terraform tokens (resolved at apply time).
 *
 * @param host          DNS name of the primary (or configuration) endpoint; never empty
 * @param port          TCP port the server listens on with TLS when {@code tlsEnabled}; 1-65535
 * @param tlsEnabled    true when the endpoint requires TLS, so URLs use {@code rediss://}
 * @param username      ACL user name; {@code null} when the store authenticates with a password only
 *                      (the URL then has an empty user: {@code rediss://:password@host})
 * @param password      Terraform expression of the password (e.g. a {@code random_password} result or a
 *                      secret lookup); never a literal
 * @param caCertificate Terraform expression of the PEM CA bundle clients must trust; {@code null} when the
 *                      server's certificate chains to a public CA
 * @param clusterMode   true for Redis Cluster: no database numbers, so no {@code /0} in the worker URL
 */
public record ConnectionInfo(
        String host,
        int port,
        boolean tlsEnabled,
        String username,
        String password,
        String caCertificate,
        boolean clusterMode) {

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

    /** {@code host:port}, the identity used to refuse one endpoint serving both roles. */
    public String endpoint() {
        return host + ":" + port;
    }

    /** True when clients need a CA bundle from the connection Secret. */
    public boolean hasCaCertificate() {
        return caCertificate != null;
    }
}
