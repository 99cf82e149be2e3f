package dev.kvstores.kubernetes;

import com.hashicorp.cdktf.Fn;
import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.kubernetes.data_kubernetes_secret_v1.DataKubernetesSecretV1;
import com.hashicorp.cdktf.providers.kubernetes.data_kubernetes_secret_v1.DataKubernetesSecretV1Config;
import com.hashicorp.cdktf.providers.kubernetes.data_kubernetes_secret_v1.DataKubernetesSecretV1Metadata;
import com.hashicorp.cdktf.providers.kubernetes.secret_v1.SecretV1;
import com.hashicorp.cdktf.providers.kubernetes.secret_v1.SecretV1Config;
import com.hashicorp.cdktf.providers.kubernetes.secret_v1.SecretV1Metadata;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1;
import com.hashicorp.cdktf.providers.random_provider.password.Password;
import com.hashicorp.cdktf.providers.random_provider.password.PasswordConfig;
import dev.kvstores.StoreConfigException;
import dev.kvstores.StoreProblems;
import dev.kvstores.internal.CertificateNames;
import dev.kvstores.role.ConnectionInfo;
import dev.kvstores.role.Durability;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.RoleContract;
import dev.kvstores.role.StoreRole;
import dev.kvstores.role.StoreSpec;
import dev.kvstores.role.Topology;
import dev.kvstores.role.WorkerStateStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;


/**
 * Worker State Store on Apache KVRocks (Redis protocol, RocksDB on SSD) as a {@code kubernetes_stateful_set_v1}:
 * no maintained chart or operator exists, so the library writes the StatefulSet itself.
 *
 * <p>What it creates: a generated password ({@code requirepass}); the {@code kvrocks.conf} in a Secret (the
 * password never appears in plain text in the JSON); a TLS-only client port {@value #TLS_PORT} with the
 * certificate of {@code tlsSecretName} (or of a cert-manager {@code Certificate} when {@code tlsIssuer} is set);
 * the RocksDB write-ahead log synced to disk on every write ({@code rocksdb.write_options.sync yes}: an
 * acknowledged write survives a node crash); one pod with resource limits, {@code PING} probes, a non-root
 * read-only root filesystem, {@code RuntimeDefault} seccomp, dropped capabilities, hard anti-affinity and a
 * checksum of its configuration (a new password rolls the pod); a redis-exporter sidecar on port
 * {@value #METRICS_PORT}; a volume on the SSD StorageClass; a ClusterIP and a headless Service; a NetworkPolicy
 * admitting only {@code allowedNamespaces} on the TLS port and only {@code monitoringNamespace} on the exporter,
 * with egress limited to DNS; its namespace (Pod Security {@code restricted}) unless adopted; and
 * {@code prevent_destroy}. URL: {@code rediss://:<password>@<name>.<namespace>.svc.cluster.local:6666/0}.
 *
 * <p>One node, no automatic failover: it always needs a high-availability exemption (development). Child IDs:
 * {@code Resource} (the StatefulSet), {@code Password}, {@code Config}, {@code Service}, {@code HeadlessService},
 * {@code NetworkPolicy}, {@code CaCertificate}, {@code Certificate} (with an issuer), {@code Namespace} (unless
 * adopted), {@code MetricsService} and {@code ServiceMonitor} (with {@code serviceMonitorEnabled}),
 * {@code BackupPasswordSecret} and {@code Backup} (a {@link WorkerStateBackup} logical export, with {@code backup};
 * the NetworkPolicy then admits the job's pods on the TLS port).
 */
public final class KvrocksWorkerStateStore extends Construct implements WorkerStateStore, MonitoredStore {

    /** TLS port clients use (KVRocks' customary port number). */
    public static final int TLS_PORT = 6666;
    /** Plain-text port; only reachable inside the pod (the NetworkPolicy admits the TLS port only). */
    static final int PLAIN_PORT = 6379;
    /** Port of the redis-exporter sidecar. */
    public static final int METRICS_PORT = BitnamiReleaseSettings.METRICS_PORT;

    private final KvrocksWorkerStateStoreProps props;
    private final StatefulSetV1 statefulSet;
    private final ConnectionInfo connectionInfo;
    private final List<String> exemptions;
    private final WorkerStateBackup backup;

