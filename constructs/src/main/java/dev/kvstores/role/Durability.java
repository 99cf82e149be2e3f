package dev.kvstores.role;

/**
 * What survives a restart of the store's nodes. Written into the synthesis report for every store.
 */
public enum Durability {
    /** Nothing is persisted (the Cache Store's rule: {@code appendonly no}, {@code save ""}). */
    NONE("none: data lives in memory only; a restart empties the cache"),
    /** Append-only file fsynced every second (RDB snapshots too where the store takes them). */
    AOF_EVERYSEC("AOF appendfsync everysec: at most ~1 s of acknowledged writes lost on a crash"),
    /**
     * Replicas in other zones plus point-in-time RDB snapshots, no append-only file (managed services without
     * AOF: ElastiCache, Memorystore for Redis): a failover keeps what the replica had received; losing every node
     * loses the writes since the last snapshot.
     */
    RDB_SNAPSHOTS("RDB snapshots, no AOF: a failover keeps what the replica received; losing every node loses"
            + " the writes since the last snapshot"),
    /** Data lives in RocksDB on SSD (KVRocks, write-ahead log); a restart keeps everything flushed to disk. */
    SSD_STORE("RocksDB on SSD (KVRocks), write-ahead log synced to disk before each write is acknowledged: an"
            + " acknowledged write survives a process or node crash; the volume is the only copy (one node)"),
    /** A Multi-AZ transaction log acknowledges every write before replying (MemoryDB): nothing acknowledged is lost. */
    TRANSACTION_LOG("Multi-AZ transaction log (MemoryDB): every acknowledged write survives node and zone failures");

    private final String description;

    Durability(String description) {
        this.description = description;
    }

    /**
     * The line for a store of one node: {@link #RDB_SNAPSHOTS} then has no replica to fail over to, so the report
     * must not speak of one. Other values read the same for any node count.
     */
    public String description(boolean singleNode) {
        return singleNode && this == RDB_SNAPSHOTS
                ? "RDB snapshots, no AOF, a single node: losing it loses the writes since the last"
                        + " snapshot"
                : description;
    }

    /** One line a reader of the synthesis report understands. */
    public String description() {
        return description;
    }
}
