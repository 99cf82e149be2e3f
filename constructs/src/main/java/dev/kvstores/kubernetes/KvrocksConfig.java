package dev.kvstores.kubernetes;

import dev.kvstores.role.StoreSize;

/**
 * The {@code kvrocks.conf} of a {@link KvrocksWorkerStateStore} and the RocksDB memory figures its report quotes.
 */
final class KvrocksConfig {

    private KvrocksConfig() {
    }

    /** RocksDB memtable size per column family, in MiB ({@code rocksdb.write_buffer_size}). */
    static final int ROCKSDB_WRITE_BUFFER_MEBIBYTES = 64;
    /** Memtables per column family before writes stall ({@code rocksdb.max_write_buffer_number}). */
    static final int ROCKSDB_WRITE_BUFFERS = 4;
    /** Column families KVRocks opens (default, metadata, zset_score, pubsub, propagate, stream, search). */
    static final int ROCKSDB_COLUMN_FAMILIES = 7;

    /**
     * The {@code kvrocks.conf}: TLS client port with the mounted certificate, a password, data on the volume,
     * RocksDB block cache at half the memory limit, logs to stdout.
     */
    static String renderConfig(String password, StoreSize size) {
        return String.join("\n",
                "bind 0.0.0.0",
                "port " + KvrocksWorkerStateStore.PLAIN_PORT,
                "tls-port " + KvrocksWorkerStateStore.TLS_PORT,
                "tls-cert-file /etc/kvrocks/tls/tls.crt",
                "tls-key-file /etc/kvrocks/tls/tls.key",
                "tls-ca-cert-file /etc/kvrocks/tls/ca.crt",
                "tls-auth-clients no",
                "tls-replication yes",
                "requirepass " + password,
                "masterauth " + password,
                "dir /var/lib/kvrocks/data",
                "log-dir stdout",
                "timeout 0",
                "maxclients 10000",
                "workers " + Math.max(2, size.cpuMillicores() / 500),
                "rocksdb.block_cache_size " + size.memoryMebibytes() / 2,
                "rocksdb.write_buffer_size " + ROCKSDB_WRITE_BUFFER_MEBIBYTES,
                "rocksdb.max_write_buffer_number " + ROCKSDB_WRITE_BUFFERS,
                // fsync the write-ahead log before a write is acknowledged: nothing acknowledged is lost when the
                // node crashes (without it, writes still in the page cache are).
                "rocksdb.write_options.sync yes",
                "");
    }
}
