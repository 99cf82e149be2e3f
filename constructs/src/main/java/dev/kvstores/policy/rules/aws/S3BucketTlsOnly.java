package dev.kvstores.policy.rules.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.StackRule;
import dev.kvstores.policy.SynthesizedResource;
import java.util.List;
import java.util.Set;

/**
 * KVS-AWS-S3-TLS-ONLY: an S3 bucket's {@code aws_s3_bucket_policy} denies every principal every S3 action
 * ({@code s3:*} or {@code *}) when {@code aws:SecureTransport} is {@code false}. Re-implemented from Security Hub
 * S3.5 "S3 general purpose buckets should require requests to use SSL" (AWS Config rule
 * {@code s3-bucket-ssl-requests-only}).
 */
public final class S3BucketTlsOnly implements StackRule {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override public String id() { return "KVS-AWS-S3-TLS-ONLY"; }
    @Override public String source() { return "Security Hub S3.5 (AWS Config s3-bucket-ssl-requests-only), re-implemented"; }
    @Override public String description() { return "S3 bucket policy denies all requests without TLS (aws:SecureTransport false)"; }
    @Override public Set<String> resourceTypes() { return Set.of(S3Buckets.BUCKET); }

    @Override
    public Evaluation evaluate(SynthesizedResource bucket, PolicyContext context, List<SynthesizedResource> stack) {
        for (SynthesizedResource policy : S3Buckets.companions(bucket, "aws_s3_bucket_policy", stack)) {
            JsonNode doc;
            try {
                doc = JSON.readTree(policy.text("policy"));
            } catch (Exception e) {
                continue;
            }
            for (JsonNode statement : S3Buckets.blocks(doc, "Statement")) {
                if (deniesInsecureTransport(statement)) {
                    return Evaluation.compliant();
                }
            }
        }
        return Evaluation.nonCompliant(bucket.address() + " has no bucket policy statement denying every principal"
                + " s3:* when aws:SecureTransport is false");
    }

    private static boolean deniesInsecureTransport(JsonNode s) {
        JsonNode principal = s.path("Principal");
        boolean everyone = "*".equals(principal.asText()) || "*".equals(principal.path("AWS").asText());
        boolean allActions = false;
        for (JsonNode action : S3Buckets.blocks(s, "Action")) {
            allActions |= "s3:*".equals(action.asText()) || "*".equals(action.asText());
        }
        return "Deny".equals(s.path("Effect").asText()) && everyone && allActions
                && "false".equals(s.path("Condition").path("Bool").path("aws:SecureTransport").asText());
    }
}
