package dev.kvstores.testing;

import dev.kvstores.role.AlertSeverity;
import dev.kvstores.role.AlertSignal;
import dev.kvstores.role.SignalCoverage;
import dev.kvstores.role.StoreRole;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks one platform's alerts for one store against the role's alert baseline ({@link AlertSignal}) and the
 * platform's mapping of it ({@link SignalCoverage}): every required signal has its main alert with the baseline's
 * severity, or is declared uncovered with a reason and a stand-in the store has; every alert belongs to exactly one
 * signal and is at most as urgent as the signal.
 */
public final class BaselineCoverage {

    /** An alert as a platform generated it: its ID in the platform's coverage and its severity label. */
    public record Alert(String id, String severity) {
    }

    private BaselineCoverage() {
    }

    /** Throws {@link AssertionError} naming the first problem. */
    public static void assertCovers(String platform, StoreRole role, AlertSignal.Features features,
                                    Function<AlertSignal, SignalCoverage> coverage, List<Alert> alerts) {
        String where = platform + " " + role.label() + " " + features;
        Map<String, AlertSignal> owner = new HashMap<>();
        for (AlertSignal signal : AlertSignal.values()) {
            SignalCoverage c = coverage.apply(signal);
            if (c == null || c.signal() != signal) {
                throw new AssertionError(where + ": no mapping for " + signal.label() + " (got " + c + ")");
            }
            for (String id : c.alerts()) {
                AlertSignal previous = owner.put(id, signal);
                if (previous != null) {
                    throw new AssertionError(where + ": alert " + id + " maps to " + previous.label() + " and "
                            + signal.label());
                }
            }
        }
        Map<String, String> severities = new HashMap<>();
        List<String> orphans = new ArrayList<>();
        for (Alert alert : alerts) {
            severities.put(alert.id(), alert.severity());
            AlertSignal signal = owner.get(alert.id());
            if (signal == null) {
                orphans.add(alert.id());
                continue;
            }
            AlertSeverity allowed = signal.severity(role);
            AlertSeverity actual = AlertSeverity.valueOf(alert.severity().toUpperCase(java.util.Locale.ROOT));
            if (!allowed.atLeast(actual)) {
                throw new AssertionError(where + ": alert " + alert.id() + " is " + actual.label() + ", more urgent"
                        + " than its signal " + signal.label() + " (" + allowed.label() + ")");
            }
        }
        if (!orphans.isEmpty()) {
            throw new AssertionError(where + ": alerts of no baseline signal: " + orphans);
        }
        for (AlertSignal signal : AlertSignal.required(role, features)) {
            SignalCoverage c = coverage.apply(signal);
            if (c.covered()) {
                String severity = severities.get(c.primary());
                if (severity == null) {
                    throw new AssertionError(where + ": " + signal.label() + " is mapped to " + c.alerts()
                            + " but the store has no " + c.primary());
                }
                if (!severity.equals(signal.severity(role).label())) {
                    throw new AssertionError(where + ": " + c.primary() + " is " + severity + ", the baseline"
                            + " makes " + signal.label() + " " + signal.severity(role).label());
                }
            } else {
                var gap = c.uncovered();
                if (gap.reason().isBlank() || gap.standIn().isBlank()) {
                    throw new AssertionError(where + ": " + signal.label() + " uncovered without reason or stand-in");
                }
                if (gap.standInSignal() != null) {
                    SignalCoverage standIn = coverage.apply(gap.standInSignal());
                    if (!standIn.covered() || !severities.containsKey(standIn.primary())) {
                        throw new AssertionError(where + ": " + signal.label() + " names " + gap.standInSignal()
                                .label() + " as stand-in, which the store does not alert on");
                    }
                }
            }
        }
    }

    /** Every combination of features, for platforms that take them all. */
    public static List<AlertSignal.Features> allFeatures() {
        List<AlertSignal.Features> out = new ArrayList<>();
        for (boolean maxmemory : List.of(true, false)) {
            for (boolean replicas : List.of(true, false)) {
                for (boolean persistence : List.of(true, false)) {
                    for (boolean backup : List.of(true, false)) {
                        out.add(new AlertSignal.Features(maxmemory, replicas, persistence, backup));
                    }
                }
            }
        }
        return out;
    }
}
