package dev.kvstores.gcp;

import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.providers.google.redis_instance.RedisInstance;
import dev.kvstores.role.CacheStore;
import dev.kvstores.role.ConnectionInfo;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.RedisRoleConfig;
import dev.kvstores.role.RoleContract;
import dev.kvstores.role.StoreRole;
import java.util.List;
import software.constructs.Construct;

/**
 * Cache Store on Memorystore for Redis ({@code google_redis_instance}): never cluster mode, no persistence,
 * LRU eviction with {@code maxmemory-gb} at 75% of the instance's memory.
 *
 * <p>Defaults: tier {@code STANDARD_HA} (primary and replica in two zones, automatic failover), Redis 7.2,
 * 2 GB, {@code allkeys-lru}, {@code persistence_config.persistence_mode = DISABLED}, {@code auth_enabled}
 * (clients use the instance's generated AUTH string), {@code transit_encryption_mode = SERVER_AUTHENTICATION}
 * (TLS on port 6378 with a server CA the instance publishes; the CA goes into the connection Secret),
 * {@code connect_mode = PRIVATE_SERVICE_ACCESS} on the given VPC (no public address exists), a weekly
 * maintenance window (Sunday 03:00 UTC), optional CMEK. Memorystore for Valkey and Redis Cluster are refused:
 * see {@link MemorystoreService}.
 *
 * <pre>{@code
 * new MemorystoreCacheStore(this, "Cache", MemorystoreCacheStoreProps.builder()
 *         .name("suprsend-cache").region("us-central1")
 *         .authorizedNetwork("projects/acme/global/networks/platform")
 *         .locationId("us-central1-a").alternativeLocationId("us-central1-b")
 *         .build());
 * }</pre>
 *
 * <p>With a customer-managed key the store also grants the Memorystore service agent
 * ({@code service-<project-number>@cloud-redis.iam.gserviceaccount.com}) {@code roles/cloudkms.cryptoKeyEncrypterDecrypter}
 * on the key ({@code google_kms_crypto_key_iam_member}, project number from a {@code google_project} data source)
 * and the instance depends on it: without it, creation fails. Applying it needs permission to set IAM on the key;
 * the grant is made once per stack and key (top-level IDs {@code MemorystoreKeyGrant<hash>},
 * {@code MemorystoreProject<hash>}), shared by the two stores.
 *
 * <p>Child IDs: {@code Resource} (the {@code google_redis_instance}).
 */
public final class MemorystoreCacheStore extends Construct implements CacheStore {

    private final MemorystoreCacheStoreProps props;
    private final List<String> exemptions;
    private final RedisInstance instance;
    private final ConnectionInfo connectionInfo;

    public MemorystoreCacheStore(Construct scope, String id, MemorystoreCacheStoreProps props) {
        super(scope, id);
        this.props = props;
        InstanceSpec spec = props.instanceSpec();
        this.exemptions = RoleContract.enforce(MemorystoreRedis.storeSpec(StoreRole.CACHE, spec,
                props.evictionPolicy()));
        MemorystoreRedis.validate(StoreRole.CACHE, spec);
        RedisRoleConfig config = RedisRoleConfig.cache(props.memorySizeGb() * 1024, props.evictionPolicy());
        this.instance = MemorystoreRedis.create(this, StoreRole.CACHE, spec,
                MemorystoreRedis.redisConfigs(config, props.memorySizeGb()), false);
        this.connectionInfo = MemorystoreRedis.connectionInfo(instance, props.transitEncryptionEnabled());
    }

    @Override
    public ConnectionInfo connectionInfo() {
        return connectionInfo;
    }

    @Override
    public EvictionPolicy evictionPolicy() {
        return props.evictionPolicy();
    }

    @Override
    public String memoryHeadroom() {
        return "maxmemory-gb " + MemorystoreRedis.maxmemoryGb(StoreRole.CACHE, props.memorySizeGb()) + " of "
                + props.memorySizeGb() + " GB (75%; Google's default is 100%, its guidance: keep the system memory"
                + " usage ratio under 80% and lower maxmemory-gb for headroom; 80% during upgrades, scaling,"
                + " imports and exports, which copy data through a fork)";
    }

    @Override
    public String description() {
        return MemorystoreRedis.describe(StoreRole.CACHE, props.instanceSpec(), props.evictionPolicy().redisName())
                + ", persistence DISABLED";
    }

    @Override
    public List<String> exemptions() {
        return exemptions;
    }

    /**
     * The {@code google_redis_instance}, as an escape hatch for overrides ({@code addOverride}) and references;
     * changing it can break the role's guarantees. Typed as cdktf's {@code TerraformResource} so that this API is the
     * same with the lean and the official provider bindings; with the official ones it is a {@code RedisInstance}.
     */
    public TerraformResource instance() {
        return instance;
    }
}
