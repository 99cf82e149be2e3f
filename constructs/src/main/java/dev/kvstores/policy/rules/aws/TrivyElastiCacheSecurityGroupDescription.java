package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** AVD-AWS-0049: aws_elasticache_security_group has a description other than \"Managed by Terraform\". Re-implemented from Trivy trivy-checks/checks/cloud/aws/elasticache/add_description_for_security_group.rego (LOW). */
public final class TrivyElastiCacheSecurityGroupDescription extends AwsRule {
    @Override public String id() { return "AVD-AWS-0049"; }
    @Override public String source() { return "Trivy trivy-checks/checks/cloud/aws/elasticache/add_description_for_security_group.rego (LOW)"; }
    @Override public String description() { return "aws_elasticache_security_group has a description other than \"Managed by Terraform\""; }
    @Override public Set<String> resourceTypes() { return Set.of(ELASTICACHE_SECURITY_GROUP); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        String description = text(r, "description");
        return Evaluation.check(description != null && !description.isBlank()
                && !"Managed by Terraform".equals(description), shown(r, "description"));
    }
}
