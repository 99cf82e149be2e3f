package dev.kvstores.role;

/**
 * Resources of one store node.
 *
 * @param cpuMillicores    CPU limit in millicores (1000 = one vCPU); at least 100
 * @param memoryMebibytes  memory limit in MiB; at least 256. {@code maxmemory} is derived from it
 * @param storageGibibytes persistent volume size in GiB; 0 means no volume (the cache)
 */
public record StoreSize(int cpuMillicores, int memoryMebibytes, int storageGibibytes) {

    /** Share of memory given to data: the vendor guide's {@code maxmemory 75%}. */
    public static final int MAXMEMORY_PERCENT = 75;

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

    /** {@code maxmemory} in MiB: 75% of the memory limit, rounded down. */
    public int maxmemoryMebibytes() {
        return memoryMebibytes * MAXMEMORY_PERCENT / 100;
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
