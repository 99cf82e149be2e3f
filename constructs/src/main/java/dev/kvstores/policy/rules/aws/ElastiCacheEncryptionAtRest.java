package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** CKV_AWS_29: replication group at_rest_encryption_enabled is true (absent fails). Re-implemented from Checkov checkov/terraform/checks/resource/aws/ElasticacheReplicationGroupEncryptionAtRest.py. */
public final class ElastiCacheEncryptionAtRest extends AwsRule {
    @Override public String id() { return "CKV_AWS_29"; }
    @Override public String source() { return "Checkov checkov/terraform/checks/resource/aws/ElasticacheReplicationGroupEncryptionAtRest.py"; }
    @Override public String description() { return "replication group at_rest_encryption_enabled is true (absent fails)"; }
    @Override public Set<String> resourceTypes() { return Set.of(REPLICATION_GROUP); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        return Evaluation.check(isTrue(r, "at_rest_encryption_enabled"), shown(r, "at_rest_encryption_enabled"));
    }
}
