package dev.kvstores.internal;

import com.hashicorp.cdktf.Fn;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.helm.release.Release;
import com.hashicorp.cdktf.providers.helm.release.ReleaseConfig;
import com.hashicorp.cdktf.providers.helm.release.ReleaseSetSensitive;
import com.hashicorp.cdktf.providers.kubernetes.data_kubernetes_secret_v1.DataKubernetesSecretV1;
import com.hashicorp.cdktf.providers.kubernetes.data_kubernetes_secret_v1.DataKubernetesSecretV1Config;
import com.hashicorp.cdktf.providers.kubernetes.data_kubernetes_secret_v1.DataKubernetesSecretV1Metadata;
import dev.kvstores.kubernetes.BitnamiImages;
import dev.kvstores.kubernetes.CertificateIssuer;
import dev.kvstores.kubernetes.ClusterEgress;
import dev.kvstores.kubernetes.StoreNamespace;
import dev.kvstores.kubernetes.WorkerStateBackup;
import com.hashicorp.cdktf.providers.kubernetes.secret_v1.SecretV1;
import com.hashicorp.cdktf.providers.kubernetes.secret_v1.SecretV1Config;
import com.hashicorp.cdktf.providers.kubernetes.secret_v1.SecretV1Metadata;
import com.hashicorp.cdktf.providers.random_provider.password.Password;
import com.hashicorp.cdktf.providers.random_provider.password.PasswordConfig;
import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.RedisRoleConfig;
import dev.kvstores.role.StoreRole;
import dev.kvstores.role.StoreSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * One Bitnami {@code redis} or {@code redis-cluster} Helm release with its namespace (Pod Security
 * {@code restricted}), passwords passed as sensitive values (a changed password upgrades the release and rolls
 * the pods), TLS (optionally a cert-manager certificate), NetworkPolicies admitting only the allowed namespaces
 * on Redis and only the monitoring namespace on the exporter, egress limited to the release's pods, DNS and the
 * Kubernetes API, the redis-exporter, PDB, anti-affinity and zone spread. Shared by the in-cluster Redis
 * backends. Internal: not part of the public API.
 *
 * <p>Children: {@code Namespace} (unless adopted), {@code Certificate} (with an issuer), {@code Passwords},
 * {@code Release} (the {@code helm_release}), {@code CaCertificate} (data source reading the CA of the server
 * certificate after install).
 */
public final class BitnamiRelease extends Construct {

    /** Label on every object of a store, naming its role; read by the policy rules. */
    public static final String ROLE_LABEL = StoreRole.LABEL_KEY;
    /** Port the charts serve Redis on (TLS-only when TLS is on). */
    public static final int REDIS_PORT = 6379;
    /** Port of the charts' redis-exporter sidecar. */
    public static final int METRICS_PORT = 9121;
    /** Sentinel: a primary unreachable this long is down (chart default 60000). */
    public static final int SENTINEL_DOWN_AFTER_MILLISECONDS = 5000;
    /** Sentinel: time a failover may take before another is tried (chart default 180000). */
    public static final int SENTINEL_FAILOVER_TIMEOUT_MILLISECONDS = 20000;
    /** Sentinel: sentinels that must agree the primary is down (of 3 with the default 3 nodes). */
    public static final int SENTINEL_QUORUM = 2;
    /** Where Kubernetes mounts a pod's service-account token; an empty volume there hides the token. */
    static final String SERVICE_ACCOUNT_TOKEN_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

    /** Chart flavours. */
    public enum Chart { REDIS, REDIS_CLUSTER }

