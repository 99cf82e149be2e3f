package dev.kvstores.aws;

import dev.kvstores.StoreProblems;
import dev.kvstores.exemption.PolicyExemption;
import dev.kvstores.role.Durability;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.RoleContract;
import dev.kvstores.role.StoreRole;
import dev.kvstores.role.StoreSpec;
import dev.kvstores.role.Topology;
import dev.kvstores.role.WorkerStateStore;
import java.util.ArrayList;
import java.util.List;
import software.constructs.Construct;

/**
 * Worker State Store on Amazon ElastiCache: a replication group with {@code noeviction} and daily snapshots.
 *
 * <p><b>ElastiCache has no AOF</b> (append-only files are not offered for Redis 7 / Valkey): durability comes
 * from replicas in other Availability Zones plus daily snapshots, so losing every node loses the writes since
 * the last snapshot. Use {@link MemoryDbWorkerStateStore} when every acknowledged write must survive.
 *
 * <p>Defaults: Redis OSS 7.1, 3 nodes ({@code cache.r7g.large}) with Multi-AZ and automatic failover, cluster
 * mode disabled (URL with {@code /0}); parameter group with {@code maxmemory-policy noeviction},
 * {@code reserved-memory-percent 25}; snapshots kept 15 days in window {@code 03:00-04:00}, maintenance
 * {@code sun:05:00-sun:06:00}, a final snapshot on delete and {@code prevent_destroy}; TLS required; KMS key
 * with rotation; RBAC user {@code suprsend-worker}, {@code default} user off; private subnet group; a security
 * group admitting only the listed clients on 6380; CloudWatch logs; alarms on CPU, memory, evictions and
 * replication lag. Optional: cluster mode with several shards, data tiering on r6gd nodes.
 *
 * <pre>{@code
 * WorkerStateStore worker = new ElastiCacheWorkerStateStore(this, "WorkerState",
 *         ElastiCacheWorkerStateStoreProps.builder().network(network).build());
 * }</pre>
 *
 * <p>Child IDs as {@link ElastiCacheCacheStore}.
 */
public final class ElastiCacheWorkerStateStore extends ElastiCacheStore implements WorkerStateStore {

    private static final String BACKEND = "elasticache";

    private final ElastiCacheWorkerStateStoreProps props;
    private final ElastiCacheGroup group;
    private final List<String> exemptions;
    private final List<PolicyExemption> policyExemptions;
    private final WorkerStateExport backup;

    public ElastiCacheWorkerStateStore(Construct scope, String id, ElastiCacheWorkerStateStoreProps props) {
        super(scope, id);
        this.props = props;
        String who = "worker-state store (" + BACKEND + ")";
        boolean multiAz = validate(who, props);
        this.exemptions = RoleContract.enforce(StoreSpec.builder(StoreRole.WORKER_STATE, BACKEND)
                .topology(ElastiCacheGroup.topology(props.clusterModeEnabled(), props.nodes())).nodes(props.nodes() * props.shards(), 2).zoneSpread(multiAz)
                .haExemptionReason(props.haExemptionReason())
                .tlsEnabled(props.transitEncryptionEnabled()).authEnabled(true).privateNetworking(true)
                .evictionPolicy(EvictionPolicy.NOEVICTION).durability(Durability.RDB_SNAPSHOTS).build());
        String family = props.engine().requireFamily(who, props.parameterGroupFamily());
        ElastiCacheGroup.Spec spec = new ElastiCacheGroup.Spec(StoreRole.WORKER_STATE, props.name(), family,
                ElastiCacheGroup.parameters(props.clusterModeEnabled(), EvictionPolicy.NOEVICTION), props.aws(),
                props.elastiCache(), props.workerState());
        this.group = new ElastiCacheGroup(this, spec);
        List<PolicyExemption> out = new ArrayList<>(group.authExemptions(spec));
        out.addAll(group.haExemptions(spec, props.haExemptionReason()));
        this.backup = props.backup() == null ? null : new WorkerStateExport(this, "Backup", props.backup(),
                new WorkerStateExport.Source(ExportDefinition.Service.ELASTICACHE, props.name(),
                        props.clusterModeEnabled() ? props.shards() : 1, group.kmsKeyArn(), props.monitoring(),
                        AwsResources.tags(props.tags(), StoreRole.WORKER_STATE.label(), props.name())));
        if (backup != null) {
            out.addAll(backup.policyExemptions());
        }
        this.policyExemptions = List.copyOf(out);
    }

