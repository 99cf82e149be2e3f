package dev.kvstores.aws;

import dev.kvstores.internal.GenerationPasswords;
import dev.kvstores.role.CredentialRotation;
import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.providers.aws.memorydb_acl.MemorydbAcl;
import com.hashicorp.cdktf.providers.aws.memorydb_acl.MemorydbAclConfig;
import com.hashicorp.cdktf.providers.aws.memorydb_cluster.MemorydbCluster;
import com.hashicorp.cdktf.providers.aws.memorydb_cluster.MemorydbClusterConfig;
import com.hashicorp.cdktf.providers.aws.memorydb_parameter_group.MemorydbParameterGroup;
import com.hashicorp.cdktf.providers.aws.memorydb_parameter_group.MemorydbParameterGroupConfig;
import com.hashicorp.cdktf.providers.aws.memorydb_parameter_group.MemorydbParameterGroupParameter;
import com.hashicorp.cdktf.providers.aws.memorydb_subnet_group.MemorydbSubnetGroup;
import com.hashicorp.cdktf.providers.aws.memorydb_subnet_group.MemorydbSubnetGroupConfig;
import com.hashicorp.cdktf.providers.aws.memorydb_user.MemorydbUser;
import com.hashicorp.cdktf.providers.aws.memorydb_user.MemorydbUserAuthenticationMode;
import com.hashicorp.cdktf.providers.aws.memorydb_user.MemorydbUserConfig;
import dev.kvstores.StoreProblems;
import dev.kvstores.exemption.PolicyExemption;
import dev.kvstores.role.ConnectionInfo;
import dev.kvstores.role.Durability;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.RoleContract;
import dev.kvstores.role.StoreRole;
import dev.kvstores.role.StoreSpec;
import dev.kvstores.role.Topology;
import dev.kvstores.role.WorkerStateStore;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * Worker State Store on Amazon MemoryDB: the durable choice. Every write is committed to a Multi-AZ
 * transaction log before it is acknowledged. MemoryDB always runs Redis Cluster, so the worker URL has no
 * {@code /0}.
 *
 * <p>Defaults: Redis OSS 7.1, 1 shard of 3 nodes ({@code db.r7g.large}) spread across zones; parameter group
 * with {@code maxmemory-policy noeviction}; TLS; a new KMS key with rotation; an ACL with one user
 * {@code suprsend-worker} (generated password; the {@code default} user is not in the ACL, so it cannot log
 * in); private subnet group; a security group admitting only the listed clients on 6380; snapshots kept 15
 * days, final snapshot on delete, {@code prevent_destroy}; alarms on CPU and memory.
 *
 * <p>Child IDs: {@code Resource} (cluster), {@code Acl}, {@code User}, {@code Password}, {@code SubnetGroup},
 * {@code ParameterGroup}, {@code SecurityGroup}, {@code Ingress-*}, {@code Key}, {@code *Alarm-*}.
 */
public final class MemoryDbWorkerStateStore extends Construct implements WorkerStateStore {

    private static final String BACKEND = "memorydb";

    private final MemoryDbWorkerStateStoreProps props;
    private final MemorydbCluster cluster;
    private final ConnectionInfo connectionInfo;
    private final String kmsKeyArn;
    private final String securityGroupId;
    private final List<String> exemptions;
    private final List<PolicyExemption> policyExemptions;
    private final List<AwsAlarm> alarms;
    private final WorkerStateExport backup;

