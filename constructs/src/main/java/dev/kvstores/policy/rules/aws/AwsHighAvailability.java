package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** KVS-AWS-HA: a replication group has at least one replica per shard; a MemoryDB cluster sets num_replicas_per_shard of at least 1. Re-implemented from vendor guide, High Availability: Managed: choose Multi-AZ, automatic failover. */
public final class AwsHighAvailability extends AwsRule {
    @Override public String id() { return "KVS-AWS-HA"; }
    @Override public String source() { return "vendor guide, High Availability: \"Managed: choose Multi-AZ, automatic failover\""; }
    @Override public String description() { return "a replication group has at least one replica per shard; a MemoryDB cluster sets num_replicas_per_shard of at least 1"; }
    @Override public Set<String> resourceTypes() { return Set.of(REPLICATION_GROUP, MEMORYDB_CLUSTER); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        if (r.type().equals(MEMORYDB_CLUSTER)) {
            Integer replicas = number(r, "num_replicas_per_shard");
            return Evaluation.check(replicas != null && replicas >= 1, shown(r, "num_replicas_per_shard"));
        }
        Integer nodes = number(r, "num_cache_clusters");
        Integer replicas = number(r, "replicas_per_node_group");
        return Evaluation.check((nodes != null && nodes >= 2) || (replicas != null && replicas >= 1),
                shown(r, "num_cache_clusters") + ", " + shown(r, "replicas_per_node_group"));
    }
}
