package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** KVS-AWS-ROLE-PERSISTENCE: a cache replication group keeps no snapshots; a worker-state replication group or MemoryDB cluster keeps them at least a day. Re-implemented from vendor guide, Cache Store (Disable or minimize persistence) and Worker State Store (Durability: recommended). */
public final class AwsRolePersistence extends AwsRule {
    @Override public String id() { return "KVS-AWS-ROLE-PERSISTENCE"; }
    @Override public String source() { return "vendor guide, Cache Store (\"Disable or minimize persistence\") and Worker State Store (\"Durability: recommended\")"; }
    @Override public String description() { return "a cache replication group keeps no snapshots; a worker-state replication group or MemoryDB cluster keeps them at least a day"; }
    @Override public Set<String> resourceTypes() { return Set.of(REPLICATION_GROUP, MEMORYDB_CLUSTER); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        Integer days = number(r, "snapshot_retention_limit");
        String role = r.type().equals(MEMORYDB_CLUSTER) ? "worker-state" : role(r);
        if ("cache".equals(role)) {
            return Evaluation.check(days == null || days == 0, shown(r, "snapshot_retention_limit") + " on the cache");
        }
        if ("worker-state".equals(role)) {
            return Evaluation.check(days != null && days >= 1, shown(r, "snapshot_retention_limit") + " on the worker state store");
        }
        return Evaluation.notApplicable();
    }
}
