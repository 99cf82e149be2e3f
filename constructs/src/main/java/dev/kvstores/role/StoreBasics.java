package dev.kvstores.role;

import dev.kvstores.StoreConfigException;

/**
 * The fields every store of every backend has, defined once and composed into each backend's props (whose
 * builders delegate {@code name(...)} and {@code haExemptionReason(...)} here).
 *
 * @param name              the store's name (replication group, instance, Helm release or StatefulSet); each
 *                          backend applies its own naming rule and its role's default. Default: {@code null} here
 *                          (the backend's props supply the default or require it)
 * @param haExemptionReason written reason for running without high availability (development only): when given,
 *                          at least {@value RoleContract#MINIMUM_REASON_LENGTH} characters besides surrounding
 *                          blanks. Default: none, high availability enforced
 */
public record StoreBasics(String name, String haExemptionReason) {

    /** Empty basics: no name (the backend's default applies), no exemption. */
    public static StoreBasics defaults() {
        return new StoreBasics(null, null);
    }

    /** These basics, with {@code name} replaced by {@code defaultName} when it is unset. */
    public StoreBasics withDefaultName(String defaultName) {
        return name != null ? this : new StoreBasics(defaultName, haExemptionReason);
    }

    /**
     * Throws unless the high-availability exemption, when given, states a reason of at least
     * {@value RoleContract#MINIMUM_REASON_LENGTH} characters. The one place this rule is checked.
     *
     * @param who the store the message starts with, e.g. {@code cache store (elasticache)}
     */
    public static void requireExemptionReason(String who, String reason) {
        if (reason != null && reason.strip().length() < RoleContract.MINIMUM_REASON_LENGTH) {
            throw new StoreConfigException("ExemptionReason", who + ": the high-availability exemption needs a"
                    + " reason of at least " + RoleContract.MINIMUM_REASON_LENGTH + " characters, got '" + reason
                    + "'");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().name(name).haExemptionReason(haExemptionReason);
    }

    /**
     * Read access to the basics of a props record that composes them: {@code props.name()} and
     * {@code props.haExemptionReason()} keep working on every backend's props.
     */
    public interface Part {
        /** The composed basics. */
        StoreBasics basics();

        /** @see StoreBasics#name() */
        default String name() {
            return basics().name();
        }

        /** @see StoreBasics#haExemptionReason() */
        default String haExemptionReason() {
            return basics().haExemptionReason();
        }
    }

    /** Builder of {@link StoreBasics}; unset fields take the documented defaults. */
    public static final class Builder {
        private String name;
        private String haExemptionReason;

        private Builder() {
        }

        public Builder name(String value) { this.name = value; return this; }
        public Builder haExemptionReason(String value) { this.haExemptionReason = value; return this; }

        public StoreBasics build() {
            return new StoreBasics(name, haExemptionReason);
        }
    }
}