    /**
     * What to release.
     *
     * @param passwordSecretName existing Secret with the passwords, or {@code null} to generate them
     * @param zoneSpread hard anti-affinity by node and topology spread across zones (false only when exempted)
     * @param serviceMonitorLabels labels on the chart's ServiceMonitor (the Prometheus' serviceMonitorSelector)
     * @param monitoringNamespace the only namespace admitted to the exporter's port
     * @param createNamespace create the namespace (else it must exist)
     * @param tlsIssuer cert-manager issuer of the server certificate, or {@code null}
     * @param backupUsername the backup job's ACL user ({@code redis}: an {@code auth.acl.users} entry;
     *                       redis-cluster, whose chart has no ACL users: a {@code user} line in
     *                       {@code redis.configmap}); {@code null}: no backup job
     * @param rotation staged rotation of the ACL user's password, or {@code null} (validated by the store)
     * @param egress where the pods may connect besides the release's own pods (DNS pods, API server CIDRs)
     */
    public record Spec(
            StoreRole role,
            Chart chart,
            String namespace,
            String releaseName,
            String chartRepository,
            String chartVersion,
            BitnamiImages images,
            int nodes,
            boolean sentinel,
            StoreSize size,
            RedisRoleConfig redisConfig,
            String storageClass,
            String aclUsername,
            String tlsSecretName,
            String passwordSecretName,
            boolean serviceMonitorEnabled,
            Map<String, String> serviceMonitorLabels,
            List<String> allowedNamespaces,
            boolean zoneSpread,
            boolean preventDestroy,
            String monitoringNamespace,
            boolean createNamespace,
            CertificateIssuer tlsIssuer,
            String backupUsername,
            CredentialRotation rotation,
            ClusterEgress egress) {

        /** The Secret holding the server certificate: the given one, the issuer's, or the chart's own. */
        String certificateSecret() {
            if (tlsSecretName != null) {
                return tlsSecretName;
            }
            return tlsIssuer != null ? releaseName + "-tls" : releaseName + "-crt";
        }
    }

    /**
     * ACL rule of the backup user: {@code redis-cli --rdb} needs {@code REPLCONF} and {@code SYNC}/{@code PSYNC};
     * the script asks {@code ROLE} to pick a replica; {@code PING} for checks. No key or channel.
     */
    public static final String BACKUP_USER_COMMANDS = "-@all +replconf +sync +psync +ping +role";
    /** The same for redis-cluster, plus {@code CLUSTER NODES} to find every primary and its replicas. */
    public static final String CLUSTER_BACKUP_USER_COMMANDS = BACKUP_USER_COMMANDS + " +cluster|nodes";
    /**
     * ACL rule of the platform's user (keys {@code ~*}, channels {@code &*}): every command but {@code @admin} and
     * {@code @dangerous}, plus {@code INFO}, which client libraries send to learn the server's version and role
     * (ioredis' ready check, BullMQ's version and eviction-policy check) and which holds no secret. What this
     * keeps and drops, and why: docs/platform-kubernetes.md, "Credentials and ACL users".
     */
    public static final String APP_USER_COMMANDS = "+@all -@admin -@dangerous +info";
    /** ACL user the exporter sidecar connects as. */
    public static final String MONITORING_USERNAME = "kvstores-monitor";
    /**
     * ACL rule of the monitoring user: what the pinned redis_exporter sends on a scrape without key or stream
     * checks ({@code PING}, {@code CLIENT SETNAME}, {@code INFO}, {@code CLUSTER INFO}, {@code LATENCY LATEST} and
     * {@code HISTOGRAM}, {@code SLOWLOG LEN} and {@code GET}); no key, no channel. Not {@code CONFIG GET}: it would
     * print {@code masterauth} and {@code requirepass}, i.e. the admin password.
     */
    public static final String MONITORING_USER_COMMANDS = "-@all +ping +client|setname +info +cluster|info"
            + " +latency|latest +latency|histogram +slowlog|len +slowlog|get";
    /** Port of the Sentinels. */
    public static final int SENTINEL_PORT = 26379;
    /** Key of the backup user's password in the Secret this release writes ({@link #backupPasswordSecret()}). */
    public static final String BACKUP_PASSWORD_KEY = "password";

    private final Spec spec;
    private final StorePasswords passwords;
    private String backupPassword;
    private String backupPasswordSecret;
    private String backupPasswordKey;
    private String monitoringPassword;
    private String monitoringPasswordSecret;
    private String monitoringPasswordKey;
    private final Release release;
    private final String caCertificate;

