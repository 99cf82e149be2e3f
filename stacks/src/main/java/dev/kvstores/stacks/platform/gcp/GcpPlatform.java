package dev.kvstores.stacks.platform.gcp;

import com.hashicorp.cdktf.providers.google.provider.GoogleProvider;
import com.hashicorp.cdktf.providers.google.provider.GoogleProviderConfig;
import dev.kvstores.exemption.PolicyExemption;
import dev.kvstores.gcp.CloudMonitoringStoreDashboard;
import dev.kvstores.gcp.GcpMonitoring;
import dev.kvstores.gcp.MemorystoreAlerts;
import dev.kvstores.gcp.MemorystoreBackupProps;
import dev.kvstores.gcp.MemorystoreCacheStore;
import dev.kvstores.gcp.MemorystoreCacheStoreProps;
import dev.kvstores.gcp.MemorystoreTier;
import dev.kvstores.gcp.MemorystoreWorkerStateStore;
import dev.kvstores.gcp.MemorystoreWorkerStateStoreProps;
import dev.kvstores.naming.GcpLabels;
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
import java.util.List;

/**
 * {@code platform: gcp}: both stores on Memorystore for Redis in the environment's VPC, the connection Secret in
 * the GKE cluster named by {@code kubernetes:}.
 */
public final class GcpPlatform implements Platform {

    private static final String NO_ROTATION = "credentials: no staged rotation possible: Memorystore generates the"
            + " AUTH string itself (one string, no second credential, nothing Terraform can set); a new string"
            + " needs two deploys with auth off in between (README, Rotating credentials)";

    @Override
    public String name() {
        return "gcp";
    }

    @Override
    public PlatformSettings read(EnvironmentReader top, String environmentName, boolean production) {
        return GcpSettingsReader.read(top, environmentName, production);
    }

    @Override
    public List<PhysicalClaim> claims(Environment environment) {
        GcpSettings g = environment.settings(GcpSettings.class);
        String project = "project " + g.project() + " in " + g.region();
        List<PhysicalClaim> claims = new java.util.ArrayList<>();
        claims.add(PhysicalClaim.connectionSecret(g.kubernetes(), environment));
        claims.add(new PhysicalClaim("cache.name", g.cache().name(), "Memorystore instance " + g.cache().name()
                + " in " + project));
        claims.add(new PhysicalClaim("workerState.name", g.workerState().name(), "Memorystore instance "
                + g.workerState().name() + " (with its export workflow and scheduler job) in " + project));
        GcpSettings.Backup b = g.workerState().backup();
        if (b != null && b.schedule() != null) {
            String bucket = b.bucketOr(g.project(), environment.name());
            claims.add(new PhysicalClaim("workerState.backup.destination.bucket", bucket, "Cloud Storage bucket "
                    + bucket + " (bucket names are global)"));
        }
        return claims;
    }

    @Override
    public Stores build(PlatformStack stack, Environment environment) {
        GcpSettings settings = environment.settings(GcpSettings.class);
        new GoogleProvider(stack, "Google", GoogleProviderConfig.builder()
                .project(settings.project()).region(settings.region()).build());
        stack.kubernetesProvider(settings.kubernetes());
        CacheStore cache = stack.attempt("cache", () -> cache(stack, environment, settings));
        WorkerStateStore worker = stack.attempt("workerState", () -> worker(stack, environment, settings));
        for (StoreRole role : StoreRole.values()) {
            stack.reportCredentials(role, List.of(NO_ROTATION));
        }
        monitoring(stack, environment, settings, cache, worker);
        if (worker instanceof MemorystoreWorkerStateStore memorystore && memorystore.backup() != null) {
            List<String> lines = new java.util.ArrayList<>(List.of("restore: the script below imports the newest"
                    + " export (or OBJECT=gs://...) into TARGET (default: this store; set it to a fresh instance);"
                    + " the import replaces every key and the instance is unavailable while it runs"
                    + " (docs/platform-gcp.md, Backups and restore)", "", "  ```sh"));
            memorystore.backup().restoreScript().lines().forEach(l -> lines.add("  " + l));
            lines.add("  ```");
            lines.set(1, "  ");
            stack.reportBackup(StoreRole.WORKER_STATE, lines);
        }
        GcpSettings.Backup backup = settings.workerState() == null ? null : settings.workerState().backup();
        List<PolicyExemption> exemptions = new java.util.ArrayList<>();
        if (backup != null && backup.exemptionReason() != null) {
            exemptions.add(new PolicyExemption(WorkerStateBackupRequired.ID, "", backup.exemptionReason()));
        }
        if (worker instanceof MemorystoreWorkerStateStore memorystore && memorystore.backup() != null) {
            exemptions.addAll(memorystore.backup().policyExemptions());
        }
        return new Stores(cache, worker, exemptions);
    }

