package dev.kvstores.aws;

import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarm;
import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarmConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/** The CloudWatch alarms of a {@link WorkerStateExport}'s state machine. */
final class ExportAlarms {

    private final Construct scope;
    private final String stateMachineArn;
    private final AwsMonitoring monitoring;
    private final Map<String, String> tags;
    private final List<String> alarmNames = new ArrayList<>();

    private ExportAlarms(Construct scope, String stateMachineArn, AwsMonitoring monitoring, Map<String, String> tags) {
        this.scope = scope;
        this.stateMachineArn = stateMachineArn;
        this.monitoring = monitoring;
        this.tags = tags;
    }

    /**
     * The backup's alarms, created in {@code scope} (none when the store's alarms are off): a failed execution,
     * and no successful one within the schedule's longest gap. Returns their names.
     */
    static List<String> create(WorkerStateExport scope, WorkerStateExport.Source source, String stateMachineArn,
                               Map<String, String> tags) {
        String store = source.storeName();
        AwsMonitoring monitoring = source.monitoring();
        if (!monitoring.alarmsEnabled()) {
            return List.of();
        }
        ExportAlarms alarms = new ExportAlarms(scope, stateMachineArn, monitoring, tags);
        alarms.alarm("FailedAlarm", CloudwatchMetricAlarmConfig.builder()
                .alarmName(store + "-backup-failed")
                .metricName("ExecutionsFailed")
                .period(300)
                .comparisonOperator("GreaterThanThreshold")
                .threshold(0.0)
                .evaluationPeriods(1)
                .datapointsToAlarm(1)
                .treatMissingData("notBreaching")
                .alarmDescription("PAGE: the nightly worker state backup of " + store + " failed: tonight's copy is"
                        + " missing from the archive bucket. Open the execution in Step Functions (" + store
                        + "-backup), read the failed state's error, fix it and start a new execution (no input"
                        + " needed); the temporary snapshot was deleted."));
        // A schedule less often than daily (allowed outside production, or with a written reason) is missing
        // only after its longest gap: that many one-day periods, at most CloudWatch's seven.
        int days = (int) Math.min(7, Math.max(1, (scope.longestGap().toMinutes() + 1439) / 1440));
        alarms.alarm("MissingAlarm", CloudwatchMetricAlarmConfig.builder()
                .alarmName(store + "-backup-missing")
                .metricName("ExecutionsSucceeded")
                .period(86400)
                .comparisonOperator("LessThanThreshold")
                .threshold(1.0)
                .evaluationPeriods(days)
                .datapointsToAlarm(days)
                .treatMissingData("breaching")
                .alarmDescription("PAGE: no worker state backup of " + store + " succeeded in the last "
                        + (days == 1 ? "day" : days + " days") + " (the schedule"
                        + " did not run, or a run timed out or was aborted). Check the EventBridge Scheduler schedule "
                        + store + "-backup and the Step Functions executions. May fire once on the first day, before"
                        + " the first run."));
        return List.copyOf(alarms.alarmNames);
    }

    /**
     * Creates alarm {@code id} from {@code alarm} (its name, metric, period, comparison, threshold, periods, missing
     * data and description) on this state machine's {@code AWS/States} {@code Sum}, with the tags and actions.
     */
    private void alarm(String id, CloudwatchMetricAlarmConfig.Builder alarm) {
        alarm.namespace("AWS/States")
                .statistic("Sum")
                .dimensions(Map.of("StateMachineArn", stateMachineArn))
                .tags(tags);
        if (monitoring.alarmTopicArn() != null) {
            alarm.alarmActions(List.of(monitoring.alarmTopicArn())).okActions(List.of(monitoring.alarmTopicArn()));
        }
        CloudwatchMetricAlarmConfig config = alarm.build();
        new CloudwatchMetricAlarm(scope, id, config);
        alarmNames.add(config.getAlarmName());
    }
}
