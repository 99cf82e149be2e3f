package dev.kvstores.role;

/**
 * Resources of one store node.
 *
 * @param cpuMillicores    CPU limit in millicores (1000 = one vCPU); at least 100
 * @param memoryMebibytes  memory limit in MiB; at least 256. {@code maxmemory} is derived from it per role
 *                         ({@link #maxmemoryPercent(StoreRole)})
 * @param storageGibibytes persistent volume size in GiB; 0 means no volume (the cache)
 */
public record StoreSize(int cpuMillicores, int memoryMebibytes, int storageGibibytes) {

    /**
     * The Cache Store's share of the memory limit given to data: the vendor guide's {@code maxmemory 75%}. Its only
     * fork is a replica's full resynchronization (no persistence); docs/store-benchmark.md measures that case.
     */
    public static final int MAXMEMORY_PERCENT = 75;

    /**
     * The Worker State Store's share of the memory limit given to data: 50%, so that one fork under write load fits.
     * A fork (AOF rewrite, BGSAVE, a replica's full sync, the backup's RDB) copies every page the parent writes while
     * the child runs, and the child is charged to the same container. Measured on redis-server 7.0 with data at 90%
     * of {@code maxmemory} and every key rewritten during the fork, the server's RSS plus the child's private pages
     * peaked at 1.41-1.43x of the limit with 75% and 0.92-0.97x with 50%; with a realistic write load 0.94-0.98x and
     * 0.65x (docs/store-benchmark.md). The rule: a limit of at least twice the dataset.
     */
    public static final int WORKER_MAXMEMORY_PERCENT = 50;

    public StoreSize {
        if (cpuMillicores < 100) {
            throw new IllegalArgumentException("cpuMillicores must be at least 100, got " + cpuMillicores);
        }
        if (memoryMebibytes < 256) {
            throw new IllegalArgumentException("memoryMebibytes must be at least 256, got " + memoryMebibytes);
        }
        if (storageGibibytes < 0) {
            throw new IllegalArgumentException("storageGibibytes must not be negative, got " + storageGibibytes);
        }
    }

    /** {@code maxmemory} of a Cache Store in MiB: 75% of the memory limit, rounded down. */
    public int maxmemoryMebibytes() {
        return maxmemoryMebibytes(StoreRole.CACHE);
    }

    /**
     * {@code maxmemory} in MiB for {@code role}, rounded down: the largest dataset the node holds with its fork
     * headroom ({@link #maxmemoryPercent(StoreRole)}).
     */
    public int maxmemoryMebibytes(StoreRole role) {
        return maxmemoryMebibytes(memoryMebibytes, role);
    }

    /** {@code maxmemory} in MiB of a node with {@code memoryLimitMebibytes} playing {@code role}, rounded down. */
    public static int maxmemoryMebibytes(int memoryLimitMebibytes, StoreRole role) {
        return memoryLimitMebibytes * maxmemoryPercent(role) / 100;
    }

    /**
     * The one rule for the share of the memory limit a role gives to data: {@value #MAXMEMORY_PERCENT}% for the
     * cache (vendor guide), {@value #WORKER_MAXMEMORY_PERCENT}% for the worker state store (fork headroom).
     */
    public static int maxmemoryPercent(StoreRole role) {
        return role == StoreRole.WORKER_STATE ? WORKER_MAXMEMORY_PERCENT : MAXMEMORY_PERCENT;
    }

    /**
     * The report's memory line of an in-cluster Redis node of this size in {@code role}: {@code maxmemory} against
     * the limit, the dataset it holds, and what the rest is for.
     */
    public String headroomDescription(StoreRole role) {
        int maxmemory = maxmemoryMebibytes(role);
        String head = "maxmemory " + maxmemory + " MiB of the " + memoryMebibytes + " MiB limit ("
                + maxmemoryPercent(role) + "%): holds about " + gibibytes(maxmemory) + " GiB of data; ";
        String qos = "; requests equal limits (Guaranteed QoS) for every container";
        if (role == StoreRole.WORKER_STATE) {
            return head + "the other " + (memoryMebibytes - maxmemory) + " MiB are the headroom of one fork under"
                    + " write load (AOF rewrite, replica full sync, backup), which copies every page written while"
                    + " it runs (docs/store-benchmark.md); noeviction rejects writes beyond maxmemory" + qos;
        }
        return head + "LRU evicts beyond it; the other " + (memoryMebibytes - maxmemory) + " MiB cover buffers,"
                + " fragmentation and its only fork, a replica's full resynchronization (no persistence; measured in"
                + " docs/store-benchmark.md)" + qos;
    }

    private static String gibibytes(int mebibytes) {
        return java.math.BigDecimal.valueOf(mebibytes).divide(java.math.BigDecimal.valueOf(1024), 1,
                java.math.RoundingMode.DOWN).stripTrailingZeros().toPlainString();
    }

    /** Kubernetes quantity of the CPU limit, e.g. {@code 1500m}. */
    public String cpuQuantity() {
        return cpuMillicores + "m";
    }

    /** Kubernetes quantity of the memory limit, e.g. {@code 4096Mi}. */
    public String memoryQuantity() {
        return memoryMebibytes + "Mi";
    }

    /** Kubernetes quantity of the volume, e.g. {@code 100Gi}. */
    public String storageQuantity() {
        return storageGibibytes + "Gi";
    }

    /** A copy with another storage size. */
    public StoreSize withStorageGibibytes(int gibibytes) {
        return new StoreSize(cpuMillicores, memoryMebibytes, gibibytes);
    }
}
