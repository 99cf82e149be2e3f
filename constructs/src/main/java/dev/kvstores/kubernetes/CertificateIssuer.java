package dev.kvstores.kubernetes;

import java.util.Objects;

/**
 * A cert-manager issuer that signs an in-cluster store's server certificate. With one, the store requests a
 * {@code cert-manager.io/v1} {@code Certificate} itself (names from {@code certificateNames()}, renewed by
 * cert-manager) and waits until it is {@code Ready} before the release, so a fresh cluster needs only
 * cert-manager and the issuer.
 *
 * @param kind {@code ClusterIssuer} or {@code Issuer} (an {@code Issuer} must live in the store's namespace)
 * @param name the issuer's name
 */
public record CertificateIssuer(String kind, String name) {

    public CertificateIssuer {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /** A {@code ClusterIssuer}. */
    public static CertificateIssuer clusterIssuer(String name) {
        return new CertificateIssuer("ClusterIssuer", name);
    }
}
