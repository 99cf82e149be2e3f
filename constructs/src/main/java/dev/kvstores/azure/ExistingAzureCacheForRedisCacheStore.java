package dev.kvstores.azure;

import com.hashicorp.cdktf.Postcondition;
import com.hashicorp.cdktf.TerraformDataSource;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.azurerm.data_azurerm_redis_cache.DataAzurermRedisCache;
import com.hashicorp.cdktf.providers.azurerm.data_azurerm_redis_cache.DataAzurermRedisCacheConfig;
import dev.kvstores.StoreProblems;
import dev.kvstores.role.CacheStore;
import dev.kvstores.role.ConnectionInfo;
import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.EvictionPolicy;
import java.util.List;
import software.constructs.Construct;

/**
 * Cache Store on an <em>existing</em> classic Azure Cache for Redis, adopted rather than created: Microsoft retires
 * the classic service (Basic, Standard, Premium) on 30 Sep 2028 and no longer lets every subscription create new
 * instances, so kvstores only reads one that already exists ({@code data "azurerm_redis_cache"}) and builds the
 * URL from its {@code hostname}, {@code ssl_port} and {@code primary_access_key} (or {@code secondary_access_key}
 * in an odd rotation generation: the staged key rotation of the created cache, with the same report lines).
 *
 * <p>The cache itself stays managed where it was created (portal, another Terraform state); kvstores changes
 * nothing on it. Terraform postconditions on the data source stop the plan when the cache cannot serve the role:
 * clustered ({@code shard_count > 0}, no DB numbers), the non-TLS port on, TLS below 1.2, or a
 * {@code maxmemory_policy} other than the expected one.
 *
 * <pre>{@code
 * CacheStore cache = AzureCacheForRedisCacheStore.fromExisting(this, "Cache", "suprsend-prod-cache",
 *         "suprsend-prod", EvictionPolicy.ALLKEYS_LRU, null);
 * }</pre>
 *
 * <p>Child ID: {@code Resource} (the data source).
 */
public final class ExistingAzureCacheForRedisCacheStore extends Construct implements CacheStore {

    private static final String WHO = "cache store (azure-cache-for-redis, existing)";

    private final String name;
    private final String resourceGroupName;
    private final EvictionPolicy evictionPolicy;
    private final CredentialRotation rotation;
    private final DataAzurermRedisCache cache;
    private final ConnectionInfo connectionInfo;

    ExistingAzureCacheForRedisCacheStore(Construct scope, String id, String name, String resourceGroupName,
                                         EvictionPolicy evictionPolicy, CredentialRotation rotation) {
        super(scope, id);
        StoreProblems problems = new StoreProblems(WHO);
        problems.check(() -> AzureNames.requireName(WHO, name));
        if (resourceGroupName == null || resourceGroupName.isBlank()) {
            problems.add("ResourceGroup", WHO + ": resourceGroupName must name the resource group of cache '"
                    + name + "', got " + (resourceGroupName == null ? "none" : "'" + resourceGroupName + "'"));
        }
        if (evictionPolicy == null) {
            problems.add("EvictionPolicy", WHO + ": evictionPolicy must be allkeys-lru or volatile-lru, got none");
        }
        problems.throwIfAny();
        this.name = name;
        this.resourceGroupName = resourceGroupName;
        this.evictionPolicy = evictionPolicy;
        this.rotation = rotation;
        String cacheName = "cache '" + name + "' (resource group " + resourceGroupName + ")";
        this.cache = new DataAzurermRedisCache(this, "Resource", DataAzurermRedisCacheConfig.builder()
                .name(name)
                .resourceGroupName(resourceGroupName)
                .lifecycle(TerraformResourceLifecycle.builder().postcondition(List.of(
                        check("${coalesce(self.shard_count, 0) == 0}", cacheName + " is clustered (shard_count > 0):"
                                + " Redis Cluster has no DB numbers, which the platform's Cache Store needs; adopt a"
                                + " non-clustered cache or use cache.service in-cluster"),
                        check("${self.non_ssl_port_enabled == false}", cacheName + " has the non-TLS port 6379"
                                + " enabled; disable it (non_ssl_port_enabled = false) before adopting it"),
                        check("${self.minimum_tls_version == \"1.2\"}", cacheName + " accepts TLS below 1.2; set"
                                + " its minimum TLS version to 1.2"),
                        check("${self.redis_configuration[0].maxmemory_policy == \"" + evictionPolicy.redisName()
                                        + "\"}", cacheName + " does not evict with " + evictionPolicy.redisName()
                                        + "; set its maxmemory-policy to " + evictionPolicy.redisName()
                                        + " or set cache.evictionPolicy to the policy it has (allkeys-lru or"
                                        + " volatile-lru)")))
                        .build())
                .build());
        // The access key is the password of the cache's "default" user (AUTH default <key>); the port is the
        // cache's own ssl_port attribute.
        this.connectionInfo = new ConnectionInfo(cache.getHostname(), AzureCacheForRedisCacheStore.TLS_PORT, true,
                ConnectionInfo.DEFAULT_USER, AccessKeyRotation.secondary(rotation) ? cache.getSecondaryAccessKey()
                        : cache.getPrimaryAccessKey(), null, false,
                Token.asString(cache.getSslPort()));
    }

    private static Postcondition check(String condition, String errorMessage) {
        return Postcondition.builder().condition(condition).errorMessage(errorMessage).build();
    }

    /** The adopted cache's Azure resource ID (a token: the data source's {@code id}), e.g. for metric alerts. */
    public String resourceId() {
        return cache.getId();
    }

    /** Report lines on the access key: rotation phase, what the next deploy does, the commands in between. */
    public List<String> credentialsReport() {
        return AccessKeyRotation.report(rotation, "az redis regenerate-keys --resource-group " + resourceGroupName
                + " --name " + name + " --key-type %s");
    }

    @Override
    public ConnectionInfo connectionInfo() {
        return connectionInfo;
    }

    @Override
    public EvictionPolicy evictionPolicy() {
        return evictionPolicy;
    }

    @Override
    public String memoryHeadroom() {
        return "not managed here: the existing cache keeps its own maxmemory-reserved (Microsoft's default is about"
                + " 10% plus 10% maxfragmentationmemory-reserved; the vendor guide asks for 75% of memory for data)";
    }

    @Override
    public String description() {
        return "existing Azure Cache for Redis '" + name + "' in resource group " + resourceGroupName
                + ", adopted (read with data.azurerm_redis_cache, not managed by this stack; classic retires on"
                + " 30 Sep 2028, move to in-cluster before then); Terraform checks at plan: non-clustered, TLS 1.2"
                + " only, " + evictionPolicy.redisName();
    }

    /**
     * Zone spread, replicas and persistence of an adopted cache are whatever it was created with; kvstores cannot
     * check them at synth time and says so.
     */
    @Override
    public List<String> exemptions() {
        return List.of("adopted cache: its tier, replicas, zones, private endpoint and persistence are those it was"
                        + " created with, not checked by kvstores (only non-cluster, TLS and eviction are checked"
                        + " at plan)",
                AzureCacheForRedisCacheStore.REDIS_VERSION_RELAXATION);
    }

    TerraformDataSource dataSource() {
        return cache;
    }
}
