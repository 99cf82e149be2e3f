package dev.kvstores.stacks.platform.gcp;

import dev.kvstores.role.StoreRole;
import com.hashicorp.cdktf.providers.google.provider.GoogleProvider;
import com.hashicorp.cdktf.providers.google.provider.GoogleProviderConfig;
import dev.kvstores.naming.GcpLabels;
import dev.kvstores.gcp.MemorystoreBackupProps;
import dev.kvstores.exemption.PolicyExemption;
import dev.kvstores.policy.rules.WorkerStateBackupRequired;
import dev.kvstores.gcp.MaintenanceWindow;
import dev.kvstores.gcp.MemorystoreCacheStore;
import dev.kvstores.gcp.MemorystoreCacheStoreProps;
import dev.kvstores.gcp.MemorystoreRedisVersion;
import dev.kvstores.gcp.MemorystoreService;
import dev.kvstores.gcp.MemorystoreTier;
import dev.kvstores.gcp.MemorystoreWorkerStateStore;
import dev.kvstores.gcp.MemorystoreWorkerStateStoreProps;
import dev.kvstores.gcp.RdbSnapshotPeriod;
import dev.kvstores.gcp.CloudMonitoringStoreDashboard;
import dev.kvstores.gcp.GcpMonitoring;
import dev.kvstores.gcp.MemorystoreAlerts;
import dev.kvstores.role.StoreRole;
import dev.kvstores.stacks.platform.ManagedVersions;
import dev.kvstores.stacks.platform.CloudAlertSettings;
import dev.kvstores.role.CacheStore;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.WorkerStateStore;
import dev.kvstores.stacks.environment.CloudNames;
import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.environment.PhysicalClaim;
import dev.kvstores.stacks.environment.EnvironmentReader;
import dev.kvstores.stacks.environment.KubernetesAccess;
import dev.kvstores.stacks.environment.PlatformSettings;
import dev.kvstores.stacks.platform.BackupScheduleReader;
import dev.kvstores.stacks.platform.Platform;
import dev.kvstores.stacks.platform.PlatformStack;
import dev.kvstores.stacks.platform.Stores;
import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code platform: gcp}: both stores on Memorystore for Redis in the environment's VPC, the connection Secret in
 * the GKE cluster named by {@code kubernetes:}.
 */
public final class GcpPlatform implements Platform {

    private static final List<String> SERVICES = List.of("redis", "valkey", "redis-cluster");
    private static final List<String> TIERS = List.of("STANDARD_HA", "BASIC");
    private static final List<String> VERSIONS = names(MemorystoreRedisVersion.values());
    private static final List<String> PERIODS = names(RdbSnapshotPeriod.values());
    private static final List<String> DAYS = names(DayOfWeek.values());

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    @Override
    public String name() {
        return "gcp";
    }

    @Override
    public PlatformSettings read(EnvironmentReader top, String environmentName, boolean production) {
        int before = top.problemCount();
        EnvironmentReader gcp = top.child("gcp", true);
        String project = null;
        String region = null;
        String network = null;
        String range = null;
        String zone = null;
        String alternativeZone = null;
        String key = null;
        MaintenanceWindow window = MaintenanceWindow.DEFAULT;
        if (gcp != null) {
            project = gcp.string("project", "my-project", true);
            region = gcp.string("region", "us-central1", true);
            network = gcp.string("network", "projects/my-project/global/networks/my-vpc", true);
            range = gcp.string("reservedIpRange", null, false);
            zone = gcp.string("zone", "us-central1-a", true);
            alternativeZone = gcp.string("alternativeZone", "us-central1-b", true);
            key = gcp.string("customerManagedKey", null, false);
            window = maintenanceWindow(gcp.child("maintenanceWindow", false));
            CloudNames.gcpProject(gcp, "project", project);
            CloudNames.gcpRegion(gcp, "region", region);
            CloudNames.gcpNetwork(gcp, "network", network);
            CloudNames.gcpZone(gcp, "zone", zone, region);
            CloudNames.gcpZone(gcp, "alternativeZone", alternativeZone, region);
            CloudNames.gcpKmsKey(gcp, "customerManagedKey", key);
            if (zone != null && zone.equals(alternativeZone)) {
                gcp.problem("alternativeZone", "is '" + alternativeZone + "', the same as zone; give another zone of"
                        + " the region so a replica survives a zone outage");
            }
            gcp.rejectUnknownKeys();
        }
        EnvironmentReader kube = top.child("kubernetes", true);
        KubernetesAccess access = kube == null ? null : KubernetesAccess.read(kube);
        GcpSettings.Cache cache = cache(top.child("cache", true), production);
        GcpSettings.WorkerState worker = worker(top.child("workerState", true), production);
        if (cache != null && worker != null && cache.name().equals(worker.name())) {
            top.problem("workerState.name", "'" + worker.name() + "' is also the cache's instance name; the two"
                    + " roles need separate instances");
        }
        GcpMonitoring monitoring = monitoring(top.child("monitoring", false));
        if (top.problemCount() > before || monitoring == null) {
            return null;
        }
        return new GcpSettings(project, region, network, range, zone, alternativeZone, key, window, access, cache,
                worker, monitoring);
    }

