package dev.kvstores.gcp;

import java.util.Objects;

/**
 * Where a Memorystore instance runs and who reaches it, shared by both Memorystore stores' props (their builders
 * delegate to {@link Builder}).
 *
 * @param project               project of the instance. Default: the provider's project
 * @param region                region of the instance, e.g. {@code us-central1}; required
 * @param locationId            zone of the primary, in {@code region}. Default: chosen by Google
 * @param alternativeLocationId zone of the replica (STANDARD_HA only), different from {@code locationId}.
 *                              Default: chosen by Google, always another zone
 * @param authorizedNetwork     the environment's VPC, {@code projects/<p>/global/networks/<n>}; required. The
 *                              instance is reached through private services access on this network only (the VPC
 *                              needs a {@code servicenetworking} connection)
 * @param reservedIpRange       name of the private-services-access range to allocate from. Default: any range of
 *                              the connection
 */
public record MemorystorePlacement(
        String project,
        String region,
        String locationId,
        String alternativeLocationId,
        String authorizedNetwork,
        String reservedIpRange) {

    public MemorystorePlacement {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(authorizedNetwork, "authorizedNetwork");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().project(project).region(region).locationId(locationId)
                .alternativeLocationId(alternativeLocationId).authorizedNetwork(authorizedNetwork)
                .reservedIpRange(reservedIpRange);
    }

    /** Read access to the placement of a props record that composes it (e.g. {@code props.region()}). */
    public interface Part {
        /** The composed placement. */
        MemorystorePlacement placement();

        default String project() { return placement().project(); }
        default String region() { return placement().region(); }
        default String locationId() { return placement().locationId(); }
        default String alternativeLocationId() { return placement().alternativeLocationId(); }
        default String authorizedNetwork() { return placement().authorizedNetwork(); }
        default String reservedIpRange() { return placement().reservedIpRange(); }
    }

    /** Builder of {@link MemorystorePlacement}; unset fields take the documented defaults. */
    public static final class Builder {
        private String project;
        private String region;
        private String locationId;
        private String alternativeLocationId;
        private String authorizedNetwork;
        private String reservedIpRange;

        private Builder() {
        }

        public Builder project(String value) { this.project = value; return this; }
        public Builder region(String value) { this.region = value; return this; }
        public Builder locationId(String value) { this.locationId = value; return this; }
        public Builder alternativeLocationId(String value) { this.alternativeLocationId = value; return this; }
        public Builder authorizedNetwork(String value) { this.authorizedNetwork = value; return this; }
        public Builder reservedIpRange(String value) { this.reservedIpRange = value; return this; }

        public MemorystorePlacement build() {
            return new MemorystorePlacement(project, region, locationId, alternativeLocationId, authorizedNetwork,
                    reservedIpRange);
        }
    }
}
