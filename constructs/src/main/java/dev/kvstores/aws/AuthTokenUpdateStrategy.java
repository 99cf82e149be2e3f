package dev.kvstores.aws;

/**
 * {@code auth_token_update_strategy} of a replication group in {@link AuthMode#AUTH_TOKEN} mode.
 * {@link #ROTATE} accepts the old and the new token until the next {@link #SET}.
 */
public enum AuthTokenUpdateStrategy {
    ROTATE,
    SET
}
