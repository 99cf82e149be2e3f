package dev.kvstores.stacks.platform.aws;

import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.StoreRole;
import dev.kvstores.stacks.environment.CredentialsSection;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import com.hashicorp.cdktf.providers.aws.sns_topic.SnsTopic;
import com.hashicorp.cdktf.providers.aws.sns_topic.SnsTopicConfig;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderConfig;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderDefaultTags;
import dev.kvstores.aws.AuthMode;
import dev.kvstores.aws.AwsAlarm;
import dev.kvstores.aws.AwsMonitoring;
import dev.kvstores.aws.CloudWatchStoreDashboard;
import dev.kvstores.aws.AwsNetwork;
import dev.kvstores.naming.AwsTags;
import dev.kvstores.aws.ElastiCacheCacheStore;
import dev.kvstores.aws.ElastiCacheCacheStoreProps;
import dev.kvstores.aws.ElastiCacheEngine;
import dev.kvstores.aws.ElastiCacheWorkerStateStore;
import dev.kvstores.aws.ElastiCacheWorkerStateStoreProps;
import dev.kvstores.aws.MemoryDbEngine;
import dev.kvstores.aws.MemoryDbWorkerStateStore;
import dev.kvstores.aws.MemoryDbWorkerStateStoreProps;
import dev.kvstores.aws.WorkerStateExportProps;
import dev.kvstores.exemption.PolicyExemption;
import dev.kvstores.policy.rules.WorkerStateBackupRequired;
import dev.kvstores.role.CacheStore;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.SizePreset;
import dev.kvstores.role.StoreRole;
import dev.kvstores.role.WorkerStateStore;
import dev.kvstores.stacks.environment.CloudNames;
import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.environment.PhysicalClaim;
import dev.kvstores.stacks.environment.EnvironmentReader;
import dev.kvstores.stacks.environment.KubernetesAccess;
import dev.kvstores.stacks.environment.PlatformSettings;
import dev.kvstores.stacks.platform.BackupScheduleReader;
import dev.kvstores.stacks.platform.ManagedVersions;
import dev.kvstores.stacks.platform.Platform;
import dev.kvstores.stacks.platform.CloudAlertSettings;
import dev.kvstores.stacks.platform.PlatformStack;
import dev.kvstores.stacks.platform.Stores;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code platform: aws}: the Cache Store on ElastiCache, the Worker State Store on ElastiCache or MemoryDB, the
 * connection Secret in the platform's EKS cluster.
 */
public final class AwsPlatform implements Platform {

    private static final List<String> SIZES = List.of("small", "medium", "large");
    private static final List<String> AUTH_MODES = List.of("rbac", "auth-token");
    /** The strictest backup rule (cdk-nag HIPAA / NIST): production worker snapshots kept this many days. */
    static final int PRODUCTION_SNAPSHOT_RETENTION_DAYS = 15;

    @Override
    public String name() {
        return "aws";
    }

    @Override
    public PlatformSettings read(EnvironmentReader top, String environmentName, boolean production) {
        int before = top.problemCount();
        EnvironmentReader aws = top.child("aws", true);
        String region = null;
        String profile = null;
        if (aws != null) {
            region = aws.string("region", "eu-west-1", true);
            profile = aws.string("profile", null, false);
            CloudNames.awsRegion(aws, "region", region);
            aws.rejectUnknownKeys();
        }
        EnvironmentReader kube = top.child("kubernetes", true);
        KubernetesAccess access = kube == null ? null : KubernetesAccess.read(kube);
        AwsNetwork network = network(top.child("network", true));
        String kmsKeyArn = null;
        EnvironmentReader encryption = top.child("encryption", false);
        if (encryption != null) {
            kmsKeyArn = encryption.arn("kmsKeyArn", null, false);
            encryption.rejectUnknownKeys();
        }
        AwsMonitoring monitoring = monitoring(top.child("monitoring", false), production);
        AwsSettings.Cache cache = cache(top.child("cache", true), production);
        AwsSettings.WorkerState worker = worker(top.child("workerState", true), production);
        if (cache != null && worker != null && cache.name().equals(worker.name())) {
            top.problem("workerState.name", "'" + worker.name() + "' is also the cache's name; the two roles need"
                    + " separate stores");
        }
        if (top.problemCount() > before) {
            return null;
        }
        return new AwsSettings(region, profile, access, network, kmsKeyArn, monitoring, cache, worker);
    }

