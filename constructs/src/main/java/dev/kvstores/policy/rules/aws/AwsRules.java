package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.PolicyRule;
import java.util.List;

/** Every AWS rule: the AWS rows of the scanner table (re-implemented) and the project's AWS rules. */
public final class AwsRules {

    private AwsRules() {
    }

    /** The rules in table order: Checkov, Trivy, cdk-nag, Security Hub, then the project rules. */
    public static List<PolicyRule> all() {
        return List.of(
                new ElastiCacheEncryptionAtRest(),
                new ElastiCacheEncryptionInTransit(),
                new ElastiCacheTransitEncryptionWithAuth(),
                new ElastiCacheCustomerManagedKey(),
                new ElastiCacheAutomaticFailover(),
                new ElastiCacheClusterBackup(),
                new ElastiCacheClusterAutoMinorVersionUpgrade(),
                new ElastiCacheClusterSubnetGroup(),
                new NoElastiCacheSecurityGroup(),
                new SecurityGroupAttached(),
                new TrivyElastiCacheEncryptionAtRest(),
                new TrivyElastiCacheEncryptionInTransit(),
                new TrivyElastiCacheBackupRetention(),
                new TrivyElastiCacheSecurityGroupDescription(),
                new AwsSolutionsAec1(),
                new AwsSolutionsAec3(),
                new AwsSolutionsAec4(),
                new AwsSolutionsAec5(),
                new AwsSolutionsAec6(),
                new HipaaElastiCacheAutomaticBackup(),
                new SecurityHubElastiCache1(),
                new SecurityHubElastiCache2(),
                new SecurityHubElastiCache3(),
                new SecurityHubElastiCache4(),
                new SecurityHubElastiCache5(),
                new SecurityHubElastiCache6(),
                new SecurityHubElastiCache7(),
                new AwsHighAvailability(),
                new AwsRolePersistence(),
                new AwsCacheNotClusterMode(),
                new AwsIngressNotOpen(),
                new AwsTagsValid(),
                new MemoryDbTls(),
                new MemoryDbCustomerManagedKey(),
                new MemoryDbAutomaticBackup(),
                new S3BucketCustomerManagedKey(),
                new S3BucketVersioning(),
                new S3BucketPublicAccessBlock(),
                new S3BucketTlsOnly());
    }
}
