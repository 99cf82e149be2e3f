package dev.kvstores.gcp;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The instance settings both Memorystore stores share (their props' builders delegate to {@link Builder}).
 *
 * @param service            Memorystore product. Default: {@link MemorystoreService#REDIS}, the only one accepted
 *                           (see {@link MemorystoreService})
 * @param tier               Default: {@link MemorystoreTier#STANDARD_HA}; BASIC needs a high-availability exemption
 * @param redisVersion       Default: {@link MemorystoreRedisVersion#REDIS_7_2}
 * @param memorySizeGb       instance memory, 1-300 GB; {@code maxmemory-gb} is 75% of it. Default: 0 here, the
 *                           role's size once composed (cache 2, worker state 8)
 * @param security           AUTH, TLS and the customer-managed key ({@link MemorystoreSecurity})
 * @param rdbSnapshotPeriod  RDB persistence. Default: none (the worker state store's props default to
 *                           {@link RdbSnapshotPeriod#ONE_HOUR})
 * @param maintenanceWindow  Default: {@link MaintenanceWindow#DEFAULT} (Sunday 03:00 UTC)
 * @param labels             extra GCP labels. Default: none ({@code kvstores-role} and {@code managed-by} are always
 *                           set)
 */
public record MemorystoreInstance(
        MemorystoreService service,
        MemorystoreTier tier,
        MemorystoreRedisVersion redisVersion,
        int memorySizeGb,
        MemorystoreSecurity security,
        RdbSnapshotPeriod rdbSnapshotPeriod,
        MaintenanceWindow maintenanceWindow,
        Map<String, String> labels) {

    public MemorystoreInstance {
        service = Objects.requireNonNullElse(service, MemorystoreService.REDIS);
        tier = Objects.requireNonNullElse(tier, MemorystoreTier.STANDARD_HA);
        redisVersion = Objects.requireNonNullElse(redisVersion, MemorystoreRedisVersion.REDIS_7_2);
        security = Objects.requireNonNullElse(security, new MemorystoreSecurity(true, true, null));
        maintenanceWindow = Objects.requireNonNullElse(maintenanceWindow, MaintenanceWindow.DEFAULT);
        labels = Map.copyOf(new TreeMap<>(Objects.requireNonNullElse(labels, Map.of())));
    }

    /**
     * AUTH, TLS and encryption at rest of the instance.
     *
     * @param authEnabled              Redis AUTH with the instance's generated AUTH string. Default: true (must be)
     * @param transitEncryptionEnabled TLS with server authentication on port 6378. Default: true (must be)
     * @param customerManagedKey       KMS key (CMEK) in the instance's region. Default: Google-managed key
     */
    public record MemorystoreSecurity(boolean authEnabled, boolean transitEncryptionEnabled,
                                      String customerManagedKey) {
    }

    /** This instance with {@code memorySizeGb} set to the role's default when unset (0). */
    MemorystoreInstance withDefaultMemorySizeGb(int defaultGb) {
        return memorySizeGb != 0 ? this : new MemorystoreInstance(service, tier, redisVersion, defaultGb, security,
                rdbSnapshotPeriod, maintenanceWindow, labels);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().service(service).tier(tier).redisVersion(redisVersion).memorySizeGb(memorySizeGb)
                .authEnabled(security.authEnabled()).transitEncryptionEnabled(security.transitEncryptionEnabled())
                .customerManagedKey(security.customerManagedKey()).rdbSnapshotPeriod(rdbSnapshotPeriod)
                .maintenanceWindow(maintenanceWindow);
        labels.forEach(b::putLabel);
        return b;
    }

    /** Read access to the instance settings of a props record that composes them (e.g. {@code props.tier()}). */
    public interface Part {
        /** The composed instance settings. */
        MemorystoreInstance instance();

        default MemorystoreService service() { return instance().service(); }
        default MemorystoreTier tier() { return instance().tier(); }
        default MemorystoreRedisVersion redisVersion() { return instance().redisVersion(); }
        default int memorySizeGb() { return instance().memorySizeGb(); }
        default boolean authEnabled() { return instance().security().authEnabled(); }
        default boolean transitEncryptionEnabled() { return instance().security().transitEncryptionEnabled(); }
        default String customerManagedKey() { return instance().security().customerManagedKey(); }
        default RdbSnapshotPeriod rdbSnapshotPeriod() { return instance().rdbSnapshotPeriod(); }
        default MaintenanceWindow maintenanceWindow() { return instance().maintenanceWindow(); }
        default Map<String, String> labels() { return instance().labels(); }
    }

    /** Builder of {@link MemorystoreInstance}; unset fields take the documented defaults. */
    public static final class Builder {
        private MemorystoreService service;
        private MemorystoreTier tier;
        private MemorystoreRedisVersion redisVersion;
        private int memorySizeGb;
        private boolean authEnabled = true;
        private boolean transitEncryptionEnabled = true;
        private String customerManagedKey;
        private RdbSnapshotPeriod rdbSnapshotPeriod;
        private MaintenanceWindow maintenanceWindow;
        private final Map<String, String> labels = new TreeMap<>();

        private Builder() {
        }

        public Builder service(MemorystoreService value) { this.service = value; return this; }
        public Builder tier(MemorystoreTier value) { this.tier = value; return this; }
        public Builder redisVersion(MemorystoreRedisVersion value) { this.redisVersion = value; return this; }
        public Builder memorySizeGb(int value) { this.memorySizeGb = value; return this; }
        public Builder authEnabled(boolean value) { this.authEnabled = value; return this; }
        public Builder transitEncryptionEnabled(boolean value) { this.transitEncryptionEnabled = value; return this; }
        public Builder customerManagedKey(String value) { this.customerManagedKey = value; return this; }
        public Builder rdbSnapshotPeriod(RdbSnapshotPeriod value) { this.rdbSnapshotPeriod = value; return this; }
        public Builder maintenanceWindow(MaintenanceWindow value) { this.maintenanceWindow = value; return this; }
        public Builder putLabel(String key, String value) { labels.put(key, value); return this; }

        public MemorystoreInstance build() {
            return new MemorystoreInstance(service, tier, redisVersion, memorySizeGb,
                    new MemorystoreSecurity(authEnabled, transitEncryptionEnabled, customerManagedKey),
                    rdbSnapshotPeriod, maintenanceWindow, labels);
        }
    }
}
