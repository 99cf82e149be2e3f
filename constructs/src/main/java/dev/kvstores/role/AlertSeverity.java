package dev.kvstores.role;

import java.util.Locale;

/**
 * How urgent an alert of the baseline is; every platform carries it on the alert (a {@code severity} label, a
 * severity level, or the description's first word) so that one routing sends pages to the on-call.
 */
public enum AlertSeverity {
    /** Someone acts now: the platform stops or loses state. */
    PAGE,
    /** Someone looks today: capacity, latency or redundancy is at risk. */
    WARN,
    /** For the dashboard and capacity planning. */
    INFO;

    /** {@code page}, {@code warn} or {@code info}: the label value every platform writes. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this is at least as urgent as {@code other}. */
    public boolean atLeast(AlertSeverity other) {
        return ordinal() <= other.ordinal();
    }
}
