package dev.kvstores.aws;

import java.util.Map;

/**
 * One CloudWatch alarm of a store's alert baseline, as synthesized into {@code aws_cloudwatch_metric_alarm}.
 *
 * @param signal            baseline signal, e.g. {@code down}, {@code memory}, {@code evictions}
 * @param alarmName         {@code <node>-<signal>}
 * @param severity          {@code page}, {@code warn} or {@code info} (the description starts with it)
 * @param metric            the metric, from {@link CloudWatchMetric}
 * @param expression        a metric math expression over the metric (id {@code m1}) that the alarm watches instead
 *                          of the metric itself, e.g. {@code ABS(DIFF(m1))}; {@code null} for a plain metric alarm
 * @param statistic         CloudWatch statistic
 * @param comparison        CloudWatch comparison operator
 * @param threshold         threshold in the metric's unit
 * @param periodSeconds     period of one datapoint
 * @param evaluationPeriods datapoints the alarm looks at
 * @param datapointsToAlarm how many of them must breach (equal to {@code evaluationPeriods}: all, in a row)
 * @param treatMissingData  {@code missing}, {@code notBreaching} or {@code breaching}
 * @param dimensions        metric dimensions (node)
 * @param description       what it means for the platform and what to do
 */
public record AwsAlarm(String signal, String alarmName, String severity, CloudWatchMetric metric, String expression,
                       String statistic, String comparison, double threshold, int periodSeconds,
                       int evaluationPeriods, int datapointsToAlarm, String treatMissingData,
                       Map<String, String> dimensions, String description) {

    /** A builder; a field not set is {@code null}, {@code false} or {@code 0}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link AwsAlarm} field by field, each setter named after its component. */
    public static final class Builder {
        private String signal;
        private String alarmName;
        private String severity;
        private CloudWatchMetric metric;
        private String expression;
        private String statistic;
        private String comparison;
        private double threshold;
        private int periodSeconds;
        private int evaluationPeriods;
        private int datapointsToAlarm;
        private String treatMissingData;
        private Map<String, String> dimensions = Map.of();
        private String description;

        private Builder() {
        }

        public Builder signal(String value) {
            this.signal = value;
            return this;
        }

        public Builder alarmName(String value) {
            this.alarmName = value;
            return this;
        }

        public Builder severity(String value) {
            this.severity = value;
            return this;
        }

        public Builder metric(CloudWatchMetric value) {
            this.metric = value;
            return this;
        }

        public Builder expression(String value) {
            this.expression = value;
            return this;
        }

        public Builder statistic(String value) {
            this.statistic = value;
            return this;
        }

        public Builder comparison(String value) {
            this.comparison = value;
            return this;
        }

        public Builder threshold(double value) {
            this.threshold = value;
            return this;
        }

        public Builder periodSeconds(int value) {
            this.periodSeconds = value;
            return this;
        }

        public Builder evaluationPeriods(int value) {
            this.evaluationPeriods = value;
            return this;
        }

        public Builder datapointsToAlarm(int value) {
            this.datapointsToAlarm = value;
            return this;
        }

        public Builder treatMissingData(String value) {
            this.treatMissingData = value;
            return this;
        }

        public Builder dimensions(Map<String, String> value) {
            this.dimensions = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public AwsAlarm build() {
            return new AwsAlarm(signal, alarmName, severity, metric, expression, statistic, comparison, threshold,
                    periodSeconds, evaluationPeriods, datapointsToAlarm, treatMissingData, dimensions, description);
        }
    }

    /** Id of the metric inside {@link #expression}. */
    public static final String METRIC_ID = "m1";

    public AwsAlarm {
        dimensions = Map.copyOf(dimensions);
        if (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) {
            throw new IllegalArgumentException("datapointsToAlarm must be between 1 and evaluationPeriods ("
                    + evaluationPeriods + "), got " + datapointsToAlarm);
        }
    }

    /** One line for the synthesis report. */
    public String summary() {
        String watched = metric.namespace().namespaceName() + " " + metric.metricName() + " " + statistic;
        if (expression != null) {
            watched = expression.replace(METRIC_ID, watched);
        }
        return alarmName + " [" + severity + "]: " + watched + " " + comparison + " " + number(threshold)
                + (datapointsToAlarm == evaluationPeriods ? " for " + (periodSeconds * evaluationPeriods / 60) + " min"
                : " in " + datapointsToAlarm + " of the last " + (periodSeconds * evaluationPeriods / 60) + " min");
    }

    static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