    private static AwsNetwork network(EnvironmentReader r) {
        if (r == null) {
            return null;
        }
        String vpc = r.string("vpcId", "vpc-0123456789abcdef0", true);
        List<String> subnets = r.strings("privateSubnetIds", true);
        List<String> groups = r.strings("allowedSecurityGroupIds", false);
        List<String> cidrs = r.strings("allowedCidrs", false);
        CloudNames.awsId(r, "vpcId", "vpc", vpc);
        for (int i = 0; i < subnets.size(); i++) {
            CloudNames.awsId(r, "privateSubnetIds[" + i + "]", "subnet", subnets.get(i));
        }
        for (int i = 0; i < groups.size(); i++) {
            CloudNames.awsId(r, "allowedSecurityGroupIds[" + i + "]", "sg", groups.get(i));
        }
        for (String cidr : cidrs) {
            if (cidr.endsWith("/0")) {
                r.problem("allowedCidrs", "contains " + cidr + ", which admits the whole internet; list the"
                        + " platform's VPC or subnet CIDRs");
            }
        }
        if (groups.isEmpty() && cidrs.isEmpty()) {
            r.problemHere("lists no client; add allowedSecurityGroupIds (e.g. the EKS node security group) or"
                    + " allowedCidrs");
        }
        r.rejectUnknownKeys();
        return vpc == null ? null : AwsNetwork.builder().vpcId(vpc).privateSubnetIds(subnets)
                .allowedSecurityGroupIds(groups).allowedCidrs(cidrs).build();
    }

    /**
     * {@code monitoring}: log retention, {@code alarms} (on by default in every profile; production cannot turn
     * them off), {@code notificationTopicArn} (alias {@code alarmTopicArn}; default: the stack creates an SNS
     * topic) and {@code thresholds}.
     */
    private static AwsMonitoring monitoring(EnvironmentReader r, boolean production) {
        AwsMonitoring defaults = AwsMonitoring.defaults();
        if (r == null) {
            return defaults;
        }
        Integer retention = r.integer("logRetentionDays", 365, 1, 3653);
        if (retention != null && !AwsMonitoring.RETENTION_DAYS.contains(retention)) {
            r.problem("logRetentionDays", "is " + retention + "; allowed: " + AwsMonitoring.RETENTION_DAYS);
            retention = null;
        }
        Boolean alarms = r.bool("alarms", true);
        String topic = r.arn("notificationTopicArn", r.arn("alarmTopicArn", null, false), false);
        if (production && Boolean.FALSE.equals(alarms)) {
            r.problem("alarms", "is false; production keeps its alarms (remove the field)");
        }
        CloudAlertSettings thresholds = CloudAlertSettings.read(r.child("thresholds", false));
        r.rejectUnknownKeys();
        return retention == null || alarms == null || thresholds == null ? null
                : new AwsMonitoring(retention, alarms, topic, thresholds.thresholds(),
                        thresholds.replicationLagSeconds(), thresholds.maxClients(),
                        thresholds.newConnectionsPerMinute());
    }

    private static SizePreset size(EnvironmentReader r) {
        String size = r.choice("size", "small", false, SIZES);
        return size == null ? null : SizePreset.valueOf(size.toUpperCase(Locale.ROOT));
    }

    private static AuthMode authMode(EnvironmentReader r) {
        String mode = r.choice("authMode", "rbac", false, AUTH_MODES);
        return mode == null ? null : "rbac".equals(mode) ? AuthMode.RBAC : AuthMode.AUTH_TOKEN;
    }

    private static List<String> labels(Object[] engines) {
        return Arrays.stream(engines).map(e -> e instanceof ElastiCacheEngine ec ? ec.label()
                : ((MemoryDbEngine) e).label()).toList();
    }

