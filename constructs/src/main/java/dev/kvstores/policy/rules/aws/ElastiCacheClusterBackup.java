package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** CKV_AWS_134: cache cluster snapshot_retention_limit is not 0 (absent fails; memcached not applicable). Re-implemented from Checkov checkov/terraform/checks/resource/aws/ElasticCacheAutomaticBackup.py. */
public final class ElastiCacheClusterBackup extends AwsRule {
    @Override public String id() { return "CKV_AWS_134"; }
    @Override public String source() { return "Checkov checkov/terraform/checks/resource/aws/ElasticCacheAutomaticBackup.py"; }
    @Override public String description() { return "cache cluster snapshot_retention_limit is not 0 (absent fails; memcached not applicable)"; }
    @Override public Set<String> resourceTypes() { return Set.of(CACHE_CLUSTER); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        if ("memcached".equals(text(r, "engine"))) {
            return Evaluation.notApplicable();
        }
        Integer days = number(r, "snapshot_retention_limit");
        return Evaluation.check(days != null && days != 0, shown(r, "snapshot_retention_limit"));
    }
}
