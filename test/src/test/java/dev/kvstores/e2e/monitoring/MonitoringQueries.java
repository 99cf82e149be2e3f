package dev.kvstores.e2e.monitoring;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the monitoring objects out of a synthesized {@code cdk.tf.json}. */
public final class MonitoringQueries {

    private static final Pattern METRIC = Pattern.compile("\\b(redis_[a-z_]+|up)\\s*\\{");

    private MonitoringQueries() {
    }

    /** The {@code kubernetes_manifest} objects of {@code kind}, as their manifests. */
    static List<JsonNode> manifests(JsonNode stack, String kind) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode all = stack.path("resource").path("kubernetes_manifest");
        for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
            JsonNode manifest = it.next().getValue().path("manifest");
            if (kind.equals(manifest.path("kind").asText())) {
                out.add(manifest);
            }
        }
        return out;
    }

    /** Every PromQL expression of the rules and of the dashboards' panels. */
    static List<String> expressions(JsonNode stack, com.fasterxml.jackson.databind.ObjectMapper json)
            throws java.io.IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode rule : manifests(stack, "PrometheusRule")) {
            for (JsonNode group : rule.path("spec").path("groups")) {
                for (JsonNode r : group.path("rules")) {
                    out.add(r.path("expr").asText());
                }
            }
        }
        JsonNode maps = stack.path("resource").path("kubernetes_config_map_v1");
        for (Iterator<Map.Entry<String, JsonNode>> it = maps.fields(); it.hasNext(); ) {
            JsonNode configMap = it.next().getValue();
            if (!"1".equals(configMap.path("metadata").path("labels").path("grafana_dashboard").asText())) {
                continue;
            }
            for (JsonNode file : configMap.path("data")) {
                for (JsonNode panel : json.readTree(file.asText()).path("panels")) {
                    for (JsonNode target : panel.path("targets")) {
                        out.add(target.path("expr").asText());
                    }
                }
            }
        }
        assertFalse(out.isEmpty(), "no rule or dashboard expressions found");
        return out;
    }

    /** The metric names the rules and dashboards of {@code stack} query. */
    public static Set<String> metricNames(JsonNode stack, com.fasterxml.jackson.databind.ObjectMapper json)
            throws java.io.IOException {
        return metricNames(expressions(stack, json));
    }

    /** The metric names an expression selects (every selector has label matchers here). */
    static Set<String> metricNames(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions) {
            Matcher m = METRIC.matcher(expression);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
