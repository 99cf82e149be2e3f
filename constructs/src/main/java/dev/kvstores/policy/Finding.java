package dev.kvstores.policy;

/**
 * The result of one rule on one resource.
 *
 * @param ruleId          the rule
 * @param address         the resource address
 * @param evaluation      the verdict
 * @param exemptionReason the exemption's reason when one covers a non-compliant result, else {@code null}
 */
public record Finding(String ruleId, String address, Evaluation evaluation, String exemptionReason) {

    /** Non-compliant and not exempted: fails synthesis. */
    public boolean isViolation() {
        return evaluation.compliance() == Compliance.NON_COMPLIANT && exemptionReason == null;
    }
}
