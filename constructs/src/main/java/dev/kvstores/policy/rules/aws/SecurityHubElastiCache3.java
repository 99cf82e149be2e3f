package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** SecurityHub-ElastiCache.3: replication group has automatic failover enabled. Re-implemented from AWS Security Hub control ElastiCache.3 (Medium). */
public final class SecurityHubElastiCache3 extends AwsRule {
    @Override public String id() { return "SecurityHub-ElastiCache.3"; }
    @Override public String source() { return "AWS Security Hub control ElastiCache.3 (Medium)"; }
    @Override public String description() { return "replication group has automatic failover enabled"; }
    @Override public Set<String> resourceTypes() { return Set.of(REPLICATION_GROUP); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        return Evaluation.check(isTrue(r, "automatic_failover_enabled"), shown(r, "automatic_failover_enabled"));
    }
}
