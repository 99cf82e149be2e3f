package dev.kvstores.gcp;

import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.providers.google.redis_instance.RedisInstance;
import dev.kvstores.role.ConnectionInfo;
import dev.kvstores.role.Durability;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.RedisRoleConfig;
import dev.kvstores.role.RoleContract;
import dev.kvstores.role.StoreRole;
import dev.kvstores.role.Topology;
import dev.kvstores.role.WorkerStateStore;
import java.util.List;
import software.constructs.Construct;

/**
 * Worker State Store on Memorystore for Redis ({@code google_redis_instance}): {@code noeviction}, RDB
 * persistence, URL with {@code /0}.
 *
 * <p><b>Durability.</b> Memorystore for Redis has no append-only file; its persistence is RDB snapshots
 * ({@code persistence_config.persistence_mode = RDB}). With STANDARD_HA a zonal failure fails over to the
 * replica, which keeps what it had received (replication is asynchronous, so the last moment of writes can be
 * lost); if both nodes lose their memory the instance restarts from the last snapshot, losing up to one
 * {@code rdbSnapshotPeriod} of writes. The vendor guide's AOF {@code appendfsync everysec} is available on GCP
 * only in Memorystore for Redis Cluster and Memorystore for Valkey, whose IAM-only authentication cannot serve
 * a password URL (see {@link MemorystoreService}).
 *
 * <p>Defaults: tier {@code STANDARD_HA}, Redis 7.2, 8 GB, {@code maxmemory-gb} 50% of it (the RDB snapshots fork: see
 * {@link dev.kvstores.role.StoreSize#WORKER_MAXMEMORY_PERCENT}), {@code noeviction},
 * RDB snapshot every hour, AUTH string, TLS on port 6378 with the instance's server CA, private services access
 * on the given VPC, weekly maintenance window Sunday 03:00 UTC, {@code prevent_destroy}, optional CMEK.
 *
 * <p>With a customer-managed key the store also grants the Memorystore service agent
 * ({@code service-<project-number>@cloud-redis.iam.gserviceaccount.com}) {@code roles/cloudkms.cryptoKeyEncrypterDecrypter}
 * on the key ({@code google_kms_crypto_key_iam_member}, project number from a {@code google_project} data source)
 * and the instance depends on it: without it, creation fails. Applying it needs permission to set IAM on the key;
 * the grant is made once per stack and key (top-level IDs {@code MemorystoreKeyGrant<hash>},
 * {@code MemorystoreProject<hash>}), shared by the two stores.
 *
 * <p>With {@link MemorystoreWorkerStateStoreProps#backup()}: a nightly, CMEK-encrypted export to Cloud Storage
 * ({@link MemorystoreBackup}, child {@code Backup}); the durability line of the report names its schedule, bucket,
 * key, retention and recovery point.
 *
 * <p>Child IDs: {@code Resource} (the {@code google_redis_instance}), {@code Backup}.
 */
public final class MemorystoreWorkerStateStore extends Construct implements WorkerStateStore {

    private final MemorystoreWorkerStateStoreProps props;
    private final List<String> exemptions;
    private final RedisInstance instance;
    private final ConnectionInfo connectionInfo;
    private final MemorystoreBackup backup;

    public MemorystoreWorkerStateStore(Construct scope, String id, MemorystoreWorkerStateStoreProps props) {
        super(scope, id);
        this.props = props;
        InstanceSpec spec = props.instanceSpec();
        this.exemptions = RoleContract.enforce(MemorystoreRedis.storeSpec(StoreRole.WORKER_STATE, spec,
                EvictionPolicy.NOEVICTION));
        MemorystoreRedis.validate(StoreRole.WORKER_STATE, spec);
        RedisRoleConfig config = RedisRoleConfig.workerState(props.memorySizeGb() * 1024, true);
        this.instance = MemorystoreRedis.create(this, StoreRole.WORKER_STATE, spec,
                MemorystoreRedis.redisConfigs(config, props.memorySizeGb()), props.preventDestroy());
        this.connectionInfo = MemorystoreRedis.connectionInfo(instance, props.transitEncryptionEnabled());
        this.backup = props.backup() == null ? null : new MemorystoreBackup(this, "Backup", props.backup(),
                new MemorystoreBackup.Target(props.project(), props.region(), props.name(), instance,
                        props.maintenanceWindow(), props.rdbSnapshotPeriod(),
                        MemorystoreRedis.labels(StoreRole.WORKER_STATE, spec), props.preventDestroy()));
    }

    /** The scheduled export, or {@code null} when the props carry no backup. */
    public MemorystoreBackup backup() {
        return backup;
    }

    @Override
    public ConnectionInfo connectionInfo() {
        return connectionInfo;
    }

    @Override
    public Topology topology() {
        return props.tier() == MemorystoreTier.STANDARD_HA ? Topology.REPLICATED : Topology.STANDALONE;
    }

    @Override
    public Durability durability() {
        return Durability.RDB_SNAPSHOTS;
    }

    @Override
    public String durabilityDescription() {
        String store = durability().description(props.tier() != MemorystoreTier.STANDARD_HA);
        return backup == null ? store + "; no off-store backup (workerState.backup)" : store + "; " + backup.summary();
    }

    @Override
    public String memoryHeadroom() {
        return "maxmemory-gb " + MemorystoreRedis.maxmemoryGb(StoreRole.WORKER_STATE, props.memorySizeGb()) + " of "
                + props.memorySizeGb() + " GB (50%, the worker rule: its RDB snapshots and exports fork under write"
                + " load, for which Google's general best practices say to lower maxmemory to 50%; keep the system"
                + " memory usage ratio under 80%)";
    }

    @Override
    public String description() {
        return MemorystoreRedis.describe(StoreRole.WORKER_STATE, props.instanceSpec(), EvictionPolicy.NOEVICTION.redisName())
                + ", RDB snapshot every " + props.rdbSnapshotPeriod().words() + " (no AOF on Memorystore for Redis:"
                + (props.tier() == MemorystoreTier.STANDARD_HA ? " losing both nodes" : " losing the node")
                + " loses up to " + props.rdbSnapshotPeriod().words() + " of writes)";
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
