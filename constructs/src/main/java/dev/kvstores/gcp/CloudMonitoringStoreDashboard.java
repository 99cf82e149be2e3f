package dev.kvstores.gcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.hashicorp.cdktf.providers.google.monitoring_dashboard.MonitoringDashboard;
import com.hashicorp.cdktf.providers.google.monitoring_dashboard.MonitoringDashboardConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * One Cloud Monitoring dashboard for an environment's Memorystore instances: memory, evictions, connections,
 * CPU, replication lag, keys and the hit ratio (cache) or the RDB snapshot age (worker) per instance. Every metric comes from
 * {@link MemorystoreMetric}.
 *
 * <p>Child: {@code Resource} ({@code google_monitoring_dashboard}).
 */
public final class CloudMonitoringStoreDashboard extends Construct {

    /** An instance on the dashboard. */
    public record Store(String title, String instanceName, boolean cache) {
    }

    private final String json;

    public CloudMonitoringStoreDashboard(Construct scope, String id, String displayName, List<Store> stores) {
        super(scope, id);
        this.json = render(displayName, stores);
        new MonitoringDashboard(this, "Resource", MonitoringDashboardConfig.builder().dashboardJson(json).build());
    }

    /** The dashboard JSON. */
    public String dashboardJson() {
        return json;
    }

    static String render(String displayName, List<Store> stores) {
        List<Object> tiles = new ArrayList<>();
        int y = 0;
        for (Store s : stores) {
            List<Object[]> charts = new ArrayList<>(List.of(
                    new Object[] {"memory used / maxmemory", MemorystoreMetric.MEMORY_USAGE_RATIO, "ALIGN_MAX"},
                    new Object[] {"evicted keys", MemorystoreMetric.EVICTED_KEYS, "ALIGN_DELTA"},
                    new Object[] {"connected clients", MemorystoreMetric.CONNECTED_CLIENTS, "ALIGN_MAX"},
                    new Object[] {"rejected connections", MemorystoreMetric.REJECTED_CONNECTIONS, "ALIGN_DELTA"},
                    new Object[] {"main thread CPU (s/s)", MemorystoreMetric.CPU_MAIN_THREAD, "ALIGN_RATE"},
                    new Object[] {"replication lag (s)", MemorystoreMetric.REPLICATION_LAG, "ALIGN_MAX"},
                    new Object[] {"keys", MemorystoreMetric.KEYS, "ALIGN_MAX"}));
            if (s.cache()) {
                charts.add(new Object[] {"hit ratio", MemorystoreMetric.CACHE_HIT_RATIO, "ALIGN_MEAN"});
            } else {
                charts.add(new Object[] {"seconds since the last successful RDB snapshot",
                        MemorystoreMetric.RDB_SNAPSHOT_LAST_SUCCESS_AGE, "ALIGN_MAX"});
            }
            int x = 0;
            for (Object[] c : charts) {
                MemorystoreMetric metric = (MemorystoreMetric) c[1];
                Map<String, Object> aggregation = new LinkedHashMap<>();
                aggregation.put("alignmentPeriod", "60s");
                aggregation.put("perSeriesAligner", c[2]);
                if (metric == MemorystoreMetric.CPU_MAIN_THREAD) {
                    // as the CPU policy: one line per node, system + user summed
                    aggregation.put("crossSeriesReducer", "REDUCE_SUM");
                    aggregation.put("groupByFields", MemorystoreAlerts.CPU_GROUP_BY);
                }
                Map<String, Object> query = Map.of("timeSeriesFilter", Map.of(
                        "filter", metric.filter(s.instanceName()),
                        "aggregation", aggregation));
                Map<String, Object> widget = Map.of("title", s.title() + ": " + c[0],
                        "xyChart", Map.of("dataSets", List.of(Map.of("plotType", "LINE",
                                "timeSeriesQuery", query))));
                Map<String, Object> tile = new LinkedHashMap<>();
                tile.put("xPos", x);
                tile.put("yPos", y);
                tile.put("width", 6);
                tile.put("height", 4);
                tile.put("widget", widget);
                tiles.add(tile);
                x += 6;
                if (x >= 24) {
                    x = 0;
                    y += 4;
                }
            }
            y += x == 0 ? 0 : 4;
        }
        Map<String, Object> dashboard = Map.of("displayName", displayName,
                "mosaicLayout", Map.of("columns", 24, "tiles", tiles));
        try {
            return new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                    .writeValueAsString(dashboard);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
