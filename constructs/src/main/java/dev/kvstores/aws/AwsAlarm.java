package dev.kvstores.aws;

import java.util.Map;

/**
 * One CloudWatch alarm of a store's alert baseline, as synthesized into {@code aws_cloudwatch_metric_alarm}.
 *
 * @param signal            baseline signal, e.g. {@code down}, {@code memory}, {@code evictions}
 * @param alarmName         {@code <node>-<signal>}
 * @param severity          {@code page}, {@code warn} or {@code info} (the description starts with it)
 * @param metric            the metric, from {@link CloudWatchMetric}
 * @param statistic         CloudWatch statistic
 * @param comparison        CloudWatch comparison operator
 * @param threshold         threshold in the metric's unit
 * @param periodSeconds     period of one datapoint
 * @param evaluationPeriods datapoints that must breach in a row
 * @param treatMissingData  {@code missing}, {@code notBreaching} or {@code breaching}
 * @param dimensions        metric dimensions (node)
 * @param description       what it means for the platform and what to do
 */
public record AwsAlarm(String signal, String alarmName, String severity, CloudWatchMetric metric, String statistic,
                       String comparison, double threshold, int periodSeconds, int evaluationPeriods,
                       String treatMissingData, Map<String, String> dimensions, String description) {

    public AwsAlarm {
        dimensions = Map.copyOf(dimensions);
    }

    /** One line for the synthesis report. */
    public String summary() {
        return alarmName + " [" + severity + "]: " + metric.namespace().namespaceName() + " " + metric.metricName()
                + " " + statistic + " " + comparison + " " + number(threshold) + " for "
                + (periodSeconds * evaluationPeriods / 60) + " min";
    }

    static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
