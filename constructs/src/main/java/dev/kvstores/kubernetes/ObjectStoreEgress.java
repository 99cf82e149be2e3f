package dev.kvstores.kubernetes;

import java.util.List;
import java.util.Objects;

/**
 * Where a backup job may upload: the object store's address blocks, or, where none can be known (a cloud
 * endpoint served from many changing public ranges, no private endpoint), an exemption with its reason, which the
 * job's NetworkPolicy then cannot honour: its upload rule admits any address on the object store's port.
 *
 * @param cidrs           the object store's CIDR blocks (a private endpoint's address as {@code <ip>/32}, an S3
 *                        gateway endpoint's prefix list, or the provider's published ranges for the region).
 *                        Default: none
 * @param exemptionReason why no CIDR can be given; shown in the stack report. Default: none
 */
public record ObjectStoreEgress(List<String> cidrs, String exemptionReason) {

    public ObjectStoreEgress {
        cidrs = List.copyOf(Objects.requireNonNullElse(cidrs, List.of()));
    }

    /** Neither CIDRs nor an exemption: the upload rule admits any address on the port (development). */
    public static ObjectStoreEgress unrestricted() {
        return new ObjectStoreEgress(List.of(), null);
    }

    /** The upload goes only to {@code cidrs}. */
    public static ObjectStoreEgress to(List<String> cidrs) {
        return new ObjectStoreEgress(cidrs, null);
    }

    /** No CIDR can be known, for {@code reason}. */
    public static ObjectStoreEgress exempted(String reason) {
        return new ObjectStoreEgress(List.of(), reason);
    }

    /** One line for the report: where the job's uploads may go. */
    public String describe(int port) {
        if (!cidrs.isEmpty()) {
            return "uploads only to " + String.join(", ", cidrs) + " on port " + port;
        }
        return "uploads to any address on port " + port + (exemptionReason == null
                ? " (no object-store CIDRs given)" : " (exemption: " + exemptionReason + ")");
    }
}