    public KvrocksWorkerStateStore(Construct scope, String id, KvrocksWorkerStateStoreProps props) {
        super(scope, id);
        this.props = props;
        String who = "worker-state store (kvrocks)";
        StoreProblems problems = new StoreProblems(who);
        props.kubernetes().check(who, problems);
        props.serviceMonitoring().check(who, problems);
        props.workerState().check(who, problems);
        problems.check(() -> KubernetesNames.requireDnsLabel(who, "name", props.name()));
        problems.check(() -> KubernetesNames.requireWorkloadNames(who, "name", props.name(), props.backup() == null
                ? Map.of("", "the StatefulSet") : Map.of("", "the StatefulSet", "-backup", "the backup CronJob")));
        problems.check(() -> validateImage(who, props.image()));
        // With an issuer, tlsSecretName defaults to <name>-tls: the issuer writes it (checkSecrets admits it).
        props.kubernetes().checkSecrets(who, problems, null);
        if (props.size().storageGibibytes() < 1) {
            problems.add("WorkerStorage", who + ": storage must be at least 1 GiB, got "
                    + props.size().storageGibibytes() + " GiB; the seed sizes KVRocks at 200-1000 GiB SSD");
        }
        problems.throwIfAny();
        this.exemptions = RoleContract.enforce(StoreSpec.builder(StoreRole.WORKER_STATE, "kvrocks")
                .topology(Topology.STANDALONE).nodes(1, 3).haExemptionReason(props.haExemptionReason())
                .tlsEnabled(true).authEnabled(true).privateNetworking(true)
                .evictionPolicy(EvictionPolicy.NOEVICTION).durability(Durability.SSD_STORE).build());

        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "kvrocks");
        labels.put("app.kubernetes.io/instance", props.name());
        labels.put("app.kubernetes.io/part-of", "suprsend");
        labels.put(StoreRole.LABEL_KEY, StoreRole.WORKER_STATE.label());
        Map<String, String> selector = Map.of("app.kubernetes.io/name", "kvrocks",
                "app.kubernetes.io/instance", props.name());

        Password password = new Password(this, "Password", PasswordConfig.builder().length(32).special(false).build());
        String configText = KvrocksConfig.renderConfig(password.getResult(), props.size());
        SecretV1 config = new SecretV1(this, "Config", SecretV1Config.builder()
                .metadata(SecretV1Metadata.builder().name(props.name() + "-config").namespace(props.namespace())
                        .labels(labels).build())
                .type("Opaque")
                .data(Map.of("kvrocks.conf", configText))
                .build());

        KvrocksNetwork.service(this, props, "Service", props.name(), null, labels, selector);
        KvrocksNetwork.service(this, props, "HeadlessService", props.name() + "-headless", "None", labels, selector);
        ServerCertificate certificate = props.tlsIssuer() == null ? null : new ServerCertificate(this, "Certificate",
                props.namespace(), props.tlsSecretName(), props.tlsIssuer(), certificateNames(props), labels);
        this.statefulSet = KvrocksStatefulSet.create(this, props, labels, selector, config,
                Token.asString(Fn.sha256(configText)), certificate);
        KvrocksNetwork.networkPolicy(this, props, labels, selector);
        if (props.serviceMonitorEnabled()) {
            KvrocksNetwork.serviceMonitor(this, props, labels, selector);
        }