    /**
     * {@code monitoring}: {@code notificationChannelId} (or a list, {@code notificationChannelIds}) and
     * {@code thresholds}; the alert policies are always created.
     */
    private static GcpMonitoring monitoring(EnvironmentReader r) {
        if (r == null) {
            return GcpMonitoring.defaults();
        }
        List<String> channels = new java.util.ArrayList<>(r.strings("notificationChannelIds", false));
        String channel = r.string("notificationChannelId", null, false);
        if (channel != null) {
            channels.add(0, channel);
        }
        boolean valid = true;
        for (String c : channels) {
            if (!c.matches("projects/[^/]+/notificationChannels/[^/]+")) {
                r.problem("notificationChannelId", "is '" + c + "'; give the channel's full ID"
                        + " (projects/<project>/notificationChannels/<id>, gcloud beta monitoring channels list)");
                valid = false;
            }
        }
        CloudAlertSettings thresholds = CloudAlertSettings.read(r.child("thresholds", false));
        r.rejectUnknownKeys();
        return !valid || thresholds == null ? null : new GcpMonitoring(channels, thresholds.thresholds(),
                thresholds.replicationLagSeconds(), thresholds.maxClients());
    }

    private static final String NO_ROTATION = "credentials: no staged rotation possible: Memorystore generates the"
            + " AUTH string itself (one string, no second credential, nothing Terraform can set); a new string"
            + " needs two deploys with auth off in between (README, Rotating credentials)";

    /**
     * {@code credentials.rotation} is refused: the AUTH string is generated by the service ({@code auth_string} is
     * computed), there is one per instance, and the only way to a new one is toggling {@code auth_enabled}.
     */
    private static void refuseRotation(EnvironmentReader r) {
        if (r.has("credentials")) {
            r.problem("credentials", "a staged rotation is not possible on Memorystore for Redis: the service"
                    + " generates the AUTH string (auth_string is read-only), keeps only one, and replaces it only"
                    + " when auth_enabled goes false -> true, which admits clients without a password in between;"
                    + " remove credentials and follow the README, Rotating credentials (GCP)");
        }
    }

    private static MaintenanceWindow maintenanceWindow(EnvironmentReader r) {
        if (r == null) {
            return MaintenanceWindow.DEFAULT;
        }
        String day = r.choice("day", MaintenanceWindow.DEFAULT.terraformDay(), false, DAYS);
        Integer hour = r.integer("startHourUtc", MaintenanceWindow.DEFAULT.startHourUtc(), 0, 23);
        r.rejectUnknownKeys();
        return day == null || hour == null ? MaintenanceWindow.DEFAULT
                : new MaintenanceWindow(DayOfWeek.valueOf(day), hour);
    }

