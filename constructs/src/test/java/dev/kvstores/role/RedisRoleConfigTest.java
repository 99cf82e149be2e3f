package dev.kvstores.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RedisRoleConfigTest {

    @Test
    void cache_sets_maxmemory_to_75_percent_lru_and_no_persistence() {
        assertEquals("maxmemory 3072mb\nmaxmemory-policy allkeys-lru\nappendonly no\nsave \"\"\ntimeout 0\n",
                RedisRoleConfig.cache(4096, EvictionPolicy.ALLKEYS_LRU).toRedisConf());
    }

    @Test
    void cache_accepts_volatile_lru() {
        assertEquals("volatile-lru",
                RedisRoleConfig.cache(2048, EvictionPolicy.VOLATILE_LRU).directives().get("maxmemory-policy"));
    }

    @Test
    void worker_state_uses_aof_everysec_rdb_schedule_and_noeviction() {
        assertEquals("maxmemory 6144mb\nmaxmemory-policy noeviction\nappendonly yes\nappendfsync everysec\n"
                        + "save 900 1 300 10 60 10000\ntimeout 0\n",
                RedisRoleConfig.workerState(8192, true).toRedisConf());
    }

    @Test
    void worker_state_without_rdb_disables_snapshots_only() {
        RedisRoleConfig config = RedisRoleConfig.workerState(8192, false);
        assertEquals("\"\"", config.directives().get("save"));
        assertEquals("yes", config.directives().get("appendonly"));
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
        assertThrows(dev.kvstores.StoreConfigException.class, () -> RoleContract.enforce(new StoreSpec(
                StoreRole.CACHE, "test", Topology.REPLICATED, 3, 3, true, true, true, true, config.evictionPolicy(),
                config.durability(), null)));
    }

    @Test
    void size_presets_follow_the_vendor_table() {
        assertEquals(new StoreSize(1000, 2048, 0), SizePreset.SMALL.cache());
        assertEquals(new StoreSize(4000, 32768, 200), SizePreset.LARGE.workerRedis());
        assertEquals(new StoreSize(4000, 32768, 1000), SizePreset.LARGE.workerKvrocks());
        assertEquals(1536, SizePreset.SMALL.cache().maxmemoryMebibytes());
    }
}
