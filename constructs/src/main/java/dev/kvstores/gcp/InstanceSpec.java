package dev.kvstores.gcp;

import java.util.Map;

/**
 * The settings both Memorystore stores share, as their props resolved them (package-private plumbing).
 */
record InstanceSpec(
        String name,
        String project,
        String region,
        String authorizedNetwork,
        String reservedIpRange,
        String locationId,
        String alternativeLocationId,
        MemorystoreService service,
        MemorystoreTier tier,
        MemorystoreRedisVersion redisVersion,
        int memorySizeGb,
        boolean authEnabled,
        boolean transitEncryptionEnabled,
        RdbSnapshotPeriod rdbSnapshotPeriod,
        String customerManagedKey,
        MaintenanceWindow maintenanceWindow,
        Map<String, String> labels,
        String haExemptionReason) {
}
