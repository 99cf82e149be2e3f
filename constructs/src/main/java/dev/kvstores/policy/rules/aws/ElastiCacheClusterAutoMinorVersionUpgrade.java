package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** CKV_AWS_322: cache cluster auto_minor_version_upgrade is not false (absent passes; memcached not applicable). Re-implemented from Checkov checkov/terraform/checks/resource/aws/ElasticCacheAutomaticMinorUpgrades.py. */
public final class ElastiCacheClusterAutoMinorVersionUpgrade extends AwsRule {
    @Override public String id() { return "CKV_AWS_322"; }
    @Override public String source() { return "Checkov checkov/terraform/checks/resource/aws/ElasticCacheAutomaticMinorUpgrades.py"; }
    @Override public String description() { return "cache cluster auto_minor_version_upgrade is not false (absent passes; memcached not applicable)"; }
    @Override public Set<String> resourceTypes() { return Set.of(CACHE_CLUSTER); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        if ("memcached".equals(text(r, "engine"))) {
            return Evaluation.notApplicable();
        }
        return Evaluation.check(attribute(r, "auto_minor_version_upgrade") == null
                || isTrue(r, "auto_minor_version_upgrade"), shown(r, "auto_minor_version_upgrade"));
    }
}