    private static MemorystoreService service(String value) {
        return value == null ? null : MemorystoreService.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    private static String tier(EnvironmentReader r, boolean production) {
        String tier = r.choice("tier", "STANDARD_HA", false, TIERS);
        if (production && "BASIC".equals(tier)) {
            r.problem("tier", "is 'BASIC' (one node, no failover); profile production needs STANDARD_HA");
            return null;
        }
        return tier;
    }

    private static GcpSettings.Cache cache(EnvironmentReader r, boolean production) {
        if (r == null) {
            return null;
        }
        String name = r.string("name", "suprsend-cache", false);
        String service = r.choice("service", "redis", false, SERVICES);
        String tier = tier(r, production);
        String version = r.choice("redisVersion", MemorystoreRedisVersion.REDIS_7_2.name(), false, VERSIONS);
        ManagedVersions.require(r, "redisVersion", "Memorystore for Redis", version, production);
        Integer memory = r.integer("memorySizeGb", MemorystoreCacheStoreProps.DEFAULT_MEMORY_SIZE_GB, 1, 300);
        String eviction = r.choice("evictionPolicy", "allkeys-lru", false, List.of("allkeys-lru", "volatile-lru"));
        refuseRotation(r);
        r.rejectUnknownKeys();
        if (name == null || service == null || tier == null || version == null || memory == null
                || eviction == null) {
            return null;
        }
        return new GcpSettings.Cache(name, service(service), MemorystoreTier.valueOf(tier),
                MemorystoreRedisVersion.valueOf(version), memory, EvictionPolicy.fromRedisName(eviction));
    }

    private static GcpSettings.WorkerState worker(EnvironmentReader r, boolean production) {
        if (r == null) {
            return null;
        }
        String name = r.string("name", "suprsend-worker-state", false);
        String service = r.choice("service", "redis", false, SERVICES);
        String tier = tier(r, production);
        String version = r.choice("redisVersion", MemorystoreRedisVersion.REDIS_7_2.name(), false, VERSIONS);
        ManagedVersions.require(r, "redisVersion", "Memorystore for Redis", version, production);
        Integer memory = r.integer("memorySizeGb", MemorystoreWorkerStateStoreProps.DEFAULT_MEMORY_SIZE_GB, 1, 300);
        String period = r.choice("rdbSnapshotPeriod", RdbSnapshotPeriod.ONE_HOUR.name(), false, PERIODS);
        Boolean preventDestroy = r.bool("preventDestroy", true);
        refuseRotation(r);
        int before = r.problemCount();
        GcpSettings.Backup backup = backup(r, production);
        r.rejectUnknownKeys();
        if (name == null || service == null || tier == null || version == null || memory == null || period == null
                || preventDestroy == null || r.problemCount() > before) {
            return null;
        }
        return new GcpSettings.WorkerState(name, service(service), MemorystoreTier.valueOf(tier),
                MemorystoreRedisVersion.valueOf(version), memory, RdbSnapshotPeriod.valueOf(period), preventDestroy,
                backup);
    }

    /**
     * {@code workerState.backup} (schedule, retentionDays, destination {type: gcs, bucket, prefix, create,
     * kmsKeyName, lockRetention}) and {@code workerState.backupExemptionReason}, the field names of the in-cluster backup. The
     * schedule is parsed here (a bad one is named with its file and field); bucket, key and window rules are
     * checked by {@link dev.kvstores.gcp.MemorystoreBackup}.
     */
    private static GcpSettings.Backup backup(EnvironmentReader r, boolean production) {
        String exemption = r.string("backupExemptionReason", null, false);
        EnvironmentReader b = r.child("backup", false);
        if (b == null) {
            return exemption == null ? null : new GcpSettings.Backup(null, null, null, null, true, null, exemption, false);
        }
        String schedule = BackupScheduleReader.read(r, b, MemorystoreBackupProps.DEFAULT_SCHEDULE, production,
                exemption, BackupScheduleReader.Scheduler.CLOUD_SCHEDULER);
        Integer retention = b.has("retentionDays")
                ? b.integer("retentionDays", MemorystoreBackupProps.DEFAULT_RETENTION_DAYS, 1, 3650) : null;
        String bucket = null;
        String prefix = null;
        String key = null;
        boolean create = true;
        boolean lock = false;
        EnvironmentReader d = b.child("destination", false);
        if (d != null) {
            d.choice("type", "gcs", false, List.of("gcs"));
            bucket = d.string("bucket", null, false);
            prefix = d.string("prefix", MemorystoreBackupProps.DEFAULT_PREFIX, false);
            Boolean c = d.bool("create", true);
            create = c == null || c;
            key = d.string("kmsKeyName", null, false);
            Boolean l = d.bool("lockRetention", false);
            lock = l != null && l;
            if (!create && lock) {
                d.problem("lockRetention", "applies to a bucket kvstores creates (create: true); lock an existing"
                        + " bucket's retention policy yourself (gcloud storage buckets update gs://<bucket>"
                        + " --lock-retention-period): remove lockRetention");
            }
            if (!create && key != null) {
                d.problem("kmsKeyName", "applies to a bucket kvstores creates (create: true); an existing bucket's"
                        + " own default key is checked at plan: remove kmsKeyName");
            }
            if (!create && retention != null) {
                b.problem("retentionDays", "applies to a bucket kvstores creates; with destination.create: false"
                        + " the bucket's own lifecycle rules keep the exports: remove retentionDays");
            }
            d.rejectUnknownKeys();
        }
        b.rejectUnknownKeys();
        return new GcpSettings.Backup(schedule, retention, bucket, prefix, create, key, exemption, lock);
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
