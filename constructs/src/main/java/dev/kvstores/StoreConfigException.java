package dev.kvstores;

import java.util.List;
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

    private final transient List<StoreConfigException> parts;

    public StoreConfigException(String code, String message) {
        this(code, message, List.of());
    }

    /**
     * One exception for several problems of a store (its message joins theirs); {@link #parts()} keeps each
     * problem with its own code, so that tools can name the field each one is about.
     */
    public StoreConfigException(String code, String message, List<StoreConfigException> parts) {
        super(Objects.requireNonNull(message, "message"));
        this.code = Objects.requireNonNull(code, "code");
        this.parts = List.copyOf(parts);
    }

    /** The single problems this exception joins; a list of this exception alone when it is one problem. */
    public List<StoreConfigException> parts() {
        return parts == null || parts.isEmpty() ? List.of(this) : parts;
    }

    /** Stable identifier of the violated rule. */
    public String code() {
        return code;
    }
}