    public BitnamiRelease(Construct scope, String id, Spec spec) {
        super(scope, id);
        this.spec = spec;
        Map<String, String> labels = labels(spec);
        this.passwords = new StorePasswords(this, "Passwords", spec.namespace(), spec.aclUsername(),
                spec.passwordSecretName(), spec.rotation());
        if (spec.backupUsername() != null) {
            backupPassword(labels);
        }
        monitoringPassword(labels);
        Values values = spec.chart() == Chart.REDIS ? redisValues(labels) : redisClusterValues(labels);

        ReleaseConfig.Builder config = ReleaseConfig.builder()
                .name(spec.releaseName())
                .namespace(spec.namespace())
                .repository(spec.chartRepository())
                .chart(spec.chart() == Chart.REDIS ? "redis" : "redis-cluster")
                .version(spec.chartVersion())
                .values(List.of(values.toYaml()))
                .setSensitive(sensitiveValues())
                .atomic(true)
                .cleanupOnFail(true)
                .timeout(900);
        if (spec.preventDestroy()) {
            config.lifecycle(TerraformResourceLifecycle.builder().preventDestroy(true).build());
        }
        if (spec.tlsIssuer() != null) {
            ServerCertificate certificate = new ServerCertificate(this, "Certificate", spec.namespace(),
                    spec.certificateSecret(), spec.tlsIssuer(), certificateNames(), labels);
            config.dependsOn(List.of(certificate.resource()));
        }
        this.release = new Release(this, "Release", config.build());

        DataKubernetesSecretV1 ca = new DataKubernetesSecretV1(this, "CaCertificate",
                DataKubernetesSecretV1Config.builder()
                        .metadata(DataKubernetesSecretV1Metadata.builder()
                                .name(spec.certificateSecret()).namespace(spec.namespace()).build())
                        .dependsOn(List.of(release))
                        .build());
        this.caCertificate = Token.asString(Fn.lookup(ca.getData(), "ca.crt", ""));
        if (spec.createNamespace()) {
            new StoreNamespace(this, "Namespace", spec.namespace(), labels).precede(this);
        }
    }

    /**
     * Passwords as {@code set_sensitive} values: the chart writes the admin password into its own Secret and the
     * ACL users' SHA-256 into {@code users.acl}; both are checksummed into the pod templates, so a new password
     * upgrades the release and rolls the pods.
     */
    private List<ReleaseSetSensitive> sensitiveValues() {
        List<ReleaseSetSensitive> values = new ArrayList<>();
        values.add(ReleaseSetSensitive.builder()
                .name(spec.chart() == Chart.REDIS ? "auth.password" : "password")
                .value(passwords.adminPassword()).type("string").build());
        int user = 0;
        if (spec.chart() == Chart.REDIS && spec.aclUsername() != null) {
            if (passwords.previousClientPassword() != null) {
                // Rotation, phase add: the chart renders one #<sha256> per user, but its commands field is free
                // text, and a #<sha256> there is one more valid ACL rule: the user accepts both passwords. The
                // hash is Terraform's sha256() of the previous generation, never a literal.
                values.add(ReleaseSetSensitive.builder().name("auth.acl.users[" + user + "].commands")
                        .value(APP_USER_COMMANDS + " #" + Fn.sha256(passwords.previousClientPassword()))
                        .type("string").build());
            }
            values.add(ReleaseSetSensitive.builder().name("auth.acl.users[" + user++ + "].password")
                    .value(passwords.clientPassword()).type("string").build());
        }
        if (spec.chart() == Chart.REDIS && spec.backupUsername() != null) {
            values.add(ReleaseSetSensitive.builder().name("auth.acl.users[" + user++ + "].password")
                    .value(backupPassword).type("string").build());
        }
        if (spec.chart() == Chart.REDIS) {
            // Last in the list, so the backup user keeps its index.
            values.add(ReleaseSetSensitive.builder().name("auth.acl.users[" + user + "].password")
                    .value(monitoringPassword).type("string").build());
        }
        return values;
    }

    /**
     * The backup user's password and the Secret the backup job reads it from: generated ({@code BackupPassword})
     * into a Secret {@code <release>-backup-password} written here ({@code BackupPasswordSecret}), or, with
     * {@code passwordSecretName}, the key named after the user in that Secret. Only the backup job mounts it.
     */
    private void backupPassword(Map<String, String> labels) {
        if (spec.passwordSecretName() != null) {
            DataKubernetesSecretV1 existing = new DataKubernetesSecretV1(this, "BackupPasswordSource",
                    DataKubernetesSecretV1Config.builder().metadata(DataKubernetesSecretV1Metadata.builder()
                            .name(spec.passwordSecretName()).namespace(spec.namespace()).build()).build());
            backupPassword = Token.asString(Fn.lookup(existing.getData(), spec.backupUsername()));
            backupPasswordSecret = spec.passwordSecretName();
            backupPasswordKey = spec.backupUsername();
        } else {
            backupPassword = new Password(this, "BackupPassword",
                    PasswordConfig.builder().length(32).special(false).build()).getResult();
            backupPasswordSecret = spec.releaseName() + "-backup-password";
            backupPasswordKey = BACKUP_PASSWORD_KEY;
            new SecretV1(this, "BackupPasswordSecret", SecretV1Config.builder()
                    .metadata(SecretV1Metadata.builder().name(backupPasswordSecret).namespace(spec.namespace())
                            .labels(labels).build())
                    .data(Map.of(BACKUP_PASSWORD_KEY, backupPassword))
                    .build());
        }
    }

