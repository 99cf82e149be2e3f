package dev.kvstores.role;

/**
 * Sizing presets taken from the vendor guide's "Instance Sizing" table, per role and engine.
 *
 * <table>
 *   <caption>CPU / memory limit / disk per node</caption>
 *   <tr><th></th><th>SMALL</th><th>MEDIUM</th><th>LARGE</th></tr>
 *   <tr><td>Cache (1-2 vCPU, 2-8 GB, 0-10 GB)</td><td>1 / 2 GiB / 0</td><td>1 / 4 GiB / 0</td><td>2 / 8 GiB / 0</td></tr>
 *   <tr><td>Worker, Redis (2-4 vCPU, 8-32 GB, 50-200 GB SSD)</td><td>2 / 8 GiB / 50 GiB</td><td>2 / 16 GiB / 100 GiB</td><td>4 / 32 GiB / 200 GiB</td></tr>
 *   <tr><td>Worker, KVRocks (2-4 vCPU, 8-32 GB, 200-1000 GB SSD)</td><td>2 / 8 GiB / 200 GiB</td><td>4 / 16 GiB / 500 GiB</td><td>4 / 32 GiB / 1000 GiB</td></tr>
 * </table>
 */
public enum SizePreset {
    SMALL(new StoreSize(1000, 2048, 0), new StoreSize(2000, 8192, 50), new StoreSize(2000, 8192, 200)),
    MEDIUM(new StoreSize(1000, 4096, 0), new StoreSize(2000, 16384, 100), new StoreSize(4000, 16384, 500)),
    LARGE(new StoreSize(2000, 8192, 0), new StoreSize(4000, 32768, 200), new StoreSize(4000, 32768, 1000));

    private final StoreSize cache;
    private final StoreSize workerRedis;
    private final StoreSize workerKvrocks;

    SizePreset(StoreSize cache, StoreSize workerRedis, StoreSize workerKvrocks) {
        this.cache = cache;
        this.workerRedis = workerRedis;
        this.workerKvrocks = workerKvrocks;
    }

    /** Per-node size of a Cache Store. */
    public StoreSize cache() {
        return cache;
    }

    /** Per-node size of a Redis Worker State Store. */
    public StoreSize workerRedis() {
        return workerRedis;
    }

    /** Per-node size of a KVRocks Worker State Store. */
    public StoreSize workerKvrocks() {
        return workerKvrocks;
    }
}
