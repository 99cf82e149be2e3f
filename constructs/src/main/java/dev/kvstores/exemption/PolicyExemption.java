package dev.kvstores.exemption;

import dev.kvstores.role.RoleContract;
import java.util.Objects;

/**
 * A written decision not to apply a policy rule to some resources. Listed in every report.
 *
 * <p>A small value type below the backends and the policy rules: backends return the exemptions their
 * design needs (e.g. no snapshots on a cache), {@code PolicyPack} applies them, and neither imports the other.
 *
 * @param ruleId          the rule's ID
 * @param addressContains exemption applies to resources whose address contains this text ({@code ""}: all)
 * @param reason          why; at least 10 characters
 */
public record PolicyExemption(String ruleId, String addressContains, String reason) {

    public PolicyExemption {
        Objects.requireNonNull(ruleId, "ruleId");
        addressContains = Objects.requireNonNullElse(addressContains, "");
        if (reason == null || reason.strip().length() < RoleContract.MINIMUM_REASON_LENGTH) {
            throw new IllegalArgumentException("exemption of " + ruleId + " needs a reason of at least "
                    + RoleContract.MINIMUM_REASON_LENGTH + " characters, got '" + reason + "'");
        }
    }

    /** Whether this exemption covers the finding of rule {@code id} on the resource at {@code address}. */
    public boolean covers(String id, String address) {
        return ruleId.equals(id) && address.contains(addressContains);
    }
}
