package dev.kvstores;

import java.util.Objects;

/**
 * Thrown at synth time when a store's configuration breaks a rule of its role or backend.
 *
 * <p>The message names the field, the value received, what is allowed and how to fix it; {@link #code()}
 * is a stable identifier (for example {@code CacheClusterMode}) that tooling and tests can match on.
 */
public final class StoreConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String code;

    public StoreConfigException(String code, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.code = Objects.requireNonNull(code, "code");
    }

    /** Stable identifier of the violated rule. */
    public String code() {
        return code;
    }
}
