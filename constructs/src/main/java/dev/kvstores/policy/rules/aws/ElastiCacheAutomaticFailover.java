package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** CKV2_AWS_50: replication group automatic_failover_enabled equals true. Re-implemented from Checkov checkov/terraform/checks/graph_checks/aws/ElastiCacheRedisConfiguredAutomaticFailOver.yaml (graph). */
public final class ElastiCacheAutomaticFailover extends AwsRule {
    @Override public String id() { return "CKV2_AWS_50"; }
    @Override public String source() { return "Checkov checkov/terraform/checks/graph_checks/aws/ElastiCacheRedisConfiguredAutomaticFailOver.yaml (graph)"; }
    @Override public String description() { return "replication group automatic_failover_enabled equals true"; }
    @Override public Set<String> resourceTypes() { return Set.of(REPLICATION_GROUP); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        return Evaluation.check(isTrue(r, "automatic_failover_enabled"), shown(r, "automatic_failover_enabled"));
    }
}
