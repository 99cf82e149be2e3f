package dev.kvstores.azure;

/**
 * One metric alert of an Azure store's baseline, as synthesized into {@code azurerm_monitor_metric_alert}.
 *
 * @param signal      baseline signal, e.g. {@code memory}
 * @param name        {@code <store>-<signal>}
 * @param severity    {@code page} (Azure severity 1), {@code warn} (2) or {@code info} (3)
 * @param metric      the metric, from {@link AzureMonitorMetric}
 * @param aggregation Average, Maximum, Minimum, Total, ...
 * @param operator    {@code GreaterThan} or {@code LessThan}
 * @param threshold   compared with the aggregated value
 * @param windowSize  ISO 8601 window, e.g. {@code PT5M}
 * @param errorType   {@code ErrorType} dimension value for the {@code errors} metric, else {@code null}
 * @param description what it means for the platform and what to do
 */
public record AzureMetricAlert(String signal, String name, String severity, AzureMonitorMetric metric,
                               String aggregation, String operator, double threshold, String windowSize,
                               String errorType, String description) {

    /** A builder; a field not set is {@code null}, {@code false} or {@code 0}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link AzureMetricAlert} field by field, each setter named after its component. */
    public static final class Builder {
        private String signal;
        private String name;
        private String severity;
        private AzureMonitorMetric metric;
        private String aggregation;
        private String operator;
        private double threshold;
        private String windowSize;
        private String errorType;
        private String description;

        private Builder() {
        }

        public Builder signal(String value) {
            this.signal = value;
            return this;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder severity(String value) {
            this.severity = value;
            return this;
        }

        public Builder metric(AzureMonitorMetric value) {
            this.metric = value;
            return this;
        }

        public Builder aggregation(String value) {
            this.aggregation = value;
            return this;
        }

        public Builder operator(String value) {
            this.operator = value;
            return this;
        }

        public Builder threshold(double value) {
            this.threshold = value;
            return this;
        }

        public Builder windowSize(String value) {
            this.windowSize = value;
            return this;
        }

        public Builder errorType(String value) {
            this.errorType = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public AzureMetricAlert build() {
            return new AzureMetricAlert(signal, name, severity, metric, aggregation, operator, threshold, windowSize,
                    errorType, description);
        }
    }

    public AzureMetricAlert {
        if (!operator.equals("GreaterThan") && !operator.equals("LessThan")) {
            throw new IllegalArgumentException("operator must be GreaterThan or LessThan, got " + operator);
        }
    }

    /** Azure Monitor severity (0 critical .. 4 verbose). */
    public int azureSeverity() {
        return azureSeverity(severity);
    }

    /** Azure Monitor severity of a baseline severity label: page 1 (error), warn 2, info 3. */
    static int azureSeverity(String severity) {
        return switch (severity) {
            case "page" -> 1;
            case "warn" -> 2;
            default -> 3;
        };
    }

    /** One line for the synthesis report. */
    public String summary() {
        return name + " [" + severity + "]: " + metric.namespace().namespaceName() + " " + metric.metricName()
                + (errorType == null ? "" : " ErrorType=" + errorType) + " " + aggregation
                + (operator.equals("GreaterThan") ? " > " : " < ")
                + (threshold == Math.rint(threshold) ? String.valueOf((long) threshold) : String.valueOf(threshold))
                + " over " + windowSize;
    }
}
