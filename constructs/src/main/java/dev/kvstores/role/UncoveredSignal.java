package dev.kvstores.role;

import java.util.Objects;
import java.util.Set;

/**
 * A signal of the alert baseline ({@link AlertSignal}) that a platform publishes no metric for. Each platform's
 * mapping of the baseline ({@code CloudWatchMetric.coverage}, {@code MemorystoreMetric.coverage},
 * {@code AzureMonitorMetric.coverage}) returns one of these for such a signal, with the reason and what covers the
 * condition instead, so the gap is written down rather than silently missing.
 *
 * @param signal        the baseline signal, e.g. {@link AlertSignal#REJECTED_WRITES}
 * @param scope         the metric namespace or monitored resource type that lacks it, e.g. {@code AWS/MemoryDB}
 * @param reason        why there is no alert on it: what the service's metric list lacks
 * @param standInSignal the baseline signal whose alert covers the condition (e.g. {@link AlertSignal#MEMORY}: the
 *                      worker's memory page fires before writes fail), or {@code null} when only {@link #standIn}
 *                      text applies
 * @param standIn       what covers the condition instead, in words (an alert, an event notification), or why nothing
 *                      can
 * @param documentation the page listing the service's metrics, where the absence can be checked
 */
public record UncoveredSignal(AlertSignal signal, String scope, String reason, AlertSignal standInSignal,
                              String standIn, String documentation) {

    public UncoveredSignal {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(standIn, "standIn");
        Objects.requireNonNull(documentation, "documentation");
        if (signal == standInSignal) {
            throw new IllegalArgumentException(signal.label() + " cannot stand in for itself");
        }
    }

    /** Roles the baseline asks the signal of. */
    public Set<StoreRole> roles() {
        return signal.roles();
    }

    /** Whether the baseline asks this signal of {@code role}. */
    public boolean appliesTo(StoreRole role) {
        return signal.roles().contains(role);
    }
}
