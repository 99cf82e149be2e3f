package dev.kvstores.aws;

import dev.kvstores.internal.GenerationPasswords;
import dev.kvstores.role.CredentialRotation;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.providers.aws.elasticache_parameter_group.ElasticacheParameterGroup;
import com.hashicorp.cdktf.providers.aws.elasticache_parameter_group.ElasticacheParameterGroupConfig;
import com.hashicorp.cdktf.providers.aws.elasticache_parameter_group.ElasticacheParameterGroupParameter;
import com.hashicorp.cdktf.providers.aws.elasticache_replication_group.ElasticacheReplicationGroup;
import com.hashicorp.cdktf.providers.aws.elasticache_replication_group.ElasticacheReplicationGroupConfig;
import com.hashicorp.cdktf.providers.aws.elasticache_replication_group.ElasticacheReplicationGroupLogDeliveryConfiguration;
import com.hashicorp.cdktf.providers.aws.elasticache_subnet_group.ElasticacheSubnetGroup;
import com.hashicorp.cdktf.providers.aws.elasticache_subnet_group.ElasticacheSubnetGroupConfig;
import com.hashicorp.cdktf.providers.aws.elasticache_user.ElasticacheUser;
import com.hashicorp.cdktf.providers.aws.elasticache_user.ElasticacheUserAuthenticationMode;
import com.hashicorp.cdktf.providers.aws.elasticache_user.ElasticacheUserConfig;
import com.hashicorp.cdktf.providers.aws.elasticache_user_group.ElasticacheUserGroup;
import com.hashicorp.cdktf.providers.aws.elasticache_user_group.ElasticacheUserGroupConfig;
import com.hashicorp.cdktf.providers.random_provider.password.Password;
import dev.kvstores.exemption.PolicyExemption;
import dev.kvstores.role.ConnectionInfo;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.StoreRole;
import dev.kvstores.role.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The resources of one ElastiCache store: replication group ({@code Resource}), parameter and subnet groups,
 * security group and ingress rules, KMS key, log groups, RBAC users and user group or AUTH token, alarms.
 * Internal: the public constructs validate first and hand over a {@link Spec}.
 */
final class ElastiCacheGroup {

    /** Access string of the role's user: every key and channel, every command but the admin ones. */
    static final String APP_ACCESS_STRING = "on ~* &* +@all -@admin";
    /** Access string of the replacement {@code default} user: switched off, no commands. */
    static final String DEFAULT_USER_ACCESS_STRING = "off -@all";

    /**
     * Everything the resources need, already validated: the store's composed parts plus what its role derives.
     *
     * @param role        the store's role (names, tags, lifecycle)
     * @param name        replication group ID and resource prefix
     * @param family      the parameter group family, checked against the engine
     * @param parameters  the parameter group's directives
     * @param aws         the AWS fields of the store
     * @param elastiCache the ElastiCache fields (cluster mode only for the worker state store)
     * @param workerState snapshots, shards, tiering, prevent-destroy and restore ARNs; for the cache
     *                    {@link #CACHE_DURABILITY} (snapshots off)
     */
    record Spec(StoreRole role, String name, String family, Map<String, String> parameters, AwsStoreCommon aws,
                ElastiCacheCommon elastiCache, AwsWorkerStateCommon workerState)
            implements AwsStoreCommon.Part, ElastiCacheCommon.Part, AwsWorkerStateCommon.Part {

        /** The cache's durability: one shard, no snapshots, no restore, no prevent-destroy. */
        static final AwsWorkerStateCommon CACHE_DURABILITY = AwsWorkerStateCommon.builder()
                .snapshotRetentionLimit(0).preventDestroy(false).build();

        int nodesPerShard() {
            return nodes();
        }

        boolean clusterMode() {
            return clusterModeEnabled();
        }

        CredentialRotation rotation() {
            return credentialRotation();
        }

        List<String> snapshotArns() {
            return restoreFrom();
        }

        boolean highlyAvailable() {
            return nodes() >= 2;
        }
    }

    private final ElasticacheReplicationGroup group;
    /** Terraform address of the replication group, read once (each read is a round trip to the jsii kernel). */
    private final String address;
    private final ConnectionInfo connectionInfo;
    private final String kmsKeyArn;
    private final String securityGroupId;
    private final Construct scope;
    private final int port;
    private final Map<String, String> tags;
    private final List<AwsAlarm> alarms;
    private final List<String> credentialsReport;

