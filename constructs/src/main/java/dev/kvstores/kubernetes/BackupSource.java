package dev.kvstores.kubernetes;

import dev.kvstores.role.StoreBasics;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The store a {@link WorkerStateBackup} copies, as the store's construct knows it; set by name through
 * {@link #builder()}.
 */
final class BackupSource {

    private final String storeName;
    private final KubernetesStoreCommon kubernetes;
    private final BackupMethod method;
    private final List<String> hosts;
    private final int port;
    private final String username;
    private final String passwordSecretName;
    private final String passwordSecretKey;
    private final String caSecretName;
    private final Map<String, String> storePodSelector;
    private final int scratchMebibytes;

    private BackupSource(Builder b) {
        this.storeName = Objects.requireNonNull(b.storeName, "storeName");
        this.kubernetes = Objects.requireNonNull(b.kubernetes, "kubernetes");
        this.method = Objects.requireNonNull(b.method, "method");
        this.hosts = List.copyOf(b.hosts);
        this.port = b.port;
        this.username = b.username;
        this.passwordSecretName = b.passwordSecretName;
        this.passwordSecretKey = b.passwordSecretKey;
        this.caSecretName = b.caSecretName;
        this.storePodSelector = Map.copyOf(b.storePodSelector);
        this.scratchMebibytes = b.scratchMebibytes;
    }

    static Builder builder() {
        return new Builder();
    }

    /** The store's namespace (the job runs there, next to the Secrets it reads). */
    String namespace() {
        return kubernetes.namespace();
    }

    /** Release or StatefulSet name; the last path segment and the objects' name prefix. */
    String storeName() {
        return storeName;
    }

    /** How the job copies the store. */
    BackupMethod method() {
        return method;
    }

    /**
     * The pods' DNS names (Sentinel: every data pod, the script prefers a replica; cluster: seeds of
     * {@code CLUSTER NODES}; KVRocks: its pod).
     */
    List<String> hosts() {
        return hosts;
    }

    /** TLS port. */
    int port() {
        return port;
    }

    /** ACL user of the backup, or {@code null} to authenticate with the password only (KVRocks). */
    String username() {
        return username;
    }

    /** Secret holding that user's password. */
    String passwordSecretName() {
        return passwordSecretName;
    }

    /** Its key. */
    String passwordSecretKey() {
        return passwordSecretKey;
    }

    /** Secret with the server certificate's {@code ca.crt}. */
    String caSecretName() {
        return caSecretName;
    }

    /** Labels of the store's data pods (NetworkPolicy egress). */
    Map<String, String> storePodSelector() {
        return storePodSelector;
    }

    /** Size limit of the scratch volume (an RDB and its encrypted copy at a time). */
    int scratchMebibytes() {
        return scratchMebibytes;
    }

    /** The cluster DNS pods the job may ask: the store's own egress. */
    ClusterEgress egress() {
        return kubernetes.egress();
    }

    /** Builder of {@link BackupSource}. */
    static final class Builder {
        private String storeName;
        private KubernetesStoreCommon kubernetes;
        private BackupMethod method;
        private List<String> hosts = List.of();
        private int port;
        private String username;
        private String passwordSecretName;
        private String passwordSecretKey;
        private String caSecretName;
        private Map<String, String> storePodSelector = Map.of();
        private int scratchMebibytes;

        private Builder() {
        }

        /** The store's name (release or StatefulSet), its namespace and egress: from the store's props' parts. */
        <P extends StoreBasics.Part & KubernetesStoreCommon.Part> Builder store(P props) {
            this.storeName = props.name();
            this.kubernetes = props.kubernetes();
            return this;
        }

        Builder method(BackupMethod method) {
            this.method = method;
            return this;
        }

        Builder hosts(List<String> hosts) {
            this.hosts = hosts;
            return this;
        }

        Builder port(int port) {
            this.port = port;
            return this;
        }

        Builder username(String username) {
            this.username = username;
            return this;
        }

        /** The Secret and key of the backup user's password. */
        Builder password(String secretName, String key) {
            this.passwordSecretName = secretName;
            this.passwordSecretKey = key;
            return this;
        }

        Builder caSecretName(String caSecretName) {
            this.caSecretName = caSecretName;
            return this;
        }

        Builder storePodSelector(Map<String, String> storePodSelector) {
            this.storePodSelector = storePodSelector;
            return this;
        }

        Builder scratchMebibytes(int scratchMebibytes) {
            this.scratchMebibytes = scratchMebibytes;
            return this;
        }

        BackupSource build() {
            return new BackupSource(this);
        }
    }
}
