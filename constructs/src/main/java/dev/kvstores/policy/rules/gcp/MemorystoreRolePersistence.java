package dev.kvstores.policy.rules.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/**
 * KVS-GCP-ROLE: persistence and eviction per role, read from the {@code kvstores-role} label. Cache:
 * {@code persistence_config.persistence_mode} DISABLED (or no block) and {@code maxmemory-policy}
 * {@code allkeys-lru}/{@code volatile-lru}. Worker state: persistence_mode RDB and {@code noeviction}. Both:
 * {@code maxmemory-gb} set (the 75% reserve). Instances without the label are not applicable.
 */
public final class MemorystoreRolePersistence extends RedisInstanceRule {
    private static final Set<String> CACHE_POLICIES = Set.of("allkeys-lru", "volatile-lru");

    @Override public String id() { return "KVS-GCP-ROLE"; }
    @Override public String source() { return "vendor guide, Cache Store / Worker State Store redis.conf"; }
    @Override public String description() { return "cache: no persistence, LRU eviction; worker state: RDB persistence, noeviction; maxmemory-gb set"; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        String role = role(resource);
        if (role == null) {
            return Evaluation.notApplicable();
        }
        JsonNode configs = resource.body().path("redis_configs");
        String policy = configs.path("maxmemory-policy").asText(null);
        String mode = block(resource.body(), "persistence_config").path("persistence_mode").asText(null);
        if (configs.path("maxmemory-gb").asText("").isEmpty()) {
            return Evaluation.nonCompliant("redis_configs.maxmemory-gb is absent; leave 25% of memory in reserve");
        }
        if ("cache".equals(role)) {
            if (mode != null && !"DISABLED".equals(mode)) {
                return Evaluation.nonCompliant("cache persistence_mode is " + mode + "; the cache keeps no data");
            }
            return Evaluation.check(policy != null && CACHE_POLICIES.contains(policy), "cache maxmemory-policy is "
                    + (policy == null ? "absent (volatile-lru default, not pinned)" : policy)
                    + "; use allkeys-lru or volatile-lru");
        }
        if (!"RDB".equals(mode)) {
            return Evaluation.nonCompliant("worker-state persistence_mode is " + (mode == null ? "absent" : mode)
                    + "; Memorystore for Redis keeps worker state only with RDB");
        }
        return Evaluation.check("noeviction".equals(policy), "worker-state maxmemory-policy is "
                + (policy == null ? "absent (volatile-lru default)" : policy) + "; use noeviction");
    }
}
