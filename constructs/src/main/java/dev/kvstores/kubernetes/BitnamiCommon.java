package dev.kvstores.kubernetes;

import dev.kvstores.StoreProblems;
import dev.kvstores.role.CredentialRotation;
import java.util.Objects;

/**
 * The fields both Bitnami stores (cache and worker state) share, defined once and composed into their props; the
 * props' builders delegate to {@link Builder}. The Helm release name is the store's name
 * ({@link dev.kvstores.role.StoreBasics#name()}; builder method {@code releaseName}).
 *
 * @param chartRepository    Default: {@value #DEFAULT_CHART_REPOSITORY}
 * @param chartVersion       exact chart version. Default: {@code null} here, the role's chart's once composed
 * @param images             Default: {@link BitnamiImages#defaults()} ({@code docker.io/bitnamilegacy})
 * @param nodes              data nodes. Default: 0 here, the role's count once composed (3; redis-cluster 6)
 * @param aclUsername        ACL user the platform connects as: a letter, then letters, digits, '-' and '_', at most
 *                           40 characters, not {@code default}. Default: {@code null} here, the role's user once
 *                           composed ({@code suprsend-cache} / {@code suprsend-worker})
 * @param passwordSecretName existing Secret in the namespace (a Kubernetes object name) with the passwords: key {@code redis-password} (the
 *                           chart's {@code default} user) and, with an ACL user, a key named after the user.
 *                           Default: passwords are generated ({@code random_password})
 * @param credentialRotation staged rotation of the ACL user's generated password ({@link CredentialRotation}); needs
 *                           an ACL user and generated passwords. Default: none (generation 0)
 */
public record BitnamiCommon(
        String chartRepository,
        String chartVersion,
        BitnamiImages images,
        int nodes,
        String aclUsername,
        String passwordSecretName,
        CredentialRotation credentialRotation) {

    public static final String DEFAULT_CHART_REPOSITORY = "oci://registry-1.docker.io/bitnamicharts";

    public BitnamiCommon {
        chartRepository = Objects.requireNonNullElse(chartRepository, DEFAULT_CHART_REPOSITORY);
        images = Objects.requireNonNullElse(images, BitnamiImages.defaults());
    }

    /** This part with the role's chart version, node count (replacing 0 or less) and ACL user where unset. */
    BitnamiCommon withRoleDefaults(String defaultChartVersion, int defaultNodes, String defaultAclUsername) {
        return new BitnamiCommon(chartRepository, Objects.requireNonNullElse(chartVersion, defaultChartVersion),
                images, nodes > 0 ? nodes : defaultNodes, Objects.requireNonNullElse(aclUsername, defaultAclUsername),
                passwordSecretName, credentialRotation);
    }

    /**
     * Validates the shared fields into {@code problems}: the release name (a DNS label), an exact chart version, the
     * ACL user's name (one word, not {@code default}), the password Secret's name, and a rotation the passwords allow. The one place these rules are checked for Bitnami stores.
     */
    void check(String who, StoreProblems problems, String releaseName, boolean clusterChart) {
        problems.check(() -> KubernetesNames.requireDnsLabel(who, "releaseName", releaseName));
        problems.check(() -> KubernetesNames.requireExactChartVersion(who, chartVersion));
        problems.check(() -> KubernetesNames.requireAclUsername(who, aclUsername));
        problems.check(() -> KubernetesNames.requireObjectName(who, "PasswordSecretName", "passwordSecretName", passwordSecretName,
                false));
        problems.check(() -> KubernetesNames.requireRotatable(who, credentialRotation, aclUsername,
                passwordSecretName, clusterChart));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().chartRepository(chartRepository).chartVersion(chartVersion).images(images).nodes(nodes)
                .aclUsername(aclUsername).passwordSecretName(passwordSecretName)
                .credentialRotation(credentialRotation);
    }

    /**
     * Read access to the Bitnami fields of a props record that composes them (e.g. {@code props.nodes()}), and to
     * the release name, which is the store's name.
     */
    public interface Part extends dev.kvstores.role.StoreBasics.Part {
        /** The composed Bitnami fields. */
        BitnamiCommon bitnami();

        /** The Helm release name, also the chart's fullname: the store's {@code name()}. */
        default String releaseName() { return name(); }
        default String chartRepository() { return bitnami().chartRepository(); }
        default String chartVersion() { return bitnami().chartVersion(); }
        default BitnamiImages images() { return bitnami().images(); }
        default int nodes() { return bitnami().nodes(); }
        default String aclUsername() { return bitnami().aclUsername(); }
        default String passwordSecretName() { return bitnami().passwordSecretName(); }
        default CredentialRotation credentialRotation() { return bitnami().credentialRotation(); }
    }

    /** Builder of {@link BitnamiCommon}; unset fields take the documented defaults. */
    public static final class Builder {
        private String chartRepository;
        private String chartVersion;
        private BitnamiImages images;
        private int nodes;
        private String aclUsername;
        private String passwordSecretName;
        private CredentialRotation credentialRotation;

        private Builder() {
        }

        public Builder chartRepository(String value) { this.chartRepository = value; return this; }
        public Builder chartVersion(String value) { this.chartVersion = value; return this; }
        public Builder images(BitnamiImages value) { this.images = value; return this; }
        public Builder nodes(int value) { this.nodes = value; return this; }
        public Builder aclUsername(String value) { this.aclUsername = value; return this; }
        public Builder passwordSecretName(String value) { this.passwordSecretName = value; return this; }
        public Builder credentialRotation(CredentialRotation value) { this.credentialRotation = value; return this; }

        public BitnamiCommon build() {
            return new BitnamiCommon(chartRepository, chartVersion, images, nodes, aclUsername, passwordSecretName,
                    credentialRotation);
        }
    }
}
