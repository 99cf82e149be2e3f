package dev.kvstores.kubernetes;

import dev.kvstores.StoreProblems;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How Prometheus reaches an in-cluster store's redis-exporter, shared by every in-cluster store's props (their
 * builders delegate to {@link Builder}).
 *
 * @param serviceMonitorEnabled a Prometheus Operator ServiceMonitor for the exporter. Default: false
 * @param serviceMonitorLabels  labels on the ServiceMonitor, which the Prometheus' {@code serviceMonitorSelector}
 *                              must match (e.g. {@code release: kube-prometheus-stack}); Kubernetes label keys and
 *                              values. Default: none
 * @param monitoringNamespace   the only namespace admitted to the exporter's port 9121 (Prometheus). Default:
 *                              {@value #DEFAULT_MONITORING_NAMESPACE}
 */
public record ServiceMonitoring(boolean serviceMonitorEnabled, Map<String, String> serviceMonitorLabels,
                                String monitoringNamespace) {

    /** Namespace of the monitoring stack (Prometheus), admitted to the exporter. */
    public static final String DEFAULT_MONITORING_NAMESPACE = "monitoring";

    public ServiceMonitoring {
        serviceMonitorLabels = Map.copyOf(Objects.requireNonNullElse(serviceMonitorLabels, Map.of()));
        monitoringNamespace = Objects.requireNonNullElse(monitoringNamespace, DEFAULT_MONITORING_NAMESPACE);
    }

    /**
     * Validates {@code monitoringNamespace} (a namespace name) and {@code serviceMonitorLabels} (Kubernetes labels)
     * into {@code problems}; the one place for them.
     */
    void check(String who, StoreProblems problems) {
        problems.check(() -> KubernetesNames.requireNamespace(who, "monitoringNamespace", monitoringNamespace));
        problems.check(() -> KubernetesNames.requireLabels(who, "serviceMonitorLabels", serviceMonitorLabels));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().serviceMonitorEnabled(serviceMonitorEnabled).serviceMonitorLabels(serviceMonitorLabels)
                .monitoringNamespace(monitoringNamespace);
    }

    /** Read access to the monitoring fields of a props record that composes them. */
    public interface Part {
        /** The composed monitoring fields. */
        ServiceMonitoring serviceMonitoring();

        default boolean serviceMonitorEnabled() { return serviceMonitoring().serviceMonitorEnabled(); }
        default Map<String, String> serviceMonitorLabels() { return serviceMonitoring().serviceMonitorLabels(); }
        default String monitoringNamespace() { return serviceMonitoring().monitoringNamespace(); }
    }

    /** Builder of {@link ServiceMonitoring}; unset fields take the documented defaults. */
    public static final class Builder {
        private boolean serviceMonitorEnabled;
        private final Map<String, String> serviceMonitorLabels = new TreeMap<>();
        private String monitoringNamespace;

        private Builder() {
        }

        public Builder serviceMonitorEnabled(boolean value) { this.serviceMonitorEnabled = value; return this; }
        public Builder serviceMonitorLabels(Map<String, String> value) { serviceMonitorLabels.clear(); serviceMonitorLabels.putAll(value); return this; }
        public Builder monitoringNamespace(String value) { this.monitoringNamespace = value; return this; }

        public ServiceMonitoring build() {
            return new ServiceMonitoring(serviceMonitorEnabled, serviceMonitorLabels, monitoringNamespace);
        }
    }
}
