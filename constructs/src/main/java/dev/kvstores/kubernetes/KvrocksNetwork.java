package dev.kvstores.kubernetes;

import static dev.kvstores.kubernetes.KvrocksWorkerStateStore.METRICS_PORT;
import static dev.kvstores.kubernetes.KvrocksWorkerStateStore.TLS_PORT;

import com.hashicorp.cdktf.providers.kubernetes.manifest.Manifest;
import com.hashicorp.cdktf.providers.kubernetes.manifest.ManifestConfig;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1Config;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1Metadata;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1Spec;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecIngress;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecIngressFrom;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecIngressFromNamespaceSelector;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecIngressFromPodSelector;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecIngressPorts;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecPodSelector;
import com.hashicorp.cdktf.providers.kubernetes.service_v1.ServiceV1;
import com.hashicorp.cdktf.providers.kubernetes.service_v1.ServiceV1Config;
import com.hashicorp.cdktf.providers.kubernetes.service_v1.ServiceV1Metadata;
import com.hashicorp.cdktf.providers.kubernetes.service_v1.ServiceV1Spec;
import com.hashicorp.cdktf.providers.kubernetes.service_v1.ServiceV1SpecPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a {@link KvrocksWorkerStateStore} is reached: its Services (client, headless, metrics), the ServiceMonitor and
 * the NetworkPolicy.
 */
final class KvrocksNetwork {

    private KvrocksNetwork() {
    }

    /** A ClusterIP Service {@code id} of the TLS port ({@code clusterIp} "None": headless). */
    static void service(KvrocksWorkerStateStore store, KvrocksWorkerStateStoreProps props, String id, String name,
                        String clusterIp, Map<String, String> labels, Map<String, String> selector) {
        new ServiceV1(store, id, ServiceV1Config.builder()
                .metadata(ServiceV1Metadata.builder().name(name).namespace(props.namespace()).labels(labels).build())
                .spec(ServiceV1Spec.builder()
                        .type("ClusterIP")
                        .clusterIp(clusterIp)
                        .selector(selector)
                        .port(List.of(ServiceV1SpecPort.builder().name("redis-tls").port(TLS_PORT)
                                .targetPort(String.valueOf(TLS_PORT)).protocol("TCP").build()))
                        .build())
                .build());
    }

    /**
     * The exporter's Service ({@code <name>-metrics}, port {@code http-metrics}) and a ServiceMonitor that scrapes
     * it every 30 s, as the Bitnami charts do for theirs.
     */
    static void serviceMonitor(KvrocksWorkerStateStore store, KvrocksWorkerStateStoreProps props,
                               Map<String, String> labels, Map<String, String> selector) {
        Map<String, String> metricsLabels = new TreeMap<>(labels);
        metricsLabels.put("app.kubernetes.io/component", "metrics");
        new ServiceV1(store, "MetricsService", ServiceV1Config.builder()
                .metadata(ServiceV1Metadata.builder().name(props.name() + "-metrics").namespace(props.namespace())
                        .labels(metricsLabels).build())
                .spec(ServiceV1Spec.builder()
                        .type("ClusterIP")
                        .selector(selector)
                        .port(List.of(ServiceV1SpecPort.builder().name("http-metrics").port(METRICS_PORT)
                                .targetPort("metrics").protocol("TCP").build()))
                        .build())
                .build());
        Map<String, Object> monitorLabels = new TreeMap<>(labels);
        monitorLabels.putAll(props.serviceMonitorLabels());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", props.name());
        metadata.put("namespace", props.namespace());
        metadata.put("labels", monitorLabels);
        Map<String, Object> matchLabels = new TreeMap<>();
        matchLabels.put("app.kubernetes.io/name", "kvrocks");
        matchLabels.put("app.kubernetes.io/instance", props.name());
        matchLabels.put("app.kubernetes.io/component", "metrics");
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("port", "http-metrics");
        endpoint.put("interval", "30s");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("selector", Map.of("matchLabels", matchLabels));
        spec.put("namespaceSelector", Map.of("matchNames", List.of(props.namespace())));
        spec.put("endpoints", List.of(endpoint));
        Map<String, Object> monitor = new LinkedHashMap<>();
        monitor.put("apiVersion", "monitoring.coreos.com/v1");
        monitor.put("kind", "ServiceMonitor");
        monitor.put("metadata", metadata);
        monitor.put("spec", spec);
        new Manifest(store, "ServiceMonitor", ManifestConfig.builder().manifest(monitor).build());
    }

    /**
     * The store's NetworkPolicy: ingress from {@code allowedNamespaces} (and the backup job's pods) on the TLS port
     * and from the monitoring namespace on the exporter; egress to DNS only.
     */
    static void networkPolicy(KvrocksWorkerStateStore store, KvrocksWorkerStateStoreProps props,
                              Map<String, String> labels, Map<String, String> selector) {
        List<NetworkPolicyV1SpecIngressFrom> from = props.allowedNamespaces().stream()
                .map(ns -> NetworkPolicyV1SpecIngressFrom.builder()
                        .namespaceSelector(NetworkPolicyV1SpecIngressFromNamespaceSelector.builder()
                                .matchLabels(Map.of("kubernetes.io/metadata.name", ns)).build())
                        .build())
                .toList();
        List<NetworkPolicyV1SpecIngress> ingress = new ArrayList<>(List.of(
                NetworkPolicyV1SpecIngress.builder()
                        .from(from)
                        .ports(List.of(NetworkPolicyV1SpecIngressPorts.builder()
                                .port(String.valueOf(TLS_PORT)).protocol("TCP").build()))
                        .build(),
                NetworkPolicyV1SpecIngress.builder()
                        .from(List.of(NetworkPolicyV1SpecIngressFrom.builder()
                                .namespaceSelector(NetworkPolicyV1SpecIngressFromNamespaceSelector
                                        .builder().matchLabels(Map.of("kubernetes.io/metadata.name",
                                                props.monitoringNamespace())).build())
                                .build()))
                        .ports(List.of(NetworkPolicyV1SpecIngressPorts.builder()
                                .port(String.valueOf(METRICS_PORT)).protocol("TCP").build()))
                        .build()));
        if (props.backup() != null) {
            // The backup job's pods, in this namespace, by their labels.
            ingress.add(NetworkPolicyV1SpecIngress.builder()
                    .from(List.of(NetworkPolicyV1SpecIngressFrom.builder()
                            .podSelector(NetworkPolicyV1SpecIngressFromPodSelector.builder()
                                    .matchLabels(new TreeMap<>(WorkerStateBackup.podLabels(props.name()))).build())
                            .build()))
                    .ports(List.of(NetworkPolicyV1SpecIngressPorts.builder()
                            .port(String.valueOf(TLS_PORT)).protocol("TCP").build()))
                    .build());
        }
        new NetworkPolicyV1(store, "NetworkPolicy", NetworkPolicyV1Config.builder()
                .metadata(NetworkPolicyV1Metadata.builder().name(props.name()).namespace(props.namespace())
                        .labels(labels).build())
                .spec(NetworkPolicyV1Spec.builder()
                        .podSelector(NetworkPolicyV1SpecPodSelector.builder().matchLabels(selector).build())
                        .policyTypes(List.of("Ingress", "Egress"))
                        .ingress(ingress)
                        // One node, no replication: the pod only needs name resolution.
                        .egress(List.of(props.egress().dnsRule()))
                        .build())
                .build());
    }
}
