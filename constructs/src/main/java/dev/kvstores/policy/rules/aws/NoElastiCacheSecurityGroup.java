package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** CKV_AWS_196: no aws_elasticache_security_group exists (EC2-Classic security groups; always fails). Re-implemented from Checkov checkov/terraform/checks/resource/aws/ElasticacheHasSecurityGroup.py. */
public final class NoElastiCacheSecurityGroup extends AwsRule {
    @Override public String id() { return "CKV_AWS_196"; }
    @Override public String source() { return "Checkov checkov/terraform/checks/resource/aws/ElasticacheHasSecurityGroup.py"; }
    @Override public String description() { return "no aws_elasticache_security_group exists (EC2-Classic security groups; always fails)"; }
    @Override public Set<String> resourceTypes() { return Set.of(ELASTICACHE_SECURITY_GROUP); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        return Evaluation.nonCompliant("aws_elasticache_security_group is EC2-Classic; use a VPC security group");
    }
}
