package dev.kvstores.kubernetes;

import dev.kvstores.StoreProblems;
import dev.kvstores.role.ConnectionInfo;
import dev.kvstores.role.Durability;
import dev.kvstores.role.RedisRoleConfig;
import dev.kvstores.role.RoleContract;
import dev.kvstores.role.StoreRole;
import dev.kvstores.role.StoreSpec;
import dev.kvstores.role.Topology;
import dev.kvstores.role.WorkerStateStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * Worker State Store in the platform's Kubernetes cluster: Bitnami {@code redis} with Sentinel
 * ({@link Topology#REPLICATED}, URL with {@code /0}) or {@code redis-cluster} ({@link Topology#CLUSTER}, URL
 * without a DB number).
 *
 * <p>Defaults: {@code appendonly yes}, {@code appendfsync everysec} with an RDB preamble and no RDB schedule,
 * {@code noeviction} with {@code maxmemory} at 50% of the memory limit (the rest is one fork's headroom, see
 * {@link RedisRoleConfig#workerState}); Guaranteed QoS (requests equal limits); persistent volumes on the given
 * (SSD) StorageClass sized from the preset; TLS, generated passwords, ACL user {@code suprsend-worker}
 * (Sentinel topology), NetworkPolicy, PDB, hard anti-affinity, zone spread, exporter; and
 * {@code prevent_destroy} on the release.
 *
 * <p>Child IDs: {@code Resource}.
 */
public final class BitnamiRedisWorkerStateStore extends BitnamiRedisStore implements WorkerStateStore {

    private final BitnamiRedisWorkerStateStoreProps props;
    private final BitnamiRelease release;
    private final ConnectionInfo connectionInfo;
    private final List<String> exemptions;
    private final WorkerStateBackup backup;

    public BitnamiRedisWorkerStateStore(Construct scope, String id, BitnamiRedisWorkerStateStoreProps props) {
        super(scope, id);
        this.props = props;
        String who = "worker-state store (" + backendName(props.topology()) + ")";
        StoreProblems problems = new StoreProblems(who);
        props.kubernetes().check(who, problems);
        props.serviceMonitoring().check(who, problems);
        props.bitnami().check(who, problems, props.releaseName(), props.topology() == Topology.CLUSTER);
        props.kubernetes().checkSecrets(who, problems, props.passwordSecretName());
        validateStorage(who, props, problems);
        validateTopology(who, props, problems);
        Map<String, String> workloads = new java.util.HashMap<>();
        workloads.put(props.topology() == Topology.CLUSTER ? "" : props.nodes() > 1 ? "-node" : "-master",
                "the chart's StatefulSet");
        if (props.backup() != null) {
            workloads.put("-backup", "the backup CronJob");
        }
        problems.check(() -> KubernetesNames.requireWorkloadNames(who, "releaseName", props.releaseName(),
                workloads));
        problems.throwIfAny();
        Topology effective = props.topology() == Topology.REPLICATED && props.nodes() == 1
                ? Topology.STANDALONE : props.topology();
        // The contract checks what is rendered: the role config below is what goes into the chart.
        RedisRoleConfig config = RedisRoleConfig.workerState(props.size().memoryMebibytes(), props.rdbSnapshots());
        this.exemptions = RoleContract.enforce(StoreSpec.builder(StoreRole.WORKER_STATE,
                        backendName(props.topology()))
                .topology(effective).nodes(props.nodes(), props.topology() == Topology.CLUSTER ? 6 : 3)
                .zoneSpread(props.haExemptionReason() == null).haExemptionReason(props.haExemptionReason())
                .tlsEnabled(true).authEnabled(true).privateNetworking(true)
                .evictionPolicy(config.evictionPolicy()).durability(config.durability()).build());

        boolean cluster = props.topology() == Topology.CLUSTER;
        this.release = new BitnamiRelease(this, "Resource", BitnamiReleaseSpec.builder()
                .role(StoreRole.WORKER_STATE)
                .chart(cluster ? BitnamiReleaseSpec.Chart.REDIS_CLUSTER : BitnamiReleaseSpec.Chart.REDIS)
                .basics(props.basics())
                .kubernetes(props.kubernetes())
                .serviceMonitoring(props.serviceMonitoring())
                .bitnami(props.bitnami())
                .workerState(props.workerState())
                .sentinel(!cluster && props.nodes() > 1)
                .redisConfig(config)
                .build());
        String service = cluster ? props.releaseName() : props.releaseName() + "-master";
        this.connectionInfo = new ConnectionInfo(release.serviceHost(service), BitnamiReleaseSettings.REDIS_PORT, true,
                props.aclUsername(), release.clientPassword(), release.caCertificate(), cluster);
        this.backup = props.backup() == null ? null : new WorkerStateBackup(this, "Backup", props.backup(),
                backupSource(cluster, effective));
    }

    /** The store as its backup job sees it: every data pod by its DNS name, the backup user and its Secret. */
    private BackupSource backupSource(boolean cluster, Topology effective) {
        String release = props.releaseName();
        String headless = "." + release + "-headless." + props.namespace() + ".svc.cluster.local";
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < props.nodes(); i++) {
            hosts.add(cluster ? release + "-" + i + headless
                    : effective == Topology.STANDALONE ? release + "-master-0" + headless
                    : release + "-node-" + i + headless);
        }
        Map<String, String> selector = new LinkedHashMap<>();
        selector.put("app.kubernetes.io/instance", release);
        selector.put("app.kubernetes.io/name", cluster ? "redis-cluster" : "redis");
        // The RDB and its encrypted copy can each be as large as the dataset (at most the memory limit).
        int scratch = 2 * props.size().memoryMebibytes() + 1024;
        return BackupSource.builder()
                .store(props)
                .method(cluster ? BackupMethod.CLUSTER_SHARDS : BackupMethod.RDB_SNAPSHOT)
                .hosts(List.copyOf(new LinkedHashSet<>(hosts)))
                .port(BitnamiReleaseSettings.REDIS_PORT)
                .username(BitnamiRedisWorkerStateStoreProps.BACKUP_USERNAME)
                .password(this.release.backupPasswordSecret(), this.release.backupPasswordKey())
                .caSecretName(this.release.certificateSecretName())
                .storePodSelector(selector)
                .scratchMebibytes(scratch)
                .build();
    }

    /**
     * Worker-state role; replicas = one per primary (redis-cluster: nodes / 2) or nodes - 1 (Sentinel); CPU of one
     * node; {@code maxmemory} and AOF on; RDB as {@code rdbSnapshots}.
     */
    @Override
    public StoreMonitoringProps.Builder monitoring() {
        boolean cluster = props.topology() == Topology.CLUSTER;
        return StoreMonitoringProps.of(StoreRole.WORKER_STATE, props)
                .expectedReplicas(cluster ? props.nodes() / 2 : props.nodes() - 1)
                .aofEnabled(true).rdbEnabled(props.rdbSnapshots())
                .memoryLimitMebibytes(props.size().memoryMebibytes())
                .backupOf(props);
    }

    /** The backup job, or {@code null} when the props carry no backup. */
    public WorkerStateBackup backup() {
        return backup;
    }

    private static String backendName(Topology topology) {
        return topology == Topology.CLUSTER ? "bitnami-redis-cluster" : "bitnami-redis";
    }

    private static void validateStorage(String who, BitnamiRedisWorkerStateStoreProps props, StoreProblems problems) {
        props.workerState().check(who, problems);
        if (props.size().storageGibibytes() < 1) {
            problems.add("WorkerStorage", who + ": storage must be at least 1 GiB, got "
                    + props.size().storageGibibytes() + " GiB; the seed sizes Redis worker state at 50-200 GiB SSD");
        }
    }

    private static void validateTopology(String who, BitnamiRedisWorkerStateStoreProps props, StoreProblems problems) {
        if (props.topology() == Topology.STANDALONE) {
            problems.add("Topology", who + ": topology must be REPLICATED or CLUSTER, got"
                    + " STANDALONE; a single node is REPLICATED with nodes 1 and a high-availability exemption");
        }
        if (props.topology() == Topology.CLUSTER && (props.nodes() < 6 || props.nodes() % 2 != 0)) {
            problems.add("ClusterNodes", who + ": a Redis Cluster needs an even number of nodes,"
                    + " at least 6 (3 primaries with 1 replica each), got " + props.nodes());
        }
        if (props.topology() == Topology.CLUSTER && props.haExemptionReason() != null) {
            problems.add("ClusterExemption", who + ": a Redis Cluster is highly available by"
                    + " construction; remove the high-availability exemption");
        }
    }

    @Override
    public ConnectionInfo connectionInfo() {
        return connectionInfo;
    }

    @Override
    public Topology topology() {
        return props.topology();
    }

    @Override
    public Durability durability() {
        return Durability.AOF_EVERYSEC;
    }

    /** The AOF, and with a backup its schedule, destination, key, retention and recovery point. */
    @Override
    public String durabilityDescription() {
        return durability().description() + (backup == null ? "" : "; " + backup.describe());
    }

    @Override
    public String memoryHeadroom() {
        return props.size().headroomDescription(StoreRole.WORKER_STATE);
    }

    @Override
    public String description() {
        String chart = props.topology() == Topology.CLUSTER ? "bitnami/redis-cluster " : "bitnami/redis ";
        String shape = props.topology() == Topology.CLUSTER ? "Redis Cluster, "
                : props.nodes() > 1 ? "Sentinel, " : "standalone, ";
        return chart + props.chartVersion() + " in namespace " + props.namespace() + ", " + shape + props.nodes()
                + " node(s) of " + props.size().cpuQuantity() + " CPU / " + props.size().memoryQuantity() + " / "
                + props.size().storageQuantity() + " on StorageClass " + props.storageClass() + ", noeviction";
    }

    @Override
    public List<String> exemptions() {
        return exemptions;
    }

    @Override
    BitnamiRelease chartRelease() {
        return release;
    }
}
