package dev.kvstores.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.providers.kubernetes.config_map_v1.ConfigMapV1;
import com.hashicorp.cdktf.providers.kubernetes.config_map_v1.ConfigMapV1Config;
import com.hashicorp.cdktf.providers.kubernetes.config_map_v1.ConfigMapV1Metadata;
import dev.kvstores.role.StoreRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.constructs.Construct;

/**
 * One Grafana dashboard per store, as a ConfigMap labelled {@value #SIDECAR_LABEL}{@code : "1"} in the store's
 * namespace (the Grafana sidecar convention of kube-prometheus-stack: the sidecar must search that namespace, e.g.
 * {@code grafana.sidecar.dashboards.searchNamespace: ALL}). Panels: memory against maxmemory, ops/s, hit ratio
 * (cache), evictions, connected clients, replication, persistence (worker state); every query selects the store's
 * exporter series by namespace and metrics Service.
 *
 * <p>Child ID: {@code Resource}.
 */
public final class StoreDashboard extends Construct {

    /** The label Grafana's dashboard sidecar looks for. */
    public static final String SIDECAR_LABEL = "grafana_dashboard";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final ConfigMapV1 configMap;

    public StoreDashboard(Construct scope, String id, StoreMonitoringProps props) {
        super(scope, id);
        props.check();
        Map<String, String> labels = new TreeMap<>();
        labels.put(SIDECAR_LABEL, "1");
        labels.put("app.kubernetes.io/part-of", "suprsend");
        labels.put("app.kubernetes.io/managed-by-tool", "kvstores");
        labels.put(StoreRole.LABEL_KEY, props.role().label());
        String file = props.storeName() + ".json";
        this.configMap = new ConfigMapV1(this, "Resource", ConfigMapV1Config.builder()
                .metadata(ConfigMapV1Metadata.builder()
                        .name(props.storeName() + "-dashboard")
                        .namespace(props.namespace())
                        .labels(labels)
                        .build())
                .data(Map.of(file, dashboardJson(props)))
                .build());
    }

