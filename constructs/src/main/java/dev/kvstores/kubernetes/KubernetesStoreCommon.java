package dev.kvstores.kubernetes;

import dev.kvstores.StoreProblems;
import dev.kvstores.role.StoreSize;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The fields every in-cluster store (Bitnami cache and worker state, KVRocks) shares, defined once and composed into
 * their props; the props' builders delegate to {@link Builder}.
 *
 * @param namespace         namespace of the store; required, not {@code default}
 * @param allowedNamespaces namespaces whose pods may connect (the platform's); required, at least one; kept sorted
 *                          and distinct
 * @param createNamespace   create the namespace (labelled Pod Security {@code restricted}) and apply everything after
 *                          it. Default: true; false adopts an existing namespace
 * @param egress            where the pods may connect besides the store's own pods ({@link ClusterEgress}): the
 *                          cluster DNS pods and the API server's CIDRs. Default: {@link ClusterEgress#defaults()}
 * @param tlsSecretName     existing {@code kubernetes.io/tls} Secret with {@code tls.crt}, {@code tls.key},
 *                          {@code ca.crt} (a Kubernetes object name). Default: none (each store says what then
 *                          applies)
 * @param tlsIssuer         cert-manager issuer that signs the server certificate (the store requests it): kind
 *                          {@code ClusterIssuer} or {@code Issuer}, name a Kubernetes object name. Default: none
 * @param size              per-node resources (and volume). Default: {@code null} here, the role's
 *                          {@link dev.kvstores.role.SizePreset#SMALL} size once composed
 */
public record KubernetesStoreCommon(
        String namespace,
        List<String> allowedNamespaces,
        boolean createNamespace,
        ClusterEgress egress,
        String tlsSecretName,
        CertificateIssuer tlsIssuer,
        StoreSize size) {

    public KubernetesStoreCommon {
        Objects.requireNonNull(namespace, "namespace");
        allowedNamespaces = List.copyOf(new TreeSet<>(Objects.requireNonNull(allowedNamespaces, "allowedNamespaces")));
        egress = Objects.requireNonNullElse(egress, ClusterEgress.defaults());
    }

    /** This part with the role's size when unset and, when still unset, {@code tlsSecretName} as given. */
    KubernetesStoreCommon withDefaults(StoreSize defaultSize, String defaultTlsSecretName) {
        return new KubernetesStoreCommon(namespace, allowedNamespaces, createNamespace, egress,
                tlsSecretName != null ? tlsSecretName : defaultTlsSecretName, tlsIssuer,
                Objects.requireNonNullElse(size, defaultSize));
    }

    /**
     * Validates the shared fields into {@code problems}: the namespace (a DNS label, not {@code default}), at least
     * one allowed namespace, the TLS Secret's name, and the egress. The one place these rules are checked for in-cluster stores.
     */
    void check(String who, StoreProblems problems) {
        problems.check(() -> KubernetesNames.requireNamespace(who, "namespace", namespace));
        problems.check(() -> KubernetesNames.requireAllowedNamespaces(who, allowedNamespaces));
        problems.check(() -> KubernetesNames.requireObjectName(who, "TlsSecretName", "tlsSecretName", tlsSecretName, true));
        egress.validate(who, problems);
    }

    /**
     * Validates into {@code problems} that the Secrets the store reads exist before the first apply: a valid
     * {@code tlsIssuer} kind, and with {@code createNamespace} neither {@code tlsSecretName} (unless the issuer
     * writes it) nor {@code passwordSecretName} ({@code null}: the store generates its passwords).
     */
    void checkSecrets(String who, StoreProblems problems, String passwordSecretName) {
        problems.check(() -> KubernetesNames.requireSecretsOutsideNewNamespace(who, createNamespace, tlsSecretName,
                tlsIssuer, passwordSecretName));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().namespace(namespace).allowedNamespaces(allowedNamespaces)
                .createNamespace(createNamespace).egress(egress).tlsSecretName(tlsSecretName).tlsIssuer(tlsIssuer)
                .size(size);
    }

    /** Read access to the shared in-cluster fields of a props record that composes them (e.g. {@code props.namespace()}). */
    public interface Part {
        /** The composed in-cluster fields. */
        KubernetesStoreCommon kubernetes();

        default String namespace() { return kubernetes().namespace(); }
        default List<String> allowedNamespaces() { return kubernetes().allowedNamespaces(); }
        default boolean createNamespace() { return kubernetes().createNamespace(); }
        default ClusterEgress egress() { return kubernetes().egress(); }
        default String tlsSecretName() { return kubernetes().tlsSecretName(); }
        default CertificateIssuer tlsIssuer() { return kubernetes().tlsIssuer(); }
        default StoreSize size() { return kubernetes().size(); }
    }

    /** Builder of {@link KubernetesStoreCommon}; unset fields take the documented defaults. */
    public static final class Builder {
        private String namespace;
        private final List<String> allowedNamespaces = new java.util.ArrayList<>();
        private boolean createNamespace = true;
        private ClusterEgress egress;
        private String tlsSecretName;
        private CertificateIssuer tlsIssuer;
        private StoreSize size;

        private Builder() {
        }

        public Builder namespace(String value) { this.namespace = value; return this; }
        public Builder allowedNamespaces(List<String> value) { allowedNamespaces.clear(); allowedNamespaces.addAll(value); return this; }
        public Builder addAllowedNamespace(String value) { allowedNamespaces.add(value); return this; }
        public Builder createNamespace(boolean value) { this.createNamespace = value; return this; }
        public Builder egress(ClusterEgress value) { this.egress = value; return this; }
        public Builder tlsSecretName(String value) { this.tlsSecretName = value; return this; }
        public Builder tlsIssuer(CertificateIssuer value) { this.tlsIssuer = value; return this; }
        public Builder size(StoreSize value) { this.size = value; return this; }

        public KubernetesStoreCommon build() {
            return new KubernetesStoreCommon(namespace, allowedNamespaces, createNamespace, egress, tlsSecretName,
                    tlsIssuer, size);
        }
    }
}
