package dev.kvstores.policy.rules;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;

/**
 * KVS-ROLE-PERSISTENCE: persistence and eviction per role, read from the rendered configuration and volumes.
 * Cache: {@code appendonly no}, {@code save ""}, LRU eviction, no volumes. Worker state: {@code appendonly yes},
 * {@code appendfsync everysec}, {@code noeviction}, volumes on.
 */
public final class HelmRolePersistence extends HelmReleaseRule {
    @Override public String id() { return "KVS-ROLE-PERSISTENCE"; }
    @Override public String source() { return "vendor guide, redis.conf (Cache) and redis.conf (Worker State)"; }
    @Override public String description() { return "cache has no persistence and evicts LRU; worker state is AOF everysec, noeviction, on volumes"; }

    @Override
    Evaluation evaluate(SynthesizedResource resource, HelmValues values, PolicyContext context) {
        String role = values.role();
        if (role == null) {
            return Evaluation.notApplicable();
        }
        String conf = values.isRedisCluster() ? values.text("redis.configmap") : values.text("commonConfiguration");
        conf = conf == null ? "" : conf;
        String persistenceKey = values.isRedisCluster() ? "persistence.enabled"
                : values.nodeGroups().get(0) + ".persistence.enabled";
        boolean volumes = values.isTrue(persistenceKey);
        if ("cache".equals(role)) {
            if (!conf.contains("appendonly no") || !conf.contains("save \"\"")) {
                return Evaluation.nonCompliant("cache configuration lacks 'appendonly no' / 'save \"\"'");
            }
            if (!conf.contains("maxmemory-policy allkeys-lru") && !conf.contains("maxmemory-policy volatile-lru")) {
                return Evaluation.nonCompliant("cache configuration lacks an LRU maxmemory-policy");
            }
            return Evaluation.check(!volumes, persistenceKey + " is true for the cache");
        }
        if (!conf.contains("appendonly yes") || !conf.contains("appendfsync everysec")) {
            return Evaluation.nonCompliant("worker state configuration lacks 'appendonly yes' / 'appendfsync everysec'");
        }
        if (!conf.contains("maxmemory-policy noeviction")) {
            return Evaluation.nonCompliant("worker state configuration lacks 'maxmemory-policy noeviction'");
        }
        return Evaluation.check(volumes, persistenceKey + " is not true for the worker state store");
    }
}
