package dev.kvstores.gcp;

import dev.kvstores.role.StoreBasics;

/**
 * Base of the Memorystore props' builders (cache and worker state): the name and the setters of
 * {@link MemorystorePlacement} and {@link MemorystoreInstance}, written once and delegating to their builders; the
 * defaults and valid values are those parts'. Package-private: users see the setters on each props' public
 * {@code Builder}.
 *
 * @param <B> the concrete builder
 */
abstract class MemorystoreStoreBuilder<B extends MemorystoreStoreBuilder<B>> extends StoreBasics.PropsBuilder<B> {
    MemorystorePlacement.Builder placement = MemorystorePlacement.builder();
    MemorystoreInstance.Builder instance = MemorystoreInstance.builder();

    MemorystoreStoreBuilder() {
    }

    /** Starts from the parts of existing props (for {@code toBuilder()}). */
    B parts(StoreBasics basics, MemorystorePlacement placement, MemorystoreInstance instance) {
        this.placement = placement.toBuilder();
        this.instance = instance.toBuilder();
        return basics(basics);
    }

    /** @see StoreBasics#name() */
    public B name(String value) { return storeName(value); }
    public B region(String value) { placement.region(value); return self(); }
    public B authorizedNetwork(String value) { placement.authorizedNetwork(value); return self(); }
    public B project(String value) { placement.project(value); return self(); }
    public B reservedIpRange(String value) { placement.reservedIpRange(value); return self(); }
    public B locationId(String value) { placement.locationId(value); return self(); }
    public B alternativeLocationId(String value) { placement.alternativeLocationId(value); return self(); }
    public B service(MemorystoreService value) { instance.service(value); return self(); }
    public B tier(MemorystoreTier value) { instance.tier(value); return self(); }
    public B redisVersion(MemorystoreRedisVersion value) { instance.redisVersion(value); return self(); }
    public B memorySizeGb(int value) { instance.memorySizeGb(value); return self(); }
    public B authEnabled(boolean value) { instance.authEnabled(value); return self(); }
    public B transitEncryptionEnabled(boolean value) { instance.transitEncryptionEnabled(value); return self(); }
    public B rdbSnapshotPeriod(RdbSnapshotPeriod value) { instance.rdbSnapshotPeriod(value); return self(); }
    public B customerManagedKey(String value) { instance.customerManagedKey(value); return self(); }
    public B maintenanceWindow(MaintenanceWindow value) { instance.maintenanceWindow(value); return self(); }
    public B putLabel(String key, String value) { instance.putLabel(key, value); return self(); }
}
