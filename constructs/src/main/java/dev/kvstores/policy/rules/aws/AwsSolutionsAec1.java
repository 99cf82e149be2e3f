package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** AwsSolutions-AEC1: cache cluster and replication group set subnet_group_name (run in a VPC). Re-implemented from cdk-nag src/rules/elasticache/ElastiCacheClusterInVPC.ts (AwsSolutions pack, ERROR). */
public final class AwsSolutionsAec1 extends AwsRule {
    @Override public String id() { return "AwsSolutions-AEC1"; }
    @Override public String source() { return "cdk-nag src/rules/elasticache/ElastiCacheClusterInVPC.ts (AwsSolutions pack, ERROR)"; }
    @Override public String description() { return "cache cluster and replication group set subnet_group_name (run in a VPC)"; }
    @Override public Set<String> resourceTypes() { return Set.of(CACHE_CLUSTER, REPLICATION_GROUP); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        return Evaluation.check(present(r, "subnet_group_name"), shown(r, "subnet_group_name"));
    }
}
