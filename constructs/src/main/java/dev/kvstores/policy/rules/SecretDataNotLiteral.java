package dev.kvstores.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyRule;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * KVS-SEC-LITERAL: every value of a Secret written by this library is a Terraform expression (a generated
 * password, a secret lookup), never a literal that would sit in plain text in {@code cdk.tf.json} and git. One literal
 * is allowed because it is public by construction: an age recipient ({@code age1...}, a public key), which the
 * backup's recipient Secret holds so that the stack, not whoever can edit Secrets, decides the backups' key.
 */
public final class SecretDataNotLiteral implements PolicyRule {
    /** An age X25519 recipient (public key); the same shape WorkerStateBackupProps accepts. */
    private static final Pattern AGE_RECIPIENT = Pattern.compile("age1[02-9ac-hj-np-z]{58}");

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
                String value = entry.getValue().asText();
                if (!value.contains("${") && !AGE_RECIPIENT.matcher(value).matches()) {
                    return Evaluation.nonCompliant(block + "." + entry.getKey() + " is a literal value");
                }
            }
        }
        return Evaluation.compliant();
    }
}
