package dev.kvstores.kubernetes;

import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1Config;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1Metadata;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1Spec;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecEgress;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecEgressPorts;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecEgressTo;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecEgressToIpBlock;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecEgressToPodSelector;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecPodSelector;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The NetworkPolicy of a {@link WorkerStateBackup}'s job: what the pod may reach, nothing may reach it. */
final class BackupNetworkPolicy {

    private BackupNetworkPolicy() {
    }

    /**
     * The {@code NetworkPolicy} of {@code backup}'s job pods: no ingress; egress to the store's pods on its port,
     * the cluster DNS, the object store's port (its CIDRs when given) and, for GCS without a key, the node's
     * metadata server.
     */
    static void create(WorkerStateBackup backup, String name, Map<String, String> labels) {
        WorkerStateBackupProps props = backup.props();
        BackupSource source = backup.source();
        NetworkPolicyV1SpecEgress store = NetworkPolicyV1SpecEgress.builder()
                .to(List.of(NetworkPolicyV1SpecEgressTo.builder()
                        .podSelector(NetworkPolicyV1SpecEgressToPodSelector.builder()
                                .matchLabels(new TreeMap<>(source.storePodSelector())).build())
                        .build()))
                .ports(List.of(egressPort(source.port(), "TCP")))
                .build();
        NetworkPolicyV1SpecEgress dns = source.egress().dnsRule();
        // The object store's CIDRs when given; else (an exemption, or development) the port is the only restriction.
        NetworkPolicyV1SpecEgress.Builder upload = NetworkPolicyV1SpecEgress.builder()
                .ports(List.of(egressPort(objectStorePort(props), "TCP")));
        List<NetworkPolicyV1SpecEgressTo> blocks = props.objectStoreEgress().cidrs().stream()
                .map(cidr -> NetworkPolicyV1SpecEgressTo.builder().ipBlock(NetworkPolicyV1SpecEgressToIpBlock.builder()
                        .cidr(cidr).build()).build())
                .toList();
        if (!blocks.isEmpty()) {
            upload.to(blocks);
        }
        NetworkPolicyV1SpecEgress objectStore = upload.build();
        List<NetworkPolicyV1SpecEgress> egress = new ArrayList<>(List.of(store, dns, objectStore));
        if (props.destination().type() == BackupStorageType.GCS && props.credentialsSecretName() == null) {
            // GKE Workload Identity hands out tokens from the node's metadata server (80; 988 with Dataplane V2).
            egress.add(NetworkPolicyV1SpecEgress.builder()
                    .to(List.of(NetworkPolicyV1SpecEgressTo.builder().ipBlock(NetworkPolicyV1SpecEgressToIpBlock
                                    .builder().cidr("169.254.169.254/32").build()).build(),
                            NetworkPolicyV1SpecEgressTo.builder().ipBlock(NetworkPolicyV1SpecEgressToIpBlock
                                    .builder().cidr("169.254.169.252/32").build()).build()))
                    .ports(List.of(egressPort(80, "TCP"), egressPort(988, "TCP")))
                    .build());
        }
        new NetworkPolicyV1(backup, "NetworkPolicy", NetworkPolicyV1Config.builder()
                .metadata(NetworkPolicyV1Metadata.builder().name(name).namespace(source.namespace()).labels(labels)
                        .build())
                .spec(NetworkPolicyV1Spec.builder()
                        .podSelector(NetworkPolicyV1SpecPodSelector.builder().matchLabels(labels).build())
                        .policyTypes(List.of("Ingress", "Egress"))
                        .egress(egress)
                        .build())
                .build());
    }

    /** The object store's port: the endpoint's, else 443 (80 for a plain-HTTP endpoint). */
    static int objectStorePort(WorkerStateBackupProps props) {
        String endpoint = props.destination().endpoint();
        if (endpoint == null) {
            return 443;
        }
        URI uri = URI.create(endpoint);
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }

    private static NetworkPolicyV1SpecEgressPorts egressPort(int port, String protocol) {
        return NetworkPolicyV1SpecEgressPorts.builder().port(String.valueOf(port)).protocol(protocol).build();
    }
}