    /**
     * The monitoring user's password and the Secret the exporter sidecar mounts: generated
     * ({@code MonitoringPassword}) into a Secret {@code <release>-monitoring-password} ({@code MonitoringPasswordSecret}),
     * or, with {@code passwordSecretName}, the key {@value #MONITORING_USERNAME} of that Secret.
     */
    private void monitoringPassword(Map<String, String> labels) {
        if (spec.passwordSecretName() != null) {
            DataKubernetesSecretV1 existing = new DataKubernetesSecretV1(this, "MonitoringPasswordSource",
                    DataKubernetesSecretV1Config.builder().metadata(DataKubernetesSecretV1Metadata.builder()
                            .name(spec.passwordSecretName()).namespace(spec.namespace()).build()).build());
            monitoringPassword = Token.asString(Fn.lookup(existing.getData(), MONITORING_USERNAME));
            monitoringPasswordSecret = spec.passwordSecretName();
            monitoringPasswordKey = MONITORING_USERNAME;
        } else {
            monitoringPassword = new Password(this, "MonitoringPassword",
                    PasswordConfig.builder().length(32).special(false).build()).getResult();
            monitoringPasswordSecret = spec.releaseName() + "-monitoring-password";
            monitoringPasswordKey = BACKUP_PASSWORD_KEY;
            new SecretV1(this, "MonitoringPasswordSecret", SecretV1Config.builder()
                    .metadata(SecretV1Metadata.builder().name(monitoringPasswordSecret).namespace(spec.namespace())
                            .labels(labels).build())
                    .data(Map.of(BACKUP_PASSWORD_KEY, monitoringPassword))
                    .build());
        }
    }

    /**
     * A {@code user} line of redis-cluster's configuration (see {@link #clusterBackupUserLine()}): the password only
     * as Terraform's {@code sha256()} of it.
     */
    private static String clusterUserLine(String username, String password, String rules) {
        return "user " + username + " on #" + Token.asString(Fn.nonsensitive(Fn.sha256(password))) + " " + rules
                + "\n";
    }

    /**
     * redis-cluster's backup user as a {@code user} line of the nodes' configuration ({@code redis.configmap} is
     * appended to {@code redis-default.conf}, which {@code redis-server} reads; the chart sets no {@code aclfile},
     * so {@code user} directives there define ACL users). The password appears only as Terraform's
     * {@code sha256()} of it ({@code #<hex>}, as Redis stores it; the redis chart's {@code users.acl} ConfigMap holds
     * the same form), marked {@code nonsensitive} so that plans still show the values' other changes.
     */
    /**
     * redis-cluster's ACL users (its chart has none of its own): the platform's user, the backup user and the
     * monitoring user, each a {@code user} line; the admin password stays with the {@code default} user.
     */
    private String clusterUserLines() {
        StringBuilder lines = new StringBuilder();
        if (spec.aclUsername() != null) {
            lines.append(clusterUserLine(spec.aclUsername(), passwords.clientPassword(), "~* &* " + APP_USER_COMMANDS));
        }
        if (spec.backupUsername() != null) {
            lines.append(clusterBackupUserLine());
        }
        lines.append(clusterUserLine(MONITORING_USERNAME, monitoringPassword,
                "resetkeys resetchannels " + MONITORING_USER_COMMANDS));
        return lines.toString();
    }

    private String clusterBackupUserLine() {
        return clusterUserLine(spec.backupUsername(), backupPassword,
                "resetkeys resetchannels " + CLUSTER_BACKUP_USER_COMMANDS);
    }

