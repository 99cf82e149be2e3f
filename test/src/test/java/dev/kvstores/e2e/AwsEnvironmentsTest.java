package dev.kvstores.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.app.Synthesizer;
import dev.kvstores.policy.PolicyReport;
import dev.kvstores.stacks.environment.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped AWS environments, from the shared synthesis of every environment. */
class AwsEnvironmentsTest {

    private final Synthesizer.Result result = ShippedSynthesis.result();

    @Test
    void both_aws_environments_are_shipped() {
        assertEquals(List.of("aws-dev", "aws-prod"), ShippedSynthesis.environments().stream()
                .filter(e -> e.platform().equals("aws")).map(Environment::name).toList());
    }

    private JsonNode stack(String name) {
        return ShippedSynthesis.stack(name);
    }

    private String report(String name) {
        return ShippedSynthesis.report(name);
    }

    @Test
    void production_exempts_only_the_cache_backups_the_auth_token_rule_and_the_export_bucket_key() {
        PolicyReport prod = result.policyReports().get("aws-prod");
        assertEquals(List.of(), prod.violations());
        assertEquals(List.of("AwsSolutions-AEC6", "HIPAA.Security-ElastiCacheRedisClusterAutomaticBackup",
                        "KVS-AWS-S3-CMK", "SecurityHub-ElastiCache.1"),
                prod.findings().stream().filter(f -> f.exemptionReason() != null).map(f -> f.ruleId()).sorted().toList());
        // The export bucket cannot use a customer key (the services seed only from SSE-S3 objects): see
        // docs/platform-aws.md, "Backups and restore"; the archive bucket complies.
        assertTrue(prod.findings().stream().filter(f -> f.exemptionReason() != null)
                .allMatch(f -> f.address().startsWith("aws_elasticache_replication_group.Cache_")
                        || f.address().startsWith("aws_s3_bucket.WorkerState_Backup_ExportBucket_")));
    }

    @Test
    void production_worker_is_memorydb_whose_url_has_no_db_number() {
        String report = report("aws-prod");
        assertFalse(report.contains("RELAXED"), report);
        assertTrue(report.contains("redisWorkercacheConnUrlKey = rediss://suprsend-worker:<password>@"
                + "<cluster endpoint address of aws_memorydb_cluster.WorkerState_"), report);
        assertTrue(report.contains(">:6380\n"), report);
        JsonNode json = stack("aws-prod");
        assertEquals(1, json.path("resource").path("aws_memorydb_cluster").size());
        assertTrue(json.path("resource").path("aws_cloudwatch_metric_alarm").size() > 0);
        assertTrue(json.path("resource").path("aws_elasticache_security_group").isMissingNode());
    }

    @Test
    void development_lists_its_relaxation_and_says_elasticache_has_no_aof() {
        String report = report("aws-dev");
        assertTrue(report.contains("- RELAXED: high-availability relaxed (STANDALONE, 1 node(s), zone spread off):"
                + " dev cache holds only idempotency keys"), report);
        assertTrue(report.contains("ElastiCache has no AOF"), report);
        assertTrue(report.contains("durability: RDB snapshots, no AOF"), report);
        assertTrue(report.contains("redisWorkercacheConnUrlKey = rediss://default:<password>@"), report);
        assertTrue(report.contains("@<primary endpoint address of aws_elasticache_replication_group."), report);
        assertTrue(report.contains(">:6380/0\n"), report);
        assertTrue(stack("aws-dev").path("resource").path("aws_cloudwatch_metric_alarm").size() > 0);
    }

    @Test
    void the_connection_secret_goes_to_the_eks_cluster_named_in_the_environment() {
        JsonNode provider = stack("aws-prod").path("provider").path("kubernetes").get(0);
        assertEquals("arn:aws:eks:eu-west-1:123456789012:cluster/suprsend-prod", provider.path("config_context").asText());
        assertEquals("eu-west-1", stack("aws-prod").path("provider").path("aws").get(0).path("region").asText());
    }

    /**
     * EC2 resource IDs are the type prefix and 8 or 17 lowercase hexadecimal digits (e.g. {@code sg-0a1b2c3d4e5f60e0a});
     * an example with any other character is refused by AWS at apply.
     */
    private static final Pattern AWS_ID = Pattern.compile("\\b(vpc|subnet|sg)-[0-9A-Za-z]+\\b");
    private static final Pattern VALID_AWS_ID = Pattern.compile("(vpc|subnet|sg)-([0-9a-f]{8}|[0-9a-f]{17})");

    @Test
    void shipped_vpc_subnet_and_security_group_ids_have_the_aws_format() {
        List<String> ids = new ArrayList<>();
        for (String name : List.of("aws-dev", "aws-prod")) {
            Matcher m = AWS_ID.matcher(stack(name).toString());
            while (m.find()) {
                ids.add(m.group());
            }
        }
        assertTrue(ids.stream().anyMatch(id -> id.startsWith("sg-")), ids.toString());
        assertTrue(ids.stream().anyMatch(id -> id.startsWith("subnet-")), ids.toString());
        assertEquals(List.of(), ids.stream().filter(id -> !VALID_AWS_ID.matcher(id).matches()).distinct().toList(),
                "IDs that AWS would refuse");
    }
}