    public MemoryDbWorkerStateStore(Construct scope, String id, MemoryDbWorkerStateStoreProps props) {
        super(scope, id);
        this.props = props;
        String who = "worker-state store (" + BACKEND + ")";
        validate(who, props);
        int nodesPerShard = props.replicasPerShard() + 1;
        this.exemptions = RoleContract.enforce(StoreSpec.builder(StoreRole.WORKER_STATE, BACKEND)
                .topology(Topology.CLUSTER).nodes(nodesPerShard * props.shards(), 2 * props.shards())
                .zoneSpread(props.replicasPerShard() >= 1).haExemptionReason(props.haExemptionReason())
                .tlsEnabled(props.tlsEnabled()).authEnabled(true).privateNetworking(true)
                .evictionPolicy(EvictionPolicy.NOEVICTION).durability(Durability.TRANSACTION_LOG).build());
        String family = props.engine().requireFamily(who, props.parameterGroupFamily());

        Map<String, String> tags = AwsResources.tags(props.tags(), StoreRole.WORKER_STATE.label(), props.name());
        this.kmsKeyArn = AwsResources.kmsKey(this, props.name(), "/aws/memorydb/" + props.name() + "/",
                props.kmsKeyArn(), tags);
        // Rotation: the user takes up to two passwords; phase add lists the new and the previous generation.
        GenerationPasswords password = GenerationPasswords.of(this, "Password", props.credentialRotation());
        MemorydbUser user = new MemorydbUser(this, "User", MemorydbUserConfig.builder()
                .userName(props.aclUsername())
                .accessString(ElastiCacheGroup.APP_ACCESS_STRING)
                .authenticationMode(MemorydbUserAuthenticationMode.builder()
                        .type("password").passwords(password.dual()
                                ? List.of(password.current(), password.previous())
                                : List.of(password.current())).build())
                .tags(tags)
                .build());
        MemorydbAcl acl = new MemorydbAcl(this, "Acl", MemorydbAclConfig.builder()
                .name(props.name())
                .userNames(List.of(user.getUserName()))
                .tags(tags)
                .build());
        MemorydbSubnetGroup subnets = new MemorydbSubnetGroup(this, "SubnetGroup", MemorydbSubnetGroupConfig.builder()
                .name(props.name())
                .description("kvstores worker-state store " + props.name() + ": private subnets")
                .subnetIds(props.network().privateSubnetIds())
                .tags(tags)
                .build());
        MemorydbParameterGroup parameters = new MemorydbParameterGroup(this, "ParameterGroup",
                MemorydbParameterGroupConfig.builder()
                        .name(props.name() + "-" + family.replace('_', '-'))
                        .family(family)
                        .description("kvstores worker-state store " + props.name())
                        .parameter(List.of(MemorydbParameterGroupParameter.builder()
                                .name("maxmemory-policy").value(EvictionPolicy.NOEVICTION.redisName()).build()))
                        .tags(tags)
                        .lifecycle(TerraformResourceLifecycle.builder().createBeforeDestroy(true).build())
                        .build());
        this.securityGroupId = AwsResources.securityGroup(this, props.name(), StoreRole.WORKER_STATE.label(),
                props.network(), props.port(), tags);
        MemorydbClusterConfig.Builder config = MemorydbClusterConfig.builder()
                .name(props.name())
                .description("kvstores worker-state store " + props.name())
                .engine(props.engine().engine())
                .engineVersion(props.engine().version())
                .nodeType(props.nodeType())
                .numShards(props.shards())
                .numReplicasPerShard(props.replicasPerShard())
                .port(props.port())
                .aclName(acl.getName())
                .parameterGroupName(parameters.getName())
                .subnetGroupName(subnets.getName())
                .securityGroupIds(List.of(securityGroupId))
                .tlsEnabled(true)
                .kmsKeyArn(kmsKeyArn)
                .autoMinorVersionUpgrade(true)
                .snapshotRetentionLimit(props.snapshotRetentionLimit())
                .snapshotWindow(props.snapshotWindow())
                .maintenanceWindow(props.maintenanceWindow())
                .finalSnapshotName(props.name() + "-final")
                .tags(tags);
        if (props.dataTieringEnabled()) {
            config.dataTiering(true);
        }
        if (props.monitoring().alarmTopicArn() != null) {
            config.snsTopicArn(props.monitoring().alarmTopicArn());
        }
        if (!props.restoreFrom().isEmpty()) {
            config.snapshotArns(props.restoreFrom()); // seed from .rdb files in S3 (restoreFrom), create-only
        }
        // snapshot_arns only seeds a new cluster: ignoring it later means removing restoreFrom after a restore
        // (or adding one to a running store) never replaces the cluster.
        TerraformResourceLifecycle.Builder lifecycle = TerraformResourceLifecycle.builder()
                .ignoreChanges(List.of("snapshot_arns"));
        if (props.preventDestroy()) {
            lifecycle.preventDestroy(true);
        }
        config.lifecycle(lifecycle.build());
        this.cluster = new MemorydbCluster(this, "Resource", config.build());
        this.connectionInfo = new ConnectionInfo(cluster.getClusterEndpoint().get(0).getAddress(), props.port(), true,
                props.aclUsername(), password.current(), null, true);
        this.alarms = props.monitoring().alarmsEnabled() ? baselineAlarms(props, nodesPerShard) : List.of();
        AwsAlarms.create(this, alarms, props.monitoring(), tags);
        String address = "aws_memorydb_cluster." + cluster.getFriendlyUniqueId();
        List<PolicyExemption> out = new java.util.ArrayList<>();
        if (props.replicasPerShard() < 1 && props.haExemptionReason() != null) {
            out.add(new PolicyExemption("KVS-AWS-HA", address, "high availability relaxed for this"
                    + " development store: " + props.haExemptionReason().strip()));
        }
        this.backup = props.backup() == null ? null : new WorkerStateExport(this, "Backup", props.backup(),
                new WorkerStateExport.Source(ExportDefinition.Service.MEMORYDB, props.name(), props.shards(),
                        kmsKeyArn, props.monitoring(), tags));
        if (backup != null) {
            out.addAll(backup.policyExemptions());
        }
        this.policyExemptions = List.copyOf(out);
    }

