package dev.kvstores.policy.rules;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * KVS-HELM-IMAGE: every image in the values (any {@code *.image} map) names a tag or digest that is not
 * {@code latest} (the Helm counterpart of Checkov CKV_K8S_14).
 */
public final class HelmImageTagPinned extends HelmReleaseRule {
    @Override public String id() { return "KVS-HELM-IMAGE"; }
    @Override public String source() { return "project rule, after Checkov CKV_K8S_14 (image tag not latest)"; }
    @Override public String description() { return "every image in the release values has a pinned tag or digest"; }

    @Override
    Evaluation evaluate(SynthesizedResource resource, HelmValues values, PolicyContext context) {
        List<String> bad = new ArrayList<>();
        scan("", values.root(), bad);
        return Evaluation.check(bad.isEmpty(), "unpinned image(s): " + String.join(", ", bad));
    }

    private static void scan(String path, Map<?, ?> node, List<String> bad) {
        for (Map.Entry<?, ?> e : node.entrySet()) {
            String key = path.isEmpty() ? String.valueOf(e.getKey()) : path + "." + e.getKey();
            if (e.getValue() instanceof Map<?, ?> child) {
                if ("image".equals(e.getKey()) && child.containsKey("repository")) {
                    Object tag = child.get("tag");
                    Object digest = child.get("digest");
                    boolean hasDigest = digest != null && !String.valueOf(digest).isBlank();
                    boolean goodTag = tag != null && !String.valueOf(tag).isBlank() && !"latest".equals(tag);
                    if (!hasDigest && !goodTag) {
                        bad.add(key + " (tag '" + tag + "')");
                    }
                }
                scan(key, child, bad);
            }
        }
    }
}
