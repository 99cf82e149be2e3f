package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** AwsSolutions-AEC6: replication group auth_token is non-empty (user_group_ids does not satisfy it). Re-implemented from cdk-nag src/rules/elasticache/ElastiCacheRedisClusterRedisAuth.ts (AwsSolutions pack, ERROR). */
public final class AwsSolutionsAec6 extends AwsRule {
    @Override public String id() { return "AwsSolutions-AEC6"; }
    @Override public String source() { return "cdk-nag src/rules/elasticache/ElastiCacheRedisClusterRedisAuth.ts (AwsSolutions pack, ERROR)"; }
    @Override public String description() { return "replication group auth_token is non-empty (user_group_ids does not satisfy it)"; }
    @Override public Set<String> resourceTypes() { return Set.of(REPLICATION_GROUP); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        return Evaluation.check(present(r, "auth_token"), shown(r, "auth_token").replaceAll("\\$\\{.*\\}", "set"));
    }
}
