package dev.kvstores.aws;

import dev.kvstores.StoreConfigException;

/**
 * An engine and version that an AWS store runs ({@link ElastiCacheEngine}, {@link MemoryDbEngine}), with its
 * parameter group family: one spelling of its label and one check of an explicit family for both services.
 */
public sealed interface AwsEngine permits ElastiCacheEngine, MemoryDbEngine {

    /** The {@code engine} argument: {@code redis} or {@code valkey}. */
    String engine();

    /** The {@code engine_version} argument, e.g. {@code 7.1}. */
    String version();

    /** The parameter group family, e.g. {@code redis7} or {@code memorydb_redis7}. */
    String parameterGroupFamily();

    /** Environment-file spelling: {@code <engine>-<version>}, e.g. {@code redis-7.1}, {@code valkey-8.0}. */
    default String label() {
        return engine() + "-" + version();
    }

    /**
     * Returns the family to use: the derived one, or {@code explicitFamily} when it matches; a mismatch is a
     * synth-time error instead of an apply-time {@code InvalidParameterCombination}.
     *
     * @throws StoreConfigException {@code ParameterGroupFamily} when {@code explicitFamily} is set and differs
     */
    default String requireFamily(String who, String explicitFamily) {
        String family = parameterGroupFamily();
        if (explicitFamily != null && !explicitFamily.equals(family)) {
            throw new StoreConfigException("ParameterGroupFamily", who + ": parameterGroupFamily '"
                    + explicitFamily + "' does not match engine " + engine() + " " + version() + " (family " + family
                    + "); remove parameterGroupFamily or set it to " + family);
        }
        return family;
    }

    /** The constant of {@code type} whose {@link #label()} is {@code label}; {@code null} when unknown. */
    static <E extends Enum<E> & AwsEngine> E fromLabel(Class<E> type, String label) {
        for (E e : type.getEnumConstants()) {
            if (e.label().equals(label)) {
                return e;
            }
        }
        return null;
    }
}
