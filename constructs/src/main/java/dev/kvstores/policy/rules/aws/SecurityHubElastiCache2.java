package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** SecurityHub-ElastiCache.2: cache cluster (Redis/Valkey) has auto_minor_version_upgrade on (the provider default when absent). Re-implemented from AWS Security Hub control ElastiCache.2 (High). */
public final class SecurityHubElastiCache2 extends AwsRule {
    @Override public String id() { return "SecurityHub-ElastiCache.2"; }
    @Override public String source() { return "AWS Security Hub control ElastiCache.2 (High)"; }
    @Override public String description() { return "cache cluster (Redis/Valkey) has auto_minor_version_upgrade on (the provider default when absent)"; }
    @Override public Set<String> resourceTypes() { return Set.of(CACHE_CLUSTER); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        if ("memcached".equals(text(r, "engine"))) {
            return Evaluation.notApplicable();
        }
        return Evaluation.check(!isFalse(r, "auto_minor_version_upgrade"), shown(r, "auto_minor_version_upgrade"));
    }
}
