package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** CKV_AWS_191: replication group kms_key_id is set (a customer-managed key). Re-implemented from Checkov checkov/terraform/checks/resource/aws/ElasticacheReplicationGroupEncryptedWithCMK.py. */
public final class ElastiCacheCustomerManagedKey extends AwsRule {
    @Override public String id() { return "CKV_AWS_191"; }
    @Override public String source() { return "Checkov checkov/terraform/checks/resource/aws/ElasticacheReplicationGroupEncryptedWithCMK.py"; }
    @Override public String description() { return "replication group kms_key_id is set (a customer-managed key)"; }
    @Override public Set<String> resourceTypes() { return Set.of(REPLICATION_GROUP); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        return Evaluation.check(present(r, "kms_key_id"), shown(r, "kms_key_id"));
    }
}
