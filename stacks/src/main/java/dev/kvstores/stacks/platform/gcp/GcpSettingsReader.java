package dev.kvstores.stacks.platform.gcp;

import dev.kvstores.gcp.GcpMonitoring;
import dev.kvstores.gcp.MaintenanceWindow;
import dev.kvstores.gcp.MemorystoreBackupProps;
import dev.kvstores.gcp.MemorystoreCacheStoreProps;
import dev.kvstores.gcp.MemorystoreRedisVersion;
import dev.kvstores.gcp.MemorystoreService;
import dev.kvstores.gcp.MemorystoreTier;
import dev.kvstores.gcp.MemorystoreWorkerStateStoreProps;
import dev.kvstores.gcp.RdbSnapshotPeriod;
import dev.kvstores.kubernetes.ClusterEgress;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.stacks.environment.CloudNames;
import dev.kvstores.stacks.environment.EnvironmentReader;
import dev.kvstores.stacks.environment.FieldShape;
import dev.kvstores.stacks.environment.KubernetesAccess;
import dev.kvstores.stacks.environment.PlatformSettings;
import dev.kvstores.stacks.platform.BackupScheduleReader;
import dev.kvstores.stacks.platform.CloudAlertSettings;
import dev.kvstores.stacks.platform.ManagedVersions;
import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads the {@code platform: gcp} sections of an environment file into its settings, recording every problem
 * in the reader; {@link GcpPlatform} builds the stores from them.
 */
final class GcpSettingsReader {

    private static final List<String> SERVICES = List.of("redis", "valkey", "redis-cluster");
    private static final List<String> TIERS = List.of("STANDARD_HA", "BASIC");
    private static final List<String> VERSIONS = names(MemorystoreRedisVersion.values());
    private static final List<String> PERIODS = names(RdbSnapshotPeriod.values());
    private static final List<String> DAYS = names(DayOfWeek.values());

    private GcpSettingsReader() {
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    static PlatformSettings read(EnvironmentReader top, String environmentName, boolean production) {
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
            if (range != null && !ClusterEgress.isCidr(range) && !FieldShape.DNS_LABEL.accepts(range)) {
                gcp.problem("reservedIpRange", "is '" + range + "'; give the name of the allocated range of the"
                        + " private services access connection (lowercase letters, digits and '-', e.g."
                        + " memorystore-psa) or a CIDR block such as 10.20.0.0/29");
                range = null;
            }
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
        return GcpSettings.builder().project(project).region(region).network(network).reservedIpRange(range)
                .zone(zone).alternativeZone(alternativeZone).customerManagedKey(key).maintenanceWindow(window)
                .kubernetes(access).cache(cache).workerState(worker).monitoring(monitoring).build();
    }

    /**
     * {@code monitoring}: {@code notificationChannelId} (or a list, {@code notificationChannelIds}) and
     * {@code thresholds}; the alert policies are always created.
     */
    private static GcpMonitoring monitoring(EnvironmentReader r) {
        if (r == null) {
            return GcpMonitoring.defaults();
        }
        List<String> listed = r.strings("notificationChannelIds", false);
        String channel = r.string("notificationChannelId", null, false);
        List<String> channels = new java.util.ArrayList<>(listed);
        if (channel != null) {
            channels.add(0, channel);
        }
        boolean valid = true;
        for (int i = 0; i < channels.size(); i++) {
            String c = channels.get(i);
            if (!c.matches("projects/[^/]+/notificationChannels/[^/]+")) {
                r.problem(channel == null ? "notificationChannelIds[" + i + "]" : i == 0 ? "notificationChannelId"
                        : "notificationChannelIds[" + (i - 1) + "]", "is '" + c + "'; give the channel's full ID"
                        + " (projects/<project>/notificationChannels/<id>, gcloud beta monitoring channels list)");
                valid = false;
            }
        }
        CloudAlertSettings thresholds = CloudAlertSettings.read(r.child("thresholds", false));
        r.rejectUnknownKeys();
        return !valid || thresholds == null ? null : new GcpMonitoring(channels, thresholds.thresholds(),
                thresholds.replicationLagSeconds(), thresholds.maxClients());
    }

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
        String exemption = r.reason("backupExemptionReason", null, false);
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
            prefix = d.shaped("prefix", MemorystoreBackupProps.DEFAULT_PREFIX, false, FieldShape.OBJECT_PREFIX);
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
}
