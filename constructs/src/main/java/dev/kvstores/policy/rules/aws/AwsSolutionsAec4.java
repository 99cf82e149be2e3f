package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** AwsSolutions-AEC4: replication group multi_az_enabled is true (unset is non-compliant). Re-implemented from cdk-nag src/rules/elasticache/ElastiCacheRedisClusterMultiAZ.ts (AwsSolutions pack, ERROR). */
public final class AwsSolutionsAec4 extends AwsRule {
    @Override public String id() { return "AwsSolutions-AEC4"; }
    @Override public String source() { return "cdk-nag src/rules/elasticache/ElastiCacheRedisClusterMultiAZ.ts (AwsSolutions pack, ERROR)"; }
    @Override public String description() { return "replication group multi_az_enabled is true (unset is non-compliant)"; }
    @Override public Set<String> resourceTypes() { return Set.of(REPLICATION_GROUP); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        return Evaluation.check(isTrue(r, "multi_az_enabled"), shown(r, "multi_az_enabled"));
    }
}
