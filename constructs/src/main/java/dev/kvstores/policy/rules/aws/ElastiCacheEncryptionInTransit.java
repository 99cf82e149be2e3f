package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** CKV_AWS_30: replication group transit_encryption_enabled is true (absent fails). Re-implemented from Checkov checkov/terraform/checks/resource/aws/ElasticacheReplicationGroupEncryptionAtTransit.py. */
public final class ElastiCacheEncryptionInTransit extends AwsRule {
    @Override public String id() { return "CKV_AWS_30"; }
    @Override public String source() { return "Checkov checkov/terraform/checks/resource/aws/ElasticacheReplicationGroupEncryptionAtTransit.py"; }
    @Override public String description() { return "replication group transit_encryption_enabled is true (absent fails)"; }
    @Override public Set<String> resourceTypes() { return Set.of(REPLICATION_GROUP); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        return Evaluation.check(isTrue(r, "transit_encryption_enabled"), shown(r, "transit_encryption_enabled"));
    }
}
