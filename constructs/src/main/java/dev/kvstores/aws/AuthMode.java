package dev.kvstores.aws;

/**
 * How clients authenticate to an ElastiCache replication group.
 *
 * <ul>
 *   <li>{@link #RBAC} (default): a user group with one ACL user for the role (generated password) and the
 *       {@code default} user switched off. Passes Checkov CKV_AWS_31; cdk-nag AwsSolutions-AEC6 asks for an
 *       AUTH token instead and carries a written exemption (ElastiCache refuses both on one group).</li>
 *   <li>{@link #AUTH_TOKEN}: one generated AUTH token (Redis {@code requirepass}), the password of the
 *       {@code default} user, so URLs carry {@code default} as the user ({@code AUTH default <token>}).
 *       Rotation: {@code credentialRotation} (phase add: a new token with {@code ROTATE}, old and new
 *       accepted; phase retire: the same token with {@code SET}).</li>
 * </ul>
 */
public enum AuthMode {
    RBAC,
    AUTH_TOKEN
}
