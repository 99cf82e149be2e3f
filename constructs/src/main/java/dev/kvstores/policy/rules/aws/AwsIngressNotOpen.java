package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** KVS-AWS-INGRESS-OPEN: no ingress rule admits 0.0.0.0/0 or ::/0. Re-implemented from vendor guide, Security: allowlist only SuprSend namespaces/VMs; use ... SGs. */
public final class AwsIngressNotOpen extends AwsRule {
    @Override public String id() { return "KVS-AWS-INGRESS-OPEN"; }
    @Override public String source() { return "vendor guide, Security: \"allowlist only SuprSend namespaces/VMs; use ... SGs\""; }
    @Override public String description() { return "no ingress rule admits 0.0.0.0/0 or ::/0"; }
    @Override public Set<String> resourceTypes() { return Set.of("aws_vpc_security_group_ingress_rule", "aws_security_group_rule", "aws_security_group"); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        java.util.List<String> open = new java.util.ArrayList<>();
        if (r.type().equals("aws_security_group")) {
            com.fasterxml.jackson.databind.JsonNode ingress = attribute(r, "ingress");
            if (ingress != null) {
                ingress.forEach(rule -> { collectOpen(rule.get("cidr_blocks"), open); collectOpen(rule.get("ipv6_cidr_blocks"), open); });
            }
        } else if (r.type().equals("aws_security_group_rule")) {
            if (!"ingress".equals(text(r, "type"))) {
                return Evaluation.notApplicable();
            }
            collectOpen(attribute(r, "cidr_blocks"), open);
            collectOpen(attribute(r, "ipv6_cidr_blocks"), open);
        } else {
            collectOpen(attribute(r, "cidr_ipv4"), open);
            collectOpen(attribute(r, "cidr_ipv6"), open);
        }
        return Evaluation.check(open.isEmpty(), "ingress from " + open);
    }

    private static void collectOpen(com.fasterxml.jackson.databind.JsonNode node, java.util.List<String> open) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isArray()) {
            node.forEach(item -> collectOpen(item, open));
        } else if (node.asText().endsWith("/0")) {
            open.add(node.asText());
        }
    }
}
