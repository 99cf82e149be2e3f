package dev.kvstores.azure;

import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.azurerm.redis_cache.RedisCache;
import com.hashicorp.cdktf.providers.azurerm.redis_cache.RedisCacheConfig;
import com.hashicorp.cdktf.providers.azurerm.redis_cache.RedisCacheRedisConfiguration;
import dev.kvstores.StoreProblems;
import dev.kvstores.role.CacheStore;
import dev.kvstores.role.ConnectionInfo;
import dev.kvstores.role.Durability;
import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.RoleContract;
import dev.kvstores.role.StoreRole;
import dev.kvstores.role.StoreSpec;
import dev.kvstores.role.Topology;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * Cache Store on classic Azure Cache for Redis ({@code azurerm_redis_cache}): the only Azure service whose
 * {@code SELECT} gives the platform its per-service DB numbers (see {@link AzureRedisService}).
 *
 * <p>Defaults: Premium {@code P1} across zones 1, 2, 3 with two replicas (one node per zone); TLS only on port
 * {@value #TLS_PORT} (URLs read the resource's {@code ssl_port}; {@code non_ssl_port_enabled = false}, {@code minimum_tls_version = "1.2"}); public network
 * access off and a private endpoint in the environment's subnet with its {@code privatelink.redis.cache.windows.net}
 * zone; access-key authentication, the key read from the resource's {@code primary_access_key} attribute and
 * written into URLs as the password of the {@code default} user;
 * {@code maxmemory_policy allkeys-lru} and {@code maxmemory_reserved} = 25% of the size's memory, leaving 75% for
 * data; RDB and AOF backups off.
 *
 * <p>Classic runs Redis 6 (the service offers no 7.x); the cache uses only commands Redis 6 has.
 *
 * <pre>{@code
 * CacheStore cache = new AzureCacheForRedisCacheStore(this, "Cache", AzureCacheForRedisCacheStoreProps.builder()
 *         .name("suprsend-prod-cache").placement(placement).build());
 * }</pre>
 *
 * <p>Child IDs: {@code Resource} (the cache), {@code PrivateAccess} (endpoint and DNS).
 */
public final class AzureCacheForRedisCacheStore extends Construct implements CacheStore {

    /** The TLS port of classic Azure Cache for Redis. */
    public static final int TLS_PORT = 6380;
    /** Redis version the classic service runs. */
    public static final String REDIS_VERSION = "6";
    /** Listed in every report: the engine is below the vendor guide's Redis 7.0 minimum. */
    public static final String REDIS_VERSION_RELAXATION = "engine version relaxed: classic Azure Cache for Redis"
            + " offers Redis " + REDIS_VERSION + " only, below the vendor's Redis >= 7.0; the cache uses only"
            + " commands Redis 6 has, and no Azure service gives Redis 7 with DB numbers";

    private static final String WHO = "cache store (azure-cache-for-redis)";

    private final AzureCacheForRedisCacheStoreProps props;
    private final RedisCache cache;
    private final PrivateAccess privateAccess;
    private final ConnectionInfo connectionInfo;
    private final List<String> exemptions;

    public AzureCacheForRedisCacheStore(Construct scope, String id, AzureCacheForRedisCacheStoreProps props) {
        super(scope, id);
        this.props = props;
        StoreProblems problems = new StoreProblems(WHO);
        props.azure().check(WHO, problems, StoreRole.CACHE, props.name(), AzureNames.MAX_PRIVATE_ENDPOINT_NAME - 3,
                "its private endpoint '" + props.name() + "-pe' must be at most " + AzureNames.MAX_PRIVATE_ENDPOINT_NAME
                        + " characters");
        validateTopology(props, problems);
        problems.throwIfAny();
        ClassicCacheSize size = props.size();
        int nodes = 1 + (size.isPremium() ? props.replicasPerPrimary() : 1);
        this.exemptions = RoleContract.enforce(StoreSpec.builder(StoreRole.CACHE, "azure-cache-for-redis")
                .topology(Topology.REPLICATED).nodes(nodes, 2).zoneSpread(size.isPremium() && props.zones().size() >= 2)
                .haExemptionReason(props.haExemptionReason()).tlsEnabled(true).authEnabled(true).privateNetworking(true)
                .evictionPolicy(props.evictionPolicy()).durability(Durability.NONE).build());

        Map<String, String> tags = AzureNames.tags(props.tags(), StoreRole.CACHE.label());
        RedisCacheRedisConfiguration.Builder conf = RedisCacheRedisConfiguration.builder()
                .authenticationEnabled(true)
                .maxmemoryPolicy(props.evictionPolicy().redisName())
                .maxmemoryReserved(size.maxmemoryReservedMegabytes());
        if (size.isPremium()) {
            conf.rdbBackupEnabled(false).aofBackupEnabled(false);
        }
        RedisCacheConfig.Builder config = RedisCacheConfig.builder()
                .name(props.name())
                .location(props.placement().location())
                .resourceGroupName(props.placement().resourceGroupName())
                .skuName(size.skuName())
                .family(size.family())
                .capacity(size.capacity())
                .redisVersion(REDIS_VERSION)
                .nonSslPortEnabled(false)
                .minimumTlsVersion("1.2")
                .publicNetworkAccessEnabled(false)
                .accessKeysAuthenticationEnabled(true)
                .redisConfiguration(conf.build())
                .tags(tags);
        if (size.isPremium()) {
            config.replicasPerPrimary(props.replicasPerPrimary());
            if (!props.zones().isEmpty()) {
                config.zones(props.zones());
            }
        }
        this.cache = new RedisCache(this, "Resource", config.build());
        this.privateAccess = new PrivateAccess(this, "PrivateAccess", props.placement(), props.name(),
                cache.getId(), PrivateAccess.CLASSIC_ZONE, PrivateAccess.CLASSIC_SUBRESOURCE, tags);
        // The access key is the password of the cache's "default" user: AUTH default <key> works, so the URL names
        // the user and `redis-cli -u` works too. The port is the resource's own ssl_port attribute.
        this.connectionInfo = new ConnectionInfo(cache.getHostname(), TLS_PORT, true, ConnectionInfo.DEFAULT_USER,
                AccessKeyRotation.secondary(props.credentialRotation()) ? cache.getSecondaryAccessKey()
                        : cache.getPrimaryAccessKey(), null, false, Token.asString(cache.getSslPort()));
    }

    /** Report lines on the access key: rotation phase, what the next deploy does, the commands in between. */
    public List<String> credentialsReport() {
        return AccessKeyRotation.report(props.credentialRotation(), "az redis regenerate-keys --resource-group "
                + props.placement().resourceGroupName() + " --name " + props.name() + " --key-type %s");
    }

    private static void validateTopology(AzureCacheForRedisCacheStoreProps props, StoreProblems problems) {
        if (!props.size().isPremium() && !props.zones().isEmpty()) {
            problems.add("ZonesNeedPremium", WHO + ": zones " + props.zones() + " need a Premium"
                    + " size (P1-P5), got " + props.size() + " (Standard); choose a P size or remove zones");
        }
        if (props.size().isPremium() && (props.replicasPerPrimary() < 1 || props.replicasPerPrimary() > 3)) {
            problems.add("Replicas", WHO + ": replicasPerPrimary must be between 1 and 3, got "
                    + props.replicasPerPrimary());
        }
        for (String zone : props.zones()) {
            if (!List.of("1", "2", "3").contains(zone)) {
                problems.add("Zones", WHO + ": zones must be among 1, 2, 3, got '" + zone + "'");
            }
        }
        if (props.zones().size() != new java.util.HashSet<>(props.zones()).size()) {
            problems.add("Zones", WHO + ": zones must be distinct, got " + props.zones());
        }
        validateZoneLayout(props, problems);
    }

    /**
     * A zone-redundant Premium cache puts one node per listed zone, so it needs at least as many nodes (primary +
     * replicasPerPrimary) as zones: replicasPerPrimary = zones − 1 (Azure's zone guidance for Premium, as checked by
     * PSRule Azure.Redis.AvailabilityZone: "Set Properties.replicasPerMaster to number of zones - 1").
     */
    private static void validateZoneLayout(AzureCacheForRedisCacheStoreProps props, StoreProblems problems) {
        int zones = props.zones().size();
        int nodes = 1 + props.replicasPerPrimary();
        if (props.size().isPremium() && zones >= 2 && nodes < zones && props.replicasPerPrimary() >= 1) {
            problems.add("ZoneLayout", WHO + ": replicasPerPrimary " + props.replicasPerPrimary() + " with zones "
                    + props.zones() + " gives " + nodes + " nodes for " + zones + " zones, so a zone gets no"
                    + " node; a zone-redundant Premium cache needs"
                    + " replicasPerPrimary = zones - 1; set replicasPerPrimary to " + (zones - 1) + " or list only "
                    + nodes + " zones (e.g. " + props.zones().subList(0, nodes) + ")");
        }
    }

    /**
     * A Cache Store on an existing classic Azure Cache for Redis, read rather than created (Microsoft retires the
     * classic service on 30 Sep 2028 and blocks new instances before then): the URL comes from the cache's
     * {@code hostname}, {@code ssl_port} and {@code primary_access_key}; Terraform postconditions refuse a
     * clustered cache, the non-TLS port, TLS below 1.2 and an eviction policy other than {@code evictionPolicy}.
     *
     * @param name              the existing cache's name
     * @param resourceGroupName its resource group
     * @param evictionPolicy    the {@code maxmemory_policy} it must have ({@code allkeys-lru} or {@code volatile-lru})
     * @param rotation          the access-key rotation (generation {@code n} uses the secondary key when odd, the
     *                          primary when even), or {@code null} for generation 0 (the primary key)
     */
    public static ExistingAzureCacheForRedisCacheStore fromExisting(Construct scope, String id, String name,
                                                                    String resourceGroupName,
                                                                    EvictionPolicy evictionPolicy,
                                                                    CredentialRotation rotation) {
        return new ExistingAzureCacheForRedisCacheStore(scope, id, name, resourceGroupName, evictionPolicy,
                rotation);
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
        ClassicCacheSize size = props.size();
        return "maxmemory_reserved " + size.maxmemoryReservedMegabytes() + " MB (25%): 75% of "
                + size.memoryMebibytes() + " MB for data, the vendor guide's share; Microsoft reserves about 10% by"
                + " default (plus 10% maxfragmentationmemory_reserved) and advises more for write-heavy loads";
    }

    @Override
    public String description() {
        ClassicCacheSize size = props.size();
        return "Azure Cache for Redis " + size.skuName() + " " + size + " (" + size.memoryMebibytes() + " MiB, Redis "
                + REDIS_VERSION + ") '" + props.name() + "' in " + props.placement().location()
                + (props.zones().isEmpty() ? ", no zone placement" : ", zones " + String.join(",", props.zones()))
                + ", private endpoint, TLS 1.2 on " + TLS_PORT + ", maxmemory_reserved "
                + size.maxmemoryReservedMegabytes() + " MB, " + props.evictionPolicy().redisName();
    }

    @Override
    public List<String> exemptions() {
        List<String> all = new java.util.ArrayList<>(exemptions);
        all.add(REDIS_VERSION_RELAXATION);
        return List.copyOf(all);
    }

    /**
     * The {@code azurerm_redis_cache}, as an escape hatch for overrides ({@code addOverride}) and references; changing
     * it can break the role's guarantees. Typed as cdktf's {@code TerraformResource} so that this API is the same with
     * the lean and the official provider bindings; with the official ones it is a {@code RedisCache}.
     */
    public TerraformResource cache() {
        return cache;
    }

    /** Terraform expression of the private endpoint's ID. */
    public String privateEndpointId() {
        return privateAccess.endpoint().getId();
    }
}
