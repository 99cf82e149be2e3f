package dev.kvstores.policy.rules.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvstores.policy.Compliance;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.policy.StackRule;
import dev.kvstores.policy.SynthesizedResource;
import dev.kvstores.policy.rules.WorkerStateBackupRequired;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The S3 bucket rules and the AWS half of KVS-BACKUP-REQUIRED on hand-written stacks. */
class AwsBackupRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PolicyContext PROD = new PolicyContext("test", true);
    private static final PolicyContext DEV = new PolicyContext("test", false);
    private static final String REF = "${aws_s3_bucket.b.id}";

    private static SynthesizedResource r(String type, String name, String json) {
        try {
            return new SynthesizedResource(type, name, JSON.readTree(json.replace('\'', '"')));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** {@code json} (single quotes) with the attribute {@code field} set to the text of {@code document}. */
    private static SynthesizedResource withDocument(String type, String name, String json, String field,
                                                    String document) {
        SynthesizedResource resource = r(type, name, json);
        ((com.fasterxml.jackson.databind.node.ObjectNode) resource.body()).put(field, document.replace('\'', '"'));
        return resource;
    }

    private static final SynthesizedResource BUCKET = r("aws_s3_bucket", "b", "{'bucket':'x'}");
    private static final SynthesizedResource KMS = r("aws_s3_bucket_server_side_encryption_configuration", "e",
            "{'bucket':'" + REF + "','rule':[{'apply_server_side_encryption_by_default':{'sse_algorithm':'aws:kms',"
                    + "'kms_master_key_id':'${aws_kms_key.k.arn}'},'bucket_key_enabled':true}]}");
    private static final SynthesizedResource VERSIONED = r("aws_s3_bucket_versioning", "v",
            "{'bucket':'" + REF + "','versioning_configuration':{'status':'Enabled'}}");
    private static final SynthesizedResource BLOCKED = r("aws_s3_bucket_public_access_block", "p",
            "{'bucket':'" + REF + "','block_public_acls':true,'block_public_policy':true,'ignore_public_acls':true,"
                    + "'restrict_public_buckets':true}");
    private static final String DENY_HTTP = "{'Version':'2012-10-17','Statement':[{'Effect':'Deny','Principal':'*',"
            + "'Action':'s3:*','Resource':['x'],'Condition':{'Bool':{'aws:SecureTransport':'false'}}}]}";
    private static final SynthesizedResource TLS_ONLY = policy(DENY_HTTP);

    private static SynthesizedResource policy(String document) {
        return withDocument("aws_s3_bucket_policy", "pol", "{'bucket':'" + REF + "'}", "policy", document);
    }

    private static Arguments row(String description, StackRule rule, Compliance expected,
                                 SynthesizedResource... companions) {
        List<SynthesizedResource> stack = new ArrayList<>(List.of(BUCKET));
        stack.addAll(List.of(companions));
        return Arguments.of(rule.id() + ": " + description, rule, stack, expected);
    }

    static Stream<Arguments> bucketCases() {
        return Stream.of(
                row("SSE-KMS with a key", new S3BucketCustomerManagedKey(), Compliance.COMPLIANT, KMS),
                row("no encryption configuration", new S3BucketCustomerManagedKey(), Compliance.NON_COMPLIANT),
                row("SSE-S3", new S3BucketCustomerManagedKey(), Compliance.NON_COMPLIANT,
                        r("aws_s3_bucket_server_side_encryption_configuration", "e", "{'bucket':'" + REF
                                + "','rule':[{'apply_server_side_encryption_by_default':{'sse_algorithm':'AES256'}}]}")),
                row("aws:kms without a key (the AWS managed key)", new S3BucketCustomerManagedKey(),
                        Compliance.NON_COMPLIANT, r("aws_s3_bucket_server_side_encryption_configuration", "e",
                                "{'bucket':'" + REF + "','rule':[{'apply_server_side_encryption_by_default':"
                                        + "{'sse_algorithm':'aws:kms'}}]}")),
                row("configuration of another bucket", new S3BucketCustomerManagedKey(), Compliance.NON_COMPLIANT,
                        r("aws_s3_bucket_server_side_encryption_configuration", "e", KMS.body().toString()
                                .replace('"', '\'').replace(REF, "${aws_s3_bucket.other.id}"))),
                row("versioning Enabled", new S3BucketVersioning(), Compliance.COMPLIANT, VERSIONED),
                row("versioning Suspended", new S3BucketVersioning(), Compliance.NON_COMPLIANT,
                        r("aws_s3_bucket_versioning", "v", "{'bucket':'" + REF
                                + "','versioning_configuration':{'status':'Suspended'}}")),
                row("no versioning", new S3BucketVersioning(), Compliance.NON_COMPLIANT),
                row("all four blocks", new S3BucketPublicAccessBlock(), Compliance.COMPLIANT, BLOCKED),
                row("no public access block", new S3BucketPublicAccessBlock(), Compliance.NON_COMPLIANT),
                row("public policies allowed", new S3BucketPublicAccessBlock(), Compliance.NON_COMPLIANT,
                        r("aws_s3_bucket_public_access_block", "p", "{'bucket':'" + REF + "','block_public_acls':true,"
                                + "'block_public_policy':false,'ignore_public_acls':true,'restrict_public_buckets':true}")),
                row("deny without TLS", new S3BucketTlsOnly(), Compliance.COMPLIANT, TLS_ONLY),
                row("no bucket policy", new S3BucketTlsOnly(), Compliance.NON_COMPLIANT),
                row("deny only s3:GetObject without TLS", new S3BucketTlsOnly(), Compliance.NON_COMPLIANT,
                        policy(DENY_HTTP.replace("s3:*", "s3:GetObject"))),
                row("an Allow instead of a Deny", new S3BucketTlsOnly(), Compliance.NON_COMPLIANT,
                        policy(DENY_HTTP.replace("Deny", "Allow"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bucketCases")
    void bucket_rules(String description, StackRule rule, List<SynthesizedResource> stack, Compliance expected) {
        Evaluation e = rule.evaluate(stack.get(0), PROD, stack);
        assertEquals(expected, e.compliance(), e.detail());
    }

    private static final String DEFINITION = "{'States':{'S':{'Type':'Task','Resource':"
            + "'arn:aws:states:::aws-sdk:SVC:createSnapshot'},'E':{'Type':'Task','Resource':"
            + "'arn:aws:states:::aws-sdk:SVC:copySnapshot','Arguments':{'TargetBucket':'exp'}},'C':{'Type':'Task',"
            + "'Resource':'arn:aws:states:::aws-sdk:s3:createMultipartUpload','Arguments':"
            + "{'ServerSideEncryption':'aws:kms','SSEKMSKeyId':'k'}}}}";

    private static SynthesizedResource store(String type, String role) {
        String id = type.contains("memorydb") ? "name" : "replication_group_id";
        return r(type, "w", "{'" + id + "':'worker','tags':{'kvstores.dev/role':'" + role + "'}}");
    }

    private static SynthesizedResource machine(String service, String definition) {
        return withDocument("aws_sfn_state_machine", "m", "{'tags':{'kvstores.dev/backup-of':'worker'}}",
                "definition", definition.replace("SVC", service));
    }

    private static SynthesizedResource schedule(String state) {
        return r("aws_scheduler_schedule", "s", "{'schedule_expression':'cron(0 1 * * ? *)','state':'" + state
                + "','target':{'arn':'${aws_sfn_state_machine.m.arn}'}}");
    }

    private static Evaluation backup(PolicyContext context, SynthesizedResource store, SynthesizedResource... rest) {
        List<SynthesizedResource> stack = new ArrayList<>(List.of(store));
        stack.addAll(List.of(rest));
        return new WorkerStateBackupRequired().evaluate(store, context, stack);
    }

    @Test
    void a_production_worker_store_with_a_scheduled_encrypted_export_complies() {
        for (String[] s : new String[][] {{"aws_elasticache_replication_group", "elasticache"},
                {"aws_memorydb_cluster", "memorydb"}}) {
            Evaluation e = backup(PROD, store(s[0], "worker-state"), machine(s[1], DEFINITION), schedule("ENABLED"));
            assertEquals(Compliance.COMPLIANT, e.compliance(), e.detail());
        }
    }

    @Test
    void fails_a_production_worker_store_without_a_backup_state_machine() {
        Evaluation e = backup(PROD, store("aws_memorydb_cluster", "worker-state"));
        assertEquals(Compliance.NON_COMPLIANT, e.compliance());
        assertEquals("worker state store 'worker' has no backup state machine tagged kvstores.dev/backup-of=worker;"
                + " add workerState.backup (or an exemption with a reason, workerState.backupExemptionReason)",
                e.detail());
    }

    @Test
    void fails_when_the_copies_are_not_written_with_a_kms_key() {
        Evaluation e = backup(PROD, store("aws_memorydb_cluster", "worker-state"),
                machine("memorydb", DEFINITION.replace("aws:kms", "AES256")), schedule("ENABLED"));
        assertEquals(Compliance.NON_COMPLIANT, e.compliance());
        assertTrue(e.detail().contains("does not write its copies encrypted with a KMS key"), e.detail());
    }

    @Test
    void fails_when_the_definition_does_not_export_the_store_it_is_tagged_with() {
        Evaluation e = backup(PROD, store("aws_elasticache_replication_group", "worker-state"),
                machine("memorydb", DEFINITION), schedule("ENABLED"));
        assertEquals(Compliance.NON_COMPLIANT, e.compliance());
        assertTrue(e.detail().contains("elasticache:copySnapshot with TargetBucket"), e.detail());
    }

    @Test
    void fails_when_the_schedule_is_disabled_or_missing() {
        Evaluation disabled = backup(PROD, store("aws_memorydb_cluster", "worker-state"),
                machine("memorydb", DEFINITION), schedule("DISABLED"));
        assertEquals("aws_scheduler_schedule.s is DISABLED", disabled.detail());
        Evaluation none = backup(PROD, store("aws_memorydb_cluster", "worker-state"), machine("memorydb", DEFINITION));
        assertEquals("aws_sfn_state_machine.m is started by no aws_scheduler_schedule", none.detail());
    }

    @Test
    void does_not_apply_to_the_cache_or_outside_production() {
        assertEquals(Compliance.NOT_APPLICABLE, backup(PROD, store("aws_elasticache_replication_group", "cache"))
                .compliance());
        assertEquals(Compliance.NOT_APPLICABLE, backup(DEV, store("aws_memorydb_cluster", "worker-state"))
                .compliance());
    }

    @Test
    void the_default_pack_holds_the_bucket_rules() {
        List<String> ids = PolicyPack.defaults().rules().stream().map(rule -> rule.id()).toList();
        assertTrue(ids.containsAll(List.of("KVS-AWS-S3-CMK", "KVS-AWS-S3-VERSIONING", "KVS-AWS-S3-PUBLIC-ACCESS-BLOCK",
                "KVS-AWS-S3-TLS-ONLY", "KVS-BACKUP-REQUIRED")), ids.toString());
    }
}