    private static void validate(String who, MemoryDbWorkerStateStoreProps props) {
        StoreProblems problems = new StoreProblems(who);
        props.aws().check(who, problems, StoreRole.WORKER_STATE, props.name(), true);
        boolean nodeTypeValid = problems.check(() -> NodeTypes.requireMemoryDb(who, props.nodeType()));
        if (props.replicasPerShard() < 0 || props.replicasPerShard() > 5) {
            problems.add("Nodes", who + ": replicasPerShard must be between 0 and 5, got "
                    + props.replicasPerShard());
        }
        if (nodeTypeValid && props.dataTieringEnabled() && !props.nodeType().startsWith("db.r6gd.")) {
            problems.add("DataTiering", who + ": dataTieringEnabled needs a db.r6gd node type"
                    + " (SSD), got " + props.nodeType());
        }
        props.workerState().check(who, problems, props.maintenanceWindow());
        problems.check(() -> AwsResources.requireNetwork(who, props.network(), props.replicasPerShard() >= 1));
        problems.throwIfAny();
    }

    private static List<AwsAlarm> baselineAlarms(MemoryDbWorkerStateStoreProps props, int nodesPerShard) {
        List<AwsAlarms.Node> nodes = new java.util.ArrayList<>();
        for (int shard = 1; shard <= props.shards(); shard++) {
            for (int node = 1; node <= nodesPerShard; node++) {
                String member = String.format("%s-%04d-%03d", props.name(), shard, node);
                nodes.add(new AwsAlarms.Node(member, Map.of("ClusterName", props.name(), "NodeName", member)));
            }
        }
        return AwsAlarms.baseline(StoreRole.WORKER_STATE, true, nodes, nodesPerShard > 1, props.monitoring());
    }

    /** The CloudWatch alarms of this store's alert baseline (empty when alarms are off). */
    public List<AwsAlarm> alarms() {
        return alarms;
    }

    @Override
    public Topology topology() {
        return Topology.CLUSTER;
    }

    @Override
    public ConnectionInfo connectionInfo() {
        return connectionInfo;
    }

    @Override
    public Durability durability() {
        return Durability.TRANSACTION_LOG;
    }

    @Override
    public String durabilityDescription() {
        String own = durability().description();
        return backup == null ? own + "; no off-store backup (workerState.backup)" : own + "; " + backup.summary()
                + ", plus what the cluster's transaction log and snapshots (" + props.snapshotRetentionLimit()
                + " days) keep while it exists";
    }

    /** The nightly off-store backup, or {@code null} when the props carry none. */
    public WorkerStateExport backup() {
        return backup;
    }

    @Override
    public String memoryHeadroom() {
        return "MemoryDB sets maxmemory per node type itself; durability is its Multi-AZ transaction log and"
                + " snapshots are made with no impact on the cluster (AWS), so no fork headroom is ours to size; the"
                + " alarms watch its memory use";
    }

    @Override
    public String description() {
        return "MemoryDB " + props.engine().engine() + " " + props.engine().version() + " cluster " + props.name()
                + ", " + props.shards() + " shard(s) of " + (props.replicasPerShard() + 1) + " x " + props.nodeType()
                + (props.dataTieringEnabled() ? ", data tiering on SSD" : "") + ", maxmemory-policy noeviction,"
                + " durable Multi-AZ transaction log, snapshots kept " + props.snapshotRetentionLimit()
                + " days, cluster mode (URL without /0), TLS, ACL user " + props.aclUsername();
    }

    @Override
    public List<String> exemptions() {
        return exemptions;
    }

    /** Written exemptions of policy rules (only the HA rule of a relaxed development cluster). */
    public List<PolicyExemption> policyExemptions() {
        return policyExemptions;
    }

    /**
     * The {@code aws_memorydb_cluster}, as an escape hatch for overrides ({@code addOverride}) and references; changing
     * it can break the role's guarantees. Typed as cdktf's {@code TerraformResource} so that this API is the same with
     * the lean and the official provider bindings; with the official ones it is a {@code MemorydbCluster}.
     */
    public TerraformResource cluster() {
        return cluster;
    }

    /**
     * Admits the members of another security group (e.g. a new node group) on the store's port.
     *
     * @param securityGroupId the clients' security group; adds child {@code Ingress-<securityGroupId>}
     */
    public void allowConnectionsFrom(String securityGroupId) {
        AwsResources.ingressFrom(this, this.securityGroupId, securityGroupId, props.port(),
                AwsResources.tags(props.tags(), StoreRole.WORKER_STATE.label(), props.name()));
    }

    /** ID of the store's security group. */
    public String securityGroupId() {
        return securityGroupId;
    }

    /** ARN of the KMS key encrypting data at rest and snapshots. */
    public String kmsKeyArn() {
        return kmsKeyArn;
    }

    /** The effective props. */
    public MemoryDbWorkerStateStoreProps props() {
        return props;
    }

    /** Report lines on the credential: rotation phase, what the next deploy does, what to do in between. */
    public List<String> credentialsReport() {
        return CredentialRotation.report(props.credentialRotation(), "user " + props.aclUsername()
                + " has two passwords (passwords list of aws_memorydb_user)", "the user keeps only the new password");
    }
}
