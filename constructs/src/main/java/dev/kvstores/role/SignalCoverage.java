package dev.kvstores.role;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * How one platform covers one baseline {@link AlertSignal}: by its alerts, or not at all ({@link #uncovered()},
 * with the reason and the stand-in). Each platform returns one for every signal from an exhaustive {@code switch},
 * so a platform cannot leave a signal unmapped.
 *
 * @param signal    the baseline signal
 * @param alerts    the platform's alerts for it (their IDs, e.g. {@code replication-lag} or {@code ReplicaLinkDown}),
 *                  the first carrying the signal's {@link AlertSignal#severity severity}, the others at most as
 *                  urgent; empty when uncovered
 * @param uncovered why the platform has no alert for it and what covers it instead; {@code null} when covered
 */
public record SignalCoverage(AlertSignal signal, List<String> alerts, UncoveredSignal uncovered) {

    public SignalCoverage {
        Objects.requireNonNull(signal, "signal");
        alerts = List.copyOf(alerts);
        if (alerts.isEmpty() == (uncovered == null)) {
            throw new IllegalArgumentException(signal.label() + ": either alerts or an uncovered reason, not both");
        }
        if (uncovered != null && uncovered.signal() != signal) {
            throw new IllegalArgumentException("coverage of " + signal.label() + " explains "
                    + uncovered.signal().label());
        }
    }

    /** Covered by {@code alerts}, the first the signal's main alert. */
    public static SignalCoverage covered(AlertSignal signal, String... alerts) {
        return new SignalCoverage(signal, List.of(alerts), null);
    }

    /** Not covered: {@code gap} says why and what stands in. */
    public static SignalCoverage uncovered(UncoveredSignal gap) {
        return new SignalCoverage(gap.signal(), List.of(), gap);
    }

    /**
     * Checks at synth time that a platform wrote the main alert of every signal the baseline asks of a store of
     * {@code role} with {@code features} and {@code coverage} maps to an alert.
     *
     * @param platform for the message, e.g. {@code AWS/ElastiCache}
     * @param alerts   the IDs of the alerts the platform wrote for the store
     * @throws IllegalStateException naming the signals whose main alert is missing
     */
    public static void requireMainAlerts(String platform, StoreRole role, AlertSignal.Features features,
                                         Function<AlertSignal, SignalCoverage> coverage, Collection<String> alerts) {
        List<String> missing = new ArrayList<>();
        for (AlertSignal signal : AlertSignal.required(role, features)) {
            SignalCoverage c = Objects.requireNonNull(coverage.apply(signal), signal.label());
            if (c.covered() && !alerts.contains(c.primary())) {
                missing.add(signal.label() + " (" + c.primary() + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(platform + " maps but does not write the alert baseline's "
                    + String.join(", ", missing) + " for the " + role.label() + " store");
        }
    }

    /** Whether the platform has an alert for the signal. */
    public boolean covered() {
        return uncovered == null;
    }

    /** The main alert; only when {@link #covered()}. */
    public String primary() {
        if (!covered()) {
            throw new IllegalStateException(signal.label() + " is not covered");
        }
        return alerts.get(0);
    }
}
