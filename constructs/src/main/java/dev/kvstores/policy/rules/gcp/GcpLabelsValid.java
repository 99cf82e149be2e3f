package dev.kvstores.policy.rules.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.naming.GcpLabels;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyRule;
import dev.kvstores.policy.SynthesizedResource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * KVS-GCP-LABELS: every label key and value meets Google Cloud's label requirements ({@link GcpLabels}: keys of 1-63
 * lowercase letters, digits, {@code _} and {@code -} starting with a letter, values of at most 63 such characters, at
 * most 64 labels). Source: <a href="https://cloud.google.com/resource-manager/docs/creating-managing-labels#requirements">Requirements
 * for labels</a>.
 */
public final class GcpLabelsValid implements PolicyRule {

    /** The Google types kvstores creates (or may create) that carry {@code labels}. */
    static final Set<String> LABELLED_TYPES = Set.of("google_redis_instance", "google_memorystore_instance",
            // the Worker State backup (MemorystoreBackup)
            "google_storage_bucket", "google_kms_crypto_key", "google_workflows_workflow");

    @Override public String id() { return "KVS-GCP-LABELS"; }
    @Override public String source() { return "Google Cloud requirements for labels, " + GcpLabels.RULES_PAGE; }
    @Override public String description() { return "every label key and value meets Google Cloud's label requirements"; }
    @Override public Set<String> resourceTypes() { return LABELLED_TYPES; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        JsonNode labels = resource.body().get("labels");
        if (labels == null || !labels.isObject()) {
            return Evaluation.notApplicable();
        }
        Map<String, String> map = new TreeMap<>();
        labels.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        List<String> problems = GcpLabels.problems(map);
        return Evaluation.check(problems.isEmpty(), String.join("; ", problems));
    }

    @Override
    public String toString() {
        return id();
    }
}
