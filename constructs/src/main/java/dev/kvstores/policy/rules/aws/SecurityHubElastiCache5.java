package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** SecurityHub-ElastiCache.5: replication group is encrypted in transit. Re-implemented from AWS Security Hub control ElastiCache.5 (Medium). */
public final class SecurityHubElastiCache5 extends AwsRule {
    @Override public String id() { return "SecurityHub-ElastiCache.5"; }
    @Override public String source() { return "AWS Security Hub control ElastiCache.5 (Medium)"; }
    @Override public String description() { return "replication group is encrypted in transit"; }
    @Override public Set<String> resourceTypes() { return Set.of(REPLICATION_GROUP); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        return Evaluation.check(isTrue(r, "transit_encryption_enabled"), shown(r, "transit_encryption_enabled"));
    }
}
