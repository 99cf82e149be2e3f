package dev.kvstores.role;

import dev.kvstores.StoreConfigException;

/**
 * The fields every store of every backend has, defined once and composed into each backend's props (whose
 * builders extend {@link PropsBuilder}, which delegates {@code haExemptionReason(...)} and the name here).
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

    /**
     * Base of every store props' builder: holds the composed basics and writes the delegation of
     * {@code haExemptionReason(...)} once. Each backend's builder base publishes the name under the backend's word
     * ({@code name(...)}, or {@code releaseName(...)} for a Helm release) through {@link #storeName(String)}. Every
     * setter returns {@code B}, the concrete builder, so inherited setters chain with the props' own.
     *
     * @param <B> the concrete builder extending this class: {@code class Builder extends Base<Builder>}
     */
    public abstract static class PropsBuilder<B extends PropsBuilder<B>> {
        private Builder basics = StoreBasics.builder();

        /** For the backends' builder bases. */
        protected PropsBuilder() {
        }

        /** This builder as its concrete type: {@code return this}. */
        protected abstract B self();

        /** @see StoreBasics#haExemptionReason() */
        public B haExemptionReason(String value) { basics.haExemptionReason(value); return self(); }

        /** Sets {@link StoreBasics#name()}, for the backend's public name setter. */
        protected final B storeName(String value) { basics.name(value); return self(); }

        /** Starts from {@code value} (for {@code toBuilder()}). */
        protected final B basics(StoreBasics value) { basics = value.toBuilder(); return self(); }

        /** The basics set so far (for {@code build()}). */
        protected final StoreBasics basics() { return basics.build(); }
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