    ElastiCacheGroup(Construct scope, Spec spec) {
        Map<String, String> tags = AwsResources.tags(spec.tags(), spec.role().label(), spec.name());
        this.scope = scope;
        this.credentialsReport = credentialsReport(spec.authMode(), spec.aclUsername(), spec.rotation());
        this.port = spec.port();
        this.tags = tags;
        String logPrefix = "/aws/elasticache/" + spec.name() + "/";
        this.kmsKeyArn = AwsResources.kmsKey(scope, spec.name(), logPrefix, spec.kmsKeyArn(), tags);

        List<ElasticacheParameterGroupParameter> parameters = new ArrayList<>();
        spec.parameters().forEach((k, v) -> parameters.add(ElasticacheParameterGroupParameter.builder()
                .name(k).value(v).build()));
        ElasticacheParameterGroup parameterGroup = new ElasticacheParameterGroup(scope, "ParameterGroup",
                ElasticacheParameterGroupConfig.builder()
                        .name(spec.name() + "-" + spec.family())
                        .family(spec.family())
                        .description("kvstores " + spec.role().label() + " store " + spec.name())
                        .parameter(parameters)
                        .tags(tags)
                        .lifecycle(TerraformResourceLifecycle.builder().createBeforeDestroy(true).build())
                        .build());
        ElasticacheSubnetGroup subnets = new ElasticacheSubnetGroup(scope, "SubnetGroup",
                ElasticacheSubnetGroupConfig.builder()
                        .name(spec.name())
                        .description("kvstores " + spec.role().label() + " store " + spec.name() + ": private subnets")
                        .subnetIds(spec.network().privateSubnetIds())
                        .tags(tags)
                        .build());
        this.securityGroupId = AwsResources.securityGroup(scope, spec.name(), spec.role().label(), spec.network(),
                spec.port(), tags);
        var slowLog = AwsResources.logGroup(scope, "SlowLog", logPrefix + "slow-log", spec.monitoring(), kmsKeyArn, tags);
        var engineLog = AwsResources.logGroup(scope, "EngineLog", logPrefix + "engine-log", spec.monitoring(),
                kmsKeyArn, tags);

        ElasticacheReplicationGroupConfig.Builder rg = ElasticacheReplicationGroupConfig.builder()
                .replicationGroupId(spec.name())
                .description("kvstores " + spec.role().label() + " store " + spec.name())
                .engine(spec.engine().engine())
                .engineVersion(spec.engine().version())
                .nodeType(spec.nodeType())
                .port(spec.port())
                .parameterGroupName(parameterGroup.getName())
                .subnetGroupName(subnets.getName())
                .securityGroupIds(List.of(securityGroupId))
                .automaticFailoverEnabled(spec.highlyAvailable())
                .multiAzEnabled(spec.highlyAvailable())
                .atRestEncryptionEnabled("true")
                .kmsKeyId(kmsKeyArn)
                .transitEncryptionEnabled(true)
                .transitEncryptionMode("required")
                .autoMinorVersionUpgrade("true")
                .maintenanceWindow(spec.maintenanceWindow())
                .snapshotRetentionLimit(spec.snapshotRetentionLimit())
                .logDeliveryConfiguration(List.of(
                        logDelivery("slow-log", slowLog.getName()),
                        logDelivery("engine-log", engineLog.getName())))
                .tags(tags);
        if (spec.clusterMode()) {
            rg.clusterMode("enabled").numNodeGroups(spec.shards()).replicasPerNodeGroup(spec.nodesPerShard() - 1);
        } else {
            rg.clusterMode("disabled").numCacheClusters(spec.nodesPerShard());
        }
        if (spec.snapshotRetentionLimit() > 0) {
            rg.snapshotWindow(spec.snapshotWindow()).finalSnapshotIdentifier(spec.name() + "-final");
        }
        if (spec.dataTieringEnabled()) {
            rg.dataTieringEnabled(true);
        }
        if (!spec.snapshotArns().isEmpty()) {
            rg.snapshotArns(spec.snapshotArns()); // seed from .rdb files in S3 (restoreFrom), create-only
        }
        if (spec.role() == StoreRole.WORKER_STATE) {
            // snapshot_arns only seeds a new group: ignoring it later means removing restoreFrom after a restore
            // (or adding one to a running store) never replaces the group.
            TerraformResourceLifecycle.Builder lifecycle = TerraformResourceLifecycle.builder()
                    .ignoreChanges(List.of("snapshot_arns"));
            if (spec.preventDestroy()) {
                lifecycle.preventDestroy(true);
            }
            rg.lifecycle(lifecycle.build());
        } else if (spec.preventDestroy()) {
            rg.lifecycle(TerraformResourceLifecycle.builder().preventDestroy(true).build());
        }
        String username;
        String password;
        if (spec.authMode() == AuthMode.RBAC) {
            // Rotation: the user takes up to two passwords; phase add lists the new and the previous generation.
            GenerationPasswords appPassword = GenerationPasswords.of(scope, "Password", spec.rotation());
            Password offPassword = AwsResources.password(scope, "DefaultUserPassword");
            List<String> appPasswords = appPassword.dual()
                    ? List.of(appPassword.current(), appPassword.previous()) : List.of(appPassword.current());
            ElasticacheUser app = user(scope, "User", spec, spec.name() + "-app", spec.aclUsername(),
                    APP_ACCESS_STRING, appPasswords, tags);
            ElasticacheUser off = user(scope, "DefaultUser", spec, spec.name() + "-nodefault", "default",
                    DEFAULT_USER_ACCESS_STRING, List.of(offPassword.getResult()), tags);
            ElasticacheUserGroup userGroup = new ElasticacheUserGroup(scope, "UserGroup",
                    ElasticacheUserGroupConfig.builder()
                            .userGroupId(spec.name())
                            .engine(spec.engine().engine())
                            .userIds(List.of(off.getUserId(), app.getUserId()))
                            .tags(tags)
                            .build());
            rg.userGroupIds(List.of(userGroup.getUserGroupId()));
            username = spec.aclUsername();
            password = appPassword.current();
        } else {
            // Rotation: phase add sets the new token with ROTATE (old and new accepted); retire sends the same
            // token with SET (the provider modifies the group when either argument changes), leaving only the new.
            GenerationPasswords token = GenerationPasswords.of(scope, "AuthToken", spec.rotation());
            AuthTokenUpdateStrategy strategy = spec.rotation() == null ? spec.authTokenUpdateStrategy()
                    : token.dual() ? AuthTokenUpdateStrategy.ROTATE : AuthTokenUpdateStrategy.SET;
            rg.authToken(token.current()).authTokenUpdateStrategy(strategy.name());
            // The AUTH token is the default user's password (Redis OSS 6+ / Valkey): AUTH default <token>.
            username = ConnectionInfo.DEFAULT_USER;
            password = token.current();
        }
        if (spec.monitoring().alarmTopicArn() != null) {
            // ElastiCache events (FailoverComplete, node replacement, snapshot failures) go to the alarm topic.
            rg.notificationTopicArn(spec.monitoring().alarmTopicArn());
        }
        this.group = new ElasticacheReplicationGroup(scope, "Resource", rg.build());
        this.address = "aws_elasticache_replication_group." + group.getFriendlyUniqueId();
        String host = spec.clusterMode() ? group.getConfigurationEndpointAddress() : group.getPrimaryEndpointAddress();
        this.connectionInfo = new ConnectionInfo(host, spec.port(), true, username, password, null, spec.clusterMode());
        this.alarms = spec.monitoring().alarmsEnabled() ? baselineAlarms(spec) : List.of();
        AwsAlarms.create(scope, alarms, spec.monitoring(), tags);
    }

