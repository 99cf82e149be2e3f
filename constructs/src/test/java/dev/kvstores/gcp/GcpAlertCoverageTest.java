package dev.kvstores.gcp;

import dev.kvstores.role.AlertSignal;
import dev.kvstores.role.StoreRole;
import dev.kvstores.testing.BaselineCoverage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every signal of the role's alert baseline has its Cloud Monitoring policy on Memorystore, or is uncovered. */
class GcpAlertCoverageTest {

    @Test
    void memorystore_covers_the_baseline_of_both_roles_with_and_without_ha_and_rdb() {
        for (StoreRole role : StoreRole.values()) {
            for (boolean ha : List.of(true, false)) {
                for (RdbSnapshotPeriod rdb : java.util.Arrays.asList(null, RdbSnapshotPeriod.ONE_HOUR)) {
                    List<BaselineCoverage.Alert> alerts = MemorystoreAlerts.baseline(role, "i", ha, rdb,
                                    GcpMonitoring.defaults()).stream()
                            .map(p -> new BaselineCoverage.Alert(p.signal(), p.severity())).toList();
                    BaselineCoverage.assertCovers(MemorystoreMetric.RESOURCE_TYPE, role,
                            new AlertSignal.Features(true, ha, rdb != null), MemorystoreMetric::coverage, alerts);
                }
            }
        }
    }
}
