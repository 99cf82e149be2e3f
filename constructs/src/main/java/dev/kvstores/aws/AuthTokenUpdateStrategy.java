package dev.kvstores.aws;

/**
 * {@code auth_token_update_strategy} of a replication group in {@link AuthMode#AUTH_TOKEN} mode.
 *
 * <p>{@link #SET} (the default) makes the new token the only valid one. {@link #ROTATE} accepts the old and
 * the new token until the next {@code SET}: use it for one apply while clients move to the new token, then
 * switch back to {@code SET}, or the old token stays valid for good.
 */
public enum AuthTokenUpdateStrategy {
    ROTATE,
    SET
}
