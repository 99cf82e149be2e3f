package dev.kvstores.aws;

import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderConfig;
import dev.kvstores.testing.SynthJson;

/** A test stack with the AWS provider, and a valid network. */
final class AwsTesting {

    private AwsTesting() {
    }

    static TerraformStack stack() {
        TerraformStack stack = SynthJson.stack();
        new AwsProvider(stack, "Aws", AwsProviderConfig.builder().region("eu-west-1").build());
        return stack;
    }

    static AwsNetwork network() {
        return AwsNetwork.builder().vpcId("vpc-0abc").addPrivateSubnetId("subnet-b").addPrivateSubnetId("subnet-a")
                .addAllowedSecurityGroupId("sg-eks-nodes").build();
    }
}
