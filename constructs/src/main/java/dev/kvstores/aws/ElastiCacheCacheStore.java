package dev.kvstores.aws;

import dev.kvstores.StoreProblems;
import dev.kvstores.exemption.PolicyExemption;
import dev.kvstores.role.CacheStore;
import dev.kvstores.role.Durability;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.RoleContract;
import dev.kvstores.role.StoreRole;
import dev.kvstores.role.StoreSpec;
import java.util.ArrayList;
import java.util.List;
import software.constructs.Construct;

/**
 * Cache Store on Amazon ElastiCache: a replication group with cluster mode disabled (DB numbers work).
 *
 * <p>Defaults: Redis OSS 7.1, 2 nodes ({@code cache.t4g.medium}) in different Availability Zones with Multi-AZ
 * and automatic failover; a parameter group of the engine's family with {@code maxmemory-policy allkeys-lru},
 * {@code reserved-memory-percent 25} (75% of memory for data) and {@code cluster-enabled no}; snapshots off
 * (the cache is not persisted, recorded as exemptions of the backup rules); TLS required; at rest with a new
 * customer-managed KMS key (rotation on); RBAC user {@code suprsend-cache} with a generated password in a
 * user group whose {@code default} user is switched off; subnet group from the private subnets; a security
 * group admitting only the listed security groups / CIDRs on port 6380; slow and engine logs to CloudWatch
 * Logs (KMS); alarms on CPU and replication lag.
 *
 * <pre>{@code
 * CacheStore cache = new ElastiCacheCacheStore(this, "Cache", ElastiCacheCacheStoreProps.builder()
 *         .network(AwsNetwork.builder().vpcId("vpc-0abc").addPrivateSubnetId("subnet-a")
 *                 .addPrivateSubnetId("subnet-b").addAllowedSecurityGroupId("sg-eks-nodes").build())
 *         .build());
 * }</pre>
 *
 * <p>Child IDs: {@code Resource} (replication group), {@code ParameterGroup}, {@code SubnetGroup},
 * {@code SecurityGroup}, {@code Ingress-*}, {@code Key}, {@code SlowLog}, {@code EngineLog}, {@code User},
 * {@code DefaultUser}, {@code UserGroup}, {@code Password}, {@code DefaultUserPassword} (or {@code AuthToken}),
 * {@code *Alarm-*}.
 */
public final class ElastiCacheCacheStore extends ElastiCacheStore implements CacheStore {

    private static final String BACKEND = "elasticache";

    private final ElastiCacheCacheStoreProps props;
    private final ElastiCacheGroup group;
    private final List<String> exemptions;
    private final List<PolicyExemption> policyExemptions;

    public ElastiCacheCacheStore(Construct scope, String id, ElastiCacheCacheStoreProps props) {
        super(scope, id);
        this.props = props;
        String who = "cache store (" + BACKEND + ")";
        boolean multiAz = validate(who, props);
        this.exemptions = RoleContract.enforce(StoreSpec.builder(StoreRole.CACHE, BACKEND)
                .topology(ElastiCacheGroup.topology(props.clusterModeEnabled(), props.nodes()))
                .nodes(props.nodes(), 2).zoneSpread(multiAz).haExemptionReason(props.haExemptionReason())
                .tlsEnabled(props.transitEncryptionEnabled()).authEnabled(true).privateNetworking(true)
                .evictionPolicy(props.evictionPolicy()).durability(Durability.NONE).build());
        String family = props.engine().requireFamily(who, props.parameterGroupFamily());

        ElastiCacheGroup.Spec spec = new ElastiCacheGroup.Spec(StoreRole.CACHE, props.name(), family,
                ElastiCacheGroup.parameters(false, props.evictionPolicy()), props.aws(), props.elastiCache(),
                ElastiCacheGroup.Spec.CACHE_DURABILITY);
        this.group = new ElastiCacheGroup(this, spec);
        List<PolicyExemption> out = new ArrayList<>();
        String noBackups = "the Cache Store holds only idempotency keys and short-lived data and is not persisted by"
                + " design (vendor guide: appendonly no, save \"\"); losing it costs a warm-up, so snapshots are off";
        out.add(new PolicyExemption("HIPAA.Security-ElastiCacheRedisClusterAutomaticBackup", group.address(), noBackups));
        out.add(new PolicyExemption("SecurityHub-ElastiCache.1", group.address(), noBackups));
        out.addAll(group.authExemptions(spec));
        out.addAll(group.haExemptions(spec, props.haExemptionReason()));
        this.policyExemptions = List.copyOf(out);
    }

    private static boolean validate(String who, ElastiCacheCacheStoreProps props) {
        StoreProblems problems = new StoreProblems(who);
        props.aws().check(who, problems, StoreRole.CACHE, props.name(), props.authMode() == AuthMode.RBAC);
        problems.check(() -> NodeTypes.requireElastiCache(who, props.nodeType()));
        props.elastiCache().check(who, problems, "a primary and up to 5 replicas", props.credentialRotation());
        problems.check(() -> AwsResources.weeklyWindow(who, "maintenanceWindow", props.maintenanceWindow()));
        problems.check(() -> AwsResources.requireLogRetention(who, props.monitoring()));
        boolean multiAz = props.elastiCache().multiAz();
        problems.check(() -> AwsResources.requireNetwork(who, props.network(), multiAz));
        problems.throwIfAny();
        return multiAz;
    }

    @Override
    public EvictionPolicy evictionPolicy() {
        return props.evictionPolicy();
    }

    @Override
    public String memoryHeadroom() {
        return "reserved-memory-percent 25: maxmemory is 75% of the node type's memory, the vendor guide's share;"
                + " AWS's default and guidance (\"do not reduce\"; the reserve covers a forked BGSAVE's copy-on-write,"
                + " replica output buffers and fragmentation, and ElastiCache syncs without a fork when memory is short)";
    }

    @Override
    public String description() {
        return "ElastiCache " + props.engine().engine() + " " + props.engine().version() + " replication group "
                + props.name() + ", cluster mode disabled, " + props.nodes() + " x " + props.nodeType()
                + (props.nodes() >= 2 ? ", Multi-AZ with automatic failover" : ", single node") + ", maxmemory-policy "
                + props.evictionPolicy().redisName() + ", reserved-memory-percent 25, snapshots off, TLS, "
                + (props.authMode() == AuthMode.RBAC ? "RBAC user " + props.aclUsername() : "AUTH token");
    }

    @Override
    public List<String> exemptions() {
        return exemptions;
    }

    /** Written exemptions of policy rules this store cannot pass by design (cache backups; AEC6 with RBAC). */
    public List<PolicyExemption> policyExemptions() {
        return policyExemptions;
    }

    /** The effective props. */
    public ElastiCacheCacheStoreProps props() {
        return props;
    }

    @Override
    ElastiCacheGroup group() {
        return group;
    }
}
