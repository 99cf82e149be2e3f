package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** KVS-AWS-CACHE-CLUSTER: a replication group tagged as the cache has cluster mode disabled and one node group. Re-implemented from vendor guide, Cache Store: Do not run this in Redis Cluster mode. */
public final class AwsCacheNotClusterMode extends AwsRule {
    @Override public String id() { return "KVS-AWS-CACHE-CLUSTER"; }
    @Override public String source() { return "vendor guide, Cache Store: \"Do not run this in Redis Cluster mode\""; }
    @Override public String description() { return "a replication group tagged as the cache has cluster mode disabled and one node group"; }
    @Override public Set<String> resourceTypes() { return Set.of(REPLICATION_GROUP); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        if (!"cache".equals(role(r))) {
            return Evaluation.notApplicable();
        }
        String mode = text(r, "cluster_mode");
        Integer groups = number(r, "num_node_groups");
        return Evaluation.check((mode == null || "disabled".equals(mode)) && (groups == null || groups == 1),
                shown(r, "cluster_mode") + ", " + shown(r, "num_node_groups"));
    }
}
