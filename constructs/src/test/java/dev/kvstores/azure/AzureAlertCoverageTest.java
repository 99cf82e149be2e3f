package dev.kvstores.azure;

import dev.kvstores.role.AlertSignal;
import dev.kvstores.role.StoreRole;
import dev.kvstores.testing.BaselineCoverage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every signal of the role's alert baseline has its Azure Monitor alert, or is declared uncovered. */
class AzureAlertCoverageTest {

    @Test
    void classic_and_managed_redis_cover_the_baseline_of_both_roles() {
        for (boolean managed : List.of(false, true)) {
            for (StoreRole role : StoreRole.values()) {
                // classic Standard / Premium always run a replica; Managed Redis with or without high availability
                for (boolean replicas : managed ? List.of(true, false) : List.of(true)) {
                    List<BaselineCoverage.Alert> alerts = new ArrayList<>();
                    AzureMonitorAlerts.health(role, managed, "s")
                            .forEach(h -> alerts.add(new BaselineCoverage.Alert(h.signal(), h.severity())));
                    AzureMonitorAlerts.baseline(role, managed, replicas, "s", AzureMonitoring.defaults())
                            .forEach(a -> alerts.add(new BaselineCoverage.Alert(a.signal(), a.severity())));
                    BaselineCoverage.assertCovers(managed ? "Managed Redis" : "classic", role,
                            new AlertSignal.Features(true, replicas, role == StoreRole.WORKER_STATE),
                            s -> AzureMonitorMetric.coverage(s, managed), alerts);
                }
            }
        }
    }
}
