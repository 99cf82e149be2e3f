package dev.kvstores.role;

/**
 * What survives a restart of the store's nodes. Written into the synthesis report for every store.
 */
public enum Durability {
    /** Nothing is persisted (the Cache Store's rule: {@code appendonly no}, {@code save ""}). */
    NONE("none: data lives in memory only; a restart empties the cache"),
    /** Append-only file fsynced every second, plus RDB snapshots: at most about one second of writes lost. */
    AOF_EVERYSEC("AOF appendfsync everysec + RDB snapshots: at most ~1 s of acknowledged writes lost on a crash"),
    /** Data lives in RocksDB on SSD (KVRocks, write-ahead log); a restart keeps everything flushed to disk. */
    SSD_STORE("RocksDB on SSD (KVRocks) with its write-ahead log"),
    /**
     * Replicas in other zones plus scheduled RDB snapshots, no AOF (ElastiCache, Memorystore RDB): a failover
     * keeps replicated data; losing every node falls back to the last snapshot.
     */
    SNAPSHOTS("replicas in other zones + daily RDB snapshots, no AOF: losing every node loses the writes since"
            + " the last snapshot"),
    /** A Multi-AZ transaction log acknowledges every write before replying (MemoryDB): nothing acknowledged is lost. */
    TRANSACTION_LOG("Multi-AZ transaction log (MemoryDB): every acknowledged write survives node and zone failures");

    private final String description;

    Durability(String description) {
        this.description = description;
    }

    /** One line a reader of the synthesis report understands. */
    public String description() {
        return description;
    }
}
