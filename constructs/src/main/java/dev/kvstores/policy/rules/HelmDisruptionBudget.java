package dev.kvstores.policy.rules;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;

/** KVS-HELM-PDB: in production, every node group of the release has a PodDisruptionBudget. */
public final class HelmDisruptionBudget extends HelmReleaseRule {
    @Override public String id() { return "KVS-HELM-PDB"; }
    @Override public String source() { return "vendor guide, High Availability; DESIGN.md Kubernetes row (PDB)"; }
    @Override public String description() { return "production releases create a PodDisruptionBudget per node group"; }

    @Override
    Evaluation evaluate(SynthesizedResource resource, HelmValues values, PolicyContext context) {
        if (!context.production()) {
            return Evaluation.notApplicable();
        }
        for (String group : values.nodeGroups()) {
            String key = values.isRedisCluster() ? "pdb.create" : group + ".pdb.create";
            if (!values.isTrue(key)) {
                return Evaluation.nonCompliant(key + " is " + values.text(key));
            }
        }
        return Evaluation.compliant();
    }
}
