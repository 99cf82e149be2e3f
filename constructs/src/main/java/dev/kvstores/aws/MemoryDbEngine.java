package dev.kvstores.aws;

/** MemoryDB engines and versions, each with its parameter group family. */
public enum MemoryDbEngine implements AwsEngine {
    /** Redis OSS 7.1 (the default). */
    REDIS_7_1("redis", "7.1", "memorydb_redis7"),
    /** Valkey 7.3. */
    VALKEY_7_3("valkey", "7.3", "memorydb_valkey7");

    private final String engine;
    private final String version;
    private final String family;

    MemoryDbEngine(String engine, String version, String family) {
        this.engine = engine;
        this.version = version;
        this.family = family;
    }

    @Override
    public String engine() {
        return engine;
    }

    @Override
    public String version() {
        return version;
    }

    /** The parameter group family, e.g. {@code memorydb_redis7}. */
    @Override
    public String parameterGroupFamily() {
        return family;
    }

    /** Parses {@link AwsEngine#label()}; {@code null} when unknown. */
    public static MemoryDbEngine fromLabel(String label) {
        return AwsEngine.fromLabel(MemoryDbEngine.class, label);
    }
}