        DataKubernetesSecretV1 ca = new DataKubernetesSecretV1(this, "CaCertificate",
                DataKubernetesSecretV1Config.builder()
                        .metadata(DataKubernetesSecretV1Metadata.builder()
                                .name(props.tlsSecretName()).namespace(props.namespace()).build())
                        .dependsOn(List.of(statefulSet))
                        .build());
        this.connectionInfo = new ConnectionInfo(props.name() + "." + props.namespace() + ".svc.cluster.local",
                TLS_PORT, true, null, password.getResult(), Token.asString(Fn.lookup(ca.getData(), "ca.crt", "")),
                false);
        this.backup = props.backup() == null ? null : backup(password.getResult(), labels, selector);
        if (props.createNamespace()) {
            new StoreNamespace(this, "Namespace", props.namespace(), labels).precede(this);
        }
    }

    /** Key of the password in the Secret {@code <name>-backup-password} the backup job mounts. */
    static final String BACKUP_PASSWORD_KEY = "password";

    /**
     * The backup job ({@link BackupMethod#LOGICAL_EXPORT}): KVRocks has no ACL users, so the job gets
     * the store's password in a Secret {@code <name>-backup-password} of its own (not the whole
     * {@code kvrocks.conf}); it streams the export, so its scratch volume stays small.
     */
    private WorkerStateBackup backup(String password, Map<String, String> labels, Map<String, String> selector) {
        String secret = props.name() + "-backup-password";
        new SecretV1(this, "BackupPasswordSecret", SecretV1Config.builder()
                .metadata(SecretV1Metadata.builder().name(secret).namespace(props.namespace()).labels(labels)
                        .build())
                .data(Map.of(BACKUP_PASSWORD_KEY, password))
                .build());
        String pod = props.name() + "-0." + props.name() + "-headless." + props.namespace() + ".svc.cluster.local";
        return new WorkerStateBackup(this, "Backup", props.backup(), BackupSource.builder()
                .store(props)
                .method(BackupMethod.LOGICAL_EXPORT)
                .hosts(List.of(pod))
                .port(TLS_PORT)
                .password(secret, BACKUP_PASSWORD_KEY)
                .caSecretName(props.tlsSecretName())
                .storePodSelector(selector)
                .scratchMebibytes(1024)
                .build());
    }

    /** The backup job, or {@code null} when the props carry no backup. */
    public WorkerStateBackup backup() {
        return backup;
    }

    /** The names the server certificate must cover (Services, pods, and loopback for in-pod clients). */
    static CertificateNames certificateNames(KvrocksWorkerStateStoreProps props) {
        return CertificateNames.of(props.namespace(), props.name() + "-headless", List.of(props.name()));
    }

    /**
     * Subject alternative names the server certificate must carry, in OpenSSL's {@code subjectAltName} syntax
     * ({@code DNS:...}, {@code IP:...}).
     */
    @Override
    public List<String> certificateSubjectAltNames() {
        return certificateNames(props).subjectAltNames();
    }

    /** Pod annotation holding the SHA-256 of {@code kvrocks.conf}: a new password changes it and rolls the pod. */
    public static final String CONFIG_CHECKSUM_ANNOTATION = "kvstores.dev/config-sha256";

    private static void validateImage(String who, String image) {
        int slash = image.lastIndexOf('/');
        String last = image.substring(slash + 1);
        boolean digest = image.contains("@sha256:");
        boolean tagged = last.contains(":") && !last.endsWith(":latest");
        if (!digest && !tagged) {
            throw new StoreConfigException("ImageTag", who + ": image must name a pinned tag or digest, got '" + image
                    + "'; use e.g. " + KvrocksWorkerStateStoreProps.DEFAULT_IMAGE);
        }
    }

    @Override
    public ConnectionInfo connectionInfo() {
        return connectionInfo;
    }

    /**
     * Worker-state role, no replicas, CPU of the node; KVRocks keeps its data in RocksDB on disk: no
     * {@code maxmemory}, no AOF or RDB status in {@code INFO}.
     */
    @Override
    public StoreMonitoringProps.Builder monitoring() {
        return StoreMonitoringProps.of(StoreRole.WORKER_STATE, props).expectedReplicas(0)
                .maxmemoryEnabled(false).aofEnabled(false).rdbEnabled(false)
                .backupOf(props);
    }

    /** The StatefulSet (same as {@link #statefulSet()}). */
    @Override
    public TerraformResource workload() {
        return statefulSet;
    }

    @Override
    public Topology topology() {
        return Topology.STANDALONE;
    }

    @Override
    public Durability durability() {
        return Durability.SSD_STORE;
    }

    /** RocksDB on the volume, and with a backup its schedule, destination, key, retention and recovery point. */
    @Override
    public String durabilityDescription() {
        return durability().description() + (backup == null ? "" : "; " + backup.describe());
    }

    @Override
    public String memoryHeadroom() {
        int limit = props.size().memoryMebibytes();
        int memtables = KvrocksConfig.ROCKSDB_COLUMN_FAMILIES * KvrocksConfig.ROCKSDB_WRITE_BUFFER_MEBIBYTES * KvrocksConfig.ROCKSDB_WRITE_BUFFERS;
        int budget = limit / 2 + memtables;
        return "no maxmemory and no fork (RocksDB keeps the data on the volume, " + props.size().storageQuantity()
                + ", which bounds the dataset): the " + limit + " MiB limit holds the block cache (" + limit / 2
                + " MiB, rocksdb.block_cache_size, with index and filter blocks) and up to " + memtables
                + " MiB of memtables (" + KvrocksConfig.ROCKSDB_COLUMN_FAMILIES + " column families x write_buffer_size "
                + KvrocksConfig.ROCKSDB_WRITE_BUFFER_MEBIBYTES + " MiB x max_write_buffer_number " + KvrocksConfig.ROCKSDB_WRITE_BUFFERS + "), "
                + budget + " MiB (" + budget * 100 / limit + "% of the limit) before the server's own buffers;"
                + " requests equal limits (Guaranteed QoS) for every container";
    }

    @Override
    public String description() {
        return "KVRocks (" + props.image() + ") StatefulSet in namespace " + props.namespace() + ", 1 node of "
                + props.size().cpuQuantity() + " CPU / " + props.size().memoryQuantity() + " / "
                + props.size().storageQuantity() + " on StorageClass " + props.storageClass()
                + ", TLS port " + TLS_PORT + ", no automatic failover";
    }

    @Override
    public List<String> exemptions() {
        return exemptions;
    }

    /**
     * The {@code kubernetes_stateful_set_v1}, as an escape hatch for overrides ({@code addOverride}) and references;
     * changing it can break the role's guarantees. Typed as cdktf's {@code TerraformResource} so that this API is the
     * same with the lean and the official provider bindings; with the official ones it is a {@code StatefulSetV1}.
     */
    public TerraformResource statefulSet() {
        return statefulSet;
    }
}
