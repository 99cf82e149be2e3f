package dev.kvstores.gcp;

import java.time.Duration;
import java.util.List;

/**
 * One alert policy of a Memorystore store's baseline, as synthesized into {@code google_monitoring_alert_policy}.
 *
 * @param signal      baseline signal, e.g. {@code down}, {@code memory}
 * @param displayName the policy's display name
 * @param severity    {@code page}, {@code warn} or {@code info}; Cloud Monitoring severity CRITICAL, WARNING, ERROR
 * @param metric      the metric, from {@link MemorystoreMetric}
 * @param absent      the condition fires when the metric is absent (no data) for {@code duration}
 * @param aligner     per-series aligner
 * @param alignment   alignment period
 * @param reducer     cross-series reducer (e.g. {@code REDUCE_SUM}) applied after alignment, or {@code null} to
 *                    compare every series on its own
 * @param groupBy     labels the reducer keeps, e.g. {@code resource.label.instance_id}; empty without a reducer
 * @param comparison  {@code COMPARISON_GT} (threshold conditions)
 * @param threshold   threshold in the aligned unit
 * @param duration    how long the condition must hold
 * @param documentation what it means for the platform and what to do (Markdown)
 */
public record GcpAlertPolicy(String signal, String displayName, String severity, MemorystoreMetric metric,
                             boolean absent, String aligner, Duration alignment, String reducer, List<String> groupBy,
                             String comparison, double threshold, Duration duration, String documentation) {

    /** A builder; a field not set is {@code null}, {@code false} or {@code 0}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link GcpAlertPolicy} field by field, each setter named after its component. */
    public static final class Builder {
        private String signal;
        private String displayName;
        private String severity;
        private MemorystoreMetric metric;
        private boolean absent;
        private String aligner;
        private Duration alignment;
        private String reducer;
        private List<String> groupBy = List.of();
        private String comparison;
        private double threshold;
        private Duration duration;
        private String documentation;

        private Builder() {
        }

        public Builder signal(String value) {
            this.signal = value;
            return this;
        }

        public Builder displayName(String value) {
            this.displayName = value;
            return this;
        }

        public Builder severity(String value) {
            this.severity = value;
            return this;
        }

        public Builder metric(MemorystoreMetric value) {
            this.metric = value;
            return this;
        }

        public Builder absent(boolean value) {
            this.absent = value;
            return this;
        }

        public Builder aligner(String value) {
            this.aligner = value;
            return this;
        }

        public Builder alignment(Duration value) {
            this.alignment = value;
            return this;
        }

        public Builder reducer(String value) {
            this.reducer = value;
            return this;
        }

        public Builder groupBy(List<String> value) {
            this.groupBy = value;
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

        public Builder duration(Duration value) {
            this.duration = value;
            return this;
        }

        public Builder documentation(String value) {
            this.documentation = value;
            return this;
        }

        public GcpAlertPolicy build() {
            return new GcpAlertPolicy(signal, displayName, severity, metric, absent, aligner, alignment, reducer,
                    groupBy, comparison, threshold, duration, documentation);
        }
    }

    public GcpAlertPolicy {
        groupBy = List.copyOf(groupBy);
        if (reducer == null && !groupBy.isEmpty()) {
            throw new IllegalArgumentException("groupBy " + groupBy + " needs a reducer");
        }
    }

    /** Cloud Monitoring severity of the policy. */
    public String cloudSeverity() {
        return switch (severity) {
            case "page" -> "CRITICAL";
            case "warn" -> "WARNING";
            default -> "ERROR";
        };
    }

    /** One line for the synthesis report. */
    public String summary() {
        return displayName + " [" + severity + "]: " + metric.metricType() + (absent ? " absent"
                : " " + aligner + (reducer == null ? "" : " " + reducer + " by " + String.join(",", groupBy)) + " "
                + comparison + " " + threshold) + " for " + duration.getSeconds() + "s";
    }
}
