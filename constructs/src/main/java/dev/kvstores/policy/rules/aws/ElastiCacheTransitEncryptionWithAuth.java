package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** CKV_AWS_31: replication group has transit encryption and an auth_token or user_group_ids. Re-implemented from Checkov checkov/terraform/checks/resource/aws/ElasticacheReplicationGroupEncryptionAtTransitAuthToken.py. */
public final class ElastiCacheTransitEncryptionWithAuth extends AwsRule {
    @Override public String id() { return "CKV_AWS_31"; }
    @Override public String source() { return "Checkov checkov/terraform/checks/resource/aws/ElasticacheReplicationGroupEncryptionAtTransitAuthToken.py"; }
    @Override public String description() { return "replication group has transit encryption and an auth_token or user_group_ids"; }
    @Override public Set<String> resourceTypes() { return Set.of(REPLICATION_GROUP); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        if (!isTrue(r, "transit_encryption_enabled")) {
            return Evaluation.nonCompliant(shown(r, "transit_encryption_enabled"));
        }
        return Evaluation.check(present(r, "auth_token") || present(r, "user_group_ids"),
                "neither auth_token nor user_group_ids is set");
    }
}
