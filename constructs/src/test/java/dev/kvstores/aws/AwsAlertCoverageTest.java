package dev.kvstores.aws;

import dev.kvstores.role.AlertSignal;
import dev.kvstores.role.StoreRole;
import dev.kvstores.testing.BaselineCoverage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every signal of the role's alert baseline has its CloudWatch alarm on AWS, or is declared uncovered. */
class AwsAlertCoverageTest {

    @Test
    void elasticache_and_memorydb_cover_the_baseline_of_both_roles_with_and_without_replicas() {
        for (CloudWatchMetric.Namespace ns : CloudWatchMetric.Namespace.values()) {
            boolean memoryDb = ns == CloudWatchMetric.Namespace.MEMORYDB;
            for (StoreRole role : StoreRole.values()) {
                for (boolean replicas : List.of(true, false)) {
                    List<BaselineCoverage.Alert> alerts = AwsAlarms.baseline(role, memoryDb,
                                    List.of(new AwsAlarms.Node("n-001", Map.of("CacheClusterId", "n-001"))), replicas,
                                    AwsMonitoring.defaults()).stream()
                            .map(a -> new BaselineCoverage.Alert(a.signal(), a.severity())).toList();
                    BaselineCoverage.assertCovers(ns.namespaceName(), role,
                            new AlertSignal.Features(true, replicas, role == StoreRole.WORKER_STATE),
                            s -> CloudWatchMetric.coverage(s, ns), alerts);
                }
            }
        }
    }
}
