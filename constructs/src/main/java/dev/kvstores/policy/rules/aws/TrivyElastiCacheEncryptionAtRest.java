package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** AVD-AWS-0045: replication group at_rest_encryption_enabled is true (adapter default false). Re-implemented from Trivy trivy-checks/checks/cloud/aws/elasticache/enable_at_rest_encryption.rego (HIGH). */
public final class TrivyElastiCacheEncryptionAtRest extends AwsRule {
    @Override public String id() { return "AVD-AWS-0045"; }
    @Override public String source() { return "Trivy trivy-checks/checks/cloud/aws/elasticache/enable_at_rest_encryption.rego (HIGH)"; }
    @Override public String description() { return "replication group at_rest_encryption_enabled is true (adapter default false)"; }
    @Override public Set<String> resourceTypes() { return Set.of(REPLICATION_GROUP); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        return Evaluation.check(isTrue(r, "at_rest_encryption_enabled"), shown(r, "at_rest_encryption_enabled"));
    }
}
