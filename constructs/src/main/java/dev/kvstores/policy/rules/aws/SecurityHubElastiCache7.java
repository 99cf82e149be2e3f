package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** SecurityHub-ElastiCache.7: cache cluster uses a subnet group other than \"default\" (absent means default). Re-implemented from AWS Security Hub control ElastiCache.7 (High). */
public final class SecurityHubElastiCache7 extends AwsRule {
    @Override public String id() { return "SecurityHub-ElastiCache.7"; }
    @Override public String source() { return "AWS Security Hub control ElastiCache.7 (High)"; }
    @Override public String description() { return "cache cluster uses a subnet group other than \"default\" (absent means default)"; }
    @Override public Set<String> resourceTypes() { return Set.of(CACHE_CLUSTER); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        String group = text(r, "subnet_group_name");
        return Evaluation.check(group != null && !group.isBlank() && !"default".equals(group), shown(r, "subnet_group_name"));
    }
}
