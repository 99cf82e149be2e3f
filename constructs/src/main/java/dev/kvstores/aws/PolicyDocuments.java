package dev.kvstores.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** IAM policy documents as Jackson trees: the skeleton, statements, arrays, and the S3 TLS-only statement. */
final class PolicyDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyDocuments() {
    }

    /** An empty IAM policy document (version 2012-10-17, no statements). */
    static ObjectNode policy() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("Version", "2012-10-17");
        doc.putArray("Statement");
        return doc;
    }

    /** A new statement {@code sid} of {@code doc}. */
    static ObjectNode statement(ObjectNode doc, String sid, String effect) {
        return ((ArrayNode) doc.get("Statement")).addObject().put("Sid", sid).put("Effect", effect);
    }

    /** {@code field} of {@code node} as a JSON array of {@code values}. */
    static void array(ObjectNode node, String field, List<String> values) {
        ArrayNode a = node.putArray(field);
        values.forEach(a::add);
    }

    /** A statement denying every S3 action on the bucket without TLS. */
    static void denyInsecureTransport(ObjectNode doc, String bucketArn) {
        ObjectNode deny = statement(doc, "DenyInsecureTransport", "Deny");
        deny.put("Principal", "*");
        deny.put("Action", "s3:*");
        array(deny, "Resource", List.of(bucketArn, bucketArn + "/*"));
        deny.putObject("Condition").putObject("Bool").put("aws:SecureTransport", "false");
    }
}
