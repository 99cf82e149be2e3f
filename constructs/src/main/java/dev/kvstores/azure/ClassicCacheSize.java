package dev.kvstores.azure;

/**
 * Sizes of classic Azure Cache for Redis (Standard {@code C*}, Premium {@code P*}) with their memory, used to
 * compute {@code maxmemory_reserved} (25%, so 75% is left for data as the vendor guide asks).
 *
 * <p>Basic is not offered: it has no replica (Checkov CKV_AZURE_230 requires Standard or Premium).
 */
public enum ClassicCacheSize {
    C1("Standard", "C", 1, 1024),
    C2("Standard", "C", 2, 2560),
    C3("Standard", "C", 3, 6144),
    C4("Standard", "C", 4, 13312),
    C5("Standard", "C", 5, 26624),
    C6("Standard", "C", 6, 54272),
    P1("Premium", "P", 1, 6144),
    P2("Premium", "P", 2, 13312),
    P3("Premium", "P", 3, 26624),
    P4("Premium", "P", 4, 54272),
    P5("Premium", "P", 5, 122880);

    private final String skuName;
    private final String family;
    private final int capacity;
    private final int memoryMebibytes;

    ClassicCacheSize(String skuName, String family, int capacity, int memoryMebibytes) {
        this.skuName = skuName;
        this.family = family;
        this.capacity = capacity;
        this.memoryMebibytes = memoryMebibytes;
    }

    /** {@code sku_name}: {@code Standard} or {@code Premium}. */
    public String skuName() {
        return skuName;
    }

    /** {@code family}: {@code C} or {@code P}. */
    public String family() {
        return family;
    }

    /** {@code capacity}. */
    public int capacity() {
        return capacity;
    }

    /** Memory of the size in MiB. */
    public int memoryMebibytes() {
        return memoryMebibytes;
    }

    /** True for Premium sizes (zones, persistence, private static IPs). */
    public boolean isPremium() {
        return "Premium".equals(skuName);
    }

    /** {@code maxmemory_reserved} in MB: 25% of memory, leaving 75% for data. */
    public int maxmemoryReservedMegabytes() {
        return memoryMebibytes * (100 - dev.kvstores.role.StoreSize.MAXMEMORY_PERCENT) / 100;
    }
}
