package dev.kvstores.kubernetes;

import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.providers.kubernetes.manifest.Manifest;
import com.hashicorp.cdktf.providers.kubernetes.manifest.ManifestConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.constructs.Construct;

/**
 * The alert baseline of one in-cluster store as a Prometheus Operator {@code PrometheusRule}
 * ({@code monitoring.coreos.com/v1}, a {@code kubernetes_manifest}) in the store's namespace, labelled with
 * {@link StoreMonitoringProps#ruleLabels()} so the Prometheus' {@code ruleSelector} picks it up. Alerts carry
 * {@code severity} {@code page}, {@code warn} or {@code info} (route them in Alertmanager) plus
 * {@code kvstores_role} and {@code kvstores_store}; each has a summary and a description saying what it means
 * for the platform and what to do.
 *
 * <p>For a store of this library, {@link #of} takes what the store knows (role, namespace, name, replicas, CPU,
 * maxmemory / AOF / RDB) from the store and applies the rule after it:
 *
 * <pre>{@code
 * StoreAlerts.of(cache);
 * StoreAlerts.of(workerState, workerState.monitoring().putRuleLabel("release", "kube-prometheus-stack").build());
 * }</pre>
 *
 * <p>The Prometheus Operator CRDs must exist before the first apply ({@code kubernetes_manifest} plans against
 * the cluster's schema). Child ID: {@code Resource}.
 */
public final class StoreAlerts extends Construct {

    private final StoreMonitoringProps props;
    private final List<StoreAlertRules.Rule> rules;
    private final Manifest manifest;

    public StoreAlerts(Construct scope, String id, StoreMonitoringProps props) {
        super(scope, id);
        this.props = props;
        props.check();
        this.rules = StoreAlertRules.baseline(props);
        List<Map<String, Object>> rendered = new ArrayList<>();
        for (StoreAlertRules.Rule rule : rules) {
            rendered.add(rule.toMap(props.role(), props.storeName()));
        }
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("name", "kvstores-" + props.role().label() + "-" + props.storeName());
        group.put("rules", rendered);
        Map<String, Object> labels = new TreeMap<>(props.ruleLabels());
        labels.put("app.kubernetes.io/part-of", "suprsend");
        labels.put("app.kubernetes.io/managed-by-tool", "kvstores");
        labels.put(dev.kvstores.role.StoreRole.LABEL_KEY, props.role().label());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", props.storeName() + "-alerts");
        metadata.put("namespace", props.namespace());
        metadata.put("labels", labels);
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("apiVersion", "monitoring.coreos.com/v1");
        rule.put("kind", "PrometheusRule");
        rule.put("metadata", metadata);
        rule.put("spec", Map.of("groups", List.of(group)));
        this.manifest = new Manifest(this, "Resource", ManifestConfig.builder().manifest(rule).build());
    }

    /**
     * The alert baseline of {@code store} as its child {@code Alerts}, from what the store knows
     * ({@link MonitoredStore#monitoring()}), applied after the store's workload.
     */
    public static <S extends Construct & MonitoredStore> StoreAlerts of(S store) {
        return of(store, store.monitoring().build());
    }

    /**
     * The alert baseline of {@code store} as its child {@code Alerts} with {@code props} (start from
     * {@code store.monitoring()} to add rule labels or thresholds), applied after the store's workload.
     */
    public static <S extends Construct & MonitoredStore> StoreAlerts of(S store, StoreMonitoringProps props) {
        return new StoreAlerts(store, "Alerts", props).orderAfter(store.workload());
    }

    /** Applies the rule only after {@code resource} (e.g. the store's Helm release, which follows its namespace). */
    public StoreAlerts orderAfter(TerraformResource resource) {
        String fqn = resource.getTerraformResourceType() + "." + resource.getFriendlyUniqueId();
        List<String> all = new ArrayList<>(manifest.getDependsOn() == null ? List.of() : manifest.getDependsOn());
        all.add(fqn);
        manifest.setDependsOn(all);
        return this;
    }

    /** Alert names in the rule, in order. */
    public List<String> alertNames() {
        return rules.stream().map(StoreAlertRules.Rule::name).toList();
    }

    /**
     * One line per alert for the synthesis report: {@code Name (severity, for 5m): summary}; the backup alerts add
     * that they need kube-state-metrics.
     */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (StoreAlertRules.Rule rule : rules) {
            lines.add(rule.name() + " (" + rule.severity()
                    + (rule.forDuration().isZero() ? "" : ", for " + rule.forText()) + "): " + rule.summary()
                    + (rule.signal() == dev.kvstores.role.AlertSignal.BACKUP
                    ? "; needs kube-state-metrics scraped by the same Prometheus" : ""));
        }
        return lines;
    }

    /** The props this was built from. */
    public StoreMonitoringProps props() {
        return props;
    }

    /**
     * The {@code kubernetes_manifest}, as an escape hatch; typed as cdktf's {@code TerraformResource} so the API is
     * the same with the lean and the official provider bindings.
     */
    public TerraformResource resource() {
        return manifest;
    }
}
