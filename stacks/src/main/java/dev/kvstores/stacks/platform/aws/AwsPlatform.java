package dev.kvstores.stacks.platform.aws;

import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderConfig;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderDefaultTags;
import com.hashicorp.cdktf.providers.aws.sns_topic.SnsTopic;
import com.hashicorp.cdktf.providers.aws.sns_topic.SnsTopicConfig;
import dev.kvstores.aws.AwsAlarm;
import dev.kvstores.aws.AwsMonitoring;
import dev.kvstores.aws.CloudWatchStoreDashboard;
import dev.kvstores.aws.ElastiCacheCacheStore;
import dev.kvstores.aws.ElastiCacheCacheStoreProps;
import dev.kvstores.aws.ElastiCacheWorkerStateStore;
import dev.kvstores.aws.ElastiCacheWorkerStateStoreProps;
import dev.kvstores.aws.MemoryDbWorkerStateStore;
import dev.kvstores.aws.MemoryDbWorkerStateStoreProps;
import dev.kvstores.exemption.PolicyExemption;
import dev.kvstores.naming.AwsTags;
import dev.kvstores.policy.rules.WorkerStateBackupRequired;
import dev.kvstores.role.CacheStore;
import dev.kvstores.role.StoreRole;
import dev.kvstores.role.WorkerStateStore;
import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.environment.EnvironmentReader;
import dev.kvstores.stacks.environment.PhysicalClaim;
import dev.kvstores.stacks.environment.PlatformSettings;
import dev.kvstores.stacks.platform.Platform;
import dev.kvstores.stacks.platform.PlatformStack;
import dev.kvstores.stacks.platform.Stores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code platform: aws}: the Cache Store on ElastiCache, the Worker State Store on ElastiCache or MemoryDB, the
 * connection Secret in the platform's EKS cluster.
 */
public final class AwsPlatform implements Platform {

    @Override
    public String name() {
        return "aws";
    }

    @Override
    public PlatformSettings read(EnvironmentReader top, String environmentName, boolean production) {
        return AwsSettingsReader.read(top, environmentName, production);
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
