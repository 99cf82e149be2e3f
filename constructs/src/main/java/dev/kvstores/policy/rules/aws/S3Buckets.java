package dev.kvstores.policy.rules.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.policy.SynthesizedResource;
import java.util.List;

/** The companion resources of an {@code aws_s3_bucket} (encryption, versioning, public access block, policy). */
final class S3Buckets {

    static final String BUCKET = "aws_s3_bucket";

    private S3Buckets() {
    }

    /** Resources of {@code type} whose {@code bucket} refers to {@code bucket} ({@code ${aws_s3_bucket.x.id}}). */
    static List<SynthesizedResource> companions(SynthesizedResource bucket, String type,
                                                List<SynthesizedResource> stack) {
        String reference = "${" + bucket.address() + ".";
        return stack.stream().filter(r -> r.type().equals(type))
                .filter(r -> r.body().path("bucket").asText("").startsWith(reference)).toList();
    }

    /** The items of a block cdktf writes as a list or as a single object. */
    static List<JsonNode> blocks(JsonNode parent, String name) {
        JsonNode node = parent.path(name);
        if (node.isArray()) {
            List<JsonNode> out = new java.util.ArrayList<>();
            node.forEach(out::add);
            return out;
        }
        return node.isMissingNode() || node.isNull() ? List.of() : List.of(node);
    }
}