    private static AwsSettings.Cache cache(EnvironmentReader r, boolean production) {
        if (r == null) {
            return null;
        }
        String name = r.string("name", "suprsend-cache", false);
        String engine = r.choice("engine", ElastiCacheEngine.REDIS_7_1.label(), false,
                labels(ElastiCacheEngine.values()));
        String family = r.string("parameterGroupFamily", null, false);
        SizePreset size = size(r);
        String nodeType = r.string("nodeType", null, false);
        Integer nodes = r.integer("nodes", 2, 1, 6);
        String eviction = r.choice("evictionPolicy", "allkeys-lru", false, List.of("allkeys-lru", "volatile-lru"));
        Integer port = r.integer("port", ElastiCacheCacheStoreProps.DEFAULT_PORT, 1024, 65535);
        AuthMode auth = authMode(r);
        String user = r.string("aclUsername", "suprsend-cache", false);
        String maintenance = r.string("maintenanceWindow", ElastiCacheCacheStoreProps.DEFAULT_MAINTENANCE_WINDOW, false);
        if (r.has("clusterMode")) {
            r.problem("clusterMode", "is not allowed for the cache: services are isolated by DB number, which"
                    + " cluster mode lacks; remove it");
        }
        CredentialRotation rotation = CredentialsSection.read(r);
        r.rejectUnknownKeys();
        ManagedVersions.require(r, "engine", "ElastiCache", engine, production);
        if (name == null || engine == null || size == null || nodes == null || eviction == null || port == null
                || auth == null || user == null || maintenance == null) {
            return null;
        }
        return new AwsSettings.Cache(name, ElastiCacheEngine.fromLabel(engine), family, size, nodeType, nodes,
                EvictionPolicy.fromRedisName(eviction), port, auth, user, maintenance, rotation);
    }

    private static AwsSettings.WorkerState worker(EnvironmentReader r, boolean production) {
        if (r == null) {
            return null;
        }
        String backend = r.choice("backend", "elasticache", true, List.of("elasticache", "memorydb"));
        boolean memoryDb = "memorydb".equals(backend);
        String name = r.string("name", "suprsend-worker", false);
        String engine = memoryDb
                ? r.choice("engine", MemoryDbEngine.REDIS_7_1.label(), false, labels(MemoryDbEngine.values()))
                : r.choice("engine", ElastiCacheEngine.REDIS_7_1.label(), false, labels(ElastiCacheEngine.values()));
        ManagedVersions.require(r, "engine", memoryDb ? "MemoryDB" : "ElastiCache", engine, production);
        String family = r.string("parameterGroupFamily", null, false);
        SizePreset size = size(r);
        String nodeType = r.string("nodeType", null, false);
        Integer nodes = r.integer("nodes", 3, 1, 6);
        Integer shards = r.integer("shards", 1, 1, 500);
        Boolean clusterMode = r.bool("clusterMode", memoryDb);
        if (memoryDb && Boolean.FALSE.equals(clusterMode)) {
            r.problem("clusterMode", "is false, but MemoryDB always runs cluster mode; remove the field");
        }
        Integer retention = r.integer("snapshotRetentionDays", PRODUCTION_SNAPSHOT_RETENTION_DAYS, 1, 35);
        if (production && retention != null && retention < PRODUCTION_SNAPSHOT_RETENTION_DAYS) {
            r.problem("snapshotRetentionDays", "is " + retention + "; production keeps worker snapshots at least "
                    + PRODUCTION_SNAPSHOT_RETENTION_DAYS + " days (HIPAA / NIST backup rule)");
        }
        String snapshotWindow = r.string("snapshotWindow", ElastiCacheWorkerStateStoreProps.DEFAULT_SNAPSHOT_WINDOW, false);
        String maintenance = r.string("maintenanceWindow", ElastiCacheCacheStoreProps.DEFAULT_MAINTENANCE_WINDOW, false);
        Boolean tiering = r.bool("dataTiering", false);
        Integer port = r.integer("port", ElastiCacheCacheStoreProps.DEFAULT_PORT, 1024, 65535);
        AuthMode auth = authMode(r);
        if (memoryDb && r.has("authMode")) {
            r.problem("authMode", "is not supported with backend memorydb (always an ACL user); remove it");
        }
        String user = r.string("aclUsername", "suprsend-worker", false);
        Boolean preventDestroy = r.bool("preventDestroy", true);
        CredentialRotation rotation = CredentialsSection.read(r);
        String backupExemption = r.string("backupExemptionReason", null, false);
        WorkerStateExportProps backup = backup(r, backupExemption, production);
        List<String> restoreFrom = r.has("restoreFrom") ? r.strings("restoreFrom", false) : List.of();
        r.rejectUnknownKeys();
        if (backend == null || name == null || engine == null || size == null || nodes == null || shards == null
                || clusterMode == null || retention == null || snapshotWindow == null || maintenance == null
                || tiering == null || port == null || auth == null || user == null || preventDestroy == null) {
            return null;
        }
        return new AwsSettings.WorkerState(backend, name, memoryDb ? null : ElastiCacheEngine.fromLabel(engine),
                memoryDb ? MemoryDbEngine.fromLabel(engine) : null, family, size, nodeType, nodes, shards,
                clusterMode, retention, snapshotWindow, maintenance, tiering, port, auth, user, preventDestroy,
                rotation, backup, backupExemption, restoreFrom);
    }

