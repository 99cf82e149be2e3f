package dev.kvstores.kubernetes;

import dev.kvstores.StoreConfigException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks of Kubernetes names shared by the in-cluster backends. */
final class KubernetesNames {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern ACL_USERNAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,39}");

    private KubernetesNames() {
    }

    static void requireNamespace(String who, String field, String value) {
        requireDnsLabel(who, field, value);
        if ("default".equals(value)) {
            throw new StoreConfigException("DefaultNamespace", who + ": " + field + " must not be 'default'"
                    + " (CKV_K8S_21); give the store its own namespace");
        }
    }

    static void requireDnsLabel(String who, String field, String value) {
        if (value == null || value.length() > 53 || !DNS_LABEL.matcher(value).matches()) {
            throw new StoreConfigException("InvalidName", who + ": " + field + " must be a DNS label of at most 53"
                    + " characters (lowercase letters, digits, '-'), got '" + value + "'");
        }
    }

    /**
     * Longest name of a StatefulSet or a CronJob: a StatefulSet's pods carry {@code <name>-<10-character revision
     * hash>} in their {@code controller-revision-hash} label, at most 63 characters (kubernetes/kubernetes#64023: a
     * longer name creates no pod), and the API server refuses a CronJob name over 52 (its Jobs add 11).
     */
    static final int MAX_WORKLOAD_NAME = 52;

    /**
     * The store's name must leave room for the StatefulSets and CronJob named after it: {@code derived} maps each
     * suffix to what it names (e.g. {@code -node} to the chart's StatefulSet). Checked only on a valid DNS label
     * ({@link #requireDnsLabel} says what is wrong otherwise).
     */
    static void requireWorkloadNames(String who, String field, String name, Map<String, String> derived) {
        if (name == null || name.length() > 53 || !DNS_LABEL.matcher(name).matches()) {
            return;
        }
        for (Map.Entry<String, String> suffix : derived.entrySet().stream()
                .sorted(java.util.Comparator.comparingInt(e -> -e.getKey().length())).toList()) {
            int room = MAX_WORKLOAD_NAME - suffix.getKey().length();
            if (name.length() > room) {
                throw new StoreConfigException("NameTooLong", who + ": " + field + " '" + name + "' has "
                        + name.length() + " characters, at most " + room + " here: " + suffix.getValue() + " '" + name
                        + suffix.getKey() + "' must be at most " + MAX_WORKLOAD_NAME + " characters (a StatefulSet's"
                        + " pods carry its name and a 10-character hash in a 63-character label; a CronJob's Jobs add"
                        + " 11); shorten " + field);
            }
        }
    }

    /**
     * The ACL user the platform connects as is written into the chart's ACL lines ({@code user <name> on #<hash>
     * <rules>}) and names a key of the password Secret: a name with a space would carry ACL rules of its own (e.g. a
     * second password), so it is one word; {@code default} is the server's admin user.
     */
    static void requireAclUsername(String who, String aclUsername) {
        if (aclUsername != null && (!ACL_USERNAME.matcher(aclUsername).matches() || "default".equals(aclUsername))) {
            throw new StoreConfigException("AclUsername", who + ": aclUsername must be a letter followed by letters,"
                    + " digits, '-' and '_', at most 40 characters, and not 'default' (the server's admin user), got '"
                    + aclUsername.replace("\n", "\\n") + "'; e.g. suprsend-cache");
        }
    }

    static void requireAllowedNamespaces(String who, List<String> namespaces) {
        if (namespaces.isEmpty()) {
            throw new StoreConfigException("PrivateNetworking", who + ": allowedNamespaces must list at least one"
                    + " namespace of the platform; the NetworkPolicy admits only those");
        }
        for (String namespace : namespaces) {
            requireDnsLabel(who, "allowedNamespaces", namespace);
        }
    }

    static void requireExactChartVersion(String who, String version) {
        if (!version.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new StoreConfigException("ChartVersion", who + ": chartVersion must be an exact version such as"
                    + " 23.1.1, got '" + version + "'; ranges and 'latest' make deployments unrepeatable");
        }
    }

    /**
     * Secrets the store reads must exist before the first apply, so they cannot live in a namespace the same apply
     * creates; a cert-manager issuer makes the certificate Secret part of the apply instead.
     */
    static void requireSecretsOutsideNewNamespace(String who, boolean createNamespace, String tlsSecretName,
                                                  CertificateIssuer tlsIssuer, String passwordSecretName) {
        if (tlsIssuer != null && !List.of("ClusterIssuer", "Issuer").contains(tlsIssuer.kind())) {
            throw new StoreConfigException("TlsIssuerKind", who + ": tlsIssuer.kind must be ClusterIssuer or Issuer,"
                    + " got '" + tlsIssuer.kind() + "'");
        }
        if (!createNamespace) {
            return;
        }
        if (tlsSecretName != null && tlsIssuer == null) {
            throw new StoreConfigException("SecretBeforeNamespace", who + ": tlsSecretName '" + tlsSecretName
                    + "' must exist before the first apply, but this stack creates the namespace; set tlsIssuer"
                    + " (the store then requests the certificate from cert-manager), or set createNamespace false"
                    + " and create the namespace and the Secret first");
        }
        if (passwordSecretName != null) {
            throw new StoreConfigException("SecretBeforeNamespace", who + ": passwordSecretName '"
                    + passwordSecretName + "' must exist before the first apply, but this stack creates the"
                    + " namespace; set createNamespace false and create the namespace and the Secret first, or"
                    + " remove passwordSecretName to generate the passwords");
        }
    }

    /**
     * A staged rotation needs an ACL user with a generated password: the chart gives the {@code default} user
     * one password for requirepass, masterauth and Sentinel's auth-pass, so it has no second password to overlap
     * with; and a user-managed {@code passwordSecretName} is rotated by its owner.
     */
    static void requireRotatable(String who, dev.kvstores.role.CredentialRotation rotation, String aclUsername,
                                 String passwordSecretName, boolean redisCluster) {
        if (rotation == null) {
            return;
        }
        if (redisCluster || aclUsername == null) {
            throw new dev.kvstores.StoreConfigException("RotationWithoutAclUser", who + ": credentialRotation "
                    + rotation.label() + " cannot be staged: the platform connects as the 'default' user, whose"
                    + " one password is also requirepass, masterauth and the Sentinel/cluster auth, so it cannot"
                    + " hold an old and a new password; remove credentials.rotation and rotate in a maintenance"
                    + " window (README, Rotating credentials)");
        }
        if (passwordSecretName != null) {
            throw new dev.kvstores.StoreConfigException("RotationWithPasswordSecret", who + ": credentialRotation "
                    + rotation.label() + " needs generated passwords, but passwordSecretName is '"
                    + passwordSecretName + "'; remove one of them (README, Rotating credentials)");
        }
    }
}
