package dev.kvstores.policy.rules.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.StackRule;
import dev.kvstores.policy.SynthesizedResource;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CKV2_AWS_5: every {@code aws_security_group} is attached to a resource. Re-implemented from Checkov
 * {@code checkov/terraform/checks/graph_checks/aws/SGAttachedToResource.yaml}: the security group counts as
 * attached when one of the listed resource types references its {@code id} (or {@code name}) in any
 * attribute whose name contains {@code security_group}.
 */
public final class SecurityGroupAttached extends AwsRule implements StackRule {

    /** Resource types that attach security groups (the ElastiCache and MemoryDB ones, and common compute). */
    static final Set<String> ATTACHERS = Set.of("aws_elasticache_cluster", "aws_elasticache_replication_group",
            "aws_elasticache_serverless_cache", "aws_memorydb_cluster", "aws_instance", "aws_launch_template",
            "aws_launch_configuration", "aws_db_instance", "aws_rds_cluster", "aws_eks_cluster",
            "aws_eks_node_group", "aws_lambda_function", "aws_lb", "aws_elb", "aws_network_interface",
            "aws_vpc_endpoint", "aws_efs_mount_target", "aws_msk_cluster", "aws_mq_broker",
            "aws_opensearch_domain", "aws_elasticsearch_domain", "aws_redshift_cluster", "aws_ecs_service",
            "aws_docdb_cluster", "aws_neptune_cluster", "aws_batch_compute_environment", "aws_dms_replication_instance",
            "aws_sagemaker_notebook_instance", "aws_codebuild_project", "aws_emr_cluster");

    @Override public String id() { return "CKV2_AWS_5"; }
    @Override public String source() { return "Checkov checkov/terraform/checks/graph_checks/aws/SGAttachedToResource.yaml (graph)"; }
    @Override public String description() { return "every aws_security_group is attached to a resource"; }
    @Override public Set<String> resourceTypes() { return Set.of("aws_security_group"); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context, List<SynthesizedResource> stack) {
        String id = "${" + r.address() + ".id}";
        String name = "${" + r.address() + ".name}";
        for (SynthesizedResource other : stack) {
            if (ATTACHERS.contains(other.type()) && references(other.body(), id, name, false)) {
                return Evaluation.compliant();
            }
        }
        return Evaluation.nonCompliant(r.address() + " is not attached to any resource");
    }

    private static boolean references(JsonNode node, String id, String name, boolean inSecurityGroupField) {
        if (node.isTextual()) {
            return inSecurityGroupField && (node.asText().contains(id) || node.asText().contains(name));
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (references(item, id, name, inSecurityGroupField)) {
                    return true;
                }
            }
            return false;
        }
        var fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            boolean sgField = inSecurityGroupField || field.getKey().contains("security_group");
            if (references(field.getValue(), id, name, sgField)) {
                return true;
            }
        }
        return false;
    }
}
