package dev.kvstores.policy.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderConfig;
import com.hashicorp.cdktf.providers.google.provider.GoogleProvider;
import com.hashicorp.cdktf.providers.google.provider.GoogleProviderConfig;
import dev.kvstores.aws.AwsMonitoring;
import dev.kvstores.aws.AwsNetwork;
import dev.kvstores.aws.ElastiCacheCacheStore;
import dev.kvstores.aws.ElastiCacheCacheStoreProps;
import dev.kvstores.aws.MemoryDbWorkerStateStore;
import dev.kvstores.aws.MemoryDbWorkerStateStoreProps;
import dev.kvstores.gcp.GcpMonitoring;
import dev.kvstores.gcp.MemorystoreAlerts;
import dev.kvstores.gcp.MemorystoreCacheStore;
import dev.kvstores.gcp.MemorystoreCacheStoreProps;
import dev.kvstores.policy.Compliance;
import dev.kvstores.policy.Finding;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.role.StoreRole;
import dev.kvstores.testing.SynthJson;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** KVS-ALERT-BASELINE: a production managed store without the alert baseline (or without a receiver) fails. */
class CloudAlertBaselineTest {

    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:oncall";
    private static final String CHANNEL = "projects/acme-prod/notificationChannels/42";

    private static List<Finding> evaluate(TerraformStack stack, boolean production) {
        JsonNode json = SynthJson.synth(stack);
        return new PolicyPack(List.of(new CloudAlertBaseline())).evaluate(json,
                new PolicyContext("t", production), List.of()).findings();
    }

    private static TerraformStack aws(AwsMonitoring monitoring) {
        TerraformStack stack = SynthJson.stack();
        new AwsProvider(stack, "Aws", AwsProviderConfig.builder().region("eu-west-1").build());
        AwsNetwork network = AwsNetwork.builder().vpcId("vpc-0abc").addPrivateSubnetId("subnet-b")
                .addPrivateSubnetId("subnet-a").addAllowedSecurityGroupId("sg-eks-nodes").build();
        new ElastiCacheCacheStore(stack, "Cache", ElastiCacheCacheStoreProps.builder().network(network)
                .monitoring(monitoring).build());
        new MemoryDbWorkerStateStore(stack, "WorkerState", MemoryDbWorkerStateStoreProps.builder().network(network)
                .monitoring(monitoring).build());
        return stack;
    }

    private static TerraformStack gcp(GcpMonitoring monitoring) {
        TerraformStack stack = SynthJson.stack();
        new GoogleProvider(stack, "Google", GoogleProviderConfig.builder().project("acme-prod")
                .region("us-central1").build());
        new MemorystoreCacheStore(stack, "Cache", MemorystoreCacheStoreProps.builder().name("suprsend-cache")
                .region("us-central1").authorizedNetwork("projects/acme-prod/global/networks/platform")
                .locationId("us-central1-a").alternativeLocationId("us-central1-b").build());
        if (monitoring != null) {
            new MemorystoreAlerts(stack, "CacheAlerts", StoreRole.CACHE, "suprsend-cache", true, monitoring);
        }
        return stack;
    }

    private static void assertAll(List<Finding> findings, Compliance expected, int count) {
        assertEquals(count, findings.size(), findings.toString());
        findings.forEach(f -> assertEquals(expected, f.evaluation().compliance(), f.toString()));
    }

    @Nested
    class Aws {
        @Test
        void compliance_alarms_on_every_node_notify_a_topic() {
            assertAll(evaluate(aws(AwsMonitoring.defaults().withAlarms(true, TOPIC)), true), Compliance.COMPLIANT, 2);
        }

        @Test
        void noncompliance_1_alarms_off() {
            List<Finding> findings = evaluate(aws(AwsMonitoring.defaults().withAlarms(false, TOPIC)), true);
            assertAll(findings, Compliance.NON_COMPLIANT, 2);
            assertTrue(findings.get(0).evaluation().detail().contains("has no CloudWatch alarm on"
                    + " CurrConnections, DatabaseMemoryUsagePercentage, EngineCPUUtilization, Evictions,"
                    + " NewConnections, ReplicationLag"), findings.get(0).evaluation().detail());
        }

        @Test
        void noncompliance_2_alarms_notify_nobody() {
            List<Finding> findings = evaluate(aws(AwsMonitoring.defaults()), true);
            assertAll(findings, Compliance.NON_COMPLIANT, 2);
            assertTrue(findings.get(0).evaluation().detail().contains("notify nobody"));
        }

        @Test
        void not_applicable_outside_production() {
            assertAll(evaluate(aws(AwsMonitoring.defaults().withAlarms(false, null)), false),
                    Compliance.NOT_APPLICABLE, 2);
        }
    }

    @Nested
    class Gcp {
        @Test
        void compliance_policies_on_every_signal_notify_a_channel() {
            assertAll(evaluate(gcp(new GcpMonitoring(List.of(CHANNEL), null, 5, 65000)), true),
                    Compliance.COMPLIANT, 1);
        }

        @Test
        void noncompliance_1_no_alert_policies() {
            List<Finding> findings = evaluate(gcp(null), true);
            assertAll(findings, Compliance.NON_COMPLIANT, 1);
            assertTrue(findings.get(0).evaluation().detail().contains("redis.googleapis.com/stats/memory/usage_ratio"));
        }

        @Test
        void noncompliance_2_policies_without_a_channel() {
            List<Finding> findings = evaluate(gcp(GcpMonitoring.defaults()), true);
            assertAll(findings, Compliance.NON_COMPLIANT, 1);
            assertTrue(findings.get(0).evaluation().detail().contains("monitoring.notificationChannelId"));
        }
    }
}
