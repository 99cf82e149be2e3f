package dev.kvstores.kubernetes;

import dev.kvstores.role.AlertSignal;
import dev.kvstores.role.AlertThresholds;
import dev.kvstores.role.SignalCoverage;
import dev.kvstores.role.StoreRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The role's alert baseline ({@link AlertSignal}, severities from there) of one in-cluster store as Prometheus
 * alerting rules over redis-exporter series ({@link #coverage} maps each signal to its rules): what
 * {@link StoreAlerts} renders into a PrometheusRule and the report lists, and what the promtool tests load.
 */
public final class StoreAlertRules {

    /**
     * The fork-memory alert fires when the server's RSS plus the larger of the last RDB and AOF-rewrite
     * copy-on-write sizes, the peak the next fork would reach at the same write load, passes this percentage of
     * the container's memory limit (the kernel OOM-kills the container at 100%).
     */
    public static final int FORK_MEMORY_PERCENT = 90;
    /**
     * The slow-fork alert fires when the last fork blocked the server longer than this (seconds): every command
     * waits for it; Redis' latency guide expects about 10-20 ms per GB on modern hardware.
     */
    public static final int FORK_SLOW_SECONDS = 1;

    /**
     * One alerting rule of baseline signal {@code signal} ({@link #coverage}). {@code forDuration} zero: fires on
     * the first evaluation that matches.
     */
    public record Rule(AlertSignal signal, String name, String severity, String expression, Duration forDuration, String summary,
                       String description) {

        /** Prometheus duration text, e.g. {@code 5m}, {@code 90s}. */
        public String forText() {
            return promDuration(forDuration);
        }

        /** The rule as the PrometheusRule / rules file holds it. */
        public Map<String, Object> toMap(StoreRole role, String storeName) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("alert", name);
            rule.put("expr", expression);
            if (!forDuration.isZero()) {
                rule.put("for", forText());
            }
            Map<String, Object> labels = new LinkedHashMap<>();
            labels.put("severity", severity);
            labels.put("kvstores_role", role.label());
            labels.put("kvstores_store", storeName);
            rule.put("labels", labels);
            Map<String, Object> annotations = new LinkedHashMap<>();
            annotations.put("summary", summary);
            annotations.put("description", description);
            rule.put("annotations", annotations);
            return rule;
        }
    }

    private StoreAlertRules() {
    }

    /** The baseline's severity label of {@code signal} for {@code role}. */
    private static String severity(AlertSignal signal, StoreRole role) {
        return signal.severity(role).label();
    }

    /**
     * How the in-cluster PrometheusRule covers each signal of the baseline for a store of {@code role}: the alert
     * names, the first the signal's main alert (its severity the baseline's), the others at most as urgent. The
     * exporter publishes every series the baseline needs, so nothing is uncovered.
     */
    public static SignalCoverage coverage(AlertSignal signal, StoreRole role) {
        String prefix = role == StoreRole.WORKER_STATE ? "WorkerStateStore" : "CacheStore";
        return switch (signal) {
            case DOWN -> SignalCoverage.covered(signal, prefix + "Down");
            case MEMORY -> SignalCoverage.covered(signal, prefix + "MemoryHigh", prefix + "ForkMemoryHigh");
            case EVICTIONS -> SignalCoverage.covered(signal,
                    prefix + (role == StoreRole.WORKER_STATE ? "EvictedKeys" : "Evicting"));
            case REJECTED_WRITES -> SignalCoverage.covered(signal, prefix + "RejectingWrites");
            case REPLICATION -> SignalCoverage.covered(signal, prefix + "ReplicaLinkDown", prefix + "ReplicasMissing");
            case FAILOVER -> SignalCoverage.covered(signal, prefix + "FailoverHappened");
            case PERSISTENCE -> SignalCoverage.covered(signal, prefix + "RdbSaveFailed", prefix + "AofWriteFailed",
                    prefix + "AofRewriteFailed");
            case CONNECTIONS -> SignalCoverage.covered(signal, prefix + "ConnectionsNearLimit");
            case REJECTED_CONNECTIONS -> SignalCoverage.covered(signal, prefix + "RejectedConnections");
            case CPU -> SignalCoverage.covered(signal, prefix + "CpuHigh", prefix + "ForkSlow");
            case BACKUP -> SignalCoverage.covered(signal, prefix + "BackupMissing", prefix + "BackupFailed");
        };
    }

    /** The baseline's features of the store {@code p} describes. */
    public static AlertSignal.Features features(StoreMonitoringProps p) {
        return new AlertSignal.Features(p.maxmemoryEnabled(), p.expectedReplicas() > 0, p.aofEnabled() || p.rdbEnabled(),
                p.backup() != null);
    }

    /** Prometheus duration text of whole seconds: {@code 1h}, {@code 5m}, {@code 90s}. */
    public static String promDuration(Duration d) {
        long s = d.getSeconds();
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    /**
     * The stores' {@code maxclients}: Redis' and KVRocks' default, which neither the charts nor our configuration
     * change. A constant, not {@code redis_config_maxclients}: that metric needs {@code CONFIG GET}, which the
     * exporter's monitoring user must not have (it prints {@code masterauth}, the admin password).
     */
    public static final int MAXCLIENTS = 10000;

    /** The baseline for {@code props}' role, in a fixed order. */
    public static List<Rule> baseline(StoreMonitoringProps p) {
        boolean worker = p.role() == StoreRole.WORKER_STATE;
        AlertThresholds t = p.thresholds();
        String s = p.selector();
        String prefix = worker ? "WorkerStateStore" : "CacheStore";
        String store = worker ? "Worker State Store" : "Cache Store";
        String where = " (" + p.namespace() + "/" + p.storeName() + ")";
        List<Rule> rules = new ArrayList<>();

        rules.add(new Rule(AlertSignal.DOWN, prefix + "Down", severity(AlertSignal.DOWN, p.role()),
                "redis_up{" + s + "} == 0 or up{" + s + "} == 0 or absent(up{" + s + "})", t.downFor(),
                store + " node down or unreachable" + where,
                worker
                        ? "The exporter cannot reach a Worker State Store node, or no exporter is scraped at all."
                        + " Workflows, retries and queue progress stall while the primary is down. Check the pods"
                        + " (kubectl -n " + p.namespace() + " get pods), their events and logs; with Sentinel a"
                        + " replica should be promoted within seconds. If every node is down, restore service first:"
                        + " the platform cannot progress any workflow without this store."
                        : "The exporter cannot reach a Cache Store node, or no exporter is scraped at all. The"
                        + " platform loses idempotency keys and short-lived data: duplicate sends are possible and"
                        + " latency rises. Check the pods (kubectl -n " + p.namespace() + " get pods), events and"
                        + " logs; with Sentinel a replica should be promoted within seconds."));

        if (p.maxmemoryEnabled()) {
            int percent = worker ? t.workerMemoryPagePercent() : t.cacheMemoryWarnPercent();
            rules.add(new Rule(AlertSignal.MEMORY, prefix + "MemoryHigh", severity(AlertSignal.MEMORY, p.role()),
                    "redis_memory_used_bytes{" + s + "} / (redis_memory_max_bytes{" + s + "} > 0) * 100 > " + percent,
                    t.memoryFor(),
                    store + " memory above " + percent + "% of maxmemory" + where,
                    worker
                            ? "The Worker State Store runs with noeviction: when used memory reaches maxmemory every"
                            + " write fails with OOM and workflows stop. Find what grows (redis-cli --bigkeys, stuck"
                            + " queues, retries that never finish), then raise the size (workerState.size or"
                            + " memoryMebibytes) before it fills."
                            : "The Cache Store is near maxmemory; allkeys-lru will evict keys, which is expected for a"
                            + " cache but shortens how long idempotency keys live. If evictions stay high (see"
                            + " CacheStoreEvicting), raise cache.size or memoryMebibytes."));
            if (worker) {
                rules.add(new Rule(AlertSignal.EVICTIONS, prefix + "EvictedKeys", severity(AlertSignal.EVICTIONS, p.role()),
                        "increase(redis_evicted_keys_total{" + s + "}[5m]) > 0", Duration.ZERO,
                        "Worker State Store evicted keys" + where,
                        "The Worker State Store must never evict (noeviction): an eviction deleted workflow or"
                        + " queue state. Check the running maxmemory-policy (redis-cli CONFIG GET maxmemory-policy),"
                        + " restore noeviction, and check the affected workflows for lost steps."));
                rules.add(new Rule(AlertSignal.REJECTED_WRITES, prefix + "RejectingWrites", severity(AlertSignal.REJECTED_WRITES, p.role()),
                        "increase(redis_errors_total{" + s + ",err=\"OOM\"}[5m]) > 0 or (redis_errors_total{" + s
                                + ",err=\"OOM\"} unless redis_errors_total{" + s + ",err=\"OOM\"} offset 5m) > 0",
                        Duration.ZERO,
                        "Worker State Store rejects writes: out of memory" + where,
                        "Writes fail with OOM (used memory reached maxmemory under noeviction): workers cannot"
                        + " record progress and workflows fail or retry. Free memory now (expire or delete stale"
                        + " keys) or raise workerState.size / memoryMebibytes and apply."));
            } else {
                rules.add(new Rule(AlertSignal.EVICTIONS, prefix + "Evicting", severity(AlertSignal.EVICTIONS, p.role()),
                        "rate(redis_evicted_keys_total{" + s + "}[5m]) > 0", t.cacheEvictionsFor(),
                        "Cache Store evicting keys" + where,
                        "The cache is full and evicts least-recently-used keys. Normal under load, but sustained"
                        + " evictions shorten idempotency windows and lower the hit ratio (see the dashboard)."
                        + " Raise cache.size or memoryMebibytes if the hit ratio drops."));
            }
        }

        if (p.maxmemoryEnabled() && p.memoryLimitMebibytes() > 0) {
            forkRules(rules, p, prefix, store, where, worker);
        }

        rules.add(new Rule(AlertSignal.REJECTED_CONNECTIONS, prefix + "RejectedConnections", severity(AlertSignal.REJECTED_CONNECTIONS, p.role()),
                "increase(redis_rejected_connections_total{" + s + "}[5m]) > 0", Duration.ZERO,
                store + " rejected client connections" + where,
                "Connections were refused because maxclients was reached: platform services get connection errors."
                + " Look for a service leaking connections (CLIENT LIST) or raise maxclients."));
        rules.add(new Rule(AlertSignal.CONNECTIONS, prefix + "ConnectionsNearLimit", severity(AlertSignal.CONNECTIONS, p.role()),
                "redis_connected_clients{" + s + "} / " + MAXCLIENTS + " * 100 > "
                        + t.connectionsWarnPercent(), t.connectionsFor(),
                store + " connections above " + t.connectionsWarnPercent() + "% of maxclients" + where,
                "New connections will be refused when maxclients is reached. Check which services hold the"
                + " connections (CLIENT LIST), fix pool sizes or leaks, or raise maxclients."));

        double cores = Math.min(1.0, p.cpuMillicores() / 1000.0);
        rules.add(new Rule(AlertSignal.CPU, prefix + "CpuHigh", severity(AlertSignal.CPU, p.role()),
                "(rate(redis_cpu_sys_seconds_total{" + s + "}[5m]) + rate(redis_cpu_user_seconds_total{" + s
                        + "}[5m])) * 100 / " + number(cores) + " > " + t.cpuWarnPercent(), t.cpuFor(),
                store + " CPU above " + t.cpuWarnPercent() + "% for " + promDuration(t.cpuFor()) + where,
                "Redis executes commands on one thread; near saturation every platform request waits longer."
                + " Check the slow log (SLOWLOG GET) and expensive commands (KEYS, large ranges), then raise the"
                + " CPU size or spread load."));

        if (p.expectedReplicas() > 0) {
            rules.add(new Rule(AlertSignal.REPLICATION, prefix + "ReplicaLinkDown", severity(AlertSignal.REPLICATION, p.role()),
                    "redis_master_link_up{" + s + "} == 0", t.replicationFor(),
                    store + " replica lost its link to the primary" + where,
                    "A replica is not replicating: a failover now would lose recent writes"
                    + (worker ? " (workflow state)" : "") + ". Check the replica's log for sync errors (TLS,"
                    + " password, full sync failing for memory or disk) and the primary's reachability."));
            rules.add(new Rule(AlertSignal.REPLICATION, prefix + "ReplicasMissing", severity(AlertSignal.REPLICATION, p.role()),
                    "sum by (namespace, service) (redis_connected_slaves{" + s + "}) < " + p.expectedReplicas(),
                    t.replicationFor(),
                    store + " has fewer than " + p.expectedReplicas() + " connected replicas" + where,
                    "Fewer replicas are connected than the store runs, so a node failure may not fail over (or may"
                    + " lose data). Check for pending or crash-looping pods and replication errors in their logs."));
            rules.add(new Rule(AlertSignal.FAILOVER, prefix + "FailoverHappened", severity(AlertSignal.FAILOVER, p.role()),
                    "redis_instance_info{" + s + ",role=\"master\"} and on (instance) max_over_time("
                            + "redis_instance_info{" + s + ",role=\"slave\"}[" + promDuration(t.failoverWindow())
                            + "])", Duration.ZERO,
                    store + " failed over: a replica became the primary" + where,
                    "Sentinel (or the cluster) promoted a replica. Clients reconnect to the new primary; writes"
                    + " acknowledged just before the failover may be lost. Find why the old primary failed (node,"
                    + " eviction of the pod, OOM kill) and check that it rejoined as a replica."));
        }

        if (worker && p.aofEnabled()) {
            rules.add(new Rule(AlertSignal.PERSISTENCE, prefix + "AofWriteFailed", severity(AlertSignal.PERSISTENCE, p.role()),
                    "redis_aof_last_write_status{" + s + "} == 0", Duration.ZERO,
                    "Worker State Store cannot write its append-only file" + where,
                    "Writing the AOF failed: Redis refuses writes until it succeeds, and acknowledged state may not"
                    + " be durable. Check the volume (full, read-only, I/O errors) in the pod's log and the PVC."));
            rules.add(new Rule(AlertSignal.PERSISTENCE, prefix + "AofRewriteFailed", severity(AlertSignal.PERSISTENCE, p.role()),
                    "redis_aof_last_bgrewrite_status{" + s + "} == 0", Duration.ZERO,
                    "Worker State Store AOF rewrite failed" + where,
                    "The last AOF rewrite failed, so the AOF keeps growing and restarts get slower; usually the"
                    + " volume is full or the fork ran out of memory. Check the pod's log, the PVC usage and memory."));
        }
        if (worker && (p.rdbEnabled() || p.aofEnabled())) {
            rules.add(new Rule(AlertSignal.PERSISTENCE, prefix + "RdbSaveFailed", severity(AlertSignal.PERSISTENCE, p.role()),
                    "redis_rdb_last_bgsave_status{" + s + "} == 0", Duration.ZERO,
                    "Worker State Store RDB snapshot failed" + where,
                    "The last BGSAVE (the save schedule when on, a manual BGSAVE, a disk-based replica sync) failed;"
                    + " with stop-writes-on-bgsave-error Redis refuses writes until a save succeeds. Check the volume"
                    + " (full, read-only) and memory for the fork (WorkerStateStoreForkMemoryHigh) in the pod's log."));
        }
        if (p.backup() != null) {
            backupRules(rules, p, prefix, store, where);
        }
        SignalCoverage.requireMainAlerts("in-cluster", p.role(), features(p), signal -> coverage(signal, p.role()),
                rules.stream().map(Rule::name).toList());
        return List.copyOf(rules);
    }

    /**
     * The backup CronJob, from kube-state-metrics series (the exporter cannot see it): no successful run for longer
     * than the schedule allows ({@link StoreMonitoringProps.BackupWatch#staleAfter()}; also a CronJob that never
     * succeeded, or whose series are gone: deleted, or kube-state-metrics not scraped), and a failed run (a Job of
     * the CronJob with the {@code Failed} condition, started after the last success).
     */
    private static void backupRules(List<Rule> rules, StoreMonitoringProps p, String prefix, String store,
                                    String where) {
        StoreMonitoringProps.BackupWatch b = p.backup();
        String ns = "namespace=\"" + p.namespace() + "\"";
        String cj = ns + ",cronjob=\"" + b.cronJob() + "\"";
        long stale = b.staleAfter().getSeconds();
        String lastSuccess = "kube_cronjob_status_last_successful_time{" + cj + "}";
        rules.add(new Rule(AlertSignal.BACKUP, prefix + "BackupMissing", severity(AlertSignal.BACKUP, p.role()),
                "time() - " + lastSuccess + " > " + stale
                        + " or (time() - kube_cronjob_created{" + cj + "} > " + stale + " unless on (namespace, cronjob) "
                        + lastSuccess + ") or absent(kube_cronjob_created{" + cj + "})",
                BACKUP_MISSING_FOR,
                store + " backup has not succeeded for over " + promDuration(b.staleAfter()) + where,
                "The backup CronJob " + b.cronJob() + " has no successful run within the schedule's longest gap"
                + " plus the start deadline and run time limit (or never succeeded, or its series are gone: the"
                + " CronJob was deleted or kube-state-metrics is not scraped). The newest restorable copy of the"
                + " workflow state is older than the recovery point the schedule promises. Check the CronJob"
                + " (kubectl -n " + p.namespace() + " get cronjob,jobs -l app.kubernetes.io/component=backup), its"
                + " last Job's log, suspend, and the object store; run a backup now (kubectl create job --from=cronjob/"
                + b.cronJob() + ")."));
        rules.add(new Rule(AlertSignal.BACKUP, prefix + "BackupFailed", severity(AlertSignal.BACKUP, p.role()),
                "kube_job_failed{" + ns + ",condition=\"true\"} > 0 and on (namespace, job_name) kube_job_owner{" + ns
                        + ",owner_kind=\"CronJob\",owner_name=\"" + b.cronJob() + "\"} unless on (namespace, job_name)"
                        + " (kube_job_status_start_time{" + ns + "} < on (namespace) group_left () " + lastSuccess + ")",
                Duration.ZERO,
                store + " backup run failed" + where,
                "A Job of the backup CronJob " + b.cronJob() + " failed (its retries or its run time limit ran out)"
                + " and no run has succeeded since: tonight's copy of the workflow state is missing. Read the failed"
                + " Job's pod log (kubectl -n " + p.namespace() + " logs job/<job>): store unreachable, credentials,"
                + " object store access or the encryption key; fix it and run a backup now (kubectl create job"
                + " --from=cronjob/" + b.cronJob() + ")."));
    }

    /**
     * How long the backup must look missing before {@code BackupMissing} fires: rides over a scrape gap or a
     * kube-state-metrics restart (the staleness itself is hours).
     */
    public static final Duration BACKUP_MISSING_FOR = Duration.ofMinutes(15);

    /** Memory of a fork against the container limit, and the fork's own duration. */
    private static void forkRules(List<Rule> rules, StoreMonitoringProps p, String prefix, String store,
                                  String where, boolean worker) {
        String s = p.selector();
        long limitBytes = p.memoryLimitMebibytes() * 1024L * 1024L;
        rules.add(new Rule(AlertSignal.MEMORY, prefix + "ForkMemoryHigh", severity(AlertSignal.MEMORY, p.role()),
                "(redis_memory_used_rss_bytes{" + s + "} + (redis_rdb_last_cow_size_bytes{" + s
                        + "} >= redis_aof_last_cow_size_bytes{" + s + "} or redis_aof_last_cow_size_bytes{" + s
                        + "})) / " + limitBytes + " * 100 > " + FORK_MEMORY_PERCENT,
                p.thresholds().memoryFor(),
                store + " memory plus the last fork's copy-on-write above " + FORK_MEMORY_PERCENT + "% of the "
                        + p.memoryLimitMebibytes() + " MiB limit" + where,
                "The server's RSS plus what its last fork copied on write (redis_rdb_last_cow_size_bytes,"
                + " redis_aof_last_cow_size_bytes) is close to the container's memory limit: the next "
                + (worker ? "AOF rewrite, replica full sync or backup" : "replica full resynchronization")
                + " at this write rate can get the pod OOM-killed in the middle of the fork, fail over and start"
                + " over. Raise the memory limit (the size preset or memoryMebibytes: maxmemory follows the role's"
                + " share), or lower the write rate during forks; see docs/store-benchmark.md for measured peaks."));
        rules.add(new Rule(AlertSignal.CPU, prefix + "ForkSlow", severity(AlertSignal.CPU, p.role()),
                "redis_latest_fork_seconds{" + s + "} > " + FORK_SLOW_SECONDS
                        + " and changes(redis_latest_fork_seconds{" + s + "}[1h]) > 0",
                Duration.ZERO,
                store + " fork blocked the server for over " + FORK_SLOW_SECONDS + " s" + where,
                "The last fork (redis_latest_fork_seconds) stopped every command for over " + FORK_SLOW_SECONDS
                + " s: clients time out and Sentinel may see the primary as down. Fork time grows with the"
                + " dataset's page tables (about 10-20 ms per GB, more on some VMs): check transparent huge pages"
                + " are off on the node, and keep the dataset per node smaller (more shards or a larger size)."));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%s", value);
    }
}
