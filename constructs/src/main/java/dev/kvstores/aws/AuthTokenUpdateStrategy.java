package dev.kvstores.aws;

/**
 * {@code auth_token_update_strategy} of a replication group in {@link AuthMode#AUTH_TOKEN} mode.
 *
 * <p>{@link #SET} (the default) makes the new token the only valid one. {@link #ROTATE} accepts the old and
 * the new token until the next {@code SET}. A {@code credentialRotation} sets it per phase (ROTATE in add, SET in
 * retire); {@code ROTATE} without a rotation is refused: it would keep the old token valid for good, and on a
 * group that had no token it accepts clients without one.
 */
public enum AuthTokenUpdateStrategy {
    ROTATE,
    SET
}
