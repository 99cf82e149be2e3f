package dev.kvstores.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.hashicorp.cdktf.providers.azurerm.portal_dashboard.PortalDashboard;
import com.hashicorp.cdktf.providers.azurerm.portal_dashboard.PortalDashboardConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * One Azure portal dashboard ({@code azurerm_portal_dashboard}) for an environment's caches: a metric chart per
 * alerted metric of each store, plus cache hits and misses. Every metric comes from {@link AzureMonitorMetric}.
 *
 * <p>Child: {@code Resource}.
 */
public final class AzureStoreDashboard extends Construct {

    /** A store on the dashboard: its resource ID (a Terraform reference) and metrics. */
    public record Store(String title, String resourceId, List<AzureMonitorMetric> metrics) {
        public Store {
            metrics = List.copyOf(metrics);
        }
    }

    private final String properties;

    public AzureStoreDashboard(Construct scope, String id, String name, String resourceGroupName, String location,
                               List<Store> stores, Map<String, String> tags) {
        super(scope, id);
        this.properties = render(stores);
        new PortalDashboard(this, "Resource", PortalDashboardConfig.builder().name(name)
                .resourceGroupName(resourceGroupName).location(location).dashboardProperties(properties)
                .tags(tags).build());
    }

    /** The dashboard properties (JSON, with Terraform references in resource IDs). */
    public String properties() {
        return properties;
    }

    static String render(List<Store> stores) {
        Map<String, Object> parts = new LinkedHashMap<>();
        int index = 0;
        int y = 0;
        for (Store store : stores) {
            int x = 0;
            for (AzureMonitorMetric metric : store.metrics()) {
                Map<String, Object> chartMetric = Map.of(
                        "resourceMetadata", Map.of("id", store.resourceId()),
                        "name", metric.metricName(),
                        "namespace", metric.namespace().namespaceName().toLowerCase(java.util.Locale.ROOT),
                        "aggregationType", 3,
                        "metricVisualization", Map.of("displayName", metric.metricName()));
                Map<String, Object> options = Map.of("chart", Map.of(
                        "title", store.title() + ": " + metric.metricName(),
                        "metrics", List.of(chartMetric),
                        "visualization", Map.of("chartType", 2)));
                parts.put(String.valueOf(index++), Map.of(
                        "position", Map.of("x", x, "y", y, "colSpan", 6, "rowSpan", 4),
                        "metadata", Map.of("type", "Extension/HubsExtension/PartType/MonitorChartPart",
                                "inputs", List.of(Map.of("name", "options", "value", options)))));
                x += 6;
                if (x >= 24) {
                    x = 0;
                    y += 4;
                }
            }
            y += x == 0 ? 0 : 4;
        }
        Map<String, Object> dashboard = Map.of("lenses", Map.of("0", Map.of("order", 0, "parts", parts)),
                "metadata", Map.of("model", Map.of()));
        try {
            return new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                    .writeValueAsString(dashboard);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
