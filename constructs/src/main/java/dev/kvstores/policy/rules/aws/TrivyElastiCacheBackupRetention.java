package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** AVD-AWS-0050: redis cache cluster (not cache.t1.micro) has snapshot_retention_limit other than 0 (adapter default 0). Re-implemented from Trivy trivy-checks/checks/cloud/aws/elasticache/enable_backup_retention.rego (MEDIUM). */
public final class TrivyElastiCacheBackupRetention extends AwsRule {
    @Override public String id() { return "AVD-AWS-0050"; }
    @Override public String source() { return "Trivy trivy-checks/checks/cloud/aws/elasticache/enable_backup_retention.rego (MEDIUM)"; }
    @Override public String description() { return "redis cache cluster (not cache.t1.micro) has snapshot_retention_limit other than 0 (adapter default 0)"; }
    @Override public Set<String> resourceTypes() { return Set.of(CACHE_CLUSTER); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        if (!"redis".equals(text(r, "engine")) || "cache.t1.micro".equals(text(r, "node_type"))) {
            return Evaluation.notApplicable();
        }
        Integer days = number(r, "snapshot_retention_limit");
        return Evaluation.check(days != null && days != 0, shown(r, "snapshot_retention_limit"));
    }
}
