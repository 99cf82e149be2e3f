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
