package dev.kvstores.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The confused-deputy conditions on the backup's grants to AWS services (IAM User Guide, "The confused deputy
 * problem": {@code aws:SourceAccount} and {@code aws:SourceArn} are set in a request a service makes on a resource's
 * behalf, when that service supports them).
 *
 * <ul>
 *   <li>Role trust policies (Step Functions, EventBridge Scheduler, which document both keys for their execution
 *       roles): {@code StringEquals aws:SourceAccount} and {@code ArnLike aws:SourceArn} (the state machine; the
 *       schedule's group). A request without them does not match: the role cannot be assumed for anyone else.</li>
 *   <li>The export bucket's policy grant to {@code <region>.elasticache-snapshot} / {@code
 *       <region>.memorydb-snapshot}: the export pages do not say whether the export sends the keys, so the grant
 *       uses {@code StringEqualsIfExists} / {@code ArnLikeIfExists}: enforced whenever the service sends them, and an
 *       export that carries none still works.</li>
 *   <li>The ElastiCache canonical-user ACL grant (Regions enabled by default): an ACL cannot carry a condition. The
 *       bucket policy adds an explicit Deny for that canonical user when {@code aws:SourceAccount} is present and
 *       not this account (an explicit Deny in a bucket policy overrides an ACL grant). Beyond that, ElastiCache
 *       itself refuses to export into a bucket the caller of {@code CopySnapshot} does not own ("The S3 bucket %s
 *       is not owned by the authenticated user", CopySnapshot API reference), which is what stops another account
 *       from using the grant; and the bucket holds only one day of staged exports.</li>
 * </ul>
 */
final class ServiceGrantConditions {

    private ServiceGrantConditions() {
    }

    /** Role trust: the calling service acts for this account and for this resource only. */
    static void trust(ObjectNode statement, String accountId, String sourceArnPattern) {
        ObjectNode condition = statement.putObject("Condition");
        condition.putObject("StringEquals").put("aws:SourceAccount", accountId);
        condition.putObject("ArnLike").put("aws:SourceArn", sourceArnPattern);
    }

    /** A bucket-policy grant to a service principal: enforced when the service sends the keys. */
    static void ifSent(ObjectNode statement, String accountId, String sourceArnPattern) {
        ObjectNode condition = statement.putObject("Condition");
        condition.putObject("StringEqualsIfExists").put("aws:SourceAccount", accountId);
        condition.putObject("ArnLikeIfExists").put("aws:SourceArn", sourceArnPattern);
    }

    /** Deny {@code canonicalUser} everything when it acts for another account (the ACL grant's missing condition). */
    static void denyCanonicalUserForOtherAccounts(ObjectNode statement, String canonicalUser, String accountId,
                                                  String bucketArn) {
        statement.putObject("Principal").put("CanonicalUser", canonicalUser);
        statement.put("Action", "s3:*");
        ArrayNode resources = statement.putArray("Resource");
        resources.add(bucketArn);
        resources.add(bucketArn + "/*");
        ObjectNode condition = statement.putObject("Condition");
        condition.putObject("StringNotEquals").put("aws:SourceAccount", accountId);
        condition.putObject("Null").put("aws:SourceAccount", "false");
    }
}
