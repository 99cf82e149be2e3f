package dev.kvstores.aws;

import dev.kvstores.StoreConfigException;
import dev.kvstores.role.AlertThresholds;
import java.util.List;
import java.util.Objects;

/**
 * Logs and alarms of an AWS store: the role's alert baseline ({@link dev.kvstores.role.AlertSignal}, the same
 * signals and severities as every platform) as CloudWatch alarms.
 *
 * @param logRetentionDays        CloudWatch Logs retention of the slow log and engine log; one of the values
 *                                CloudWatch accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
 *                                1096, 1827, 2192, 2557, 2922, 3288, 3653). Default: 365
 * @param alarmsEnabled           the CloudWatch alarm baseline. Default: true
 * @param alarmTopicArn           SNS topic notified on alarm and recovery, and of ElastiCache / MemoryDB events
 *                                (failover, node replacement). Default: none (alarms without actions; the stacks
 *                                create a topic per environment)
 * @param thresholds              percentages and durations shared with every backend. Default:
 *                                {@link AlertThresholds#defaults()}
 * @param replicationLagSeconds   replica lag that alerts (page for worker state, warn for the cache). Default: 5
 * @param maxClients              the engine's {@code maxclients}; connections alert at
 *                                {@code thresholds.connectionsWarnPercent} of it. Default: 65000 (ElastiCache and
 *                                MemoryDB fix it at 65000)
 * @param newConnectionsPerMinute new connections per minute per node that warn (a reconnect storm or a client
 *                                without pooling). Default: 1000
 */
public record AwsMonitoring(int logRetentionDays, boolean alarmsEnabled, String alarmTopicArn,
                            AlertThresholds thresholds, int replicationLagSeconds, int maxClients,
                            int newConnectionsPerMinute) {

    /** Retention values CloudWatch Logs accepts. */
    public static final List<Integer> RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90,
            120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
    public static final int DEFAULT_REPLICATION_LAG_SECONDS = 5;
    public static final int DEFAULT_MAX_CLIENTS = 65000;
    public static final int DEFAULT_NEW_CONNECTIONS_PER_MINUTE = 1000;

    public AwsMonitoring {
        thresholds = Objects.requireNonNullElse(thresholds, AlertThresholds.defaults());
        positive("replicationLagSeconds", replicationLagSeconds);
        positive("maxClients", maxClients);
        positive("newConnectionsPerMinute", newConnectionsPerMinute);
    }

    /** Retention, alarms and topic; default thresholds. */
    public AwsMonitoring(int logRetentionDays, boolean alarmsEnabled, String alarmTopicArn) {
        this(logRetentionDays, alarmsEnabled, alarmTopicArn, AlertThresholds.defaults(),
                DEFAULT_REPLICATION_LAG_SECONDS, DEFAULT_MAX_CLIENTS, DEFAULT_NEW_CONNECTIONS_PER_MINUTE);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new StoreConfigException("AlertThreshold", "monitoring." + name + " must be at least 1, got "
                    + value);
        }
    }

    /** 365-day logs, alarms on, no SNS topic, default thresholds. */
    public static AwsMonitoring defaults() {
        return new AwsMonitoring(365, true, null);
    }

    /** A copy with another alarm setting. */
    public AwsMonitoring withAlarms(boolean enabled, String topicArn) {
        return new AwsMonitoring(logRetentionDays, enabled, topicArn, thresholds, replicationLagSeconds, maxClients,
                newConnectionsPerMinute);
    }

    /** A copy with another log retention. */
    public AwsMonitoring withLogRetentionDays(int days) {
        return new AwsMonitoring(days, alarmsEnabled, alarmTopicArn, thresholds, replicationLagSeconds, maxClients,
                newConnectionsPerMinute);
    }

    /** A copy with other thresholds. */
    public AwsMonitoring withThresholds(AlertThresholds value, int lagSeconds, int clients, int newPerMinute) {
        return new AwsMonitoring(logRetentionDays, alarmsEnabled, alarmTopicArn, value, lagSeconds, clients,
                newPerMinute);
    }
}
