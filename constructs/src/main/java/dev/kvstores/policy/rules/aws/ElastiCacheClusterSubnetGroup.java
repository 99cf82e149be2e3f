package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** CKV_AWS_323: cache cluster subnet_group_name is set (absent fails). Re-implemented from Checkov checkov/terraform/checks/resource/aws/ElastiCacheHasCustomSubnet.py. */
public final class ElastiCacheClusterSubnetGroup extends AwsRule {
    @Override public String id() { return "CKV_AWS_323"; }
    @Override public String source() { return "Checkov checkov/terraform/checks/resource/aws/ElastiCacheHasCustomSubnet.py"; }
    @Override public String description() { return "cache cluster subnet_group_name is set (absent fails)"; }
    @Override public Set<String> resourceTypes() { return Set.of(CACHE_CLUSTER); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        return Evaluation.check(present(r, "subnet_group_name"), shown(r, "subnet_group_name"));
    }
}