    /**
     * {@code workerState.backup} ({@code schedule}, {@code retentionDays}, {@code bucketName}, {@code kmsKeyArn},
     * {@code objectLockMode} GOVERNANCE|COMPLIANCE, {@code objectLockDays} 1..retentionDays; an
     * empty mapping takes every default) and its alternative {@code workerState.backupExemptionReason}, as for
     * Kubernetes (docs/platform-kubernetes.md, "Backups and restore").
     */
    private static WorkerStateExportProps backup(EnvironmentReader r, String exemption, boolean production) {
        EnvironmentReader b = r.child("backup", false);
        if (b == null) {
            return null;
        }
        String schedule = BackupScheduleReader.read(r, b, WorkerStateExportProps.DEFAULT_SCHEDULE, production,
                exemption, BackupScheduleReader.Scheduler.EVENTBRIDGE_SCHEDULER);
        Integer retention = b.integer("retentionDays", WorkerStateExportProps.DEFAULT_RETENTION_DAYS, 1, 3650);
        String bucket = b.string("bucketName", null, false);
        String key = b.arn("kmsKeyArn", null, false);
        String mode = b.choice("objectLockMode", "GOVERNANCE", false, List.of("GOVERNANCE", "COMPLIANCE"));
        Integer lockDays = b.integer("objectLockDays", retention == null ? 1 : retention, 1, 3650);
        if (lockDays != null && retention != null && lockDays > retention) {
            b.problem("objectLockDays", "is " + lockDays + ", longer than retentionDays " + retention + ": a copy"
                    + " would stay locked after the lifecycle rule should have removed it; set objectLockDays to at"
                    + " most " + retention + " (or leave it out: it defaults to retentionDays), or raise"
                    + " retentionDays");
            lockDays = null;
        }
        if (bucket != null && (b.has("objectLockMode") || b.has("objectLockDays"))) {
            b.problem(b.has("objectLockMode") ? "objectLockMode" : "objectLockDays", "applies to the archive bucket"
                    + " kvstores creates; with bucketName, configure Object Lock on " + bucket + " yourself"
                    + " (docs/platform-aws.md, Backups and restore) and remove this field");
        }
        b.rejectUnknownKeys();
        return schedule == null || retention == null || mode == null || lockDays == null ? null
                : WorkerStateExportProps.builder().schedule(schedule).retentionDays(retention).bucketName(bucket)
                        .kmsKeyArn(key).objectLockMode(WorkerStateExportProps.ObjectLockMode.valueOf(mode))
                        .objectLockDays(lockDays).build();
    }

    @Override
    public List<PhysicalClaim> claims(Environment environment) {
        AwsSettings a = environment.settings(AwsSettings.class);
        String account = "the AWS account of " + (a.profile() == null ? "the default credentials" : "profile "
                + a.profile()) + " in " + a.region();
        List<PhysicalClaim> claims = new java.util.ArrayList<>();
        claims.add(PhysicalClaim.connectionSecret(a.kubernetes(), environment));
        claims.add(new PhysicalClaim("cache.name", a.cache().name(), "ElastiCache replication group "
                + a.cache().name() + " (with its parameter group, subnet group, users and alarms) in " + account));
        AwsSettings.WorkerState w = a.workerState();
        claims.add(new PhysicalClaim("workerState.name", w.name(), ("memorydb".equals(w.backend())
                ? "MemoryDB cluster " : "ElastiCache replication group ") + w.name() + " (with its backup state"
                + " machine, buckets and alarms) in " + account));
        if (w.backup() != null && w.backup().bucketName() != null) {
            claims.add(new PhysicalClaim("workerState.backup.bucketName", w.backup().bucketName(), "S3 bucket "
                    + w.backup().bucketName() + " (bucket names are global)"));
        }
        return claims;
    }

