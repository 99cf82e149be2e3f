package dev.kvstores.policy.rules.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/**
 * KVS-AZURE-ROLE-PERSISTENCE: persistence and eviction per role, for stores tagged {@code kvstores-role} ({@code AzureTags.ROLE}).
 * Cache: classic only (Managed Redis has no DB numbers), {@code allkeys-lru} or {@code volatile-lru}, a
 * {@code maxmemory_reserved}, RDB and AOF backups not enabled. Worker state: Managed Redis with AOF every second
 * and {@code NoEviction}, or classic with AOF or RDB backup and {@code noeviction}.
 */
public final class AzureRolePersistence extends AzureRedisRule {
    @Override public String id() { return "KVS-AZURE-ROLE-PERSISTENCE"; }
    @Override public String source() { return "vendor guide, redis.conf (Cache) and redis.conf (Worker State)"; }
    @Override public String description() { return "cache: no persistence, LRU, 25% reserved; worker state: AOF (or RDB on classic), no eviction"; }
    @Override public Set<String> resourceTypes() { return Set.of(CLASSIC, MANAGED); }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        String role = role(resource);
        if (role == null) {
            return Evaluation.notApplicable();
        }
        boolean managed = MANAGED.equals(resource.type());
        if ("cache".equals(role)) {
            if (managed) {
                return Evaluation.nonCompliant("the cache is on Azure Managed Redis, which has no DB numbers");
            }
            JsonNode conf = block(resource.body(), "redis_configuration");
            String policy = text(conf, "maxmemory_policy");
            if (!"allkeys-lru".equals(policy) && !"volatile-lru".equals(policy)) {
                return Evaluation.nonCompliant("redis_configuration.maxmemory_policy is " + policy);
            }
            if (text(conf, "maxmemory_reserved") == null) {
                return Evaluation.nonCompliant("redis_configuration.maxmemory_reserved is absent (75% for data)");
            }
            return Evaluation.check(!isTrue(conf, "rdb_backup_enabled") && !isTrue(conf, "aof_backup_enabled"),
                    "the cache has RDB or AOF backup enabled");
        }
        if (managed) {
            JsonNode db = block(resource.body(), "default_database");
            if (!"1s".equals(text(db, "persistence_append_only_file_backup_frequency"))) {
                return Evaluation.nonCompliant("default_database.persistence_append_only_file_backup_frequency is "
                        + text(db, "persistence_append_only_file_backup_frequency") + ", expected 1s");
            }
            return Evaluation.check("NoEviction".equals(text(db, "eviction_policy")),
                    "default_database.eviction_policy is " + text(db, "eviction_policy"));
        }
        JsonNode conf = block(resource.body(), "redis_configuration");
        if (!isTrue(conf, "aof_backup_enabled") && !isTrue(conf, "rdb_backup_enabled")) {
            return Evaluation.nonCompliant("the worker state cache has neither AOF nor RDB backup");
        }
        return Evaluation.check("noeviction".equals(text(conf, "maxmemory_policy")),
                "redis_configuration.maxmemory_policy is " + text(conf, "maxmemory_policy"));
    }
}
