package dev.kvstores.gcp;

import dev.kvstores.StoreConfigException;
import dev.kvstores.role.AlertThresholds;
import java.util.List;
import java.util.Objects;

/**
 * Alert policies of a Memorystore store: the role's alert baseline ({@link dev.kvstores.role.AlertSignal}, the same
 * signals and severities as every platform) as Cloud Monitoring alert policies.
 *
 * @param notificationChannelIds Cloud Monitoring notification channels
 *                               ({@code projects/<p>/notificationChannels/<id>}) notified on incident open and
 *                               close. Default: none (incidents only in the console)
 * @param thresholds             percentages and durations shared with every backend. Default:
 *                               {@link AlertThresholds#defaults()}
 * @param replicationLagSeconds  replica lag that alerts. Default: 5
 * @param maxClients             the instance's {@code maxclients}; connections alert at
 *                               {@code thresholds.connectionsWarnPercent} of it. Default: 65000 (set yours: it
 *                               depends on the capacity tier)
 */
public record GcpMonitoring(List<String> notificationChannelIds, AlertThresholds thresholds,
                            int replicationLagSeconds, int maxClients) {

    public GcpMonitoring {
        notificationChannelIds = List.copyOf(Objects.requireNonNullElse(notificationChannelIds, List.of()));
        thresholds = Objects.requireNonNullElse(thresholds, AlertThresholds.defaults());
        for (String channel : notificationChannelIds) {
            if (!channel.matches("projects/[^/]+/notificationChannels/[^/]+")) {
                throw new StoreConfigException("NotificationChannel", "monitoring.notificationChannelIds must be"
                        + " projects/<project>/notificationChannels/<id>, got '" + channel + "'");
            }
        }
        if (replicationLagSeconds < 1 || maxClients < 1) {
            throw new StoreConfigException("AlertThreshold", "replicationLagSeconds and maxClients must be at"
                    + " least 1, got " + replicationLagSeconds + " and " + maxClients);
        }
    }

    /** No channel, default thresholds. */
    public static GcpMonitoring defaults() {
        return new GcpMonitoring(List.of(), AlertThresholds.defaults(), 5, 65000);
    }
}
