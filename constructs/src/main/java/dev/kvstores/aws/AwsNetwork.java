package dev.kvstores.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Where an AWS store lives and who may reach it.
 *
 * @param vpcId                   VPC of the store's security group; required
 * @param privateSubnetIds        private subnets for the subnet group, one per Availability Zone; required,
 *                                at least 2 for Multi-AZ (sorted and de-duplicated)
 * @param allowedSecurityGroupIds security groups admitted on the store's port (e.g. the EKS node or pod
 *                                security group). Default: none
 * @param allowedCidrs            IPv4/IPv6 CIDRs admitted on the store's port; {@code 0.0.0.0/0} and
 *                                {@code ::/0} are refused. Default: none. At least one security group or CIDR
 *                                is required
 */
public record AwsNetwork(String vpcId, List<String> privateSubnetIds, List<String> allowedSecurityGroupIds,
                         List<String> allowedCidrs) {

    public AwsNetwork {
        Objects.requireNonNull(vpcId, "vpcId");
        privateSubnetIds = List.copyOf(new TreeSet<>(Objects.requireNonNull(privateSubnetIds, "privateSubnetIds")));
        allowedSecurityGroupIds = List.copyOf(new TreeSet<>(Objects.requireNonNullElse(allowedSecurityGroupIds,
                List.of())));
        allowedCidrs = List.copyOf(new TreeSet<>(Objects.requireNonNullElse(allowedCidrs, List.of())));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().vpcId(vpcId);
        b.privateSubnetIds.addAll(privateSubnetIds);
        b.allowedSecurityGroupIds.addAll(allowedSecurityGroupIds);
        b.allowedCidrs.addAll(allowedCidrs);
        return b;
    }

    /** Builder of {@link AwsNetwork}. */
    public static final class Builder {
        private String vpcId;
        private final List<String> privateSubnetIds = new ArrayList<>();
        private final List<String> allowedSecurityGroupIds = new ArrayList<>();
        private final List<String> allowedCidrs = new ArrayList<>();

        private Builder() {
        }

        public Builder vpcId(String value) { this.vpcId = value; return this; }
        public Builder privateSubnetIds(List<String> value) { privateSubnetIds.clear(); privateSubnetIds.addAll(value); return this; }
        public Builder addPrivateSubnetId(String value) { privateSubnetIds.add(value); return this; }
        public Builder allowedSecurityGroupIds(List<String> value) { allowedSecurityGroupIds.clear(); allowedSecurityGroupIds.addAll(value); return this; }
        public Builder addAllowedSecurityGroupId(String value) { allowedSecurityGroupIds.add(value); return this; }
        public Builder allowedCidrs(List<String> value) { allowedCidrs.clear(); allowedCidrs.addAll(value); return this; }
        public Builder addAllowedCidr(String value) { allowedCidrs.add(value); return this; }

        public AwsNetwork build() {
            return new AwsNetwork(vpcId, privateSubnetIds, allowedSecurityGroupIds, allowedCidrs);
        }
    }
}
