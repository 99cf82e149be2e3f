package dev.kvstores.kubernetes;

import dev.kvstores.internal.CronSchedule;
import dev.kvstores.role.AlertThresholds;
import dev.kvstores.role.StoreBasics;
import dev.kvstores.role.StoreRole;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@link StoreAlerts} and {@link StoreDashboard} watch: one in-cluster store, scraped by the Prometheus
 * Operator through the store's metrics Service (its redis-exporter on port 9121).
 *
 * @param role             the store's role; picks the baseline (cache: warn, worker state: page). Required
 * @param namespace        the store's namespace; the PrometheusRule and the dashboard ConfigMap go there. Required
 * @param storeName        the release (or KVRocks StatefulSet) name; names the objects. Required
 * @param metricsService   the Service in front of the exporters; the series carry it as label {@code service}.
 *                         Default: {@code <storeName>-metrics} (the Bitnami charts' name, and KVRocks')
 * @param expectedReplicas replicas the store runs (Sentinel: nodes - 1; redis-cluster: one per primary); 0 drops
 *                         the replication alerts. Default: 0
 * @param cpuMillicores    CPU limit of one node; the CPU alert compares against one core or this, whichever is
 *                         smaller. Default: 1000
 * @param maxmemoryEnabled the engine enforces {@code maxmemory} (Redis; not KVRocks): memory, eviction and OOM
 *                         alerts. Default: true
 * @param aofEnabled       append-only file on: AOF write and rewrite failure alerts. Default: false
 * @param rdbEnabled       RDB snapshots on: snapshot failure alert (also with {@code aofEnabled}: a manual BGSAVE
 *                         or a disk-based replica sync can fail the same way). Default: false
 * @param memoryLimitMebibytes the container's memory limit (a fork's child is charged to it too): with
 *                         {@code maxmemoryEnabled}, the fork-memory alert compares the server's RSS plus the last
 *                         fork's copy-on-write against it; 0 drops that alert (KVRocks does not fork). Default: 0
 * @param ruleLabels       labels on the PrometheusRule and the ServiceMonitor, which the Prometheus selects (e.g.
 *                         {@code release: kube-prometheus-stack}). Default: none
 * @param thresholds       thresholds and durations. Default: {@link AlertThresholds#defaults()}
 * @param backup           the store's backup CronJob ({@link WorkerStateBackup}), watched through kube-state-metrics:
 *                         the backup alerts (a failed run, no success within the schedule's longest gap plus a
 *                         margin). Default: none (no backup alerts)
 */
public record StoreMonitoringProps(
        StoreRole role,
        String namespace,
        String storeName,
        String metricsService,
        int expectedReplicas,
        int cpuMillicores,
        boolean maxmemoryEnabled,
        boolean aofEnabled,
        boolean rdbEnabled,
        int memoryLimitMebibytes,
        Map<String, String> ruleLabels,
        AlertThresholds thresholds,
        BackupWatch backup) {

    /**
     * A backup CronJob the alerts watch.
     *
     * @param cronJob  the CronJob's name (in the store's namespace); kube-state-metrics' {@code cronjob} label
     * @param staleAfter how long after the last successful run the backup counts as missing: the schedule's longest
     *                 gap between runs plus a margin for the run itself (positive)
     */
    public record BackupWatch(String cronJob, Duration staleAfter) {
        public BackupWatch {
            Objects.requireNonNull(cronJob, "cronJob");
            if (staleAfter == null || staleAfter.isNegative() || staleAfter.isZero()) {
                throw new IllegalArgumentException("staleAfter must be positive, got " + staleAfter);
            }
        }

        /**
         * The watch of the backup {@code props} configures for store {@code storeName}: its CronJob
         * ({@link WorkerStateBackup#jobName}), stale after the schedule's longest gap between runs
         * ({@link CronSchedule#longestGap()}, the recovery point) plus the start deadline and the run time limit
         * (a run may start an hour late and take its whole deadline, and still succeed).
         */
        public static BackupWatch of(WorkerStateBackupProps props, String storeName) {
            Duration gap = CronSchedule.parse(props.schedule()).longestGap();
            return new BackupWatch(WorkerStateBackup.jobName(storeName), gap
                    .plusSeconds(WorkerStateBackupProps.STARTING_DEADLINE_SECONDS)
                    .plusSeconds(props.activeDeadlineSeconds()));
        }
    }

    public StoreMonitoringProps {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(storeName, "storeName");
        metricsService = Objects.requireNonNullElse(metricsService, storeName + "-metrics");
        ruleLabels = Map.copyOf(Objects.requireNonNullElse(ruleLabels, Map.of()));
        thresholds = Objects.requireNonNullElse(thresholds, AlertThresholds.defaults());
        if (memoryLimitMebibytes < 0) {
            throw new IllegalArgumentException("memoryLimitMebibytes must not be negative, got " + memoryLimitMebibytes);
        }
    }

    /**
     * Throws one {@link dev.kvstores.StoreConfigException} naming every field that cannot be what it names: the
     * namespace, store, metrics Service and backup CronJob are Kubernetes names (they are quoted into the rules'
     * PromQL matchers, where a quote or a capital letter silently selects nothing) and {@code ruleLabels} are labels.
     * The one place these rules are checked, for {@link StoreAlerts} and {@link StoreDashboard}.
     */
    void check() {
        String who = "store monitoring (" + role.label() + ")";
        dev.kvstores.StoreProblems problems = new dev.kvstores.StoreProblems(who);
        problems.check(() -> KubernetesNames.requireDnsLabel(who, "namespace", namespace, 63));
        problems.check(() -> KubernetesNames.requireDnsLabel(who, "storeName", storeName, 63));
        problems.check(() -> KubernetesNames.requireDnsLabel(who, "metricsService", metricsService, 63));
        if (backup != null) {
            problems.check(() -> KubernetesNames.requireDnsLabel(who, "backup.cronJob", backup.cronJob(), 63));
        }
        problems.check(() -> KubernetesNames.requireLabels(who, "ruleLabels", ruleLabels));
        problems.throwIfAny();
    }

    /** The PromQL label matchers that select this store's exporter series. */
    public String selector() {
        return "namespace=\"" + namespace + "\",service=\"" + metricsService + "\"";
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder with what an in-cluster store's props already say, taken from their parts: {@code role}, the
     * namespace, the store's name and one node's CPU limit; the store adds replicas and what its engine runs.
     */
    static <P extends StoreBasics.Part & KubernetesStoreCommon.Part> Builder of(StoreRole role, P store) {
        return builder().role(role).namespace(store.namespace()).storeName(store.name())
                .cpuMillicores(store.size().cpuMillicores());
    }

    public Builder toBuilder() {
        return new Builder().role(role).namespace(namespace).storeName(storeName).metricsService(metricsService)
                .expectedReplicas(expectedReplicas).cpuMillicores(cpuMillicores).maxmemoryEnabled(maxmemoryEnabled)
                .aofEnabled(aofEnabled).rdbEnabled(rdbEnabled).memoryLimitMebibytes(memoryLimitMebibytes).ruleLabels(ruleLabels).thresholds(thresholds)
                .backup(backup);
    }

    /** Builder of {@link StoreMonitoringProps}; unset fields take the documented defaults. */
    public static final class Builder {
        private StoreRole role;
        private String namespace;
        private String storeName;
        private String metricsService;
        private int expectedReplicas;
        private int cpuMillicores = 1000;
        private boolean maxmemoryEnabled = true;
        private boolean aofEnabled;
        private boolean rdbEnabled;
        private int memoryLimitMebibytes;
        private final Map<String, String> ruleLabels = new TreeMap<>();
        private AlertThresholds thresholds;
        private BackupWatch backup;

        private Builder() {
        }

        public Builder role(StoreRole value) { this.role = value; return this; }
        public Builder namespace(String value) { this.namespace = value; return this; }
        public Builder storeName(String value) { this.storeName = value; return this; }
        public Builder metricsService(String value) { this.metricsService = value; return this; }
        public Builder expectedReplicas(int value) { this.expectedReplicas = value; return this; }
        public Builder cpuMillicores(int value) { this.cpuMillicores = value; return this; }
        public Builder maxmemoryEnabled(boolean value) { this.maxmemoryEnabled = value; return this; }
        public Builder aofEnabled(boolean value) { this.aofEnabled = value; return this; }
        public Builder rdbEnabled(boolean value) { this.rdbEnabled = value; return this; }
        public Builder memoryLimitMebibytes(int value) { this.memoryLimitMebibytes = value; return this; }
        public Builder ruleLabels(Map<String, String> value) { ruleLabels.clear(); ruleLabels.putAll(value); return this; }
        public Builder putRuleLabel(String key, String value) { ruleLabels.put(key, value); return this; }
        public Builder thresholds(AlertThresholds value) { this.thresholds = value; return this; }
        public Builder backup(BackupWatch value) { this.backup = value; return this; }

        /** The watch of {@code store}'s backup ({@link BackupWatch#of}), or none when it has no backup. */
        <P extends StoreBasics.Part & KubernetesWorkerStateCommon.Part> Builder backupOf(P store) {
            return backup(store.backup() == null ? null : BackupWatch.of(store.backup(), store.name()));
        }

        public StoreMonitoringProps build() {
            return new StoreMonitoringProps(role, namespace, storeName, metricsService, expectedReplicas,
                    cpuMillicores, maxmemoryEnabled, aofEnabled, rdbEnabled, memoryLimitMebibytes, ruleLabels, thresholds, backup);
        }
    }
}
