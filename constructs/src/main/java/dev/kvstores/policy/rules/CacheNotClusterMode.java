package dev.kvstores.policy.rules;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;

/** KVS-ROLE-CACHE-CLUSTER: the Cache Store is never Redis Cluster (the platform needs DB numbers). */
public final class CacheNotClusterMode extends HelmReleaseRule {
    @Override public String id() { return "KVS-ROLE-CACHE-CLUSTER"; }
    @Override public String source() { return "vendor guide, Cache Store: \"Do not run this in Redis Cluster mode\""; }
    @Override public String description() { return "a release labelled as the cache is not the redis-cluster chart"; }

    @Override
    Evaluation evaluate(SynthesizedResource resource, HelmValues values, PolicyContext context) {
        if (!"cache".equals(values.role())) {
            return Evaluation.notApplicable();
        }
        return Evaluation.check(!values.isRedisCluster(), "the cache runs the redis-cluster chart");
    }
}
