package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** AwsSolutions-AEC3: replication group sets both at-rest and transit encryption, neither false. Re-implemented from cdk-nag src/rules/elasticache/ElastiCacheRedisClusterEncryption.ts (AwsSolutions pack, ERROR). */
public final class AwsSolutionsAec3 extends AwsRule {
    @Override public String id() { return "AwsSolutions-AEC3"; }
    @Override public String source() { return "cdk-nag src/rules/elasticache/ElastiCacheRedisClusterEncryption.ts (AwsSolutions pack, ERROR)"; }
    @Override public String description() { return "replication group sets both at-rest and transit encryption, neither false"; }
    @Override public Set<String> resourceTypes() { return Set.of(REPLICATION_GROUP); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        boolean ok = attribute(r, "at_rest_encryption_enabled") != null && !isFalse(r, "at_rest_encryption_enabled")
                && attribute(r, "transit_encryption_enabled") != null && !isFalse(r, "transit_encryption_enabled");
        return Evaluation.check(ok, shown(r, "at_rest_encryption_enabled") + ", " + shown(r, "transit_encryption_enabled"));
    }
}