    /** The store's backup props from {@code workerState.backup}, or {@code null} without one. */
    private static MemorystoreBackupProps backupProps(Environment environment, GcpSettings settings) {
        GcpSettings.Backup b = settings.workerState().backup();
        if (b == null || b.schedule() == null) {
            return null;
        }
        MemorystoreBackupProps.Builder props = MemorystoreBackupProps.builder()
                .environmentName(environment.name())
                .bucketName(b.bucketOr(settings.project(), environment.name()))
                .createBucket(b.createBucket())
                .lockRetention(b.lockRetention())
                .prefix(b.prefix())
                .schedule(b.schedule())
                .kmsKeyName(b.kmsKeyName());
        if (b.retentionDays() != null) {
            props.retentionDays(b.retentionDays());
        }
        settings.monitoring().notificationChannelIds().forEach(props::putNotificationChannelId);
        return props.build();
    }

    /** Alert policies per instance, one dashboard per environment, and the report's alert lines. */
    private static void monitoring(PlatformStack stack, Environment environment, GcpSettings settings,
                                   CacheStore cache, WorkerStateStore worker) {
        GcpMonitoring monitoring = settings.monitoring();
        String notifies = monitoring.notificationChannelIds().isEmpty()
                ? "no notification channel (incidents only in the Cloud Monitoring console; set"
                + " monitoring.notificationChannelId)"
                : "notification channel(s) " + String.join(", ", monitoring.notificationChannelIds());
        String dashboard = "kvstores " + environment.name();
        List<CloudMonitoringStoreDashboard.Store> stores = new java.util.ArrayList<>();
        if (cache != null) {
            GcpSettings.Cache c = settings.cache();
            report(stack, StoreRole.CACHE, new MemorystoreAlerts(stack, "CacheAlerts", StoreRole.CACHE, c.name(),
                    c.tier() == MemorystoreTier.STANDARD_HA, monitoring), notifies, dashboard);
            stores.add(new CloudMonitoringStoreDashboard.Store("Cache Store", c.name(), true));
        }
        if (worker != null) {
            GcpSettings.WorkerState w = settings.workerState();
            report(stack, StoreRole.WORKER_STATE, new MemorystoreAlerts(stack, "WorkerStateAlerts",
                    StoreRole.WORKER_STATE, w.name(), w.tier() == MemorystoreTier.STANDARD_HA, w.rdbSnapshotPeriod(),
                    monitoring), notifies, dashboard);
            stores.add(new CloudMonitoringStoreDashboard.Store("Worker State Store", w.name(), false));
        }
        if (!stores.isEmpty()) {
            new CloudMonitoringStoreDashboard(stack, "Dashboard", dashboard, stores);
        }
    }

    private static void report(PlatformStack stack, StoreRole role, MemorystoreAlerts alerts, String notifies,
                               String dashboard) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("alerts: " + alerts.policies().size() + " Cloud Monitoring alert policies notifying " + notifies
                + "; dashboard `" + dashboard + "`");
        alerts.policies().forEach(p -> lines.add("  - " + p.summary()));
        stack.reportMonitoring(role, lines);
    }

    private static CacheStore cache(PlatformStack stack, Environment environment, GcpSettings settings) {
        GcpSettings.Cache c = settings.cache();
        return new MemorystoreCacheStore(stack, "Cache", MemorystoreCacheStoreProps.builder()
                .name(c.name())
                .project(settings.project())
                .region(settings.region())
                .authorizedNetwork(settings.network())
                .reservedIpRange(settings.reservedIpRange())
                .locationId(settings.zone())
                .alternativeLocationId(c.tier() == MemorystoreTier.STANDARD_HA ? settings.alternativeZone() : null)
                .service(c.service())
                .tier(c.tier())
                .redisVersion(c.redisVersion())
                .memorySizeGb(c.memorySizeGb())
                .evictionPolicy(c.evictionPolicy())
                .customerManagedKey(settings.customerManagedKey())
                .maintenanceWindow(settings.maintenanceWindow())
                .putLabel(GcpLabels.ENVIRONMENT, environment.name())
                .haExemptionReason(environment.highAvailabilityRelaxation("cache"))
                .build());
    }

    private static WorkerStateStore worker(PlatformStack stack, Environment environment, GcpSettings settings) {
        GcpSettings.WorkerState w = settings.workerState();
        return new MemorystoreWorkerStateStore(stack, "WorkerState", MemorystoreWorkerStateStoreProps.builder()
                .name(w.name())
                .project(settings.project())
                .region(settings.region())
                .authorizedNetwork(settings.network())
                .reservedIpRange(settings.reservedIpRange())
                .locationId(settings.zone())
                .alternativeLocationId(w.tier() == MemorystoreTier.STANDARD_HA ? settings.alternativeZone() : null)
                .service(w.service())
                .tier(w.tier())
                .redisVersion(w.redisVersion())
                .memorySizeGb(w.memorySizeGb())
                .rdbSnapshotPeriod(w.rdbSnapshotPeriod())
                .preventDestroy(w.preventDestroy())
                .customerManagedKey(settings.customerManagedKey())
                .maintenanceWindow(settings.maintenanceWindow())
                .putLabel(GcpLabels.ENVIRONMENT, environment.name())
                .haExemptionReason(environment.highAvailabilityRelaxation("workerState"))
                .backup(backupProps(environment, settings))
                .build());
    }
}
