package dev.kvstores.azure;

import static dev.kvstores.testing.SynthJson.single;
import static dev.kvstores.testing.SynthJson.synth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.kvstores.StoreConfigException;
import dev.kvstores.connection.ConnectionUrls;
import dev.kvstores.naming.AzureTags;
import dev.kvstores.role.CacheStore;
import dev.kvstores.role.ConnectionInfo;
import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.Durability;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.StoreRole;
import dev.kvstores.testing.SynthJson;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AzureCacheForRedisCacheStoreTest {

    private static AzureCacheForRedisCacheStoreProps.Builder props() {
        return AzureCacheForRedisCacheStoreProps.builder().name("suprsend-cache").placement(AzureTesting.placement());
    }

    private static JsonNode cache(AzureCacheForRedisCacheStoreProps props) {
        TerraformStack stack = AzureTesting.stack();
        new AzureCacheForRedisCacheStore(stack, "Cache", props);
        return single(synth(stack), "azurerm_redis_cache");
    }

    @Nested
    class Defaults {
        private final TerraformStack stack = AzureTesting.stack();
        private final AzureCacheForRedisCacheStore store = new AzureCacheForRedisCacheStore(stack, "Cache", props().build());
        private final JsonNode json = synth(stack);
        private final JsonNode cache = single(json, "azurerm_redis_cache");

        @Test
        void is_a_premium_p1_with_one_node_in_each_of_three_zones() {
            assertEquals("Premium", cache.path("sku_name").asText());
            assertEquals("P", cache.path("family").asText());
            assertEquals(1, cache.path("capacity").asInt());
            assertEquals("[\"1\",\"2\",\"3\"]", cache.path("zones").toString());
            assertEquals(2, cache.path("replicas_per_primary").asInt());
        }

        @Test
        void tags_every_resource_with_azure_safe_names() {
            for (String type : List.of("azurerm_redis_cache", "azurerm_private_endpoint", "azurerm_private_dns_zone",
                    "azurerm_private_dns_zone_virtual_network_link")) {
                JsonNode tags = single(json, type).path("tags");
                assertEquals("cache", tags.path(AzureTags.ROLE).asText(), type);
                assertEquals("kvstores", tags.path(AzureTags.MANAGED_BY).asText(), type);
                assertEquals(List.of(), AzureTags.problems(SynthJson.textMap(tags)), type);
            }
            assertEquals("kvstores-role", AzureTags.ROLE);
        }

        @Test
        void accepts_only_tls_1_2_and_no_public_network() {
            assertFalse(cache.path("non_ssl_port_enabled").asBoolean(true));
            assertEquals("1.2", cache.path("minimum_tls_version").asText());
            assertFalse(cache.path("public_network_access_enabled").asBoolean(true));
            assertNull(cache.get("subnet_id"));
        }

        @Test
        void evicts_lru_with_a_quarter_of_memory_reserved_and_no_persistence() {
            JsonNode conf = cache.path("redis_configuration");
            assertEquals("allkeys-lru", conf.path("maxmemory_policy").asText());
            assertEquals(1536, conf.path("maxmemory_reserved").asInt());
            assertFalse(conf.path("rdb_backup_enabled").asBoolean(true));
            assertFalse(conf.path("aof_backup_enabled").asBoolean(true));
            assertEquals(Durability.NONE, store.durability());
        }

        @Test
        void is_reached_through_a_private_endpoint_with_its_dns_zone() {
            JsonNode endpoint = single(json, "azurerm_private_endpoint");
            assertEquals(AzureTesting.SUBNET, endpoint.path("subnet_id").asText());
            JsonNode connection = endpoint.path("private_service_connection");
            assertTrue(connection.path("private_connection_resource_id").asText().startsWith("${azurerm_redis_cache."));
            assertEquals("[\"redisCache\"]", connection.path("subresource_names").toString());
            assertFalse(connection.path("is_manual_connection").asBoolean(true));
            assertEquals("privatelink.redis.cache.windows.net", single(json, "azurerm_private_dns_zone").path("name").asText());
            assertEquals(AzureTesting.VNET, single(json, "azurerm_private_dns_zone_virtual_network_link")
                    .path("virtual_network_id").asText());
        }

        @Test
        void connects_as_the_default_user_with_tls_on_the_caches_ssl_port_and_the_resource_access_key() {
            ConnectionInfo info = store.connectionInfo();
            assertTrue(info.tlsEnabled());
            assertEquals(6380, info.port());
            assertEquals("${azurerm_redis_cache.Cache_18F6EE16.ssl_port}", AzureTesting.expression(stack, info.urlPort()));
            assertEquals("default", info.username());
            assertFalse(info.clusterMode());
            assertEquals("${azurerm_redis_cache.Cache_18F6EE16.primary_access_key}", AzureTesting.expression(stack, info.password()));
            assertEquals("${azurerm_redis_cache.Cache_18F6EE16.hostname}", AzureTesting.expression(stack, info.host()));
            assertEquals("rediss://default:${replace(urlencode(azurerm_redis_cache.Cache_18F6EE16.primary_access_key),"
                    + " \"+\", \"%20\")}@${azurerm_redis_cache.Cache_18F6EE16.hostname}:"
                    + "${azurerm_redis_cache.Cache_18F6EE16.ssl_port}",
                    AzureTesting.expression(stack, ConnectionUrls.terraformUrl(StoreRole.CACHE, info)));
            assertEquals(List.of(AzureCacheForRedisCacheStore.REDIS_VERSION_RELAXATION), store.exemptions());
        }
    }

    @Nested
    class Existing {
        private final TerraformStack stack = AzureTesting.stack();
        private final CacheStore store = AzureCacheForRedisCacheStore.fromExisting(stack, "Cache", "legacy-cache",
                "legacy-rg", EvictionPolicy.VOLATILE_LRU, null);
        private final JsonNode json = synth(stack);

        @Test
        void creates_nothing_and_reads_the_cache_through_its_data_source() {
            assertTrue(json.path("resource").path("azurerm_redis_cache").isMissingNode());
            JsonNode data = json.path("data").path("azurerm_redis_cache").elements().next();
            assertEquals("legacy-cache", data.path("name").asText());
            assertEquals("legacy-rg", data.path("resource_group_name").asText());
        }

        @Test
        void stops_the_plan_when_the_cache_cannot_serve_the_role() {
            JsonNode conditions = json.path("data").path("azurerm_redis_cache").elements().next().path("lifecycle")
                    .path("postcondition");
            assertEquals(4, conditions.size(), conditions.toString());
            assertEquals("${coalesce(self.shard_count, 0) == 0}", conditions.get(0).path("condition").asText());
            assertEquals("${self.non_ssl_port_enabled == false}", conditions.get(1).path("condition").asText());
            assertEquals("${self.minimum_tls_version == \"1.2\"}", conditions.get(2).path("condition").asText());
            assertEquals("${self.redis_configuration[0].maxmemory_policy == \"volatile-lru\"}",
                    conditions.get(3).path("condition").asText());
            assertTrue(conditions.get(0).path("error_message").asText().contains("Redis Cluster has no DB numbers"));
        }

        @Test
        void connects_as_the_default_user_on_the_caches_ssl_port_with_its_access_key() {
            ConnectionInfo info = store.connectionInfo();
            assertTrue(info.tlsEnabled());
            assertEquals("default", info.username());
            assertEquals(EvictionPolicy.VOLATILE_LRU, store.evictionPolicy());
            assertEquals(Durability.NONE, store.durability());
            assertEquals("rediss://default:${replace(urlencode(data.azurerm_redis_cache.Cache_18F6EE16"
                    + ".primary_access_key), \"+\", \"%20\")}@${data.azurerm_redis_cache.Cache_18F6EE16.hostname}:"
                    + "${data.azurerm_redis_cache.Cache_18F6EE16.ssl_port}",
                    AzureTesting.expression(stack, ConnectionUrls.terraformUrl(StoreRole.CACHE, info)));
            assertTrue(store.exemptions().contains(AzureCacheForRedisCacheStore.REDIS_VERSION_RELAXATION));
        }

        @Test
        void carries_the_secondary_key_in_an_odd_rotation_generation_and_says_which_key_to_regenerate() {
            TerraformStack rotated = AzureTesting.stack();
            ExistingAzureCacheForRedisCacheStore existing = AzureCacheForRedisCacheStore.fromExisting(rotated, "Cache",
                    "legacy-cache", "legacy-rg", EvictionPolicy.ALLKEYS_LRU,
                    new CredentialRotation(1, CredentialRotation.Phase.ADD));
            String url = AzureTesting.expression(rotated, ConnectionUrls.terraformUrl(StoreRole.CACHE,
                    existing.connectionInfo()));
            assertTrue(url.contains(".secondary_access_key"), url);
            assertTrue(existing.credentialsReport().get(1).contains("az redis regenerate-keys --resource-group"
                    + " legacy-rg --name legacy-cache --key-type Secondary"), existing.credentialsReport().toString());
            assertTrue(AzureTesting.expression(rotated, existing.resourceId())
                    .startsWith("${data.azurerm_redis_cache."), existing.resourceId());
        }

        @Test
        void fails_without_a_resource_group() {
            StoreConfigException e = assertThrows(StoreConfigException.class, () -> AzureCacheForRedisCacheStore
                    .fromExisting(AzureTesting.stack(), "Cache", "legacy-cache", " ", EvictionPolicy.ALLKEYS_LRU, null));
            assertEquals("cache store (azure-cache-for-redis, existing): resourceGroupName must name the resource"
                    + " group of cache 'legacy-cache', got ' '", e.getMessage());
        }
    }

    @Nested
    class Configuration {
        @Test
        void reserves_a_quarter_of_the_chosen_size() {
            JsonNode cache = cache(props().size(ClassicCacheSize.P2).evictionPolicy(EvictionPolicy.VOLATILE_LRU).build());
            assertEquals(3328, cache.path("redis_configuration").path("maxmemory_reserved").asInt());
            assertEquals("volatile-lru", cache.path("redis_configuration").path("maxmemory_policy").asText());
            assertEquals(2, cache.path("capacity").asInt());
        }

        @Test
        void standard_runs_without_zones_under_a_recorded_exemption() {
            TerraformStack stack = AzureTesting.stack();
            AzureCacheForRedisCacheStore store = new AzureCacheForRedisCacheStore(stack, "Cache", props()
                    .size(ClassicCacheSize.C1).haExemptionReason("dev subscription without zonal capacity").build());
            JsonNode cache = single(synth(stack), "azurerm_redis_cache");
            assertEquals("Standard", cache.path("sku_name").asText());
            assertNull(cache.get("zones"));
            assertNull(cache.get("replicas_per_primary"));
            assertEquals(List.of("high-availability relaxed (REPLICATED, 2 node(s), zone spread off): dev subscription"
                    + " without zonal capacity", AzureCacheForRedisCacheStore.REDIS_VERSION_RELAXATION),
                    store.exemptions());
        }

        @Test
        void infers_one_replica_for_two_zones() {
            JsonNode cache = cache(props().zones(List.of("1", "2")).build());
            assertEquals("[\"1\",\"2\"]", cache.path("zones").toString());
            assertEquals(1, cache.path("replicas_per_primary").asInt());
        }

        @Test
        void accepts_more_nodes_than_zones() {
            JsonNode cache = cache(props().zones(List.of("1", "2")).replicasPerPrimary(2).build());
            assertEquals(2, cache.path("replicas_per_primary").asInt());
        }

        @Test
        void keeps_the_users_tags_next_to_its_own() {
            JsonNode cache = cache(props().putTag("cost-center", "platform").build());
            assertEquals("platform", cache.path("tags").path("cost-center").asText());
            assertEquals("cache", cache.path("tags").path("kvstores-role").asText());
        }

        @Test
        void uses_an_existing_private_dns_zone_without_creating_one() {
            String zone = "/subscriptions/0/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net";
            TerraformStack stack = AzureTesting.stack();
            new AzureCacheForRedisCacheStore(stack, "Cache", props()
                    .placement(new AzurePlacement("rg", "westeurope", AzureTesting.SUBNET, null, zone)).build());
            JsonNode json = synth(stack);
            assertTrue(json.path("resource").path("azurerm_private_dns_zone").isMissingNode());
            assertEquals("[\"" + zone + "\"]", single(json, "azurerm_private_endpoint")
                    .path("private_dns_zone_group").path("private_dns_zone_ids").toString());
        }
    }

    @Nested
    class Validation {
        static Stream<Arguments> invalid() {
            return Stream.of(
                    Arguments.of("standard without an exemption", (UnaryOperator<AzureCacheForRedisCacheStoreProps.Builder>)
                            b -> b.size(ClassicCacheSize.C2),
                            "cache store (azure-cache-for-redis): nodes must be spread across zones (hard anti-affinity"
                                    + " / Multi-AZ), got zone spread off"),
                    Arguments.of("zones on standard", (UnaryOperator<AzureCacheForRedisCacheStoreProps.Builder>)
                            b -> b.size(ClassicCacheSize.C2).zones(List.of("1", "2")),
                            "cache store (azure-cache-for-redis): zones [1, 2] need a Premium size (P1-P5), got C2"
                                    + " (Standard); choose a P size or remove zones"),
                    Arguments.of("a single zone", (UnaryOperator<AzureCacheForRedisCacheStoreProps.Builder>)
                            b -> b.zones(List.of("1")),
                            "cache store (azure-cache-for-redis): nodes must be spread across zones (hard anti-affinity"
                                    + " / Multi-AZ), got zone spread off"),
                    Arguments.of("an unknown zone", (UnaryOperator<AzureCacheForRedisCacheStoreProps.Builder>)
                            b -> b.zones(List.of("1", "4")),
                            "cache store (azure-cache-for-redis): zones must be among 1, 2, 3, got '4'"),
                    Arguments.of("no eviction", (UnaryOperator<AzureCacheForRedisCacheStoreProps.Builder>)
                            b -> b.evictionPolicy(EvictionPolicy.NOEVICTION),
                            "cache store (azure-cache-for-redis): evictionPolicy must be allkeys-lru or volatile-lru,"
                                    + " got noeviction; a full cache must evict, not reject writes"),
                    Arguments.of("one replica for three zones", (UnaryOperator<AzureCacheForRedisCacheStoreProps.Builder>)
                            b -> b.replicasPerPrimary(1),
                            "cache store (azure-cache-for-redis): replicasPerPrimary 1 with zones [1, 2, 3] gives 2"
                                    + " nodes for 3 zones, so a zone gets no node; a zone-redundant Premium cache needs"
                                    + " replicasPerPrimary = zones - 1; set replicasPerPrimary to 2 or list only 2"
                                    + " zones (e.g. [1, 2])"),
                    Arguments.of("a zone listed twice", (UnaryOperator<AzureCacheForRedisCacheStoreProps.Builder>)
                            b -> b.zones(List.of("1", "1")),
                            "cache store (azure-cache-for-redis): zones must be distinct, got [1, 1]"),
                    Arguments.of("a tag name with a slash", (UnaryOperator<AzureCacheForRedisCacheStoreProps.Builder>)
                            b -> b.putTag("kvstores.dev/environment", "prod"),
                            "cache store (azure-cache-for-redis): tags: tag name 'kvstores.dev/environment' contains"
                                    + " /, which Azure tag names may not contain (< > % & \\ ? /); use letters, digits"
                                    + " and '-', e.g. 'kvstores-dev-environment' (rules: " + AzureTags.RULES_PAGE + ")"),
                    Arguments.of("four replicas", (UnaryOperator<AzureCacheForRedisCacheStoreProps.Builder>)
                            b -> b.replicasPerPrimary(4),
                            "cache store (azure-cache-for-redis): replicasPerPrimary must be between 1 and 3, got 4"),
                    Arguments.of("a name with underscores", (UnaryOperator<AzureCacheForRedisCacheStoreProps.Builder>)
                            b -> b.name("my_cache"),
                            "cache store (azure-cache-for-redis): name must be 1-63 letters, digits and single"
                                    + " hyphens, starting and ending with a letter or digit, got 'my_cache'"),
                    Arguments.of("a name its private endpoint cannot carry", (UnaryOperator<AzureCacheForRedisCacheStoreProps.Builder>)
                            b -> b.name("c".repeat(62)),
                            "cache store (azure-cache-for-redis): name '" + "c".repeat(62) + "' has 62 characters, at"
                                    + " most 61 here: its private endpoint '" + "c".repeat(62) + "-pe' must be at most 64"
                                    + " characters; shorten it"),
                    Arguments.of("a VNet ID as subnet", (UnaryOperator<AzureCacheForRedisCacheStoreProps.Builder>)
                            b -> b.placement(new AzurePlacement("rg", "westeurope", AzureTesting.VNET, AzureTesting.VNET, null)),
                            "cache store (azure-cache-for-redis): privateEndpointSubnetId must be a subnet resource ID"
                                    + " (…/virtualNetworks/<vnet>/subnets/<subnet>), got '" + AzureTesting.VNET + "'"),
                    Arguments.of("no VNet for the DNS zone", (UnaryOperator<AzureCacheForRedisCacheStoreProps.Builder>)
                            b -> b.placement(new AzurePlacement("rg", "westeurope", AzureTesting.SUBNET, null, null)),
                            "cache store (azure-cache-for-redis): virtualNetworkId is required to link the private DNS"
                                    + " zone the store creates; set it to the AKS virtual network, or give"
                                    + " privateDnsZoneId of an existing zone"));
        }

        @ParameterizedTest(name = "fails with {0}")
        @MethodSource("invalid")
        void fails_on_invalid_props(String description, UnaryOperator<AzureCacheForRedisCacheStoreProps.Builder> change,
                                    String message) {
            AzureCacheForRedisCacheStoreProps props = change.apply(props()).build();
            StoreConfigException e = assertThrows(StoreConfigException.class,
                    () -> new AzureCacheForRedisCacheStore(AzureTesting.stack(), "Cache", props));
            assertEquals(message, e.getMessage());
        }

        @Test
        void names_every_backend_problem_of_the_store_in_one_exception() {
            AzureCacheForRedisCacheStoreProps props = props().name("my_cache").replicasPerPrimary(4)
                    .zones(List.of("1", "4")).build();
            StoreConfigException e = assertThrows(StoreConfigException.class,
                    () -> new AzureCacheForRedisCacheStore(AzureTesting.stack(), "Cache", props));
            assertEquals("Name", e.code());
            assertEquals("cache store (azure-cache-for-redis): name must be 1-63 letters, digits and single hyphens,"
                    + " starting and ending with a letter or digit, got 'my_cache'; and replicasPerPrimary must be"
                    + " between 1 and 3, got 4; and zones must be among 1, 2, 3, got '4'", e.getMessage());
        }

        @Test
        void fails_when_managed_redis_is_asked_to_hold_the_cache() {
            StoreConfigException e = assertThrows(StoreConfigException.class,
                    AzureRedisService.MANAGED_REDIS::requireCacheCapable);
            assertEquals("CacheDatabaseNumbers", e.code());
            assertEquals("cache store (azure-managed-redis): service managed-redis cannot hold the cache: Azure Managed"
                    + " Redis runs Redis Enterprise, where SELECT does not switch databases under any clustering policy"
                    + " (OSSCluster, EnterpriseCluster, NoCluster), and the platform isolates services by DB number; use"
                    + " service in-cluster (Redis on the AKS cluster, the default) or adopt an existing classic Azure"
                    + " Cache for Redis (service classic) for the cache, and keep Managed Redis for the worker state"
                    + " store", e.getMessage());
            AzureRedisService.CACHE_FOR_REDIS.requireCacheCapable();
        }
    }
}
