package dev.kvstores.policy.rules.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.naming.AwsTags;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * KVS-AWS-TAGS: every tag key and value meets AWS's tag rules ({@link AwsTags}: 1-128 character keys, values up to
 * 256, ASCII letters, digits, spaces and {@code _ . : / = + - @}, no {@code aws:} prefix, at most 50 tags), so that
 * no tag is refused at apply. Source: <a href="https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html">AWS
 * tag naming limits and requirements</a> and the ElastiCache tag pattern.
 */
public final class AwsTagsValid extends AwsRule {

    /** The AWS types kvstores creates that carry {@code tags}. */
    static final Set<String> TAGGED_TYPES = Set.of(REPLICATION_GROUP, CACHE_CLUSTER, "aws_elasticache_parameter_group",
            "aws_elasticache_subnet_group", "aws_elasticache_user", "aws_elasticache_user_group", MEMORYDB_CLUSTER,
            "aws_memorydb_parameter_group", "aws_memorydb_subnet_group", "aws_memorydb_user", "aws_memorydb_acl",
            "aws_kms_key", "aws_cloudwatch_log_group", "aws_cloudwatch_metric_alarm", "aws_security_group",
            "aws_vpc_security_group_ingress_rule", "aws_s3_bucket", "aws_iam_role", "aws_sfn_state_machine");

    @Override public String id() { return "KVS-AWS-TAGS"; }
    @Override public String source() { return "AWS tag naming limits and requirements, " + AwsTags.RULES_PAGE; }
    @Override public String description() { return "every tag key and value meets AWS's tag rules"; }
    @Override public Set<String> resourceTypes() { return TAGGED_TYPES; }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        JsonNode tags = attribute(r, "tags");
        if (tags == null || !tags.isObject()) {
            return Evaluation.notApplicable();
        }
        List<String> problems = AwsTags.problems(textMap(tags));
        return Evaluation.check(problems.isEmpty(), String.join("; ", problems));
    }

    /** A JSON object of strings as a sorted map. */
    static Map<String, String> textMap(JsonNode object) {
        Map<String, String> out = new TreeMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
