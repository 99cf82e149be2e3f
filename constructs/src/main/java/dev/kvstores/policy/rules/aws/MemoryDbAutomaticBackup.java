package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** KVS-AWS-MEMORYDB-BACKUP: MemoryDB cluster keeps snapshots for at least 15 days. Re-implemented from the HIPAA/NIST 15-day backup rule applied to MemoryDB (cdk-nag has no MemoryDB rule). */
public final class MemoryDbAutomaticBackup extends AwsRule {
    @Override public String id() { return "KVS-AWS-MEMORYDB-BACKUP"; }
    @Override public String source() { return "the HIPAA/NIST 15-day backup rule applied to MemoryDB (cdk-nag has no MemoryDB rule)"; }
    @Override public String description() { return "MemoryDB cluster keeps snapshots for at least 15 days"; }
    @Override public Set<String> resourceTypes() { return Set.of(MEMORYDB_CLUSTER); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        Integer days = number(r, "snapshot_retention_limit");
        return Evaluation.check(days != null && days >= 15, shown(r, "snapshot_retention_limit") + "; at least 15 required");
    }
}
