package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** SecurityHub-ElastiCache.4: replication group is encrypted at rest. Re-implemented from AWS Security Hub control ElastiCache.4 (Medium). */
public final class SecurityHubElastiCache4 extends AwsRule {
    @Override public String id() { return "SecurityHub-ElastiCache.4"; }
    @Override public String source() { return "AWS Security Hub control ElastiCache.4 (Medium)"; }
    @Override public String description() { return "replication group is encrypted at rest"; }
    @Override public Set<String> resourceTypes() { return Set.of(REPLICATION_GROUP); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        return Evaluation.check(isTrue(r, "at_rest_encryption_enabled"), shown(r, "at_rest_encryption_enabled"));
    }
}
