package dev.kvstores.aws;

/**
 * Logs and alarms of an AWS store.
 *
 * @param logRetentionDays CloudWatch Logs retention of the slow log and engine log; one of the values
 *                         CloudWatch accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
 *                         1096, 1827, 2192, 2557, 2922, 3288, 3653). Default: 365
 * @param alarmsEnabled    CloudWatch alarms (CPU, memory, evictions and replication lag where they apply).
 *                         Default: true (production); development may turn them off
 * @param alarmTopicArn    SNS topic notified on alarm and recovery. Default: none (alarms without actions)
 */
public record AwsMonitoring(int logRetentionDays, boolean alarmsEnabled, String alarmTopicArn) {

    /** Retention values CloudWatch Logs accepts. */
    public static final java.util.List<Integer> RETENTION_DAYS = java.util.List.of(1, 3, 5, 7, 14, 30, 60, 90,
            120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    /** 365-day logs, alarms on, no SNS topic. */
    public static AwsMonitoring defaults() {
        return new AwsMonitoring(365, true, null);
    }

    /** A copy with another alarm setting. */
    public AwsMonitoring withAlarms(boolean enabled, String topicArn) {
        return new AwsMonitoring(logRetentionDays, enabled, topicArn);
    }

    /** A copy with another log retention. */
    public AwsMonitoring withLogRetentionDays(int days) {
        return new AwsMonitoring(days, alarmsEnabled, alarmTopicArn);
    }
}
