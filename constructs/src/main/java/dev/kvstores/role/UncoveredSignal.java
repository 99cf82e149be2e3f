package dev.kvstores.role;

import java.util.Objects;
import java.util.Set;

/**
 * A signal of the alert baseline (README "Monitoring") that a managed service publishes no metric for. Each cloud's
 * metric table ({@code CloudWatchMetric}, {@code MemorystoreMetric}, {@code AzureMonitorMetric}) lists these next to
 * its metrics, with the reason and what covers the condition instead, so the gap is written down rather than
 * silently missing.
 *
 * @param signal        baseline signal, e.g. {@code rejected-writes}, {@code persistence}
 * @param roles         roles the baseline asks the signal for
 * @param scope         the metric namespace or monitored resource type that lacks it, e.g. {@code AWS/MemoryDB}
 * @param reason        why there is no alert on it: what the service's metric list lacks
 * @param standInSignal the baseline signal whose alert covers the condition (e.g. {@code memory}: the worker's
 *                      memory page fires before writes fail), or {@code null} when only {@link #standIn} text applies
 * @param standIn       what covers the condition instead, in words (an alert, an event notification), or why nothing
 *                      can
 * @param documentation the page listing the service's metrics, where the absence can be checked
 */
public record UncoveredSignal(String signal, Set<StoreRole> roles, String scope, String reason, String standInSignal,
                              String standIn, String documentation) {

    public UncoveredSignal {
        Objects.requireNonNull(signal, "signal");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(standIn, "standIn");
        Objects.requireNonNull(documentation, "documentation");
    }

    /** Only the Worker State Store. */
    public static Set<StoreRole> worker() {
        return Set.of(StoreRole.WORKER_STATE);
    }

    /** Both roles. */
    public static Set<StoreRole> both() {
        return Set.of(StoreRole.CACHE, StoreRole.WORKER_STATE);
    }

    /** Whether the baseline asks this signal of {@code role}. */
    public boolean appliesTo(StoreRole role) {
        return roles.contains(role);
    }
}