    @Override
    public Stores build(PlatformStack stack, Environment environment) {
        AwsSettings settings = environment.settings(AwsSettings.class);
        AwsProviderConfig.Builder provider = AwsProviderConfig.builder()
                .region(settings.region())
                .defaultTags(List.of(AwsProviderDefaultTags.builder().tags(Map.of(
                        AwsTags.ENVIRONMENT, environment.name(), AwsTags.MANAGED_BY, "kvstores-cdktf")).build()));
        if (settings.profile() != null) {
            provider.profile(settings.profile());
        }
        new AwsProvider(stack, "Aws", provider.build());
        stack.kubernetesProvider(settings.kubernetes());
        AwsMonitoring monitoring = settings.monitoring();
        String notifies = "SNS topic `" + monitoring.alarmTopicArn() + "` (monitoring.notificationTopicArn)";
        if (monitoring.alarmsEnabled() && monitoring.alarmTopicArn() == null) {
            SnsTopic topic = new SnsTopic(stack, "AlertTopic", SnsTopicConfig.builder()
                    .name("kvstores-" + environment.name() + "-alerts")
                    .displayName("kvstores " + environment.name() + " alerts")
                    .build());
            monitoring = monitoring.withAlarms(true, topic.getArn());
            notifies = "SNS topic `kvstores-" + environment.name() + "-alerts` created by this stack (subscribe"
                    + " your pager to it, or set monitoring.notificationTopicArn)";
        }
        AwsSettings effective = settings.withMonitoring(monitoring);
        List<PolicyExemption> exemptions = new ArrayList<>();
        CacheStore cache = stack.attempt("cache", () -> {
            ElastiCacheCacheStore store = cache(stack, environment, effective);
            exemptions.addAll(store.policyExemptions());
            stack.reportCredentials(StoreRole.CACHE, store.credentialsReport());
            return store;
        });
        WorkerStateStore worker = stack.attempt("workerState", () -> worker(stack, environment, effective,
                exemptions));
        monitoring(stack, environment, effective, cache, worker, notifies);
        return new Stores(cache, worker, exemptions);
    }

    private static List<AwsAlarm> alarmsOf(Object store) {
        if (store instanceof ElastiCacheCacheStore s) {
            return s.alarms();
        }
        if (store instanceof ElastiCacheWorkerStateStore s) {
            return s.alarms();
        }
        if (store instanceof MemoryDbWorkerStateStore s) {
            return s.alarms();
        }
        return List.of();
    }

    /** The environment's CloudWatch dashboard and the report's alert lines. */
    private static void monitoring(PlatformStack stack, Environment environment, AwsSettings settings,
                                   CacheStore cache, WorkerStateStore worker, String notifies) {
        if (!settings.monitoring().alarmsEnabled()) {
            String off = "alerts: none (monitoring.alarms is false)";
            stack.reportMonitoring(StoreRole.CACHE, List.of(off));
            stack.reportMonitoring(StoreRole.WORKER_STATE, List.of(off));
            return;
        }
        String dashboard = "kvstores-" + environment.name();
        List<CloudWatchStoreDashboard.Store> stores = new ArrayList<>();
        for (var entry : List.of(Map.entry(StoreRole.CACHE, Optional.ofNullable((Object) cache)),
                Map.entry(StoreRole.WORKER_STATE, Optional.ofNullable((Object) worker)))) {
            List<AwsAlarm> alarms = entry.getValue().map(AwsPlatform::alarmsOf).orElse(List.of());
            if (alarms.isEmpty()) {
                continue;
            }
            stores.add(new CloudWatchStoreDashboard.Store(entry.getKey() == StoreRole.CACHE ? "Cache Store"
                    : "Worker State Store", alarms));
            List<String> lines = new ArrayList<>();
            lines.add("alerts: " + alarms.size() + " CloudWatch alarms notifying the " + notifies + "; store"
                    + " events (failover, node replacement, snapshot failures) go to the same topic; dashboard `" + dashboard + "`");
            alarms.forEach(a -> lines.add("  - " + a.summary()));
            stack.reportMonitoring(entry.getKey(), lines);
        }
        if (!stores.isEmpty()) {
            new CloudWatchStoreDashboard(stack, "Dashboard", dashboard, settings.region(), stores);
        }
    }

