package dev.kvstores.kubernetes;

import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecEgress;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecEgressPorts;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecEgressTo;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecEgressToNamespaceSelector;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecEgressToPodSelector;
import dev.kvstores.StoreProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where the pods of an in-cluster store may open connections besides the store's own pods: the cluster DNS and,
 * for the Sentinel pods only (the {@code kubectl-shared} sidecar that moves the {@code -master} Service), the
 * Kubernetes API server.
 *
 * <p>A NetworkPolicy selects pods, not containers: the API rule applies to every container of the Sentinel data
 * pods (redis, sentinel, exporter, kubectl-shared), the smallest set Kubernetes can express; only
 * {@code kubectl-shared} holds a service-account token.
 *
 * @param dnsNamespace   namespace of the cluster DNS pods. Default: {@value #DEFAULT_DNS_NAMESPACE}
 * @param dnsPodLabels   labels of the cluster DNS pods. Default: {@code k8s-app: kube-dns} (CoreDNS and kube-dns
 *                       on EKS, GKE, AKS and kubeadm clusters)
 * @param apiServerCidrs addresses of the API server as the pods' packets reach it (the endpoints of Service
 *                       {@code default/kubernetes}:
 *                       {@value #API_SERVER_CIDRS_HINT}), e.g. {@code 10.0.0.15/32}. Default: none, which lets
 *                       the Sentinel pods reach any address on ports 443 and 6443 (stacks refuse this in production)
 */
public record ClusterEgress(String dnsNamespace, Map<String, String> dnsPodLabels, List<String> apiServerCidrs) {

    public static final String DEFAULT_DNS_NAMESPACE = "kube-system";
    public static final Map<String, String> DEFAULT_DNS_POD_LABELS = Map.of("k8s-app", "kube-dns");
    /** The command that prints the API server's addresses. */
    public static final String API_SERVER_CIDRS_HINT =
            "kubectl get endpoints kubernetes -n default -o jsonpath='{.subsets[*].addresses[*].ip}'";
    /** Ports the API server listens on: 443 (EKS, GKE, AKS) and 6443 (kubeadm, k3s, kind). */
    public static final List<Integer> API_SERVER_PORTS = List.of(443, 6443);

    private static final Pattern IPV4_CIDR = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)/(3[0-2]|[12]?\\d)");
    private static final Pattern IPV6_CIDR = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:]*/(12[0-8]|1[01]\\d|[1-9]?\\d)");

    public ClusterEgress {
        dnsNamespace = Objects.requireNonNullElse(dnsNamespace, DEFAULT_DNS_NAMESPACE);
        dnsPodLabels = dnsPodLabels == null || dnsPodLabels.isEmpty() ? DEFAULT_DNS_POD_LABELS
                : Map.copyOf(dnsPodLabels);
        apiServerCidrs = List.copyOf(Objects.requireNonNullElse(apiServerCidrs, List.of()));
    }

    /** The documented defaults: DNS pods {@code kube-system/k8s-app=kube-dns}, no API server addresses. */
    public static ClusterEgress defaults() {
        return new ClusterEgress(null, null, null);
    }

    /** The DNS pods' labels in a stable order. */
    public Map<String, String> sortedDnsPodLabels() {
        return new TreeMap<>(dnsPodLabels);
    }

    /** Egress rule to the cluster DNS pods on port 53 (UDP and TCP), for the NetworkPolicies we write. */
    NetworkPolicyV1SpecEgress dnsRule() {
        return NetworkPolicyV1SpecEgress.builder()
                .to(List.of(NetworkPolicyV1SpecEgressTo.builder()
                        .namespaceSelector(NetworkPolicyV1SpecEgressToNamespaceSelector.builder()
                                .matchLabels(Map.of("kubernetes.io/metadata.name", dnsNamespace)).build())
                        .podSelector(NetworkPolicyV1SpecEgressToPodSelector.builder()
                                .matchLabels(sortedDnsPodLabels()).build())
                        .build()))
                .ports(List.of(
                        NetworkPolicyV1SpecEgressPorts.builder().port("53").protocol("UDP").build(),
                        NetworkPolicyV1SpecEgressPorts.builder().port("53").protocol("TCP").build()))
                .build();
    }

    /** Checks the namespace, the labels and each CIDR; records one problem per bad value. */
    void validate(String who, StoreProblems problems) {
        problems.check(() -> KubernetesNames.requireNamespace(who, "egress.dnsNamespace", dnsNamespace));
        dnsPodLabels.forEach((key, value) -> {
            if (!KubernetesNames.isLabel(key, value)) {
                problems.add("EgressDnsLabels", who + ": egress.dnsPodLabels entry '" + key + "=" + value
                        + "' is not a Kubernetes label (key: [prefix/]name of letters, digits, '-', '_', '.';"
                        + " value: at most 63 of those); use the labels of your cluster DNS pods, e.g. k8s-app=kube-dns");
            }
        });
        for (String cidr : apiServerCidrs) {
            if (!isCidr(cidr)) {
                problems.add("EgressApiServerCidr", who + ": egress.apiServerCidrs entry '" + cidr + "' is not a"
                        + " CIDR block (e.g. 10.0.0.15/32); list the API server's addresses with " + API_SERVER_CIDRS_HINT);
            }
        }
    }

    /** True for an IPv4 or IPv6 CIDR block such as {@code 10.0.0.15/32} or {@code fd00::1/128}. */
    public static boolean isCidr(String value) {
        return value != null && (IPV4_CIDR.matcher(value).matches() || IPV6_CIDR.matcher(value).matches());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link ClusterEgress}; unset fields take the documented defaults. */
    public static final class Builder {
        private String dnsNamespace;
        private final Map<String, String> dnsPodLabels = new TreeMap<>();
        private final List<String> apiServerCidrs = new ArrayList<>();

        private Builder() {
        }

        public Builder dnsNamespace(String value) { this.dnsNamespace = value; return this; }
        public Builder dnsPodLabels(Map<String, String> value) { dnsPodLabels.clear(); dnsPodLabels.putAll(value); return this; }
        public Builder apiServerCidrs(List<String> value) { apiServerCidrs.clear(); apiServerCidrs.addAll(value); return this; }

        public ClusterEgress build() {
            return new ClusterEgress(dnsNamespace, dnsPodLabels, apiServerCidrs);
        }
    }
}
