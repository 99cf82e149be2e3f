package dev.kvstores.kubernetes;

import dev.kvstores.role.AlertSignal;
import dev.kvstores.role.StoreRole;
import dev.kvstores.testing.BaselineCoverage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every signal of the role's alert baseline has its Prometheus rule for in-cluster stores. */
class InClusterAlertCoverageTest {

    @Test
    void the_prometheus_rules_cover_the_baseline_of_every_store_shape() {
        for (StoreRole role : StoreRole.values()) {
            for (AlertSignal.Features f : BaselineCoverage.allFeatures()) {
                if ((f.persistence() || f.backup()) && role == StoreRole.CACHE) {
                    continue; // the cache runs without persistence and is not backed up
                }
                StoreMonitoringProps props = StoreMonitoringProps.builder().role(role).namespace("ns").storeName("s")
                        .expectedReplicas(f.replicas() ? 2 : 0).maxmemoryEnabled(f.maxmemory())
                        .aofEnabled(f.persistence()).rdbEnabled(f.persistence())
                        .memoryLimitMebibytes(f.maxmemory() ? 1024 : 0)
                        .backup(f.backup() ? new StoreMonitoringProps.BackupWatch("s-backup", Duration.ofHours(28)) : null)
                        .build();
                List<BaselineCoverage.Alert> alerts = StoreAlertRules.baseline(props).stream()
                        .map(r -> new BaselineCoverage.Alert(r.name(), r.severity())).toList();
                BaselineCoverage.assertCovers("in-cluster", role, StoreAlertRules.features(props),
                        s -> StoreAlertRules.coverage(s, role), alerts);
            }
        }
    }

    @Test
    void every_rule_carries_the_signal_whose_coverage_names_it() {
        StoreMonitoringProps props = StoreMonitoringProps.builder().role(StoreRole.WORKER_STATE).namespace("ns")
                .storeName("s").expectedReplicas(2).aofEnabled(true).rdbEnabled(true).memoryLimitMebibytes(1024)
                .backup(new StoreMonitoringProps.BackupWatch("s-backup", Duration.ofHours(28))).build();
        for (StoreAlertRules.Rule rule : StoreAlertRules.baseline(props)) {
            org.junit.jupiter.api.Assertions.assertTrue(StoreAlertRules.coverage(rule.signal(), StoreRole.WORKER_STATE)
                    .alerts().contains(rule.name()), rule.name() + " under " + rule.signal());
        }
    }
}
