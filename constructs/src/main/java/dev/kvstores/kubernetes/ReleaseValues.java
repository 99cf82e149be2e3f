package dev.kvstores.kubernetes;

import static dev.kvstores.kubernetes.BitnamiReleaseSettings.APP_USER_COMMANDS;
import static dev.kvstores.kubernetes.BitnamiReleaseSettings.BACKUP_USER_COMMANDS;
import static dev.kvstores.kubernetes.BitnamiReleaseSettings.CLUSTER_BACKUP_USER_COMMANDS;
import static dev.kvstores.kubernetes.BitnamiReleaseSettings.MONITORING_USERNAME;
import static dev.kvstores.kubernetes.BitnamiReleaseSettings.MONITORING_USER_COMMANDS;
import static dev.kvstores.kubernetes.BitnamiReleaseSettings.SENTINEL_DOWN_AFTER_MILLISECONDS;
import static dev.kvstores.kubernetes.BitnamiReleaseSettings.SENTINEL_FAILOVER_TIMEOUT_MILLISECONDS;
import static dev.kvstores.kubernetes.BitnamiReleaseSettings.SENTINEL_QUORUM;
import static dev.kvstores.kubernetes.BitnamiReleaseSettings.SERVICE_ACCOUNT_TOKEN_PATH;

import com.hashicorp.cdktf.Fn;
import com.hashicorp.cdktf.Token;
import dev.kvstores.internal.Values;
import dev.kvstores.kubernetes.BitnamiReleaseSpec.Chart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chart values of a {@link BitnamiRelease} ({@code redis} or {@code redis-cluster}): images, auth and ACL users,
 * role configuration, TLS, node groups with persistence, resources, anti-affinity and zone spread, and the objects
 * we deploy instead of the chart's (see {@link ReleaseObjects}). Passwords are not values: the release passes them
 * as sensitive values, except redis-cluster's ACL users, whose {@code user} lines carry only their SHA-256.
 */
final class ReleaseValues {

    private final BitnamiReleaseSpec spec;
    private final String clientPassword;
    private final UserPassword backupPassword;
    private final UserPassword monitoringPassword;

    /**
     * @param clientPassword     Terraform expression of the platform user's password
     * @param backupPassword     the backup user's password, or {@code null} without a backup job
     * @param monitoringPassword the exporter user's password
     */
    ReleaseValues(BitnamiReleaseSpec spec, String clientPassword, UserPassword backupPassword,
                  UserPassword monitoringPassword) {
        this.spec = spec;
        this.clientPassword = clientPassword;
        this.backupPassword = backupPassword;
        this.monitoringPassword = monitoringPassword;
    }

    /** The values of the release's chart, labelled with {@code labels}. */
    Values values(Map<String, String> labels) {
        return spec.chart() == Chart.REDIS ? redisValues(labels) : redisClusterValues(labels);
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
     * redis-cluster's ACL users (its chart has none of its own): the platform's user, the backup user and the
     * monitoring user, each a {@code user} line; the admin password stays with the {@code default} user.
     */
    private String clusterUserLines() {
        StringBuilder lines = new StringBuilder();
        if (spec.aclUsername() != null) {
            lines.append(clusterUserLine(spec.aclUsername(), clientPassword, "~* &* " + APP_USER_COMMANDS));
        }
        if (spec.backupUsername() != null) {
            lines.append(clusterBackupUserLine());
        }
        lines.append(clusterUserLine(MONITORING_USERNAME, monitoringPassword.value(),
                "resetkeys resetchannels " + MONITORING_USER_COMMANDS));
        return lines.toString();
    }

    /**
     * redis-cluster's backup user as a {@code user} line of the nodes' configuration ({@code redis.configmap} is
     * appended to {@code redis-default.conf}, which {@code redis-server} reads; the chart sets no {@code aclfile},
     * so {@code user} directives there define ACL users). The password appears only as Terraform's
     * {@code sha256()} of it ({@code #<hex>}, as Redis stores it; the redis chart's {@code users.acl} ConfigMap holds
     * the same form), marked {@code nonsensitive} so that plans still show the values' other changes.
     */
    private String clusterBackupUserLine() {
        return clusterUserLine(spec.backupUsername(), backupPassword.value(),
                "resetkeys resetchannels " + CLUSTER_BACKUP_USER_COMMANDS);
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
        volumes.add(ReleaseObjects.monitoringVolume(monitoringPassword.secretName(), monitoringPassword.key()));
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
}
