package dev.kvstores.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyRule;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * KVS-SEC-LITERAL: every value of a Secret written by this library is a Terraform expression (a generated
 * password, a secret lookup), never a literal that would sit in plain text in {@code cdk.tf.json} and git.
 */
public final class SecretDataNotLiteral implements PolicyRule {
    @Override public String id() { return "KVS-SEC-LITERAL"; }
    @Override public String source() { return "project rule (DESIGN.md: passwords never literal in synthesized JSON)"; }
    @Override public String description() { return "kubernetes_secret data values are Terraform expressions"; }
    @Override public Set<String> resourceTypes() { return Set.of("kubernetes_secret", "kubernetes_secret_v1"); }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        for (String block : new String[] {"data", "binary_data"}) {
            Iterator<Map.Entry<String, JsonNode>> entries = resource.body().path(block).fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                if (!entry.getValue().asText().contains("${")) {
                    return Evaluation.nonCompliant(block + "." + entry.getKey() + " is a literal value");
                }
            }
        }
        return Evaluation.compliant();
    }
}
