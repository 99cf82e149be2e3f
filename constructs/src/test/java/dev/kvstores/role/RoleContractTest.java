package dev.kvstores.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kvstores.StoreConfigException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoleContractTest {

    private static StoreSpec cache(Topology topology, int nodes, EvictionPolicy eviction, Durability durability,
                                   boolean tls, boolean auth, boolean zoneSpread, String exemption) {
        return StoreSpec.builder(StoreRole.CACHE, "test").topology(topology).nodes(nodes, 3).zoneSpread(zoneSpread)
                .tlsEnabled(tls).authEnabled(auth).privateNetworking(true).evictionPolicy(eviction)
                .durability(durability).haExemptionReason(exemption).build();
    }

    private static StoreSpec worker(EvictionPolicy eviction, Durability durability) {
        return StoreSpec.builder(StoreRole.WORKER_STATE, "test").topology(Topology.REPLICATED).nodes(3, 3)
                .zoneSpread(true).tlsEnabled(true).authEnabled(true).privateNetworking(true).evictionPolicy(eviction)
                .durability(durability).build();
    }

    @Nested
    class Accepts {
        @Test
        void a_highly_available_cache_with_lru_and_no_persistence() {
            assertEquals(List.of(), RoleContract.enforce(cache(Topology.REPLICATED, 3, EvictionPolicy.ALLKEYS_LRU,
                    Durability.NONE, true, true, true, null)));
        }

        @Test
        void a_worker_cluster_with_noeviction_and_aof() {
            StoreSpec spec = StoreSpec.builder(StoreRole.WORKER_STATE, "test").topology(Topology.CLUSTER).nodes(6, 6)
                    .zoneSpread(true).tlsEnabled(true).authEnabled(true).privateNetworking(true)
                    .evictionPolicy(EvictionPolicy.NOEVICTION).durability(Durability.AOF_EVERYSEC).build();
            assertEquals(List.of(), RoleContract.enforce(spec));
        }

        @Test
        void a_single_node_with_a_written_exemption_and_records_it() {
            List<String> exemptions = RoleContract.enforce(cache(Topology.STANDALONE, 1, EvictionPolicy.VOLATILE_LRU,
                    Durability.NONE, true, true, false, "dev cluster has one node"));
            assertEquals(List.of("high-availability relaxed (STANDALONE, 1 node(s), zone spread off): dev cluster"
                    + " has one node"), exemptions);
        }
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("cache in cluster mode", cache(Topology.CLUSTER, 6, EvictionPolicy.ALLKEYS_LRU,
                        Durability.NONE, true, true, true, null), "CacheClusterMode",
                        "cache store (test): topology CLUSTER is not allowed: the platform isolates services by DB"
                                + " number and Redis Cluster has only DB 0; use a replicated (primary + replicas) cache"),
                Arguments.of("cache with noeviction", cache(Topology.REPLICATED, 3, EvictionPolicy.NOEVICTION,
                        Durability.NONE, true, true, true, null), "CacheEviction",
                        "cache store (test): evictionPolicy must be allkeys-lru or volatile-lru, got noeviction;"
                                + " a full cache must evict, not reject writes"),
                Arguments.of("cache with persistence", cache(Topology.REPLICATED, 3, EvictionPolicy.ALLKEYS_LRU,
                        Durability.AOF_EVERYSEC, true, true, true, null), "CachePersistence",
                        "cache store (test): persistence must be off for the cache, got AOF_EVERYSEC; remove the"
                                + " persistence settings (appendonly no, save \"\")"),
                Arguments.of("worker that evicts", worker(EvictionPolicy.ALLKEYS_LRU, Durability.AOF_EVERYSEC),
                        "WorkerEviction", "worker-state store (test): evictionPolicy must be noeviction, got"
                                + " allkeys-lru; evicting worker state loses workflow progress"),
                Arguments.of("worker without persistence", worker(EvictionPolicy.NOEVICTION, Durability.NONE),
                        "WorkerDurability", "worker-state store (test): the worker state store must be durable"
                                + " (AOF everysec or an SSD-backed store), got no persistence; enable persistence"),
                Arguments.of("TLS off", cache(Topology.REPLICATED, 3, EvictionPolicy.ALLKEYS_LRU, Durability.NONE,
                        false, true, true, null), "TlsRequired", "cache store (test): tlsEnabled must be true, got"
                                + " false; TLS in transit is required for both roles"),
                Arguments.of("auth off", cache(Topology.REPLICATED, 3, EvictionPolicy.ALLKEYS_LRU, Durability.NONE,
                        true, false, true, null), "AuthRequired", "cache store (test): authEnabled must be true,"
                                + " got false; clients must authenticate with a password or ACL user"),
                Arguments.of("standalone without exemption", cache(Topology.STANDALONE, 1,
                        EvictionPolicy.ALLKEYS_LRU, Durability.NONE, true, true, true, null), "HighAvailability",
                        "cache store (test): topology STANDALONE has no failover; use a replicated topology with at"
                                + " least 3 nodes, or record a high-availability exemption with its reason"
                                + " (development only)"),
                Arguments.of("two nodes", cache(Topology.REPLICATED, 2, EvictionPolicy.ALLKEYS_LRU, Durability.NONE,
                        true, true, true, null), "HighAvailability", "cache store (test): nodes must be at least 3"
                                + " for automatic failover (1 primary + replicas), got 2"),
                Arguments.of("no zone spread", cache(Topology.REPLICATED, 3, EvictionPolicy.ALLKEYS_LRU,
                        Durability.NONE, true, true, false, null), "ZoneSpread", "cache store (test): nodes must be"
                                + " spread across zones (hard anti-affinity / Multi-AZ), got zone spread off"),
                Arguments.of("short exemption reason", cache(Topology.STANDALONE, 1, EvictionPolicy.ALLKEYS_LRU,
                        Durability.NONE, true, true, false, "cost"), "ExemptionReason", "cache store (test): the"
                                + " high-availability exemption needs a reason of at least 10 characters, got 'cost'"));
    }

    @ParameterizedTest(name = "fails when {0}")
    @MethodSource("invalid")
    void fails_with_field_value_and_fix(String description, StoreSpec spec, String code, String message) {
        StoreConfigException e = assertThrows(StoreConfigException.class, () -> RoleContract.enforce(spec));
        assertEquals(message, e.getMessage());
        assertEquals(code, e.code());
    }

    @Test
    void fails_listing_every_violation_of_one_store() {
        StoreConfigException e = assertThrows(StoreConfigException.class, () -> RoleContract.enforce(
                cache(Topology.STANDALONE, 1, EvictionPolicy.NOEVICTION, Durability.NONE, false, true, true, null)));
        assertEquals("CacheEviction", e.code());
        assertEquals("cache store (test): evictionPolicy must be allkeys-lru or volatile-lru, got noeviction; a full"
                + " cache must evict, not reject writes; and tlsEnabled must be true, got false; TLS in transit is"
                + " required for both roles; and topology STANDALONE has no failover; use a replicated topology with"
                + " at least 3 nodes, or record a high-availability exemption with its reason (development only)",
                e.getMessage());
    }

    @Test
    void fails_when_both_roles_share_an_endpoint() {
        ConnectionInfo a = new ConnectionInfo("redis.ns.svc", 6379, true, "a", "${pw.a}", null, false);
        ConnectionInfo b = new ConnectionInfo("redis.ns.svc", 6379, true, "b", "${pw.b}", null, false);
        StoreConfigException e = assertThrows(StoreConfigException.class, () -> RoleContract.requireDistinct(a, b));
        assertEquals("the cache and worker state stores share the endpoint redis.ns.svc:6379; the two roles need"
                + " separate instances", e.getMessage());
    }

    @Test
    void fails_when_both_roles_share_a_password() {
        ConnectionInfo a = new ConnectionInfo("cache.ns.svc", 6379, true, "a", "${pw.same}", null, false);
        ConnectionInfo b = new ConnectionInfo("state.ns.svc", 6379, true, "b", "${pw.same}", null, false);
        StoreConfigException e = assertThrows(StoreConfigException.class, () -> RoleContract.requireDistinct(a, b));
        assertEquals("SharedCredentials", e.code());
    }

    @Test
    void accepts_the_default_user_of_two_password_only_servers() {
        ConnectionInfo a = new ConnectionInfo("cache.redis.cache.windows.net", 6380, true, "default", "${key.a}", null,
                false);
        ConnectionInfo b = new ConnectionInfo("state.redis.azure.net", 10000, true, "default", "${key.b}", null, false);
        RoleContract.requireDistinct(a, b);
    }

    @Test
    void fails_when_both_roles_share_an_acl_user() {
        ConnectionInfo a = new ConnectionInfo("cache.ns.svc", 6379, true, "app", "${pw.a}", null, false);
        ConnectionInfo b = new ConnectionInfo("state.ns.svc", 6379, true, "app", "${pw.b}", null, false);
        StoreConfigException e = assertThrows(StoreConfigException.class, () -> RoleContract.requireDistinct(a, b));
        assertEquals("the cache and worker state stores use the same ACL user 'app'; give each role its own user",
                e.getMessage());
    }

    @Test
    void a_spec_whose_builder_left_tls_auth_and_private_networking_unset_is_refused() {
        StoreSpec forgotten = StoreSpec.builder(StoreRole.CACHE, "test").topology(Topology.REPLICATED).nodes(3, 3)
                .zoneSpread(true).evictionPolicy(EvictionPolicy.ALLKEYS_LRU).durability(Durability.NONE).build();
        StoreConfigException e = assertThrows(StoreConfigException.class, () -> RoleContract.enforce(forgotten));
        assertEquals(List.of("TlsRequired", "AuthRequired", "PrivateNetworking"),
                e.parts().stream().map(StoreConfigException::code).toList());
    }
}
