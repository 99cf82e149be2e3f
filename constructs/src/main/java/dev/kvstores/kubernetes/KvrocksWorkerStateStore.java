package dev.kvstores.kubernetes;

import com.hashicorp.cdktf.Fn;
import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.kubernetes.data_kubernetes_secret_v1.DataKubernetesSecretV1;
import com.hashicorp.cdktf.providers.kubernetes.data_kubernetes_secret_v1.DataKubernetesSecretV1Config;
import com.hashicorp.cdktf.providers.kubernetes.data_kubernetes_secret_v1.DataKubernetesSecretV1Metadata;
import com.hashicorp.cdktf.providers.kubernetes.manifest.Manifest;
import com.hashicorp.cdktf.providers.kubernetes.manifest.ManifestConfig;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1Config;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1Metadata;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1Spec;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecIngress;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecIngressFrom;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecIngressFromNamespaceSelector;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecIngressFromPodSelector;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecEgress;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecEgressPorts;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecIngressPorts;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecPodSelector;
import com.hashicorp.cdktf.providers.kubernetes.secret_v1.SecretV1;
import com.hashicorp.cdktf.providers.kubernetes.secret_v1.SecretV1Config;
import com.hashicorp.cdktf.providers.kubernetes.secret_v1.SecretV1Metadata;
import com.hashicorp.cdktf.providers.kubernetes.service_v1.ServiceV1;
import com.hashicorp.cdktf.providers.kubernetes.service_v1.ServiceV1Config;
import com.hashicorp.cdktf.providers.kubernetes.service_v1.ServiceV1Metadata;
import com.hashicorp.cdktf.providers.kubernetes.service_v1.ServiceV1Spec;
import com.hashicorp.cdktf.providers.kubernetes.service_v1.ServiceV1SpecPort;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1Config;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1Metadata;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1Spec;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecSelector;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplate;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateMetadata;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpec;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecAffinity;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecAffinityPodAntiAffinity;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecution;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecContainer;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecContainerLivenessProbe;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecContainerLivenessProbeExec;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecContainerLivenessProbeTcpSocket;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecContainerPort;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecContainerReadinessProbe;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecContainerReadinessProbeExec;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecContainerReadinessProbeTcpSocket;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecContainerResources;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecContainerSecurityContext;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecContainerSecurityContextCapabilities;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecContainerVolumeMount;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecContainerEnv;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecSecurityContext;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecSecurityContextSeccompProfile;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecVolume;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecVolumeEmptyDir;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecVolumeSecret;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecVolumeClaimTemplate;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecVolumeClaimTemplateMetadata;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecVolumeClaimTemplateSpec;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecVolumeClaimTemplateSpecResources;
import com.hashicorp.cdktf.providers.random_provider.password.Password;
import com.hashicorp.cdktf.providers.random_provider.password.PasswordConfig;
import dev.kvstores.StoreConfigException;
import dev.kvstores.StoreProblems;
import dev.kvstores.internal.BitnamiRelease;
import dev.kvstores.internal.CertificateNames;
import dev.kvstores.internal.ServerCertificate;
import dev.kvstores.role.ConnectionInfo;
import dev.kvstores.role.Durability;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.RoleContract;
import dev.kvstores.role.StoreRole;
import dev.kvstores.role.StoreSize;
import dev.kvstores.role.StoreSpec;
import dev.kvstores.role.Topology;
import dev.kvstores.role.WorkerStateStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    public static final int METRICS_PORT = BitnamiRelease.METRICS_PORT;

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
        problems.check(() -> validateImage(who, props.image()));
        problems.check(() -> KubernetesNames.requireSecretsOutsideNewNamespace(who, props.createNamespace(),
                props.tlsIssuer() == null ? props.tlsSecretName() : null, props.tlsIssuer(), null));
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
        labels.put(BitnamiRelease.ROLE_LABEL, StoreRole.WORKER_STATE.label());
        Map<String, String> selector = Map.of("app.kubernetes.io/name", "kvrocks",
                "app.kubernetes.io/instance", props.name());

        Password password = new Password(this, "Password", PasswordConfig.builder().length(32).special(false).build());
        String configText = renderConfig(password.getResult(), props.size());
        SecretV1 config = new SecretV1(this, "Config", SecretV1Config.builder()
                .metadata(SecretV1Metadata.builder().name(props.name() + "-config").namespace(props.namespace())
                        .labels(labels).build())
                .type("Opaque")
                .data(Map.of("kvrocks.conf", configText))
                .build());

        service("Service", props.name(), null, labels, selector);
        service("HeadlessService", props.name() + "-headless", "None", labels, selector);
        ServerCertificate certificate = props.tlsIssuer() == null ? null : new ServerCertificate(this, "Certificate",
                props.namespace(), props.tlsSecretName(), props.tlsIssuer(), certificateNames(props), labels);
        this.statefulSet = statefulSet(labels, selector, config, Token.asString(Fn.sha256(configText)), certificate);
        networkPolicy(labels, selector);
        if (props.serviceMonitorEnabled()) {
            serviceMonitor(labels, selector);
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
     * The backup job ({@link WorkerStateBackup.Method#LOGICAL_EXPORT}): KVRocks has no ACL users, so the job gets
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
        return new WorkerStateBackup(this, "Backup", props.backup(), new WorkerStateBackup.Source(
                props.namespace(), props.name(), WorkerStateBackup.Method.LOGICAL_EXPORT, List.of(pod), TLS_PORT,
                null, secret, BACKUP_PASSWORD_KEY, props.tlsSecretName(), selector, 1024, props.egress()));
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
    private static final List<String> PING_PROBE = List.of("sh", "-c",
            "redis-cli -p " + PLAIN_PORT + " PING | grep -qE '^(PONG|NOAUTH)'");

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

    /** RocksDB memtable size per column family, in MiB ({@code rocksdb.write_buffer_size}). */
    static final int ROCKSDB_WRITE_BUFFER_MEBIBYTES = 64;
    /** Memtables per column family before writes stall ({@code rocksdb.max_write_buffer_number}). */
    static final int ROCKSDB_WRITE_BUFFERS = 4;
    /** Column families KVRocks opens (default, metadata, zset_score, pubsub, propagate, stream, search). */
    static final int ROCKSDB_COLUMN_FAMILIES = 7;

    /**
     * The {@code kvrocks.conf}: TLS client port with the mounted certificate, a password, data on the volume,
     * RocksDB block cache at half the memory limit, logs to stdout.
     */
    static String renderConfig(String password, StoreSize size) {
        return String.join("\n",
                "bind 0.0.0.0",
                "port " + PLAIN_PORT,
                "tls-port " + TLS_PORT,
                "tls-cert-file /etc/kvrocks/tls/tls.crt",
                "tls-key-file /etc/kvrocks/tls/tls.key",
                "tls-ca-cert-file /etc/kvrocks/tls/ca.crt",
                "tls-auth-clients no",
                "tls-replication yes",
                "requirepass " + password,
                "masterauth " + password,
                "dir /var/lib/kvrocks/data",
                "log-dir stdout",
                "timeout 0",
                "maxclients 10000",
                "workers " + Math.max(2, size.cpuMillicores() / 500),
                "rocksdb.block_cache_size " + size.memoryMebibytes() / 2,
                "rocksdb.write_buffer_size " + ROCKSDB_WRITE_BUFFER_MEBIBYTES,
                "rocksdb.max_write_buffer_number " + ROCKSDB_WRITE_BUFFERS,
                // fsync the write-ahead log before a write is acknowledged: nothing acknowledged is lost when the
                // node crashes (without it, writes still in the page cache are).
                "rocksdb.write_options.sync yes",
                "");
    }

    private void service(String id, String name, String clusterIp, Map<String, String> labels,
                         Map<String, String> selector) {
        new ServiceV1(this, id, ServiceV1Config.builder()
                .metadata(ServiceV1Metadata.builder().name(name).namespace(props.namespace()).labels(labels).build())
                .spec(ServiceV1Spec.builder()
                        .type("ClusterIP")
                        .clusterIp(clusterIp)
                        .selector(selector)
                        .port(List.of(ServiceV1SpecPort.builder().name("redis-tls").port(TLS_PORT)
                                .targetPort(String.valueOf(TLS_PORT)).protocol("TCP").build()))
                        .build())
                .build());
    }

    /**
     * The exporter's Service ({@code <name>-metrics}, port {@code http-metrics}) and a ServiceMonitor that scrapes
     * it every 30 s, as the Bitnami charts do for theirs.
     */
    private void serviceMonitor(Map<String, String> labels, Map<String, String> selector) {
        Map<String, String> metricsLabels = new TreeMap<>(labels);
        metricsLabels.put("app.kubernetes.io/component", "metrics");
        new ServiceV1(this, "MetricsService", ServiceV1Config.builder()
                .metadata(ServiceV1Metadata.builder().name(props.name() + "-metrics").namespace(props.namespace())
                        .labels(metricsLabels).build())
                .spec(ServiceV1Spec.builder()
                        .type("ClusterIP")
                        .selector(selector)
                        .port(List.of(ServiceV1SpecPort.builder().name("http-metrics").port(METRICS_PORT)
                                .targetPort("metrics").protocol("TCP").build()))
                        .build())
                .build());
        Map<String, Object> monitorLabels = new TreeMap<>(labels);
        monitorLabels.putAll(props.serviceMonitorLabels());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", props.name());
        metadata.put("namespace", props.namespace());
        metadata.put("labels", monitorLabels);
        Map<String, Object> matchLabels = new TreeMap<>();
        matchLabels.put("app.kubernetes.io/name", "kvrocks");
        matchLabels.put("app.kubernetes.io/instance", props.name());
        matchLabels.put("app.kubernetes.io/component", "metrics");
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("port", "http-metrics");
        endpoint.put("interval", "30s");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("selector", Map.of("matchLabels", matchLabels));
        spec.put("namespaceSelector", Map.of("matchNames", List.of(props.namespace())));
        spec.put("endpoints", List.of(endpoint));
        Map<String, Object> monitor = new LinkedHashMap<>();
        monitor.put("apiVersion", "monitoring.coreos.com/v1");
        monitor.put("kind", "ServiceMonitor");
        monitor.put("metadata", metadata);
        monitor.put("spec", spec);
        new Manifest(this, "ServiceMonitor", ManifestConfig.builder().manifest(monitor).build());
    }

    private StatefulSetV1 statefulSet(Map<String, String> labels, Map<String, String> selector, SecretV1 config,
                                      String configChecksum, ServerCertificate certificate) {
        StoreSize size = props.size();
        Map<String, String> resources = Map.of("cpu", size.cpuQuantity(), "memory", size.memoryQuantity());
        StatefulSetV1SpecTemplateSpecContainer container = StatefulSetV1SpecTemplateSpecContainer.builder()
                .name("kvrocks")
                .image(props.image())
                .imagePullPolicy("IfNotPresent")
                .command(List.of("kvrocks"))
                .args(List.of("-c", "/etc/kvrocks/config/kvrocks.conf"))
                .port(List.of(StatefulSetV1SpecTemplateSpecContainerPort.builder().name("redis-tls")
                        .containerPort(TLS_PORT).protocol("TCP").build()))
                .resources(StatefulSetV1SpecTemplateSpecContainerResources.builder()
                        .requests(resources).limits(resources).build())
                // The server must answer the protocol (NOAUTH is an answer: the probe holds no password).
                .livenessProbe(StatefulSetV1SpecTemplateSpecContainerLivenessProbe.builder()
                        .exec(StatefulSetV1SpecTemplateSpecContainerLivenessProbeExec.builder()
                                .command(PING_PROBE).build())
                        .initialDelaySeconds(20).periodSeconds(10).timeoutSeconds(5).failureThreshold(6).build())
                .readinessProbe(StatefulSetV1SpecTemplateSpecContainerReadinessProbe.builder()
                        .exec(StatefulSetV1SpecTemplateSpecContainerReadinessProbeExec.builder()
                                .command(PING_PROBE).build())
                        .initialDelaySeconds(5).periodSeconds(5).timeoutSeconds(3).build())
                .securityContext(hardened())
                .volumeMount(List.of(
                        mount("data", "/var/lib/kvrocks/data", false),
                        mount("config", "/etc/kvrocks/config", true),
                        mount("tls", "/etc/kvrocks/tls", true),
                        mount("tmp", "/tmp", false)))
                .build();
        StatefulSetV1Config.Builder builder = StatefulSetV1Config.builder()
                .metadata(StatefulSetV1Metadata.builder().name(props.name()).namespace(props.namespace())
                        .labels(labels).build())
                .spec(StatefulSetV1Spec.builder()
                        .replicas("1")
                        .serviceName(props.name() + "-headless")
                        .selector(StatefulSetV1SpecSelector.builder().matchLabels(selector).build())
                        .template(StatefulSetV1SpecTemplate.builder()
                                .metadata(StatefulSetV1SpecTemplateMetadata.builder().labels(labels)
                        .annotations(Map.of(CONFIG_CHECKSUM_ANNOTATION, configChecksum)).build())
                                .spec(StatefulSetV1SpecTemplateSpec.builder()
                                        .automountServiceAccountToken(false)
                                        .securityContext(StatefulSetV1SpecTemplateSpecSecurityContext.builder()
                                                .runAsNonRoot(true).runAsUser("999").runAsGroup("999")
                                                .fsGroup("999")
                                                .seccompProfile(
                                                        StatefulSetV1SpecTemplateSpecSecurityContextSeccompProfile
                                                                .builder().type("RuntimeDefault").build())
                                                .build())
                                        .affinity(antiAffinity(selector))
                                        .container(List.of(container, exporter()))
                                        .volume(List.of(
                                                secretVolume("config", config.getMetadata().getName()),
                                                secretVolume("tls", props.tlsSecretName()),
                                                StatefulSetV1SpecTemplateSpecVolume.builder().name("tmp")
                                                        .emptyDir(StatefulSetV1SpecTemplateSpecVolumeEmptyDir
                                                                .builder().build()).build()))
                                        .build())
                                .build())
                        .volumeClaimTemplate(List.of(StatefulSetV1SpecVolumeClaimTemplate.builder()
                                .metadata(StatefulSetV1SpecVolumeClaimTemplateMetadata.builder().name("data")
                                        .labels(labels).build())
                                .spec(StatefulSetV1SpecVolumeClaimTemplateSpec.builder()
                                        .accessModes(List.of("ReadWriteOnce"))
                                        .storageClassName(props.storageClass())
                                        .resources(StatefulSetV1SpecVolumeClaimTemplateSpecResources.builder()
                                                .requests(Map.of("storage", size.storageQuantity())).build())
                                        .build())
                                .build()))
                        .build());
        if (props.preventDestroy()) {
            builder.lifecycle(TerraformResourceLifecycle.builder().preventDestroy(true).build());
        }
        if (certificate != null) {
            builder.dependsOn(List.of(certificate.resource()));
        }
        return new StatefulSetV1(this, "Resource", builder.build());
    }

    /**
     * redis-exporter on {@value #METRICS_PORT}, reading the server on the pod's loopback plain port with the password
     * taken from the mounted configuration (never an environment value from the JSON).
     */
    private StatefulSetV1SpecTemplateSpecContainer exporter() {
        Map<String, String> resources = Map.of("cpu", "100m", "memory", "128Mi");
        return StatefulSetV1SpecTemplateSpecContainer.builder()
                .name("metrics")
                .image(props.exporterImage())
                .imagePullPolicy("IfNotPresent")
                .command(List.of("/bin/bash", "-ec", "export REDIS_PASSWORD=\"$(sed -n 's/^requirepass //p'"
                        + " /etc/kvrocks/config/kvrocks.conf)\"\nexec redis_exporter"))
                .env(List.of(
                        env("REDIS_ADDR", "redis://localhost:" + PLAIN_PORT),
                        env("REDIS_ALIAS", props.name()),
                        env("REDIS_EXPORTER_WEB_LISTEN_ADDRESS", ":" + METRICS_PORT)))
                .port(List.of(StatefulSetV1SpecTemplateSpecContainerPort.builder().name("metrics")
                        .containerPort(METRICS_PORT).protocol("TCP").build()))
                .livenessProbe(StatefulSetV1SpecTemplateSpecContainerLivenessProbe.builder()
                        .tcpSocket(List.of(StatefulSetV1SpecTemplateSpecContainerLivenessProbeTcpSocket.builder()
                                .port(String.valueOf(METRICS_PORT)).build()))
                        .initialDelaySeconds(10).periodSeconds(10).failureThreshold(5).build())
                .readinessProbe(StatefulSetV1SpecTemplateSpecContainerReadinessProbe.builder()
                        .tcpSocket(List.of(StatefulSetV1SpecTemplateSpecContainerReadinessProbeTcpSocket.builder()
                                .port(String.valueOf(METRICS_PORT)).build()))
                        .initialDelaySeconds(5).periodSeconds(10).build())
                .resources(StatefulSetV1SpecTemplateSpecContainerResources.builder()
                        .requests(resources).limits(resources).build())
                .securityContext(hardened())
                .volumeMount(List.of(mount("config", "/etc/kvrocks/config", true)))
                .build();
    }

    private static StatefulSetV1SpecTemplateSpecContainerEnv env(String name, String value) {
        return StatefulSetV1SpecTemplateSpecContainerEnv.builder().name(name).value(value).build();
    }

    /** Unprivileged, non-root, read-only root filesystem, no capabilities: every container of the pod. */
    private static StatefulSetV1SpecTemplateSpecContainerSecurityContext hardened() {
        return StatefulSetV1SpecTemplateSpecContainerSecurityContext.builder()
                .allowPrivilegeEscalation(false)
                .privileged(false)
                .readOnlyRootFilesystem(true)
                .runAsNonRoot(true)
                .capabilities(StatefulSetV1SpecTemplateSpecContainerSecurityContextCapabilities.builder()
                        .drop(List.of("ALL")).build())
                .build();
    }

    private static StatefulSetV1SpecTemplateSpecContainerVolumeMount mount(String name, String path, boolean readOnly) {
        return StatefulSetV1SpecTemplateSpecContainerVolumeMount.builder().name(name).mountPath(path)
                .readOnly(readOnly).build();
    }

    private static StatefulSetV1SpecTemplateSpecVolume secretVolume(String name, String secretName) {
        return StatefulSetV1SpecTemplateSpecVolume.builder().name(name)
                .secret(StatefulSetV1SpecTemplateSpecVolumeSecret.builder().secretName(secretName)
                        .defaultMode("0440").build())
                .build();
    }

    private static StatefulSetV1SpecTemplateSpecAffinity antiAffinity(Map<String, String> selector) {
        return StatefulSetV1SpecTemplateSpecAffinity.builder()
                .podAntiAffinity(StatefulSetV1SpecTemplateSpecAffinityPodAntiAffinity.builder()
                        .requiredDuringSchedulingIgnoredDuringExecution(List.of(
                                StatefulSetV1SpecTemplateSpecAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecution
                                        .builder()
                                        .topologyKey("kubernetes.io/hostname")
                                        .labelSelector(List.of(
                                                StatefulSetV1SpecTemplateSpecAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector
                                                        .builder().matchLabels(selector).build()))
                                        .build()))
                        .build())
                .build();
    }

    private void networkPolicy(Map<String, String> labels, Map<String, String> selector) {
        List<NetworkPolicyV1SpecIngressFrom> from = props.allowedNamespaces().stream()
                .map(ns -> NetworkPolicyV1SpecIngressFrom.builder()
                        .namespaceSelector(NetworkPolicyV1SpecIngressFromNamespaceSelector.builder()
                                .matchLabels(Map.of("kubernetes.io/metadata.name", ns)).build())
                        .build())
                .toList();
        List<NetworkPolicyV1SpecIngress> ingress = new java.util.ArrayList<>(List.of(
                NetworkPolicyV1SpecIngress.builder()
                        .from(from)
                        .ports(List.of(NetworkPolicyV1SpecIngressPorts.builder()
                                .port(String.valueOf(TLS_PORT)).protocol("TCP").build()))
                        .build(),
                NetworkPolicyV1SpecIngress.builder()
                        .from(List.of(NetworkPolicyV1SpecIngressFrom.builder()
                                .namespaceSelector(NetworkPolicyV1SpecIngressFromNamespaceSelector
                                        .builder().matchLabels(Map.of("kubernetes.io/metadata.name",
                                                props.monitoringNamespace())).build())
                                .build()))
                        .ports(List.of(NetworkPolicyV1SpecIngressPorts.builder()
                                .port(String.valueOf(METRICS_PORT)).protocol("TCP").build()))
                        .build()));
        if (props.backup() != null) {
            // The backup job's pods, in this namespace, by their labels.
            ingress.add(NetworkPolicyV1SpecIngress.builder()
                    .from(List.of(NetworkPolicyV1SpecIngressFrom.builder()
                            .podSelector(NetworkPolicyV1SpecIngressFromPodSelector.builder()
                                    .matchLabels(new TreeMap<>(WorkerStateBackup.podLabels(props.name()))).build())
                            .build()))
                    .ports(List.of(NetworkPolicyV1SpecIngressPorts.builder()
                            .port(String.valueOf(TLS_PORT)).protocol("TCP").build()))
                    .build());
        }
        new NetworkPolicyV1(this, "NetworkPolicy", NetworkPolicyV1Config.builder()
                .metadata(NetworkPolicyV1Metadata.builder().name(props.name()).namespace(props.namespace())
                        .labels(labels).build())
                .spec(NetworkPolicyV1Spec.builder()
                        .podSelector(NetworkPolicyV1SpecPodSelector.builder().matchLabels(selector).build())
                        .policyTypes(List.of("Ingress", "Egress"))
                        .ingress(ingress)
                        // One node, no replication: the pod only needs name resolution.
                        .egress(List.of(props.egress().dnsRule()))
                        .build())
                .build());
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
        return StoreMonitoringProps.builder().role(StoreRole.WORKER_STATE).namespace(props.namespace())
                .storeName(props.name()).expectedReplicas(0).cpuMillicores(props.size().cpuMillicores())
                .maxmemoryEnabled(false).aofEnabled(false).rdbEnabled(false)
                .backup(props.backup() == null ? null : StoreMonitoringProps.BackupWatch.of(props.backup(), props.name()));
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
        int memtables = ROCKSDB_COLUMN_FAMILIES * ROCKSDB_WRITE_BUFFER_MEBIBYTES * ROCKSDB_WRITE_BUFFERS;
        int budget = limit / 2 + memtables;
        return "no maxmemory and no fork (RocksDB keeps the data on the volume, " + props.size().storageQuantity()
                + ", which bounds the dataset): the " + limit + " MiB limit holds the block cache (" + limit / 2
                + " MiB, rocksdb.block_cache_size, with index and filter blocks) and up to " + memtables
                + " MiB of memtables (" + ROCKSDB_COLUMN_FAMILIES + " column families x write_buffer_size "
                + ROCKSDB_WRITE_BUFFER_MEBIBYTES + " MiB x max_write_buffer_number " + ROCKSDB_WRITE_BUFFERS + "), "
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
