package dev.kvstores.gcp;

/**
 * How often Memorystore for Redis writes an RDB snapshot ({@code persistence_config.rdb_snapshot_period}).
 * Memorystore for Redis has no append-only file: on the loss of every node, the writes since the last snapshot
 * are lost.
 */
public enum RdbSnapshotPeriod {
    ONE_HOUR("1 hour"),
    SIX_HOURS("6 hours"),
    TWELVE_HOURS("12 hours"),
    TWENTY_FOUR_HOURS("24 hours");

    private final String words;

    RdbSnapshotPeriod(String words) {
        this.words = words;
    }

    /** The period in words, e.g. {@code 1 hour}. */
    public String words() {
        return words;
    }
}