    /**
     * What the chart's own service identities may do in the cluster beyond serving data, for the report: with
     * Sentinel, the chart's Role (list and patch on every pod of the namespace) that kvstores cannot narrow.
     */
    public List<String> clusterAccessNotes() {
        if (!(spec.chart() == Chart.REDIS && spec.sentinel() && spec.nodes() > 1)) {
            return List.of();
        }
        return List.of("Kubernetes API: the ServiceAccount of release " + spec.releaseName() + " may list and patch"
                + " every pod of namespace " + spec.namespace() + " (the chart's Role; not narrowed to the release's"
                + " pods: the chart needs rbac.create for its -master Service, and a Role of ours could only add"
                + " rights); only the kubectl-shared sidecar mounts its token, its egress reaches only"
                + " network.apiServerCidrs; keep this namespace to this release (docs/platform-kubernetes.md)");
    }

    /** The names the server certificate must cover (see {@link CertificateNames}). */
    public CertificateNames certificateNames() {
        String release = spec.releaseName();
        List<String> services = spec.chart() == Chart.REDIS
                ? List.of(release + "-master", release)
                : List.of(release);
        return CertificateNames.of(spec.namespace(), release + "-headless", services);
    }

    private static Map<String, String> labels(Spec spec) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/part-of", "suprsend");
        labels.put("app.kubernetes.io/managed-by-tool", "kvstores");
        labels.put(ROLE_LABEL, spec.role().label());
        return labels;
    }

    private Values common(Map<String, String> labels, String imageName, String imageTag) {
        BitnamiImages images = spec.images();
        Values v = new Values()
                .put("fullnameOverride", spec.releaseName())
                .put("commonLabels", labels);
        if (images.needsInsecureImagesFlag()) {
            v.put("global.security.allowInsecureImages", true);
        }
        v.put("image", image(imageName, imageTag));
        return v;
    }

    /** The chart's image value of {@code name}; with a digest, the chart pulls by digest (it wins over the tag). */
    private Map<String, Object> image(String name, String tag) {
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("registry", spec.images().registry());
        image.put("repository", spec.images().repositoryPrefix() + "/" + name);
        image.put("tag", tag);
        String digest = spec.images().pin(name).digest();
        if (digest != null) {
            image.put("digest", digest);
        }
        return image;
    }

    private Values redisValues(Map<String, String> labels) {
        BitnamiImages images = spec.images();
        Values v = common(labels, "redis", images.redisTag());
        boolean replicated = spec.nodes() > 1;
        v.put("architecture", replicated ? "replication" : "standalone");
        v.put("auth.enabled", true)
                .put("auth.sentinel", true)
                .put("auth.usePasswordFiles", true);
        List<Map<String, Object>> users = new ArrayList<>();
        if (spec.aclUsername() != null) {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("username", spec.aclUsername());
            user.put("enabled", "on");
            user.put("keys", "~*");
            user.put("channels", "&*");
            user.put("commands", APP_USER_COMMANDS);
            // The password comes as a sensitive value (auth.acl.users[0].password), not through lookup.
            users.add(user);
        }
        if (spec.backupUsername() != null) {
            users.add(backupUser());
        }
        users.add(aclUser(MONITORING_USERNAME, MONITORING_USER_COMMANDS));
        v.put("auth.acl.enabled", true)
                .put("auth.acl.sentinel", false)
                .put("auth.acl.users", users);
        v.put("commonConfiguration", spec.redisConfig().toRedisConf());
        tls(v);

        Map<String, Object> persistence = persistence();
        if (spec.sentinel() && replicated) {
            v.put("replica.replicaCount", spec.nodes());
            nodeGroup(v, "replica", persistence, "node");
            // Only the kubectl-shared sidecar (moves the -master Service to the new primary) needs the token:
            // an empty volume at the token's path hides it from the other containers.
            Map<String, Object> hideToken = new LinkedHashMap<>();
            hideToken.put("name", "no-service-account-token");
            hideToken.put("mountPath", SERVICE_ACCOUNT_TOKEN_PATH);
            hideToken.put("readOnly", true);
            v.put("replica.automountServiceAccountToken", true)
                    .put("replica.extraVolumeMounts", List.of(hideToken))
                    .put("sentinel.extraVolumeMounts", List.of(hideToken))
                    .put("sentinel.enabled", true)
                    .put("sentinel.image", image("redis-sentinel", images.sentinelTag()))
                    .put("sentinel.quorum", SENTINEL_QUORUM)
                    .put("sentinel.downAfterMilliseconds", SENTINEL_DOWN_AFTER_MILLISECONDS)
                    .put("sentinel.failoverTimeout", SENTINEL_FAILOVER_TIMEOUT_MILLISECONDS)
                    .put("sentinel.parallelSyncs", 1)
                    .put("sentinel.masterService.enabled", true)
                    .put("sentinel.resources", resources(250, 256))
                    .put("kubectl.resources", resources(100, 128))
                    .put("rbac.create", true)
                    .put("serviceAccount.create", true);
        } else {
            nodeGroup(v, "master", persistence, "master");
            if (replicated) {
                v.put("replica.replicaCount", spec.nodes() - 1);
                nodeGroup(v, "replica", persistence, "replica");
            }
        }
        extras(v, labels, replicated && spec.sentinel() ? List.of("replica")
                : replicated ? List.of("master", "replica") : List.of("master"));
        v.put("kubectl.image", image("kubectl", images.kubectlTag()))
                .put("volumePermissions.image", image("os-shell", images.osShellTag()))
                .put("sysctl.image", image("os-shell", images.osShellTag()));
        return v;
    }

    /** The backup job's user: replication commands only, no keys, no channels (password: a sensitive value). */
    private Map<String, Object> backupUser() {
        return aclUser(spec.backupUsername(), BACKUP_USER_COMMANDS);
    }

    /** An ACL user without keys or channels (password: a sensitive value). */
    private static Map<String, Object> aclUser(String username, String commands) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", username);
        user.put("enabled", "on");
        user.put("keys", "resetkeys");
        user.put("channels", "resetchannels");
        user.put("commands", commands);
        return user;
    }

    private Values redisClusterValues(Map<String, String> labels) {
        Values v = common(labels, "redis-cluster", spec.images().redisClusterTag());
        v.put("usePassword", true)
                .put("usePasswordFiles", true);
        tls(v);
        // Redirects (MOVED, CLUSTER SLOTS/SHARDS) name each pod by its DNS name, which the certificate covers,
        // instead of its IP, which no certificate can: Kubernetes expands $(POD_NAME) from the env above it.
        Map<String, Object> announce = new LinkedHashMap<>();
        announce.put("name", "REDIS_CLUSTER_ANNOUNCE_HOSTNAME");
        announce.put("value", "$(POD_NAME)." + spec.releaseName() + "-headless." + spec.namespace()
                + ".svc.cluster.local");
        Map<String, Object> preferred = new LinkedHashMap<>();
        preferred.put("name", "REDIS_CLUSTER_PREFERRED_ENDPOINT_TYPE");
        preferred.put("value", "hostname");
        v.put("cluster.nodes", spec.nodes())
                .put("cluster.replicas", 1)
                .put("redis.configmap", spec.redisConfig().toRedisConf() + "cluster-preferred-endpoint-type hostname\n"
                        + clusterUserLines())
                .put("redis.extraEnvVars", List.of(announce, preferred))
                .put("redis.resources", resources(spec.size().cpuMillicores(), spec.size().memoryMebibytes()))
                .put("redis.podAntiAffinityPreset", spec.zoneSpread() ? "hard" : "soft");
        if (spec.zoneSpread()) {
            v.put("redis.topologySpreadConstraints", zoneSpread("redis-cluster"));
        }
        v.put("persistence", persistence());
        v.put("pdb.create", true).put("pdb.maxUnavailable", 1);
        extras(v, labels, List.of("redis"));
        v.put("volumePermissions.image", image("os-shell", spec.images().osShellTag()));
        return v;
    }

    private void tls(Values v) {
        v.put("tls.enabled", true).put("tls.authClients", false);
        if (spec.tlsSecretName() != null || spec.tlsIssuer() != null) {
            v.put("tls.autoGenerated", false)
                    .put("tls.existingSecret", spec.certificateSecret())
                    .put("tls.certFilename", "tls.crt")
                    .put("tls.certKeyFilename", "tls.key")
                    .put("tls.certCAFilename", "ca.crt");
        } else {
            v.put("tls.autoGenerated", true);
        }
    }

    private Map<String, Object> persistence() {
        Map<String, Object> persistence = new LinkedHashMap<>();
        boolean enabled = spec.storageClass() != null;
        persistence.put("enabled", enabled);
        if (enabled) {
            persistence.put("storageClass", spec.storageClass());
            persistence.put("size", spec.size().storageQuantity());
        }
        return persistence;
    }

    private void nodeGroup(Values v, String group, Map<String, Object> persistence, String component) {
        v.put(group + ".persistence", persistence)
                .put(group + ".resources", resources(spec.size().cpuMillicores(), spec.size().memoryMebibytes()))
                .put(group + ".podAntiAffinityPreset", spec.zoneSpread() ? "hard" : "soft")
                .put(group + ".pdb.create", true)
                .put(group + ".pdb.maxUnavailable", 1);
        if (spec.zoneSpread()) {
            v.put(group + ".topologySpreadConstraints", zoneSpread("redis", component));
        }
    }

    private List<Map<String, Object>> zoneSpread(String chartName, String... component) {
        Map<String, Object> matchLabels = new LinkedHashMap<>();
        matchLabels.put("app.kubernetes.io/instance", spec.releaseName());
        matchLabels.put("app.kubernetes.io/name", chartName);
        if (component.length > 0) {
            matchLabels.put("app.kubernetes.io/component", component[0]);
        }
        Map<String, Object> constraint = new LinkedHashMap<>();
        constraint.put("maxSkew", 1);
        constraint.put("topologyKey", "topology.kubernetes.io/zone");
        constraint.put("whenUnsatisfiable", "DoNotSchedule");
        constraint.put("labelSelector", Map.of("matchLabels", matchLabels));
        return List.of(constraint);
    }

    private static Map<String, Object> resources(int cpuMillicores, int memoryMebibytes) {
        Map<String, Object> quantities = new LinkedHashMap<>();
        quantities.put("cpu", cpuMillicores + "m");
        quantities.put("memory", memoryMebibytes + "Mi");
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("requests", quantities);
        resources.put("limits", quantities);
        return resources;
    }

    /**
     * What the release gets from us instead of the chart (see {@link ReleaseObjects}): the chart's NetworkPolicy and
     * exporter are off; our NetworkPolicies, the exporter sidecar of every data pod (with the monitoring password's
     * volume and, where the token is hidden, its empty volume), the metrics Service and the ServiceMonitor come
     * through {@code extraDeploy} and the pod groups' {@code sidecars} / {@code extraVolumes}.
     */
    private void extras(Values v, Map<String, String> labels, List<String> podGroups) {
        boolean hideToken = spec.sentinel();
        Map<String, Object> exporter = ReleaseObjects.exporterSidecar(spec,
                image("redis-exporter", spec.images().exporterTag()), hideToken);
        List<Map<String, Object>> volumes = new ArrayList<>();
        if (hideToken) {
            Map<String, Object> emptyVolume = new LinkedHashMap<>();
            emptyVolume.put("name", "no-service-account-token");
            emptyVolume.put("emptyDir", Map.of("sizeLimit", "1Mi"));
            volumes.add(emptyVolume);
        }
        volumes.add(ReleaseObjects.monitoringVolume(monitoringPasswordSecret, monitoringPasswordKey));
        for (String group : podGroups) {
            v.put(group + ".sidecars", List.of(exporter)).put(group + ".extraVolumes", volumes);
        }
        List<Map<String, Object>> objects = new ArrayList<>(ReleaseObjects.networkPolicies(spec, labels));
        objects.add(ReleaseObjects.metricsService(spec, labels));
        if (spec.serviceMonitorEnabled()) {
            objects.add(ReleaseObjects.serviceMonitor(spec, labels));
        }
        v.put("networkPolicy.enabled", false)
                .put("metrics.enabled", false)
                .put("extraDeploy", objects);
    }

    /** The {@code helm_release}. */
    public Release release() {
        return release;
    }

    /** Terraform expression of the previous password still accepted (rotation phase add), or {@code null}. */
    public String previousClientPassword() {
        return passwords.previousClientPassword();
    }

    /** Terraform expression of the password clients use. */
    public String clientPassword() {
        return passwords.clientPassword();
    }

    /** Secret the backup job reads its password from, or {@code null} without a backup. */
    public String backupPasswordSecret() {
        return backupPasswordSecret;
    }

    /** Key of the backup password in {@link #backupPasswordSecret()}. */
    public String backupPasswordKey() {
        return backupPasswordKey;
    }

    /** The Secret holding the server certificate and its {@code ca.crt}. */
    public String certificateSecretName() {
        return spec.certificateSecret();
    }

    /** Terraform expression of the PEM CA that signed the server certificate. */
    public String caCertificate() {
        return caCertificate;
    }

    /** In-cluster DNS name of a Service of this release. */
    public String serviceHost(String serviceName) {
        return serviceName + "." + spec.namespace() + ".svc.cluster.local";
    }
}
