package dev.kvstores.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.providers.aws.cloudwatch_dashboard.CloudwatchDashboard;
import com.hashicorp.cdktf.providers.aws.cloudwatch_dashboard.CloudwatchDashboardConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.constructs.Construct;

/**
 * One CloudWatch dashboard for an environment's stores: a graph per alarm signal with every node of the store
 * and the alarm threshold as a horizontal line (the failover graph shows IsPrimary per node), plus item counts and
 * (cache) the hit rate. Every metric comes from {@link CloudWatchMetric}.
 *
 * <pre>{@code
 * new CloudWatchStoreDashboard(stack, "Dashboard", "aws-prod-kvstores", "eu-west-1",
 *         List.of(new CloudWatchStoreDashboard.Store("Cache Store", cache.alarms())));
 * }</pre>
 *
 * <p>Child: {@code Resource} ({@code aws_cloudwatch_dashboard}).
 */
public final class CloudWatchStoreDashboard extends Construct {

    /** A store on the dashboard: a title and its alarms (their nodes and metrics). */
    public record Store(String title, List<AwsAlarm> alarms) {
        public Store {
            Objects.requireNonNull(title, "title");
            alarms = List.copyOf(alarms);
        }
    }

    private final String body;

    public CloudWatchStoreDashboard(Construct scope, String id, String dashboardName, String region,
                                    List<Store> stores) {
        super(scope, id);
        this.body = render(region, stores);
        new CloudwatchDashboard(this, "Resource", CloudwatchDashboardConfig.builder()
                .dashboardName(dashboardName).dashboardBody(body).build());
    }

    /** The dashboard body (JSON). */
    public String body() {
        return body;
    }

    static String render(String region, List<Store> stores) {
        List<Object> widgets = new ArrayList<>();
        int y = 0;
        for (Store store : stores) {
            widgets.add(Map.of("type", "text", "x", 0, "y", y, "width", 24, "height", 1,
                    "properties", Map.of("markdown", "## " + store.title())));
            y += 1;
            Map<String, List<AwsAlarm>> bySignal = new LinkedHashMap<>();
            for (AwsAlarm a : store.alarms()) {
                if (a.signal().equals("down")) {
                    continue; // SampleCount of CurrConnections: the connections graph shows the same series
                }
                bySignal.computeIfAbsent(a.signal(), k -> new ArrayList<>()).add(a);
            }
            List<List<AwsAlarm>> graphs = new ArrayList<>(bySignal.values());
            AwsAlarm first = store.alarms().isEmpty() ? null : store.alarms().get(0);
            int x = 0;
            for (List<AwsAlarm> group : graphs) {
                AwsAlarm a = group.get(0);
                // An expression alarm (failover) graphs its input metric; its threshold is on the expression.
                widgets.add(widget(x, y, a.signal() + " (" + a.metric().metricName() + ", " + a.statistic() + ")",
                        region, group.stream().map(g -> metric(g.metric(), g.dimensions(), g.statistic())).toList(),
                        a.expression() == null ? a.threshold() : null, a.alarmName()));
                x += 8;
                if (x >= 24) {
                    x = 0;
                    y += 6;
                }
            }
            if (first != null) {
                boolean memoryDb = first.metric().namespace() == CloudWatchMetric.Namespace.MEMORYDB;
                List<Map<String, String>> nodes = bySignal.values().iterator().next().stream()
                        .map(AwsAlarm::dimensions).toList();
                CloudWatchMetric items = memoryDb ? CloudWatchMetric.MEMORYDB_CURR_ITEMS
                        : CloudWatchMetric.ELASTICACHE_CURR_ITEMS;
                widgets.add(widget(x, y, "keys (CurrItems)", region,
                        nodes.stream().map(d -> metric(items, d, "Maximum")).toList(), null, null));
                x += 8;
                if (!memoryDb) {
                    if (x >= 24) {
                        x = 0;
                        y += 6;
                    }
                    widgets.add(widget(x, y, "hit rate (CacheHitRate)", region, nodes.stream()
                            .map(d -> metric(CloudWatchMetric.ELASTICACHE_CACHE_HIT_RATE, d, "Average")).toList(),
                            null, null));
                }
            }
            y += 6;
        }
        try {
            return new ObjectMapper().configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                    .writeValueAsString(Map.of("widgets", widgets));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Object> metric(CloudWatchMetric metric, Map<String, String> dimensions, String stat) {
        List<Object> row = new ArrayList<>(List.of(metric.namespace().namespaceName(), metric.metricName()));
        new java.util.TreeMap<>(dimensions).forEach((k, v) -> {
            row.add(k);
            row.add(v);
        });
        row.add(Map.of("stat", stat));
        return row;
    }

    private static Map<String, Object> widget(int x, int y, String title, String region, List<List<Object>> metrics,
                                              Double threshold, String label) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("title", title);
        properties.put("region", region);
        properties.put("view", "timeSeries");
        properties.put("period", 60);
        properties.put("metrics", metrics);
        if (threshold != null) {
            properties.put("annotations", Map.of("horizontal", List.of(Map.of("label", "alarm threshold",
                    "value", threshold))));
        }
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("type", "metric");
        w.put("x", x);
        w.put("y", y);
        w.put("width", 8);
        w.put("height", 6);
        w.put("properties", properties);
        return w;
    }
}
