package dev.kvstores.azure;

import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.azurerm.managed_redis.ManagedRedis;
import com.hashicorp.cdktf.providers.azurerm.managed_redis.ManagedRedisConfig;
import com.hashicorp.cdktf.providers.azurerm.managed_redis.ManagedRedisCustomerManagedKey;
import com.hashicorp.cdktf.providers.azurerm.managed_redis.ManagedRedisDefaultDatabase;
import com.hashicorp.cdktf.providers.azurerm.managed_redis.ManagedRedisIdentity;
import dev.kvstores.StoreProblems;
import dev.kvstores.role.ConnectionInfo;
import dev.kvstores.role.Durability;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.RoleContract;
import dev.kvstores.role.StoreRole;
import dev.kvstores.role.StoreSpec;
import dev.kvstores.role.Topology;
import dev.kvstores.role.WorkerStateStore;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * Worker State Store on Azure Managed Redis ({@code azurerm_managed_redis}, azurerm 4.55).
 *
 * <p>Defaults: {@value AzureManagedRedisWorkerStateStoreProps#DEFAULT_SKU}, high availability on
 * (zone-redundant in regions with zones), {@code EnterpriseCluster} (one endpoint, any client), AOF persistence
 * every second ({@code persistence_append_only_file_backup_frequency = "1s"}), {@code NoEviction}, client
 * protocol {@code Encrypted} only on port {@value #TLS_PORT} (TLS 1.2 is the service minimum), public network
 * access {@code Disabled} with a private endpoint and the {@code privatelink.redis.azure.net} zone, access-key
 * authentication with the key read from {@code default_database[0].primary_access_key} (the {@code default}
 * user's password in URLs, which read the port from {@code default_database[0].port}),
 * {@code prevent_destroy}.
 *
 * <p>Access keys rather than Entra ID: the platform reads a Redis URL with a static password; Entra tokens
 * expire hourly and need a token-aware client, which the URL contract cannot carry.
 *
 * <pre>{@code
 * WorkerStateStore worker = new AzureManagedRedisWorkerStateStore(this, "WorkerState",
 *         AzureManagedRedisWorkerStateStoreProps.builder().name("suprsend-prod-state").placement(placement).build());
 * }</pre>
 *
 * <p>With {@code backup} props: a nightly export to a customer-key-encrypted storage account ({@link ManagedRedisBackup},
 * child {@code Backup}); the report's durability line then names its schedule, place, key, retention and recovery
 * point.
 *
 * <p>Child IDs: {@code Resource} (the instance), {@code PrivateAccess} (endpoint and DNS), {@code Backup}.
 */
public final class AzureManagedRedisWorkerStateStore extends Construct implements WorkerStateStore {

    /** The port of every Azure Managed Redis database. */
    public static final int TLS_PORT = 10000;

    private static final String WHO = "worker-state store (azure-managed-redis)";

    private final AzureManagedRedisWorkerStateStoreProps props;
    private final ManagedRedis redis;
    private final ConnectionInfo connectionInfo;
    private final List<String> exemptions;
    private final ManagedRedisBackup backup;

    public AzureManagedRedisWorkerStateStore(Construct scope, String id, AzureManagedRedisWorkerStateStoreProps props) {
        super(scope, id);
        this.props = props;
        StoreProblems problems = new StoreProblems(WHO);
        props.azure().check(WHO, problems, StoreRole.WORKER_STATE, props.name(), AzureNames.MAX_MANAGED_REDIS_NAME,
                "Azure Managed Redis names have at most " + AzureNames.MAX_MANAGED_REDIS_NAME + " characters");
        validate(props, problems);
        problems.throwIfAny();
        boolean ha = props.highAvailabilityEnabled();
        Topology topology = !ha ? Topology.STANDALONE
                : props.clusteringPolicy().clusterProtocol() ? Topology.CLUSTER : Topology.REPLICATED;
        this.exemptions = RoleContract.enforce(StoreSpec.builder(StoreRole.WORKER_STATE, "azure-managed-redis")
                .topology(topology).nodes(ha ? 2 : 1, 2).zoneSpread(ha).haExemptionReason(props.haExemptionReason())
                .tlsEnabled(true).authEnabled(true).privateNetworking(true)
                .evictionPolicy(EvictionPolicy.NOEVICTION).durability(Durability.AOF_EVERYSEC).build());

        Map<String, String> tags = AzureNames.tags(props.tags(), StoreRole.WORKER_STATE.label());
        ManagedRedisConfig.Builder config = ManagedRedisConfig.builder()
                .name(props.name())
                .location(props.placement().location())
                .resourceGroupName(props.placement().resourceGroupName())
                .skuName(props.skuName())
                .highAvailabilityEnabled(ha)
                .publicNetworkAccess("Disabled")
                .defaultDatabase(ManagedRedisDefaultDatabase.builder()
                        .accessKeysAuthenticationEnabled(true)
                        .clientProtocol("Encrypted")
                        .clusteringPolicy(props.clusteringPolicy().apiName())
                        .evictionPolicy("NoEviction")
                        .persistenceAppendOnlyFileBackupFrequency("1s")
                        .build())
                .lifecycle(TerraformResourceLifecycle.builder().preventDestroy(props.preventDestroy()).build())
                .tags(tags);
        if (props.customerManagedKeyId() != null) {
            config.identity(ManagedRedisIdentity.builder().type("UserAssigned")
                            .identityIds(List.of(props.customerManagedKeyIdentityId())).build())
                    .customerManagedKey(ManagedRedisCustomerManagedKey.builder()
                            .keyVaultKeyId(props.customerManagedKeyId())
                            .userAssignedIdentityId(props.customerManagedKeyIdentityId()).build());
        }
        this.redis = new ManagedRedis(this, "Resource", config.build());
        new PrivateAccess(this, "PrivateAccess", props.placement(), props.name(), redis.getId(),
                PrivateAccess.MANAGED_ZONE, PrivateAccess.MANAGED_SUBRESOURCE, tags);
        this.backup = props.backup() == null ? null : new ManagedRedisBackup(this, "Backup", props.backup(),
                redis.getId(), props.name(), props.placement(), tags);
        // Redis Enterprise: the access key is the password of the database's "default" user (AUTH default <key>).
        // The port is the database's own port attribute.
        this.connectionInfo = new ConnectionInfo(redis.getHostname(), TLS_PORT, true, ConnectionInfo.DEFAULT_USER,
                AccessKeyRotation.secondary(props.credentialRotation())
                        ? redis.getDefaultDatabase().getSecondaryAccessKey()
                        : redis.getDefaultDatabase().getPrimaryAccessKey(),
                null, props.clusteringPolicy().clusterProtocol(), Token.asString(redis.getDefaultDatabase().getPort()));
    }

    /** Report lines on the access key: rotation phase, what the next deploy does, the commands in between. */
    public List<String> credentialsReport() {
        return AccessKeyRotation.report(props.credentialRotation(), "az redisenterprise database regenerate-key"
                + " --resource-group " + props.placement().resourceGroupName() + " --cluster-name " + props.name()
                + " --key-type %s");
    }

    private static void validate(AzureManagedRedisWorkerStateStoreProps props, StoreProblems problems) {
        if (!props.skuName().matches("(Balanced_B|MemoryOptimized_M|ComputeOptimized_X|FlashOptimized_A)[0-9]+")) {
            problems.add("Sku", WHO + ": skuName must be a Managed Redis SKU (Balanced_B*,"
                    + " MemoryOptimized_M*, ComputeOptimized_X*, FlashOptimized_A*), got '" + props.skuName() + "'");
        }
        if (props.rdbSnapshots()) {
            problems.add("ManagedRedisAofAndRdb", WHO + ": rdbSnapshots must be false: azurerm 4.55"
                    + " allows only one of persistence_append_only_file_backup_frequency and"
                    + " persistence_redis_database_backup_frequency, and the worker state store needs AOF; remove"
                    + " rdbSnapshots");
        }
        if ((props.customerManagedKeyId() == null) != (props.customerManagedKeyIdentityId() == null)) {
            problems.add("CustomerManagedKey", WHO + ": customerManagedKeyId and"
                    + " customerManagedKeyIdentityId go together, got only "
                    + (props.customerManagedKeyId() == null ? "the identity" : "the key") + "; set both or neither");
        }
    }

    @Override
    public ConnectionInfo connectionInfo() {
        return connectionInfo;
    }

    @Override
    public Topology topology() {
        return props.clusteringPolicy().clusterProtocol() ? Topology.CLUSTER
                : props.highAvailabilityEnabled() ? Topology.REPLICATED : Topology.STANDALONE;
    }

    @Override
    public Durability durability() {
        return Durability.AOF_EVERYSEC;
    }

    /** The AOF, and with a backup where its exports go, how often, with which key and for how long. */
    @Override
    public String durabilityDescription() {
        String aof = Durability.AOF_EVERYSEC.description() + " (service-side AOF, not readable by you)";
        return backup == null ? aof + "; no off-store backup (workerState.backup)" : aof + "; backup: "
                + backup.description();
    }

    /** The nightly export, when the props carry one. */
    public java.util.Optional<ManagedRedisBackup> backup() {
        return java.util.Optional.ofNullable(backup);
    }

    @Override
    public String memoryHeadroom() {
        return "Azure Managed Redis exposes no maxmemory or maxmemory-reserved (CONFIG is blocked): the SKU's"
                + " memory is the dataset limit and the service keeps its own reserve for persistence and"
                + " replication; Microsoft advises scaling up when Used Memory Percentage stays above 75%";
    }

    @Override
    public String description() {
        return "Azure Managed Redis " + props.skuName() + " '" + props.name() + "' in " + props.placement().location()
                + ", high availability " + (props.highAvailabilityEnabled() ? "on" : "off") + ", "
                + props.clusteringPolicy().apiName() + ", AOF every 1s (no RDB), NoEviction, private endpoint,"
                + " Encrypted on " + TLS_PORT
                + (props.customerManagedKeyId() == null ? ", platform-managed keys" : ", customer-managed key");
    }

    @Override
    public List<String> exemptions() {
        return exemptions;
    }

    /**
     * The {@code azurerm_managed_redis}, as an escape hatch for overrides ({@code addOverride}) and references;
     * changing it can break the role's guarantees. Typed as cdktf's {@code TerraformResource} so that this API is the
     * same with the lean and the official provider bindings; with the official ones it is a {@code ManagedRedis}.
     */
    public TerraformResource redis() {
        return redis;
    }
}
