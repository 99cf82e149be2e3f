package dev.kvstores.aws;

/**
 * ElastiCache engines and versions this library provisions, each with its parameter group family.
 *
 * <p>The family is derived from the engine and its major version ({@code redis7}, {@code valkey7},
 * {@code valkey8}); {@link AwsEngine#requireFamily(String, String)} turns a mismatching explicit family into a
 * synth-time error instead of an apply-time {@code InvalidParameterCombination}.
 */
public enum ElastiCacheEngine implements AwsEngine {
    /** Redis OSS 7.0. */
    REDIS_7_0("redis", "7.0", "redis7"),
    /** Redis OSS 7.1 (the default: the last Redis OSS release on ElastiCache). */
    REDIS_7_1("redis", "7.1", "redis7"),
    /** Valkey 7.2. */
    VALKEY_7_2("valkey", "7.2", "valkey7"),
    /** Valkey 8.0. */
    VALKEY_8_0("valkey", "8.0", "valkey8"),
    /** Valkey 8.1. */
    VALKEY_8_1("valkey", "8.1", "valkey8");

    private final String engine;
    private final String version;
    private final String family;

    ElastiCacheEngine(String engine, String version, String family) {
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

    /** The parameter group family, e.g. {@code redis7}. */
    @Override
    public String parameterGroupFamily() {
        return family;
    }

    /** Parses {@link AwsEngine#label()}; {@code null} when unknown. */
    public static ElastiCacheEngine fromLabel(String label) {
        return AwsEngine.fromLabel(ElastiCacheEngine.class, label);
    }
}
