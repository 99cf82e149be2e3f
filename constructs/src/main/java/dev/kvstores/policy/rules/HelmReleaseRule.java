package dev.kvstores.policy.rules;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyRule;
import dev.kvstores.policy.SynthesizedResource;
import dev.kvstores.role.StoreRole;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Base of the rules that read a {@code helm_release}'s values (Checkov and Trivy have none for Helm).
 * Values from every {@code values} document are merged, later documents winning, as Helm does.
 */
abstract class HelmReleaseRule implements PolicyRule {

    @Override
    public Set<String> resourceTypes() {
        return Set.of("helm_release");
    }

    @Override
    public final Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        Map<String, Object> values = new LinkedHashMap<>();
        resource.valuesDocuments().forEach(doc -> merge(values, doc));
        return evaluate(resource, new HelmValues(resource.text("chart"), values), context);
    }

    abstract Evaluation evaluate(SynthesizedResource resource, HelmValues values, PolicyContext context);

    /** Merges {@code from} into {@code into}, copying maps: the parsed documents are shared by all rules. */
    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> from) {
        from.forEach((k, v) -> {
            if (v instanceof Map<?, ?> map) {
                if (!(into.get(k) instanceof Map)) {
                    into.put(k, new LinkedHashMap<String, Object>());
                }
                merge((Map<String, Object>) into.get(k), (Map<String, Object>) map);
            } else {
                into.put(k, v);
            }
        });
    }

    /** Merged values of one release with dotted-path access. */
    record HelmValues(String chart, Map<String, Object> root) {

        Object get(String path) {
            Object node = root;
            for (String part : path.split("\\.")) {
                if (!(node instanceof Map<?, ?> map)) {
                    return null;
                }
                node = map.get(part);
            }
            return node;
        }

        boolean isTrue(String path) {
            return Boolean.TRUE.equals(get(path)) || "true".equals(String.valueOf(get(path)));
        }

        String text(String path) {
            Object value = get(path);
            return value == null ? null : String.valueOf(value);
        }

        /** The kvstores role label ({@code cache}, {@code worker-state}), or {@code null}. */
        String role() {
            Object labels = root.get("commonLabels");
            Object role = labels instanceof Map<?, ?> map ? map.get(StoreRole.LABEL_KEY) : null;
            return role == null ? null : role.toString();
        }

        boolean isRedisCluster() {
            return "redis-cluster".equals(chart);
        }

        boolean isSentinel() {
            return isTrue("sentinel.enabled");
        }

        /** Node groups carrying pods: {@code redis} (cluster), {@code replica} (sentinel) or master/replica. */
        List<String> nodeGroups() {
            if (isRedisCluster()) {
                return List.of("redis");
            }
            if (isSentinel()) {
                return List.of("replica");
            }
            return "replication".equals(text("architecture")) ? List.of("master", "replica") : List.of("master");
        }
    }
}
