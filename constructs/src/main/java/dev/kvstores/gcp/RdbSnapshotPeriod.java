package dev.kvstores.gcp;

import java.time.Duration;

/**
 * How often Memorystore for Redis writes an RDB snapshot ({@code persistence_config.rdb_snapshot_period}).
 * Memorystore for Redis has no append-only file: on the loss of every node, the writes since the last snapshot
 * are lost.
 */
public enum RdbSnapshotPeriod {
    ONE_HOUR("1 hour", 1),
    SIX_HOURS("6 hours", 6),
    TWELVE_HOURS("12 hours", 12),
    TWENTY_FOUR_HOURS("24 hours", 24);

    private final String words;
    private final Duration period;

    RdbSnapshotPeriod(String words, int hours) {
        this.words = words;
        this.period = Duration.ofHours(hours);
    }

    /** The period, e.g. one hour. */
    public Duration period() {
        return period;
    }

    /** The period in words, e.g. {@code 1 hour}. */
    public String words() {
        return words;
    }
}
