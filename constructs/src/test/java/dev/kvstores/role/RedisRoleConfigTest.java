package dev.kvstores.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RedisRoleConfigTest {

    @Test
    void cache_sets_maxmemory_to_75_percent_lru_and_no_persistence() {
        assertEquals("maxmemory 3072mb\nmaxmemory-policy allkeys-lru\nappendonly no\nsave \"\"\n"
                        + "repl-diskless-sync yes\nrepl-diskless-sync-delay 5\ntimeout 0\n",
                RedisRoleConfig.cache(4096, EvictionPolicy.ALLKEYS_LRU).toRedisConf());
    }

    @Test
    void cache_accepts_volatile_lru() {
        assertEquals("volatile-lru",
                RedisRoleConfig.cache(2048, EvictionPolicy.VOLATILE_LRU).directives().get("maxmemory-policy"));
    }

    @Test
    void worker_state_keeps_half_the_limit_for_a_fork_and_forks_only_for_aof_rewrites() {
        assertEquals("maxmemory 4096mb\nmaxmemory-policy noeviction\nappendonly yes\nappendfsync everysec\n"
                        + "aof-use-rdb-preamble yes\nauto-aof-rewrite-percentage 100\nauto-aof-rewrite-min-size 1024mb\n"
                        + "save \"\"\nrepl-diskless-sync yes\nrepl-diskless-sync-delay 5\ntimeout 0\n",
                RedisRoleConfig.workerState(8192, false).toRedisConf());
    }

    @Test
    void worker_state_rdb_snapshots_are_spaced_to_one_an_hour() {
        RedisRoleConfig config = RedisRoleConfig.workerState(8192, true);
        assertEquals("3600 1", config.directives().get("save"));
        assertEquals("yes", config.directives().get("appendonly"));
    }

    @Test
    void small_workers_rewrite_the_aof_from_64_mib() {
        assertEquals("64mb", RedisRoleConfig.workerState(256, false).directives().get("auto-aof-rewrite-min-size"));
        assertEquals("128mb", RedisRoleConfig.workerState(256, false).directives().get("maxmemory"));
    }

    @Test
    void the_role_decides_the_share_of_the_limit_given_to_data() {
        assertEquals(75, StoreSize.maxmemoryPercent(StoreRole.CACHE));
        assertEquals(50, StoreSize.maxmemoryPercent(StoreRole.WORKER_STATE));
        assertEquals(4096, SizePreset.SMALL.workerRedis().maxmemoryMebibytes(StoreRole.WORKER_STATE));
        assertEquals("4096mb", RedisRoleConfig.workerState(SizePreset.SMALL.workerRedis().memoryMebibytes(), false)
                .directives().get("maxmemory"));
    }

    @Test
    void reports_what_the_rendered_directives_persist_and_evict() {
        assertEquals(Durability.NONE, RedisRoleConfig.cache(2048, EvictionPolicy.ALLKEYS_LRU).durability());
        assertEquals(Durability.AOF_EVERYSEC, RedisRoleConfig.workerState(8192, false).durability());
        assertEquals(EvictionPolicy.NOEVICTION, RedisRoleConfig.workerState(8192, true).evictionPolicy());
        assertEquals(EvictionPolicy.VOLATILE_LRU, RedisRoleConfig.cache(2048, EvictionPolicy.VOLATILE_LRU).evictionPolicy());
    }

    @Test
    void renders_what_it_is_given_and_leaves_the_role_rules_to_the_contract() {
        RedisRoleConfig config = RedisRoleConfig.cache(2048, EvictionPolicy.NOEVICTION);
        assertEquals(EvictionPolicy.NOEVICTION, config.evictionPolicy());
        assertThrows(dev.kvstores.StoreConfigException.class, () -> RoleContract.enforce(
                StoreSpec.builder(StoreRole.CACHE, "test").topology(Topology.REPLICATED).nodes(3, 3).zoneSpread(true)
                        .tlsEnabled(true).authEnabled(true).privateNetworking(true)
                        .evictionPolicy(config.evictionPolicy()).durability(config.durability()).build()));
    }

    @Test
    void size_presets_follow_the_vendor_table() {
        assertEquals(new StoreSize(1000, 2048, 0), SizePreset.SMALL.cache());
        assertEquals(new StoreSize(4000, 32768, 200), SizePreset.LARGE.workerRedis());
        assertEquals(new StoreSize(4000, 32768, 1000), SizePreset.LARGE.workerKvrocks());
        assertEquals(1536, SizePreset.SMALL.cache().maxmemoryMebibytes());
    }
}
