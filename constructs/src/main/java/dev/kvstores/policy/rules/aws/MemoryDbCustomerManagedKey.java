package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** KVS-AWS-MEMORYDB-KMS: MemoryDB cluster sets kms_key_arn (a customer-managed key). Re-implemented from design brief: worker-state backups encrypted (the MemoryDB counterpart of CKV_AWS_191). */
public final class MemoryDbCustomerManagedKey extends AwsRule {
    @Override public String id() { return "KVS-AWS-MEMORYDB-KMS"; }
    @Override public String source() { return "design brief: worker-state backups encrypted (the MemoryDB counterpart of CKV_AWS_191)"; }
    @Override public String description() { return "MemoryDB cluster sets kms_key_arn (a customer-managed key)"; }
    @Override public Set<String> resourceTypes() { return Set.of(MEMORYDB_CLUSTER); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        return Evaluation.check(present(r, "kms_key_arn"), shown(r, "kms_key_arn"));
    }
}
