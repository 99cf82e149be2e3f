package dev.kvstores.stacks.environment;

import java.util.regex.Pattern;

/**
 * The shape a field's target accepts, checked by {@link EnvironmentReader#shaped} so a value the API server, the
 * cloud or the kubeconfig would refuse (or misread) fails at synthesis with the field, the value and the fix.
 * Shapes are the targets' own rules: Kubernetes object names (RFC 1123 label and subdomain, as
 * {@code k8s.io/apimachinery/pkg/util/validation}), label keys and values, annotation keys; AWS ARNs; kube
 * context names and file paths. Cloud resource IDs are in {@link CloudNames}.
 */
public enum FieldShape {

    /** RFC 1123 label (namespaces, Helm release names, Service names): at most 63 characters. */
    DNS_LABEL("[a-z0-9]([-a-z0-9]*[a-z0-9])?", 63,
            "a Kubernetes name (RFC 1123 label): lowercase letters, digits and '-', starting and ending with a letter"
                    + " or digit, at most 63 characters, e.g. redis-cache"),
    /** RFC 1123 subdomain (Secrets, ConfigMaps, StorageClasses, ServiceAccounts): at most 253 characters. */
    DNS_SUBDOMAIN("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*", 253,
            "a Kubernetes object name (RFC 1123 subdomain): lowercase letters, digits, '-' and '.', starting and"
                    + " ending with a letter or digit, at most 253 characters, e.g. redis-cache-tls"),
    /** A label or annotation key: optional DNS-subdomain prefix and '/', then a name of at most 63 characters. */
    LABEL_KEY("([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
            + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?", 317,
            "a Kubernetes label or annotation key: an optional DNS-subdomain prefix and '/', then at most 63"
                    + " letters, digits, '-', '_' and '.', starting and ending with a letter or digit, e.g."
                    + " app.kubernetes.io/part-of or release"),
    /** A label value: empty, or at most 63 letters, digits, '-', '_' and '.', alphanumeric at both ends. */
    LABEL_VALUE("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?", 63,
            "a Kubernetes label value: at most 63 letters, digits, '-', '_' and '.', starting and ending with a"
                    + " letter or digit, e.g. kube-prometheus-stack"),
    /** An AWS ARN: {@code arn:<partition>:<service>:<region>:<account>:<resource>}. */
    ARN("arn:aws(-cn|-us-gov|-eusc)?:[a-z0-9-]+:([a-z0-9-]*):(\\d{12})?:[A-Za-z0-9/_+=.@:,-]+", 2048,
            "an AWS ARN, arn:<partition>:<service>:<region>:<account ID>:<resource>, e.g."
                    + " arn:aws:kms:eu-west-1:123456789012:key/<key id> or arn:aws:sns:eu-west-1:123456789012:alarms"),
    /**
     * A kubeconfig context name: kubeconfig allows any string, but names as kubectl, EKS ({@code arn:aws:eks:...}),
     * GKE ({@code gke_project_zone_cluster}) and AKS write them use letters, digits and {@code -_.:/@}.
     */
    KUBE_CONTEXT("[A-Za-z0-9][A-Za-z0-9._:/@-]*", 253,
            "a kubeconfig context name as `kubectl config get-contexts -o name` prints it: letters, digits and"
                    + " '-', '_', '.', ':', '/', '@', e.g. prod-cluster or arn:aws:eks:eu-west-1:123456789012:"
                    + "cluster/prod"),
    /** A file path on the machine that runs Terraform: printable, no spaces at the ends, no control characters. */
    FILE_PATH("[^\\s\\p{Cntrl}]([^\\p{Cntrl}]*[^\\s\\p{Cntrl}])?", 4096,
            "a file path without control characters or spaces at either end, e.g. ~/.kube/config"),
    /** A container image repository (prefix): registry host and path, lowercase, no tag. */
    IMAGE_REPOSITORY(Regex.REPOSITORY, 255,
            "an image repository (registry host[:port]/path, lowercase, no tag), e.g. registry.example.com/mirror"),
    /**
     * A Redis ACL user name as kvstores writes it into {@code user <name> ...} lines of the servers' configuration
     * and into connection URLs: a letter, then letters, digits, '-' and '_', at most 40 characters (MemoryDB's
     * limit). A space would let the name carry ACL rules ({@code evil >known-password} adds a password).
     */
    ACL_USERNAME("[A-Za-z][A-Za-z0-9_-]{0,39}", 40,
            "a Redis ACL user name: a letter, then letters, digits, '-' and '_', at most 40 characters, e.g."
                    + " suprsend-cache (never 'default', the server's admin user)"),
    /** An S3 bucket name: 3-63 lowercase letters, digits, '.' and '-', alphanumeric at both ends, no '..'. */
    S3_BUCKET("(?!.*\\.\\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]", 63,
            "an S3 bucket name: 3-63 lowercase letters, digits, '.' and '-', starting and ending with a letter or"
                    + " digit, e.g. acme-kvstores-backups"),
    /** A Cloud Storage bucket name: 3-222 lowercase letters, digits, '.', '_' and '-', alphanumeric at both ends. */
    GCS_BUCKET("[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]", 222,
            "a Cloud Storage bucket name: lowercase letters, digits, '.', '_' and '-', starting and ending with a"
                    + " letter or digit, e.g. acme-kvstores-tfstate"),
    /** An Azure storage account name: 3-24 lowercase letters and digits. */
    AZURE_STORAGE_ACCOUNT("[a-z0-9]{3,24}", 24,
            "an Azure storage account name: 3-24 lowercase letters and digits, e.g. acmekvstoresbackups"),
    /** An Azure blob container name: 3-63 lowercase letters, digits and single hyphens, alphanumeric at both ends. */
    AZURE_CONTAINER("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]", 63,
            "an Azure blob container name: 3-63 lowercase letters, digits and single '-', starting and ending with a"
                    + " letter or digit, e.g. worker-state-backups"),
    /** An Azure resource group name: 1-90 letters, digits, '_', '-', '.', '(' and ')', not ending in '.'. */
    AZURE_RESOURCE_GROUP("[-\\p{L}\\p{N}_.()]{0,89}[-\\p{L}\\p{N}_()]", 90, // Azure takes Unicode letters
            "an Azure resource group name: 1-90 letters, digits, '_', '-', '.', '(' and ')', not ending in '.', e.g."
                    + " suprsend-prod"),
    /** An object-store prefix: folders of letters, digits, '.', '_' and '-' (each alphanumeric first), '/' between. */
    OBJECT_PREFIX("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*/?", 512,
            "an object prefix: folders of letters, digits, '.', '_' and '-', each starting with a letter or digit,"
                    + " separated by '/' (no '..'), e.g. kvstores or backups/kvstores"),
    /** An http(s) endpoint URL: scheme, host, optional port and path. */
    ENDPOINT_URL("https?://[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?"
            + "(:([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?" // 1-65535
            + "(/[^\\s]*)?", 2048,
            "an endpoint URL, http(s)://<host>[:port][/path], e.g. https://minio.example.com:9000"),
    /** A container image tag (the OCI distribution grammar): a word character, then up to 127 of {@code \w.-}. */
    IMAGE_TAG(Regex.TAG, 128,
            "an image tag: letters, digits, '_', '.' and '-', starting with a letter, digit or '_', at most 128"
                    + " characters, e.g. 8.2.9-debian-12-r0"),
    /** A whole image reference: repository, optional {@code :tag}, optional {@code @sha256:} digest. */
    IMAGE_REFERENCE(Regex.REPOSITORY + "(:" + Regex.TAG + ")?(@sha256:[0-9a-f]{64})?", 512,
            "an image reference, <registry>/<repository>:<tag>[@sha256:<64 hex>], lowercase repository, e.g."
                    + " registry.example.com/kvstores/worker-state-backup:1.0.0@sha256:<64 hex>");

    /** Regular expressions two shapes share. */
    private static final class Regex {
        static final String REPOSITORY = "[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-]{1,2}[a-z0-9]+)*)*";
        static final String TAG = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
    }

    private final Pattern pattern;
    private final int maxLength;
    private final String description;

    FieldShape(String regex, int maxLength, String description) {
        this.pattern = Pattern.compile(regex);
        this.maxLength = maxLength;
        this.description = description;
    }

    /** Whether {@code value} has this shape. */
    public boolean accepts(String value) {
        return value.length() <= maxLength && pattern.matcher(value).matches()
                && (this != LABEL_KEY || value.substring(value.indexOf('/') + 1).length() <= 63);
    }

    /** What the shape is, with an example: the fix part of a refusal. */
    public String description() {
        return description;
    }
}
