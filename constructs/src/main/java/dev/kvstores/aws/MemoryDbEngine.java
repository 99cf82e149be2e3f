package dev.kvstores.aws;

import dev.kvstores.StoreConfigException;

/** MemoryDB engines and versions, each with its parameter group family. */
public enum MemoryDbEngine {
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

    /** The {@code engine} argument: {@code redis} or {@code valkey}. */
    public String engine() {
        return engine;
    }

    /** The {@code engine_version} argument. */
    public String version() {
        return version;
    }

    /** The parameter group family, e.g. {@code memorydb_redis7}. */
    public String parameterGroupFamily() {
        return family;
    }

    /** Environment-file spelling: {@code redis-7.1}, {@code valkey-7.3}. */
    public String label() {
        return engine + "-" + version;
    }

    /** Parses {@link #label()}; {@code null} when unknown. */
    public static MemoryDbEngine fromLabel(String label) {
        for (MemoryDbEngine e : values()) {
            if (e.label().equals(label)) {
                return e;
            }
        }
        return null;
    }

    /** The family to use; throws {@code ParameterGroupFamily} when {@code explicitFamily} differs. */
    public String requireFamily(String who, String explicitFamily) {
        if (explicitFamily != null && !explicitFamily.equals(family)) {
            throw new StoreConfigException("ParameterGroupFamily", who + ": parameterGroupFamily '"
                    + explicitFamily + "' does not match engine " + engine + " " + version + " (family " + family
                    + "); remove parameterGroupFamily or set it to " + family);
        }
        return family;
    }
}
