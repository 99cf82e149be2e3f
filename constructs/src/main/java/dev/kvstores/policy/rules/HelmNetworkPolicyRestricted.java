package dev.kvstores.policy.rules;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.List;
import java.util.Map;

/**
 * KVS-HELM-NETPOL: the chart's NetworkPolicy is on, {@code allowExternal} is false, no extra ingress rule admits
 * everything (an empty {@code from} or an all-addresses {@code ipBlock}, as Trivy KUBE-0001 forbids), the
 * exporter's port is admitted only from a namespace ({@code networkPolicy.metrics.allowExternal} false with
 * {@code ingressNSMatchLabels}: the chart renders a {@code from}-less rule otherwise, and the exporter's
 * {@code /scrape?target=} hands its password to any target; redis-cluster admits it only to the release's pods),
 * and egress is closed
 * ({@code allowExternalEgress} false).
 */
public final class HelmNetworkPolicyRestricted extends HelmReleaseRule {
    @Override public String id() { return "KVS-HELM-NETPOL"; }
    @Override public String source() { return "vendor guide, Security: \"Network: allowlist only SuprSend namespaces\"; Trivy KUBE-0001"; }
    @Override public String description() {
        return "networkPolicy.enabled, allowExternal false, no allow-all ingress, metrics from a namespace, egress closed";
    }

    @Override
    Evaluation evaluate(SynthesizedResource resource, HelmValues values, PolicyContext context) {
        if (!values.isTrue("networkPolicy.enabled") && values.get("extraDeploy") instanceof List<?> objects) {
            return ownPolicies(objects, context);
        }
        if (!values.isTrue("networkPolicy.enabled")) {
            return Evaluation.nonCompliant("networkPolicy.enabled is " + values.text("networkPolicy.enabled"));
        }
        if (!"false".equals(values.text("networkPolicy.allowExternal"))) {
            return Evaluation.nonCompliant("networkPolicy.allowExternal is " + values.text("networkPolicy.allowExternal")
                    + " (the chart's default true admits every pod)");
        }
        if (values.isTrue("metrics.enabled") && !values.isRedisCluster()) {
            if (!"false".equals(values.text("networkPolicy.metrics.allowExternal"))) {
                return Evaluation.nonCompliant("networkPolicy.metrics.allowExternal is "
                        + values.text("networkPolicy.metrics.allowExternal") + ": every pod can reach the exporter,"
                        + " whose /scrape?target= sends the admin password to any target");
            }
            if (!(values.get("networkPolicy.metrics.ingressNSMatchLabels") instanceof Map<?, ?> labels)
                    || labels.isEmpty()) {
                return Evaluation.nonCompliant("networkPolicy.metrics.ingressNSMatchLabels is empty: the chart then"
                        + " renders the metrics rule without 'from', which admits every pod");
            }
        }
        if (!"false".equals(values.text("networkPolicy.allowExternalEgress"))) {
            return Evaluation.nonCompliant("networkPolicy.allowExternalEgress is "
                    + values.text("networkPolicy.allowExternalEgress") + " (the chart then allows every egress)");
        }
        if (values.get("networkPolicy.extraIngress") instanceof List<?> rules) {
            for (Object rule : rules) {
                Object from = rule instanceof Map<?, ?> m ? m.get("from") : null;
                if (!(from instanceof List<?> peers) || peers.isEmpty()) {
                    return Evaluation.nonCompliant("an extraIngress rule has no 'from': it admits every source");
                }
                for (Object peer : peers) {
                    Object block = peer instanceof Map<?, ?> p ? p.get("ipBlock") : null;
                    Object cidr = block instanceof Map<?, ?> b ? b.get("cidr") : null;
                    if (NetworkPolicyIngressNotOpen.isOpenCidr(cidr)) {
                        return Evaluation.nonCompliant("an extraIngress rule admits ipBlock " + cidr);
                    }
                }
            }
        }
        return Evaluation.compliant();
    }

    /**
     * The release's own NetworkPolicies (the chart's off, ours in {@code extraDeploy}): at least one with ingress and
     * egress; every ingress rule names its sources, none an all-addresses block; in production every egress rule
     * names its destinations (development may let the Sentinel pods reach the API server's ports anywhere).
     */
    private static Evaluation ownPolicies(List<?> objects, PolicyContext context) {
        boolean both = false;
        for (Object object : objects) {
            if (!(object instanceof Map<?, ?> policy) || !"NetworkPolicy".equals(policy.get("kind"))) {
                continue;
            }
            Object name = policy.get("metadata") instanceof Map<?, ?> m ? m.get("name") : null;
            Map<?, ?> spec = policy.get("spec") instanceof Map<?, ?> s ? s : Map.of();
            both |= String.valueOf(spec.get("policyTypes")).contains("Ingress")
                    && String.valueOf(spec.get("policyTypes")).contains("Egress");
            for (Object rule : spec.get("ingress") instanceof List<?> l ? l : List.of()) {
                Object from = rule instanceof Map<?, ?> r ? r.get("from") : null;
                if (!(from instanceof List<?> peers) || peers.isEmpty()) {
                    return Evaluation.nonCompliant("NetworkPolicy " + name + " has an ingress rule without 'from'");
                }
                for (Object peer : peers) {
                    Object block = peer instanceof Map<?, ?> p ? p.get("ipBlock") : null;
                    Object cidr = block instanceof Map<?, ?> b ? b.get("cidr") : null;
                    if (NetworkPolicyIngressNotOpen.isOpenCidr(cidr)) {
                        return Evaluation.nonCompliant("NetworkPolicy " + name + " admits ipBlock " + cidr);
                    }
                }
            }
            for (Object rule : spec.get("egress") instanceof List<?> l ? l : List.of()) {
                Object to = rule instanceof Map<?, ?> r ? r.get("to") : null;
                if (context.production() && (!(to instanceof List<?> peers) || peers.isEmpty())) {
                    return Evaluation.nonCompliant("NetworkPolicy " + name + " has an egress rule without 'to'"
                            + " (ports " + ((Map<?, ?>) rule).get("ports") + "): its pods may reach any address;"
                            + " for the Kubernetes API set network.apiServerCidrs");
                }
            }
        }
        return both ? Evaluation.compliant()
                : Evaluation.nonCompliant("networkPolicy.enabled is false and extraDeploy has no NetworkPolicy with"
                        + " ingress and egress");
    }
}
