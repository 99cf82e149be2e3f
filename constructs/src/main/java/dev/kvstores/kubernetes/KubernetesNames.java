package dev.kvstores.kubernetes;

import dev.kvstores.StoreConfigException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks of Kubernetes names shared by the in-cluster backends. */
final class KubernetesNames {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");
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
        requireDnsLabel(who, field, value, 53);
    }

    /** A DNS label of at most {@code max} characters (63 for a Service or namespace; 53 for a Helm release). */
    static void requireDnsLabel(String who, String field, String value, int max) {
        if (value == null || value.length() > max || !DNS_LABEL.matcher(value).matches()) {
            throw new StoreConfigException("InvalidName", who + ": " + field + " must be a DNS label of at most " + max
                    + " characters (lowercase letters, digits, '-'), got '" + value + "'");
        }
    }

    /**
     * A Secret or issuer name the store's pods or Certificate refer to: a DNS subdomain (at most 253 lowercase
     * letters, digits, '-' and '.'). The API server does not check a reference, so a name it could never hold leaves
     * the pods waiting for a Secret that cannot exist. With {@code showValue} false the value is not echoed (a
     * password pasted into a Secret name field).
     *
     * @param code the problem's code, one per field ({@code TlsSecretName}, {@code PasswordSecretName},
     *             {@code TlsIssuerName}), so that a caller can name the field it came from
     */
    static void requireObjectName(String who, String code, String field, String value, boolean showValue) {
        if (value != null && (value.length() > 253 || !DNS_SUBDOMAIN.matcher(value).matches())
                && !com.hashicorp.cdktf.Token.isUnresolved(value)) { // a resource's name (a token) is taken as it is
            throw new StoreConfigException(code, who + ": " + field + " must be the name of a Kubernetes"
                    + " object (at most 253 lowercase letters, digits, '-' and '.', starting and ending with a letter"
                    + " or digit), got " + (showValue ? "'" + value + "'" : "a value that is not one (not shown: it may"
                    + " be a password)") + "; name the Secret or issuer, never its content");
        }
    }

    /** A Secret's name quoted for a message, unless it is no object name (then it may be a pasted password). */
    private static String shownSecretName(String value) {
        return value.length() <= 253 && DNS_SUBDOMAIN.matcher(value).matches() ? "'" + value + "'" : "(not shown)";
    }

    /**
     * Labels kvstores writes on an object that another controller selects by them (the Prometheus' selectors): each
     * key an optional DNS-subdomain prefix and '/', then a name of at most 63 letters, digits, '-', '_' and '.'
     * starting and ending with a letter or digit; each value empty or of the name's shape.
     */
    static void requireLabels(String who, String field, Map<String, String> labels) {
        for (Map.Entry<String, String> label : labels.entrySet()) {
            String key = label.getKey();
            if (!isLabel(key, label.getValue())) {
                throw new StoreConfigException("InvalidLabel", who + ": " + field + " '" + key + "': '"
                        + label.getValue() + "' is not a Kubernetes label: the key is an optional DNS prefix and '/'"
                        + " then at most 63 letters, digits, '-', '_' and '.', the value at most 63 of those, both"
                        + " starting and ending with a letter or digit; e.g. release: kube-prometheus-stack");
            }
        }
    }

    /**
     * The one definition of a Kubernetes label: the key an optional DNS-subdomain prefix (at most 253) and '/', then
     * a name of at most 63 letters, digits, '-', '_' and '.' starting and ending with a letter or digit; the value
     * empty or of the name's shape.
     */
    static boolean isLabel(String key, String value) {
        if (key == null || value == null) {
            return false;
        }
        int slash = key.lastIndexOf('/');
        String prefix = slash < 0 ? null : key.substring(0, slash);
        return LABEL_NAME.matcher(key.substring(slash + 1)).matches()
                && (prefix == null || prefix.length() <= 253 && DNS_SUBDOMAIN.matcher(prefix).matches())
                && LABEL_VALUE.matcher(value).matches();
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
        if (tlsIssuer != null) {
            requireObjectName(who, "TlsIssuerName", "tlsIssuer.name", tlsIssuer.name(), true);
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
            throw new StoreConfigException("SecretBeforeNamespace", who + ": passwordSecretName "
                    + shownSecretName(passwordSecretName) + " must exist before the first apply, but this stack creates the"
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
                    + rotation.label() + " needs generated passwords, but passwordSecretName is "
                    + shownSecretName(passwordSecretName) + "; remove one of them (README, Rotating credentials)");
        }
    }
}
