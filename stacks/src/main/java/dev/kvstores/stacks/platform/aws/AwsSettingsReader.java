package dev.kvstores.stacks.platform.aws;

import dev.kvstores.aws.AuthMode;
import dev.kvstores.aws.AwsMonitoring;
import dev.kvstores.aws.AwsNetwork;
import dev.kvstores.aws.ElastiCacheCacheStoreProps;
import dev.kvstores.aws.ElastiCacheEngine;
import dev.kvstores.aws.ElastiCacheWorkerStateStoreProps;
import dev.kvstores.aws.MemoryDbEngine;
import dev.kvstores.aws.WorkerStateExportProps;
import dev.kvstores.kubernetes.ClusterEgress;
import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.SizePreset;
import dev.kvstores.stacks.environment.CloudNames;
import dev.kvstores.stacks.environment.CredentialsSection;
import dev.kvstores.stacks.environment.EnvironmentReader;
import dev.kvstores.stacks.environment.KubernetesAccess;
import dev.kvstores.stacks.environment.PlatformSettings;
import dev.kvstores.stacks.platform.BackupScheduleReader;
import dev.kvstores.stacks.platform.CloudAlertSettings;
import dev.kvstores.stacks.platform.ManagedVersions;
import dev.kvstores.stacks.platform.WorkerStateSection;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads the {@code platform: aws} sections of an environment file into its settings, recording every problem
 * in the reader; {@link AwsPlatform} builds the stores from them.
 */
final class AwsSettingsReader {

    private static final List<String> SIZES = List.of("small", "medium", "large");
    private static final List<String> AUTH_MODES = List.of("rbac", "auth-token");
    /** The strictest backup rule (cdk-nag HIPAA / NIST): production worker snapshots kept this many days. */
    static final int PRODUCTION_SNAPSHOT_RETENTION_DAYS = 15;

    private AwsSettingsReader() {
    }

    static PlatformSettings read(EnvironmentReader top, String environmentName, boolean production) {
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
            if (!ClusterEgress.isCidr(cidr)) {
                r.problem("allowedCidrs", "'" + cidr + "' is not a CIDR block; write each as <address>/<prefix"
                        + " length>, e.g. 10.40.0.0/16 (the platform's VPC) or 10.40.1.0/24 (a subnet)");
            } else if (cidr.endsWith("/0")) {
                r.problem("allowedCidrs", "contains " + cidr + ", which admits the whole internet; list the"
                        + " platform's VPC or subnet CIDRs");
            } else if (!networkAddress(cidr).equals(cidr)) {
                r.problem("allowedCidrs", "'" + cidr + "' has address bits beyond its prefix length, which the AWS"
                        + " provider refuses at plan; write the network's first address: " + networkAddress(cidr));
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

    /** An IPv4 {@code cidr} (a valid CIDR block) with the address bits beyond its prefix length cleared. */
    static String networkAddress(String cidr) {
        int slash = cidr.indexOf('/');
        if (cidr.contains(":")) {
            return cidr; // IPv6: written in too many ways to compare as text; the provider checks it at plan
        }
        int bits = Integer.parseInt(cidr.substring(slash + 1));
        try {
            byte[] address = InetAddress.getByName(cidr.substring(0, slash)).getAddress(); // a literal: no lookup
            for (int i = 0; i < address.length; i++) {
                int keep = Math.max(0, Math.min(8, bits - 8 * i));
                address[i] &= (byte) (0xff << (8 - keep));
            }
            return InetAddress.getByAddress(address).getHostAddress() + "/" + bits;
        } catch (UnknownHostException e) {
            return cidr;
        }
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
        if ("auth-token".equals(mode) && r.has("aclUsername")) {
            r.problem("aclUsername", "is not used with authMode auth-token: the platform connects as the default"
                    + " user with the AUTH token; remove aclUsername, or set authMode: rbac to connect as this user");
        }
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
        String user = r.aclUsername("aclUsername", "suprsend-cache");
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
        return AwsSettings.Cache.builder().name(name).engine(ElastiCacheEngine.fromLabel(engine))
                .parameterGroupFamily(family).size(size).nodeType(nodeType).nodes(nodes)
                .evictionPolicy(EvictionPolicy.fromRedisName(eviction)).port(port).authMode(auth).aclUsername(user)
                .maintenanceWindow(maintenance).rotation(rotation).build();
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
        String user = r.aclUsername("aclUsername", "suprsend-worker");
        WorkerStateSection<WorkerStateExportProps> section = WorkerStateSection.read(r, production,
                AwsSettingsReader::backup);
        List<String> restoreFrom = r.has("restoreFrom") ? r.strings("restoreFrom", false) : List.of();
        r.rejectUnknownKeys();
        if (backend == null || name == null || engine == null || size == null || nodes == null || shards == null
                || clusterMode == null || retention == null || snapshotWindow == null || maintenance == null
                || tiering == null || port == null || auth == null || user == null || section == null) {
            return null;
        }
        return AwsSettings.WorkerState.builder().backend(backend).name(name)
                .elastiCacheEngine(memoryDb ? null : ElastiCacheEngine.fromLabel(engine))
                .memoryDbEngine(memoryDb ? MemoryDbEngine.fromLabel(engine) : null).parameterGroupFamily(family)
                .size(size).nodeType(nodeType).nodes(nodes).shards(shards).clusterMode(clusterMode)
                .snapshotRetentionDays(retention).snapshotWindow(snapshotWindow).maintenanceWindow(maintenance)
                .dataTiering(tiering).port(port).authMode(auth).aclUsername(user).section(section)
                .restoreFrom(restoreFrom).build();
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
}