    private static ElastiCacheCacheStore cache(PlatformStack stack, Environment environment, AwsSettings settings) {
        AwsSettings.Cache c = settings.cache();
        return new ElastiCacheCacheStore(stack, "Cache", ElastiCacheCacheStoreProps.builder()
                .name(c.name())
                .engine(c.engine())
                .parameterGroupFamily(c.parameterGroupFamily())
                .size(c.size())
                .nodeType(c.nodeType())
                .nodes(c.nodes())
                .evictionPolicy(c.evictionPolicy())
                .port(c.port())
                .network(settings.network())
                .kmsKeyArn(settings.kmsKeyArn())
                .authMode(c.authMode())
                .aclUsername(c.aclUsername())
                .maintenanceWindow(c.maintenanceWindow())
                .monitoring(settings.monitoring())
                .putTag(AwsTags.ENVIRONMENT, environment.name())
                .haExemptionReason(environment.highAvailabilityRelaxation("cache"))
                .credentialRotation(c.rotation())
                .build());
    }

    private static WorkerStateStore worker(PlatformStack stack, Environment environment, AwsSettings settings,
                                           List<PolicyExemption> exemptions) {
        AwsSettings.WorkerState w = settings.workerState();
        String reason = environment.highAvailabilityRelaxation("workerState");
        if (w.memoryDb()) {
            MemoryDbWorkerStateStore store = new MemoryDbWorkerStateStore(stack, "WorkerState",
                    MemoryDbWorkerStateStoreProps.builder()
                            .name(w.name())
                            .engine(w.memoryDbEngine())
                            .parameterGroupFamily(w.parameterGroupFamily())
                            .size(w.size())
                            .nodeType(w.nodeType())
                            .shards(w.shards())
                            .replicasPerShard(w.nodes() - 1)
                            .port(w.port())
                            .snapshotRetentionLimit(w.snapshotRetentionDays())
                            .snapshotWindow(w.snapshotWindow())
                            .maintenanceWindow(w.maintenanceWindow())
                            .dataTieringEnabled(w.dataTiering())
                            .network(settings.network())
                            .kmsKeyArn(settings.kmsKeyArn())
                            .aclUsername(w.aclUsername())
                            .monitoring(settings.monitoring())
                            .putTag(AwsTags.ENVIRONMENT, environment.name())
                            .preventDestroy(w.preventDestroy())
                            .haExemptionReason(reason)
                            .credentialRotation(w.rotation())
                            .backup(w.backup())
                            .restoreFrom(w.restoreFrom())
                            .build());
            exemptions.addAll(store.policyExemptions());
            exemptions.addAll(backupExemption(w));
            stack.reportCredentials(StoreRole.WORKER_STATE, store.credentialsReport());
            return store;
        }
        ElastiCacheWorkerStateStore store = new ElastiCacheWorkerStateStore(stack, "WorkerState",
                ElastiCacheWorkerStateStoreProps.builder()
                        .name(w.name())
                        .engine(w.elastiCacheEngine())
                        .parameterGroupFamily(w.parameterGroupFamily())
                        .size(w.size())
                        .nodeType(w.nodeType())
                        .nodes(w.nodes())
                        .shards(w.shards())
                        .clusterModeEnabled(w.clusterMode())
                        .port(w.port())
                        .snapshotRetentionLimit(w.snapshotRetentionDays())
                        .snapshotWindow(w.snapshotWindow())
                        .maintenanceWindow(w.maintenanceWindow())
                        .dataTieringEnabled(w.dataTiering())
                        .network(settings.network())
                        .kmsKeyArn(settings.kmsKeyArn())
                        .authMode(w.authMode())
                        .aclUsername(w.aclUsername())
                        .monitoring(settings.monitoring())
                        .putTag(AwsTags.ENVIRONMENT, environment.name())
                        .preventDestroy(w.preventDestroy())
                        .haExemptionReason(reason)
                        .credentialRotation(w.rotation())
                        .backup(w.backup())
                        .restoreFrom(w.restoreFrom())
                        .build());
        exemptions.addAll(store.policyExemptions());
        exemptions.addAll(backupExemption(w));
        stack.reportCredentials(StoreRole.WORKER_STATE, store.credentialsReport());
        return store;
    }

    /** {@code workerState.backupExemptionReason} as a written exemption of KVS-BACKUP-REQUIRED. */
    private static List<PolicyExemption> backupExemption(AwsSettings.WorkerState w) {
        return w.backupExemptionReason() == null ? List.of()
                : List.of(new PolicyExemption(WorkerStateBackupRequired.ID, "", w.backupExemptionReason()));
    }
}
