package dev.kvstores.policy.rules;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;

/** KVS-HELM-VERSION: every release pins an exact chart version (no range, no empty = latest). */
public final class HelmChartVersionPinned extends HelmReleaseRule {
    @Override public String id() { return "KVS-HELM-VERSION"; }
    @Override public String source() { return "project rule (repeatable deployments; DESIGN.md: chart versions pinned)"; }
    @Override public String description() { return "helm_release.version is an exact x.y.z version"; }

    @Override
    Evaluation evaluate(SynthesizedResource resource, HelmValues values, PolicyContext context) {
        String version = resource.text("version");
        return Evaluation.check(version != null && version.matches("\\d+\\.\\d+\\.\\d+"),
                "version is '" + version + "', not an exact x.y.z");
    }
}