    /** The Grafana dashboard model (JSON). */
    static String dashboardJson(StoreMonitoringProps p) {
        String s = p.selector();
        boolean cache = p.role() == StoreRole.CACHE;
        List<Map<String, Object>> panels = new ArrayList<>();
        panels.add(panel("Memory used / maxmemory", "bytes",
                target("used {{pod}}", "redis_memory_used_bytes{" + s + "}"),
                target("maxmemory {{pod}}", "redis_memory_max_bytes{" + s + "}")));
        panels.add(panel("Commands per second", "ops",
                target("{{pod}}", "rate(redis_commands_processed_total{" + s + "}[5m])")));
        if (cache) {
            panels.add(panel("Hit ratio", "percentunit",
                    target("{{pod}}", "rate(redis_keyspace_hits_total{" + s + "}[5m]) / (rate(redis_keyspace_hits_total{"
                            + s + "}[5m]) + rate(redis_keyspace_misses_total{" + s + "}[5m]))")));
        }
        panels.add(panel("Evicted keys per second", "ops",
                target("{{pod}}", "rate(redis_evicted_keys_total{" + s + "}[5m])")));
        panels.add(panel("Connected clients", "short",
                target("clients {{pod}}", "redis_connected_clients{" + s + "}"),
                target("maxclients", "vector(" + StoreAlertRules.MAXCLIENTS + ")"),
                target("rejected/s {{pod}}", "rate(redis_rejected_connections_total{" + s + "}[5m])")));
        panels.add(panel("Replication", "short",
                target("connected replicas {{pod}}", "redis_connected_slaves{" + s + "}"),
                target("link to primary up {{pod}}", "redis_master_link_up{" + s + "}"),
                target("primary {{pod}}", "redis_instance_info{" + s + ",role=\"master\"}")));
        panels.add(panel("CPU (cores)", "short",
                target("{{pod}}", "rate(redis_cpu_sys_seconds_total{" + s + "}[5m]) + rate(redis_cpu_user_seconds_total{"
                        + s + "}[5m])")));
        if (!cache) {
            panels.add(panel("Persistence (1 = last write / save succeeded)", "short",
                    target("AOF write {{pod}}", "redis_aof_last_write_status{" + s + "}"),
                    target("AOF rewrite {{pod}}", "redis_aof_last_bgrewrite_status{" + s + "}"),
                    target("RDB save {{pod}}", "redis_rdb_last_bgsave_status{" + s + "}"),
                    target("changes since last save {{pod}}", "redis_rdb_changes_since_last_save{" + s + "}")));
            panels.add(panel("Rejected writes (OOM) per second", "ops",
                    target("{{pod}}", "rate(redis_errors_total{" + s + ",err=\"OOM\"}[5m])")));
        }
        for (int i = 0; i < panels.size(); i++) {
            panels.get(i).put("id", i + 1);
            panels.get(i).put("gridPos", Map.of("h", 8, "w", 12, "x", (i % 2) * 12, "y", (i / 2) * 8));
        }
        Map<String, Object> datasource = new LinkedHashMap<>();
        datasource.put("name", "datasource");
        datasource.put("type", "datasource");
        datasource.put("query", "prometheus");
        datasource.put("label", "Data source");
        Map<String, Object> dashboard = new LinkedHashMap<>();
        dashboard.put("uid", ("kvs-" + p.namespace() + "-" + p.storeName()).substring(0,
                Math.min(40, ("kvs-" + p.namespace() + "-" + p.storeName()).length())));
        dashboard.put("title", (cache ? "Cache Store" : "Worker State Store") + " " + p.namespace() + "/"
                + p.storeName());
        dashboard.put("tags", List.of("kvstores", p.role().label()));
        dashboard.put("schemaVersion", 39);
        dashboard.put("refresh", "30s");
        dashboard.put("time", Map.of("from", "now-6h", "to", "now"));
        dashboard.put("templating", Map.of("list", List.of(datasource)));
        dashboard.put("panels", panels);
        try {
            return JSON.writeValueAsString(dashboard);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SafeVarargs
    private static Map<String, Object> panel(String title, String unit, Map<String, Object>... targets) {
        Map<String, Object> panel = new LinkedHashMap<>();
        panel.put("type", "timeseries");
        panel.put("title", title);
        panel.put("datasource", Map.of("type", "prometheus", "uid", "${datasource}"));
        panel.put("fieldConfig", Map.of("defaults", Map.of("unit", unit), "overrides", List.of()));
        List<Map<String, Object>> list = new ArrayList<>();
        char ref = 'A';
        for (Map<String, Object> target : targets) {
            target.put("refId", String.valueOf(ref++));
            list.add(target);
        }
        panel.put("targets", list);
        return panel;
    }

    private static Map<String, Object> target(String legend, String expr) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("expr", expr);
        target.put("legendFormat", legend);
        return target;
    }

    /**
     * The Grafana dashboard of {@code store} as its child {@code Dashboard}, with {@code props} (e.g.
     * {@code store.monitoring().build()}), applied after the store's workload.
     */
    public static <S extends Construct & MonitoredStore> StoreDashboard of(S store, StoreMonitoringProps props) {
        return new StoreDashboard(store, "Dashboard", props).orderAfter(store.workload());
    }

    /** Applies the ConfigMap only after {@code resource} (e.g. the store's Helm release, which follows its namespace). */
    public StoreDashboard orderAfter(TerraformResource resource) {
        String fqn = resource.getTerraformResourceType() + "." + resource.getFriendlyUniqueId();
        List<String> all = new ArrayList<>(configMap.getDependsOn() == null ? List.of() : configMap.getDependsOn());
        all.add(fqn);
        configMap.setDependsOn(all);
        return this;
    }

    /**
     * The {@code kubernetes_config_map_v1}, as an escape hatch; typed as cdktf's {@code TerraformResource} so the
     * API is the same with the lean and the official provider bindings.
     */
    public TerraformResource resource() {
        return configMap;
    }
}
