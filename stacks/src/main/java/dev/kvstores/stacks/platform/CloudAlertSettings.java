package dev.kvstores.stacks.platform;

import dev.kvstores.role.AlertThresholds;
import dev.kvstores.stacks.environment.EnvironmentReader;

/**
 * {@code monitoring.thresholds} of a cloud environment: the shared {@link AlertThresholds} (the same keys as the
 * Kubernetes environments) plus the cloud-only {@code replicationLagSeconds}, {@code maxClients} and
 * {@code newConnectionsPerMinute}.
 *
 * @param thresholds              the shared thresholds with this environment's overrides
 * @param replicationLagSeconds   replica lag that alerts. Default: 5
 * @param maxClients              the engine's maxclients. Default: 65000
 * @param newConnectionsPerMinute new connections per minute per node that warn. Default: 1000
 */
public record CloudAlertSettings(AlertThresholds thresholds, int replicationLagSeconds, int maxClients,
                                 int newConnectionsPerMinute) {

    /** All defaults. */
    public static CloudAlertSettings defaults() {
        return new CloudAlertSettings(AlertThresholds.defaults(), 5, 65000, 1000);
    }

    /** Reads {@code monitoring.thresholds} ({@code r} may be null); {@code null} after a problem. */
    public static CloudAlertSettings read(EnvironmentReader r) {
        return read(r, 65000);
    }

    /** As {@link #read(EnvironmentReader)}, with another default for {@code maxClients}. */
    public static CloudAlertSettings read(EnvironmentReader r, int defaultMaxClients) {
        if (r == null) {
            return new CloudAlertSettings(AlertThresholds.defaults(), 5, defaultMaxClients, 1000);
        }
        AlertThresholds thresholds = AlertThresholdsReader.read(r);
        Integer lag = r.integer("replicationLagSeconds", 5, 1, 3600);
        Integer maxClients = r.integer("maxClients", defaultMaxClients, 1, 1_000_000);
        Integer newConnections = r.integer("newConnectionsPerMinute", 1000, 1, 10_000_000);
        r.rejectUnknownKeys();
        if (thresholds == null || lag == null || maxClients == null || newConnections == null) {
            return null;
        }
        return new CloudAlertSettings(thresholds, lag, maxClients, newConnections);
    }
}
