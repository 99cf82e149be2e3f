package dev.kvstores.policy.rules;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.List;

/**
 * KVS-HELM-SPREAD: in production, every node group has hard pod anti-affinity and a topology spread
 * constraint across zones, so one node or zone failure cannot take the primary and its replicas together.
 */
public final class HelmAntiAffinity extends HelmReleaseRule {
    @Override public String id() { return "KVS-HELM-SPREAD"; }
    @Override public String source() { return "vendor guide, High Availability (\"anti-affinity across nodes\"); DESIGN.md zone spread"; }
    @Override public String description() { return "production node groups: podAntiAffinityPreset hard and zone topology spread"; }

    @Override
    Evaluation evaluate(SynthesizedResource resource, HelmValues values, PolicyContext context) {
        if (!context.production()) {
            return Evaluation.notApplicable();
        }
        for (String group : values.nodeGroups()) {
            if (!"hard".equals(values.text(group + ".podAntiAffinityPreset"))) {
                return Evaluation.nonCompliant(group + ".podAntiAffinityPreset is "
                        + values.text(group + ".podAntiAffinityPreset"));
            }
            if (!(values.get(group + ".topologySpreadConstraints") instanceof List<?> spread) || spread.isEmpty()) {
                return Evaluation.nonCompliant(group + ".topologySpreadConstraints is empty");
            }
        }
        return Evaluation.compliant();
    }
}