    /**
     * The parameter group's directives of a role's store: cluster mode as deployed, the role's eviction policy,
     * {@code reserved-memory-percent 25} ({@code maxmemory} at 75% of the node type's memory, the vendor guide's
     * share and AWS's default) and no idle timeout.
     */
    static Map<String, String> parameters(boolean clusterMode, EvictionPolicy evictionPolicy) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("cluster-enabled", clusterMode ? "yes" : "no");
        p.put("maxmemory-policy", evictionPolicy.redisName());
        p.put("reserved-memory-percent", "25");
        p.put("timeout", "0");
        return p;
    }

    /** The topology a replication group deploys: cluster mode, else replicated with 2+ nodes, else standalone. */
    static Topology topology(boolean clusterMode, int nodes) {
        if (clusterMode) {
            return Topology.CLUSTER;
        }
        return nodes >= 2 ? Topology.REPLICATED : Topology.STANDALONE;
    }

    private static ElasticacheReplicationGroupLogDeliveryConfiguration logDelivery(String type, String logGroup) {
        return ElasticacheReplicationGroupLogDeliveryConfiguration.builder()
                .destination(logGroup).destinationType("cloudwatch-logs").logFormat("json").logType(type).build();
    }

    private static ElasticacheUser user(Construct scope, String id, Spec spec, String userId, String userName,
                                        String accessString, List<String> passwords, Map<String, String> tags) {
        return new ElasticacheUser(scope, id, ElasticacheUserConfig.builder()
                .userId(userId)
                .userName(userName)
                .engine(spec.engine().engine())
                .accessString(accessString)
                .authenticationMode(ElasticacheUserAuthenticationMode.builder()
                        .type("password").passwords(passwords).build())
                .tags(tags)
                .build());
    }

    /** The alert baseline, per member node (AwsAlarms). */
    private List<AwsAlarm> baselineAlarms(Spec spec) {
        List<AwsAlarms.Node> nodes = new java.util.ArrayList<>();
        for (int shard = 1; shard <= (spec.clusterMode() ? spec.shards() : 1); shard++) {
            for (int node = 1; node <= spec.nodesPerShard(); node++) {
                String member = spec.clusterMode()
                        ? String.format("%s-%04d-%03d", spec.name(), shard, node)
                        : String.format("%s-%03d", spec.name(), node);
                nodes.add(new AwsAlarms.Node(member, Map.of("CacheClusterId", member)));
            }
        }
        return AwsAlarms.baseline(spec.role(), false, nodes, spec.nodesPerShard() > 1, spec.monitoring());
    }

    List<AwsAlarm> alarms() {
        return alarms;
    }

    ElasticacheReplicationGroup group() {
        return group;
    }

    ConnectionInfo connectionInfo() {
        return connectionInfo;
    }

    String kmsKeyArn() {
        return kmsKeyArn;
    }

    String securityGroupId() {
        return securityGroupId;
    }

    void allowConnectionsFrom(String sourceGroupId) {
        AwsResources.ingressFrom(scope, securityGroupId, sourceGroupId, port, tags);
    }

    /** Terraform address of the replication group, for exemptions. */
    String address() {
        return address;
    }

    /** Report lines on the credential rotation of this group (see {@link CredentialRotation#report}). */
    List<String> credentialsReport() {
        return credentialsReport;
    }

    private static List<String> credentialsReport(AuthMode authMode, String aclUsername, CredentialRotation rotation) {
        return authMode == AuthMode.RBAC
                ? CredentialRotation.report(rotation, "user " + aclUsername + " has two passwords (passwords"
                        + " list of aws_elasticache_user)", "the user keeps only the new password")
                : CredentialRotation.report(rotation, "auth_token_update_strategy ROTATE: the old and the new"
                        + " AUTH token are accepted", "the same token with SET: only the new token is accepted");
    }

    /**
     * Refuses what would cut clients off or open the group: {@code ROTATE} outside a rotation's add phase leaves
     * the old token (or, on a group that had none, no token at all) valid for good.
     */
    static void validateRotation(String who, AuthMode authMode, AuthTokenUpdateStrategy strategy,
                                 CredentialRotation rotation) {
        if (authMode == AuthMode.AUTH_TOKEN && rotation == null && strategy == AuthTokenUpdateStrategy.ROTATE) {
            throw new dev.kvstores.StoreConfigException("RotateWithoutRotation", who + ": authTokenUpdateStrategy"
                    + " ROTATE outside a credentials rotation keeps the previous token valid for good (and on a group"
                    + " that had no token, accepts clients without one); remove it and declare credentialRotation"
                    + " {generation: n, phase: add}, which sets ROTATE for one deploy and SET on retire");
        }
    }

    /** Exemptions every RBAC group needs: AEC6 asks for an AUTH token, which ElastiCache refuses next to RBAC. */
    List<PolicyExemption> authExemptions(Spec spec) {
        if (spec.authMode() != AuthMode.RBAC) {
            return List.of();
        }
        return List.of(new PolicyExemption("AwsSolutions-AEC6", address(), "RBAC is used instead of an AUTH token:"
                + " a dedicated ACL user per role with a generated password and the default user switched off."
                + " ElastiCache refuses auth_token together with user_group_ids, and Checkov CKV_AWS_31 accepts"
                + " user groups."));
    }

    /** Exemptions of a development store whose high availability is relaxed with a written reason. */
    List<PolicyExemption> haExemptions(Spec spec, String reason) {
        if (spec.highlyAvailable() || reason == null) {
            return List.of();
        }
        String why = "high availability relaxed for this development store: " + reason.strip();
        return List.of(new PolicyExemption("CKV2_AWS_50", address(), why),
                new PolicyExemption("AwsSolutions-AEC4", address(), why),
                new PolicyExemption("SecurityHub-ElastiCache.3", address(), why),
                new PolicyExemption("KVS-AWS-HA", address(), why));
    }
}
