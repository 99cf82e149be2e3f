package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** AVD-AWS-0051: replication group transit_encryption_enabled is true (adapter default false). Re-implemented from Trivy trivy-checks/checks/cloud/aws/elasticache/enable_in_transit_encryption.rego (HIGH). */
public final class TrivyElastiCacheEncryptionInTransit extends AwsRule {
    @Override public String id() { return "AVD-AWS-0051"; }
    @Override public String source() { return "Trivy trivy-checks/checks/cloud/aws/elasticache/enable_in_transit_encryption.rego (HIGH)"; }
    @Override public String description() { return "replication group transit_encryption_enabled is true (adapter default false)"; }
    @Override public Set<String> resourceTypes() { return Set.of(REPLICATION_GROUP); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        return Evaluation.check(isTrue(r, "transit_encryption_enabled"), shown(r, "transit_encryption_enabled"));
    }
}
