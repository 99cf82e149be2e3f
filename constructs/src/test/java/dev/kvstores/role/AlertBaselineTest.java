package dev.kvstores.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstores.testing.BaselineCoverage;
import dev.kvstores.testing.BaselineCoverage.Alert;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The role's alert baseline, and the check every platform's coverage test runs. */
class AlertBaselineTest {

    private static final AlertSignal.Features ALL = new AlertSignal.Features(true, true, true, true);
    private static final AlertSignal.Features NONE = new AlertSignal.Features(false, false, false);

    @Test
    void the_worker_store_pages_on_what_loses_state_and_the_cache_only_warns() {
        for (AlertSignal s : List.of(AlertSignal.DOWN, AlertSignal.MEMORY, AlertSignal.EVICTIONS,
                AlertSignal.REJECTED_WRITES, AlertSignal.REPLICATION, AlertSignal.FAILOVER, AlertSignal.PERSISTENCE,
                AlertSignal.BACKUP)) {
            assertEquals(AlertSeverity.PAGE, s.severity(StoreRole.WORKER_STATE), s.label());
        }
        assertEquals(AlertSeverity.PAGE, AlertSignal.DOWN.severity(StoreRole.CACHE));
        assertEquals(AlertSeverity.INFO, AlertSignal.EVICTIONS.severity(StoreRole.CACHE));
        assertEquals(AlertSeverity.WARN, AlertSignal.MEMORY.severity(StoreRole.CACHE));
    }

    @Test
    void a_store_with_every_feature_needs_every_signal_its_role_is_asked() {
        assertEquals(EnumSet.allOf(AlertSignal.class), AlertSignal.required(StoreRole.WORKER_STATE, ALL));
        assertEquals(EnumSet.complementOf(EnumSet.of(AlertSignal.REJECTED_WRITES, AlertSignal.PERSISTENCE,
                        AlertSignal.BACKUP)),
                AlertSignal.required(StoreRole.CACHE, ALL));
        assertEquals(EnumSet.of(AlertSignal.DOWN, AlertSignal.CONNECTIONS, AlertSignal.REJECTED_CONNECTIONS,
                AlertSignal.CPU), AlertSignal.required(StoreRole.WORKER_STATE, NONE));
    }

    @Test
    void default_thresholds_are_the_documented_ones() {
        AlertThresholds t = AlertThresholds.defaults();
        assertEquals(List.of(90, 80, 80, 80), List.of(t.cacheMemoryWarnPercent(), t.workerMemoryPagePercent(),
                t.cpuWarnPercent(), t.connectionsWarnPercent()));
    }

    /** A platform covering everything with one alert per signal, named after it. */
    private static SignalCoverage complete(AlertSignal s) {
        return SignalCoverage.covered(s, s.label());
    }

    private static List<Alert> alertsOf(StoreRole role) {
        return AlertSignal.required(role, ALL).stream().map(s -> new Alert(s.label(), s.severity(role).label()))
                .toList();
    }

    @Test
    void the_coverage_check_accepts_a_complete_platform() {
        BaselineCoverage.assertCovers("complete", StoreRole.WORKER_STATE, ALL, AlertBaselineTest::complete,
                alertsOf(StoreRole.WORKER_STATE));
    }

    @Test
    void the_coverage_check_fails_on_a_missing_mapping_a_missing_alert_a_wrong_severity_or_an_orphan() {
        StoreRole role = StoreRole.WORKER_STATE;
        Function<AlertSignal, SignalCoverage> noCpu = s -> s == AlertSignal.CPU ? null : complete(s);
        assertTrue(assertThrows(AssertionError.class, () -> BaselineCoverage.assertCovers("p", role, ALL, noCpu,
                alertsOf(role))).getMessage().contains("no mapping for cpu"));
        List<Alert> withoutMemory = alertsOf(role).stream().filter(a -> !a.id().equals("memory")).toList();
        assertTrue(assertThrows(AssertionError.class, () -> BaselineCoverage.assertCovers("p", role, ALL,
                AlertBaselineTest::complete, withoutMemory)).getMessage().contains("has no memory"));
        List<Alert> memoryWarns = alertsOf(role).stream()
                .map(a -> a.id().equals("memory") ? new Alert("memory", "warn") : a).toList();
        assertTrue(assertThrows(AssertionError.class, () -> BaselineCoverage.assertCovers("p", role, ALL,
                AlertBaselineTest::complete, memoryWarns)).getMessage().contains("the baseline makes memory page"));
        List<Alert> orphan = new java.util.ArrayList<>(alertsOf(role));
        orphan.add(new Alert("disk", "warn"));
        assertTrue(assertThrows(AssertionError.class, () -> BaselineCoverage.assertCovers("p", role, ALL,
                AlertBaselineTest::complete, orphan)).getMessage().contains("no baseline signal: [disk]"));
    }

    @Test
    void a_builder_that_drops_a_mapped_main_alert_fails_at_synth_time() {
        List<String> written = alertsOf(StoreRole.CACHE).stream().map(Alert::id)
                .filter(id -> !id.equals("failover")).toList();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SignalCoverage.requireMainAlerts(
                "p", StoreRole.CACHE, ALL, AlertBaselineTest::complete, written));
        assertEquals("p maps but does not write the alert baseline's failover (failover) for the cache store",
                e.getMessage());
        SignalCoverage.requireMainAlerts("p", StoreRole.CACHE, new AlertSignal.Features(true, false, false),
                AlertBaselineTest::complete, written);
    }

    @Test
    void an_uncovered_signal_needs_a_stand_in_the_store_alerts_on() {
        StoreRole role = StoreRole.WORKER_STATE;
        Function<AlertSignal, SignalCoverage> gaps = s -> s == AlertSignal.REJECTED_WRITES
                ? SignalCoverage.uncovered(new UncoveredSignal(s, "ns", "no metric", AlertSignal.MEMORY, "memory page",
                "https://example.org")) : complete(s);
        List<Alert> alerts = alertsOf(role).stream().filter(a -> !a.id().equals("rejected-writes")).toList();
        BaselineCoverage.assertCovers("p", role, ALL, gaps, alerts);
        List<Alert> noMemory = alerts.stream().filter(a -> !a.id().equals("memory")).toList();
        assertThrows(AssertionError.class, () -> BaselineCoverage.assertCovers("p", role, ALL, gaps, noMemory));
        assertThrows(IllegalArgumentException.class, () -> new SignalCoverage(AlertSignal.CPU, List.of("cpu"),
                new UncoveredSignal(AlertSignal.CPU, "ns", "r", null, "s", "d")));
    }
}
