package dev.kvstores.policy.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kvstores.aws.CloudWatchMetric;
import dev.kvstores.azure.AzureMonitorMetric;
import dev.kvstores.gcp.MemorystoreMetric;
import dev.kvstores.kubernetes.StoreAlertRules;
import dev.kvstores.role.AlertSignal;
import dev.kvstores.role.SignalCoverage;
import dev.kvstores.role.StoreRole;
import dev.kvstores.testing.BaselineCoverage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The alert baseline rules ask exactly what the role's baseline asks and the platforms cover: a signal a platform
 * covers has evidence in the rule, a signal it declares uncovered has none, and the in-cluster rule requires the
 * main alert the PrometheusRule writes for each required signal.
 */
class AlertBaselineRulesTest {

    @Test
    void the_cloud_rule_requires_evidence_exactly_for_the_signals_each_service_covers() {
        for (AlertSignal signal : AlertSignal.values()) {
            for (CloudWatchMetric.Namespace ns : CloudWatchMetric.Namespace.values()) {
                assertEquals(CloudWatchMetric.coverage(signal, ns).covered(),
                        !CloudAlertEvidence.aws(signal).isEmpty(), ns + " " + signal);
            }
            assertEquals(MemorystoreMetric.coverage(signal).covered(),
                    !CloudAlertEvidence.gcp(signal).isEmpty(), "memorystore " + signal);
            for (boolean managed : List.of(false, true)) {
                assertEquals(AzureMonitorMetric.coverage(signal, managed).covered(),
                        !CloudAlertEvidence.azure(signal, managed).isEmpty(),
                        (managed ? "managed " : "classic ") + signal);
            }
        }
    }

    @Test
    void the_cloud_rule_names_as_many_alerts_per_signal_as_the_platform_writes() {
        for (AlertSignal signal : AlertSignal.values()) {
            SignalCoverage aws = CloudWatchMetric.coverage(signal, CloudWatchMetric.Namespace.ELASTICACHE);
            assertEquals(aws.alerts().size(), CloudAlertEvidence.aws(signal).size(), "aws " + signal);
            assertEquals(MemorystoreMetric.coverage(signal).alerts().size(),
                    CloudAlertEvidence.gcp(signal).size(), "gcp " + signal);
            for (boolean managed : List.of(false, true)) {
                assertEquals(AzureMonitorMetric.coverage(signal, managed).alerts().size(),
                        CloudAlertEvidence.azure(signal, managed).size(), "azure " + signal);
            }
        }
    }

    @Test
    void the_in_cluster_rule_requires_the_main_alert_of_every_baseline_signal_of_the_store() {
        for (StoreRole role : StoreRole.values()) {
            for (AlertSignal signal : AlertSignal.values()) {
                assertEquals(StoreAlertRules.coverage(signal, role).primary(),
                        InClusterAlertBaseline.mainAlert(signal, role), role + " " + signal);
            }
            for (AlertSignal.Features f : BaselineCoverage.allFeatures()) {
                assertEquals(new ArrayList<>(AlertSignal.required(role, f)),
                        new ArrayList<>(InClusterAlertBaseline.requiredAlerts(role, f).values()), role + " " + f);
            }
        }
    }
}