    private static boolean validate(String who, ElastiCacheWorkerStateStoreProps props) {
        StoreProblems problems = new StoreProblems(who);
        props.aws().check(who, problems, StoreRole.WORKER_STATE, props.name(), props.authMode() == AuthMode.RBAC);
        boolean nodeTypeValid = problems.check(() -> NodeTypes.requireElastiCache(who, props.nodeType()));
        props.elastiCache().check(who, problems, "a primary and up to 5 replicas per shard",
                props.credentialRotation());
        if (props.shards() > 1 && props.shards() <= 500 && !props.clusterModeEnabled()) {
            problems.add("Shards", who + ": shards " + props.shards() + " needs"
                    + " clusterModeEnabled(true); without cluster mode a replication group has one shard");
        }
        if (nodeTypeValid && props.dataTieringEnabled() && !props.nodeType().startsWith("cache.r6gd.")) {
            problems.add("DataTiering", who + ": dataTieringEnabled needs an r6gd node type"
                    + " (SSD), got " + props.nodeType() + "; remove nodeType to use the preset's r6gd type");
        }
        props.workerState().check(who, problems, props.maintenanceWindow());
        problems.check(() -> AwsResources.requireLogRetention(who, props.monitoring()));
        if (!props.restoreFrom().isEmpty() && props.clusterModeEnabled()) {
            problems.add("RestoreFrom", who + ": restoreFrom with clusterModeEnabled needs a node group"
                    + " configuration per shard, which this construct does not write; restore into a group with"
                    + " cluster mode disabled, or seed it with the ElastiCache console or CLI");
        } else if (props.restoreFrom().size() > 1) {
            problems.add("RestoreFrom", who + ": restoreFrom lists " + props.restoreFrom().size() + " files; a"
                    + " group with cluster mode disabled is seeded from exactly one .rdb");
        }
        boolean multiAz = props.elastiCache().multiAz();
        problems.check(() -> AwsResources.requireNetwork(who, props.network(), multiAz));
        problems.throwIfAny();
        return multiAz;
    }

    @Override
    public Topology topology() {
        return ElastiCacheGroup.topology(props.clusterModeEnabled(), props.nodes());
    }

    @Override
    public Durability durability() {
        return Durability.RDB_SNAPSHOTS;
    }

    @Override
    public String durabilityDescription() {
        String own = durability().description(!props.clusterModeEnabled() && props.nodes() < 2);
        return backup == null ? own + "; no off-store backup (workerState.backup)" : own + "; " + backup.summary()
                + ", plus the store's own snapshots (" + props.snapshotRetentionLimit() + " days, daily in "
                + props.snapshotWindow() + " UTC) while it exists";
    }

    /** The nightly off-store backup, or {@code null} when the props carry none. */
    public WorkerStateExport backup() {
        return backup;
    }

    @Override
    public String memoryHeadroom() {
        return "reserved-memory-percent 25: maxmemory is 75% of the node type's memory; AWS's default and guidance"
                + " (\"do not reduce\"; the reserve covers a forked BGSAVE's copy-on-write for the nightly snapshot and"
                + " replica syncs; ElastiCache backs up and syncs without a fork when memory is short)"
                + (props.dataTieringEnabled() ? "; with data tiering AWS advises up to 50% for write-heavy loads:"
                + " raise it with an override if the store is write-heavy" : "");
    }

    @Override
    public String description() {
        return "ElastiCache " + props.engine().engine() + " " + props.engine().version() + " replication group "
                + props.name() + ", " + (props.clusterModeEnabled()
                        ? "cluster mode, " + props.shards() + " shard(s) of " : "cluster mode disabled, ")
                + props.nodes() + " x " + props.nodeType()
                + (props.nodes() >= 2 ? ", Multi-AZ with automatic failover" : ", single node")
                + (props.dataTieringEnabled() ? ", data tiering on SSD" : "")
                + ", maxmemory-policy noeviction, snapshots kept " + props.snapshotRetentionLimit() + " days ("
                + props.snapshotWindow() + " UTC). ElastiCache has no AOF: durability is replicas plus daily"
                + " snapshots; use MemoryDB for a durable transaction log";
    }

    @Override
    public List<String> exemptions() {
        return exemptions;
    }

    /** Written exemptions of policy rules (AEC6 with RBAC; HA rules of a relaxed development store). */
    public List<PolicyExemption> policyExemptions() {
        return policyExemptions;
    }

    /** The effective props. */
    public ElastiCacheWorkerStateStoreProps props() {
        return props;
    }

    @Override
    ElastiCacheGroup group() {
        return group;
    }
}
