package dev.kvstores.kubernetes;

import com.hashicorp.cdktf.TerraformResource;

/**
 * An in-cluster store that {@link StoreAlerts} and {@link StoreDashboard} can watch without being told what the
 * store already knows: {@link BitnamiRedisCacheStore}, {@link BitnamiRedisWorkerStateStore} and
 * {@link KvrocksWorkerStateStore}.
 */
public interface MonitoredStore {

    /**
     * What the store knows about itself, as a builder: role, namespace, store name (release or StatefulSet),
     * expected replicas, CPU limit, and whether {@code maxmemory}, AOF and RDB are on. Add rule labels or
     * thresholds and {@code build()}.
     */
    StoreMonitoringProps.Builder monitoring();

    /**
     * The resource the store's pods come from (the {@code helm_release} or the KVRocks StatefulSet); its alert
     * rule and dashboard are applied after it (which follows the store's namespace).
     */
    TerraformResource workload();
}
