package dev.kvstores.e2e.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kvstores.e2e.ShippedSynthesis;
import dev.kvstores.e2e.realserver.RedisServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PrometheusRule groups exactly as the synthesized {@code cdk.tf.json} of {@code kubernetes-prod} holds them,
 * written as Prometheus rules files, in the real {@code promtool} (Debian package {@code prometheus}):
 * {@code check rules} accepts them, and {@code test rules} with synthetic series shows each alert firing when it
 * must (with its labels and runbook annotations) and staying silent otherwise. Every alert of the rule must have a
 * scenario here, so a new alert without one fails.
 */
class PrometheusRulesPromtoolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STACK = "kubernetes-prod";

    @TempDir
    Path dir;

    /** One synthetic situation: input series, when to look, and the labels of the alert (null: must be silent). */
    private record Scenario(String description, List<String[]> series, String evalTime,
                            List<Map<String, String>> firing) {
    }

    @Test
    void every_alert_fires_when_it_must_and_stays_silent_otherwise() throws Exception {
        Path promtool = RedisServerProcess.requireBinary("promtool", "prometheus");
        List<JsonNode> rules = MonitoringQueries.manifests(ShippedSynthesis.stack(STACK), "PrometheusRule");
        assertEquals(2, rules.size(), "one PrometheusRule per store");
        int alerts = 0;
        for (JsonNode rule : rules) {
            String store = rule.path("metadata").path("name").asText();
            Path rulesFile = dir.resolve(store + ".rules.json");
            ObjectNode file = JSON.createObjectNode();
            file.set("groups", rule.path("spec").path("groups"));
            Files.writeString(rulesFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(file));

            Result check = run(promtool, "check", "rules", rulesFile.toString());
            assertEquals(0, check.exit(), "promtool check rules " + store + ":\n" + check.output());
            int count = rule.path("spec").path("groups").get(0).path("rules").size();
            assertTrue(check.output().contains("SUCCESS: " + count + " rules found"), check.output());

            Path tests = dir.resolve(store + ".tests.json");
            Files.writeString(tests, testFile(rule, rulesFile, false));
            Result test = run(promtool, "test", "rules", tests.toString());
            assertEquals(0, test.exit(), "promtool test rules " + store + ":\n" + test.output());
            assertTrue(test.output().contains("SUCCESS"), test.output());
            alerts += count;

            // Control: the same scenarios with every expectation inverted must fail, so the run above checked them.
            Path inverted = dir.resolve(store + ".inverted.json");
            Files.writeString(inverted, testFile(rule, rulesFile, true));
            Result control = run(promtool, "test", "rules", inverted.toString());
            assertNotEquals(0, control.exit(), "inverted expectations must fail:\n" + control.output());
        }
        assertTrue(alerts >= 20, "expected the cache and worker baselines, got " + alerts + " alerts");
    }

    /** The promtool unit-test file (JSON is YAML) for one PrometheusRule. */
    private static String testFile(JsonNode rule, Path rulesFile, boolean invert) throws IOException {
        JsonNode group = rule.path("spec").path("groups").get(0);
        ObjectNode root = JSON.createObjectNode();
        root.putArray("rule_files").add(rulesFile.toString());
        root.put("evaluation_interval", "1m");
        ArrayNode tests = root.putArray("tests");
        TreeSet<String> uncovered = new TreeSet<>();
        for (JsonNode r : group.path("rules")) {
            String alert = r.path("alert").asText();
            Map<String, String> selector = selectorLabels(r.path("expr").asText());
            List<Scenario> scenarios = scenarios(alert, selector, r.path("expr").asText());
            if (scenarios.isEmpty()) {
                uncovered.add(alert);
            }
            boolean fires = false;
            boolean silent = false;
            for (Scenario scenario : scenarios) {
                fires |= !scenario.firing().isEmpty();
                silent |= scenario.firing().isEmpty();
                ObjectNode test = tests.addObject();
                test.put("name", alert + ": " + scenario.description());
                test.put("interval", "1m");
                ArrayNode input = test.putArray("input_series");
                for (String[] series : scenario.series()) {
                    input.addObject().put("series", series[0]).put("values", series[1]);
                }
                ObjectNode check = test.putArray("alert_rule_test").addObject();
                check.put("eval_time", scenario.evalTime());
                check.put("alertname", alert);
                ArrayNode expected = check.putArray("exp_alerts");
                List<Map<String, String>> firing = scenario.firing();
                if (invert) {
                    firing = firing.isEmpty() ? List.of(Map.of("never", "there")) : List.of();
                }
                for (Map<String, String> labels : firing) {
                    ObjectNode e = expected.addObject();
                    ObjectNode expLabels = e.putObject("exp_labels");
                    Map<String, String> all = new TreeMap<>(labels);
                    r.path("labels").fields().forEachRemaining(f -> all.put(f.getKey(), f.getValue().asText()));
                    all.forEach(expLabels::put);
                    e.set("exp_annotations", r.path("annotations"));
                }
            }
            if (!scenarios.isEmpty()) {
                assertTrue(fires && silent, alert + " needs a firing and a silent scenario");
            }
        }
        assertTrue(uncovered.isEmpty(), "alerts without a promtool scenario: " + uncovered);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    /**
     * {@code namespace} and {@code service} of the rule's first selector; for the backup alerts (kube-state-metrics
     * series) {@code namespace} and {@code cronjob}.
     */
    private static Map<String, String> selectorLabels(String expr) {
        Map<String, String> labels = new LinkedHashMap<>();
        java.util.regex.Matcher cron = java.util.regex.Pattern
                .compile("namespace=\"([^\"]+)\",cronjob=\"([^\"]+)\"").matcher(expr);
        if (expr.contains("kube_cronjob_") && cron.find()) {
            labels.put("namespace", cron.group(1));
            labels.put("cronjob", cron.group(2));
            return labels;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("namespace=\"([^\"]+)\",service=\"([^\"]+)\"").matcher(expr);
        assertTrue(m.find(), "no namespace/service selector in " + expr);
        labels.put("namespace", m.group(1));
        labels.put("service", m.group(2));
        return labels;
    }

    private static Map<String, String> pod(Map<String, String> selector, int node, String... extra) {
        Map<String, String> labels = new TreeMap<>(selector);
        labels.put("pod", selector.get("service").replace("-metrics", "") + "-node-" + node);
        labels.put("instance", "10.0.0." + (node + 1) + ":9121");
        labels.put("job", selector.get("service"));
        for (int i = 0; i < extra.length; i += 2) {
            labels.put(extra[i], extra[i + 1]);
        }
        return labels;
    }

    private static String[] series(String metric, Map<String, String> labels, String values) {
        StringBuilder s = new StringBuilder(metric).append('{');
        String sep = "";
        for (Map.Entry<String, String> l : labels.entrySet()) {
            s.append(sep).append(l.getKey()).append("=\"").append(l.getValue()).append('"');
            sep = ",";
        }
        return new String[] {s.append('}').toString(), values};
    }

    private static Scenario fires(String description, String evalTime, List<Map<String, String>> firing,
                                  String[]... series) {
        return new Scenario(description, List.of(series), evalTime, firing);
    }

    private static Scenario silent(String description, String evalTime, String[]... series) {
        return new Scenario(description, List.of(series), evalTime, List.of());
    }

    /** The scenarios of one alert, by its name (the role prefix is the same for both baselines). */
    private static List<Scenario> scenarios(String alert, Map<String, String> sel, String expr) {
        boolean worker = alert.startsWith("WorkerStateStore");
        String check = alert.replaceFirst("^(WorkerStateStore|CacheStore)", "");
        List<Scenario> s = new ArrayList<>();
        if (check.startsWith("Backup")) {
            // kube-state-metrics series of the backup CronJob: no exporter pods
            switch (check) {
                case "BackupMissing" -> backupMissing(s, sel, expr);
                case "BackupFailed" -> backupFailed(s, sel);
                default -> {
                    // no scenario: reported as uncovered
                }
            }
            return s;
        }
        Map<String, String> p0 = pod(sel, 0);
        Map<String, String> p1 = pod(sel, 1);
        switch (check) {
            case "Down" -> {
                s.add(fires("redis_up 0 for 5m", "5m", List.of(p0),
                        series("redis_up", p0, "0x10"), series("up", p0, "1x10")));
                s.add(fires("exporter not scraped", "5m", List.of(p0),
                        series("redis_up", p0, "1x10"), series("up", p0, "0x10")));
                s.add(fires("no target at all", "5m", List.of(sel)));
                s.add(silent("up", "10m", series("redis_up", p0, "1x10"), series("up", p0, "1x10")));
                s.add(silent("down for less than the duration", "2m",
                        series("redis_up", p0, "1 1 0"), series("up", p0, "1x10")));
            }
            case "MemoryHigh" -> {
                String high = worker ? "85" : "95";
                s.add(fires("above threshold for 10m", "10m", List.of(p0),
                        series("redis_memory_used_bytes", p0, high + "x10"),
                        series("redis_memory_max_bytes", p0, "100x10")));
                s.add(silent("below threshold", "10m", series("redis_memory_used_bytes", p0, "50x10"),
                        series("redis_memory_max_bytes", p0, "100x10")));
                s.add(silent("no maxmemory set", "10m", series("redis_memory_used_bytes", p0, "95x10"),
                        series("redis_memory_max_bytes", p0, "0x10")));
            }
            case "Evicting" -> {
                s.add(fires("evicting for 25m", "25m", List.of(p0),
                        series("redis_evicted_keys_total", p0, "0+10x30")));
                s.add(silent("no evictions", "25m", series("redis_evicted_keys_total", p0, "5x30")));
            }
            case "EvictedKeys" -> {
                s.add(fires("one eviction", "4m", List.of(p0), series("redis_evicted_keys_total", p0, "0 0 0 1 1")));
                s.add(silent("no evictions", "10m", series("redis_evicted_keys_total", p0, "0x10")));
            }
            case "RejectingWrites" -> {
                s.add(fires("OOM errors rising", "4m", List.of(p0Err(sel)),
                        series("redis_errors_total", pod(sel, 0, "err", "OOM"), "0 0 3 6 9")));
                s.add(fires("first OOM errors (new series)", "3m", List.of(p0Err(sel)),
                        series("redis_errors_total", pod(sel, 0, "err", "OOM"), "_ _ 4 4")));
                s.add(silent("old OOM errors, none new", "10m",
                        series("redis_errors_total", pod(sel, 0, "err", "OOM"), "5x10")));
            }
            case "RejectedConnections" -> {
                s.add(fires("connections rejected", "3m", List.of(p0),
                        series("redis_rejected_connections_total", p0, "0 0 2 4")));
                s.add(silent("none rejected lately", "10m", series("redis_rejected_connections_total", p0, "3x10")));
            }
            case "ConnectionsNearLimit" -> {
                s.add(fires("90% of maxclients", "10m", List.of(p0),
                        series("redis_connected_clients", p0, "9000x10"),
                        series("redis_config_maxclients", p0, "10000x10")));
                s.add(silent("few clients", "10m", series("redis_connected_clients", p0, "100x10"),
                        series("redis_config_maxclients", p0, "10000x10")));
            }
            case "CpuHigh" -> {
                s.add(fires("one core busy for 30m", "30m", List.of(p0),
                        series("redis_cpu_sys_seconds_total", p0, "0+30x40"),
                        series("redis_cpu_user_seconds_total", p0, "0+30x40")));
                s.add(silent("20% busy", "30m", series("redis_cpu_sys_seconds_total", p0, "0+6x40"),
                        series("redis_cpu_user_seconds_total", p0, "0+6x40")));
                s.add(silent("busy, but not for long", "10m", series("redis_cpu_sys_seconds_total", p0, "0+30x40"),
                        series("redis_cpu_user_seconds_total", p0, "0+30x40")));
            }
            case "ReplicaLinkDown" -> {
                s.add(fires("link down 10m", "10m", List.of(p1), series("redis_master_link_up", p1, "0x10")));
                s.add(silent("link up", "10m", series("redis_master_link_up", p1, "1x10")));
            }
            case "ReplicasMissing" -> {
                s.add(fires("one replica connected", "10m", List.of(sel),
                        series("redis_connected_slaves", p0, "1x10"), series("redis_connected_slaves", p1, "0x10")));
                s.add(silent("all replicas connected", "10m", series("redis_connected_slaves", p0, "2x10"),
                        series("redis_connected_slaves", p1, "0x10")));
            }
            case "FailoverHappened" -> {
                Map<String, String> master = pod(sel, 1, "role", "master");
                s.add(fires("replica promoted", "4m", List.of(master),
                        series("redis_instance_info", pod(sel, 1, "role", "slave"), "1 1 1 _ _ _"),
                        series("redis_instance_info", master, "_ _ _ 1 1 1")));
                s.add(silent("stable roles", "10m",
                        series("redis_instance_info", pod(sel, 0, "role", "master"), "1x10"),
                        series("redis_instance_info", pod(sel, 1, "role", "slave"), "1x10")));
                s.add(silent("promotion older than the window", "30m",
                        series("redis_instance_info", pod(sel, 1, "role", "slave"), "1 1 1"),
                        series("redis_instance_info", master, "_ _ _ 1x30")));
            }
            case "ForkMemoryHigh" -> {
                // the limit is the synthesized container limit in bytes: "/ <bytes> * 100 > <percent>"
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("/ (\\d+) \\* 100 > (\\d+)").matcher(expr);
                assertTrue(m.find(), "no limit in " + expr);
                long limit = Long.parseLong(m.group(1));
                assertEquals(90, Integer.parseInt(m.group(2)), expr);
                s.add(fires("RSS 60% + last RDB COW 35% of the limit for 10m", "10m", List.of(p0),
                        series("redis_memory_used_rss_bytes", p0, limit * 60 / 100 + "x10"),
                        series("redis_rdb_last_cow_size_bytes", p0, limit * 35 / 100 + "x10"),
                        series("redis_aof_last_cow_size_bytes", p0, limit * 10 / 100 + "x10")));
                s.add(fires("RSS 60% + last AOF rewrite COW 35% of the limit for 10m", "10m", List.of(p0),
                        series("redis_memory_used_rss_bytes", p0, limit * 60 / 100 + "x10"),
                        series("redis_rdb_last_cow_size_bytes", p0, limit * 10 / 100 + "x10"),
                        series("redis_aof_last_cow_size_bytes", p0, limit * 35 / 100 + "x10")));
                s.add(silent("RSS 50% + COW 30%: the fork fits", "10m",
                        series("redis_memory_used_rss_bytes", p0, limit * 50 / 100 + "x10"),
                        series("redis_rdb_last_cow_size_bytes", p0, limit * 30 / 100 + "x10"),
                        series("redis_aof_last_cow_size_bytes", p0, limit * 30 / 100 + "x10")));
                s.add(silent("high only briefly", "3m",
                        series("redis_memory_used_rss_bytes", p0, limit * 60 / 100 + "x10"),
                        series("redis_rdb_last_cow_size_bytes", p0, limit * 35 / 100 + "x10"),
                        series("redis_aof_last_cow_size_bytes", p0, "0x10")));
            }
            case "ForkSlow" -> {
                s.add(fires("a fork took 1.5 s", "5m", List.of(p0),
                        series("redis_latest_fork_seconds", p0, "0.05 0.05 1.5 1.5 1.5 1.5")));
                s.add(silent("forks of 50 ms", "10m", series("redis_latest_fork_seconds", p0, "0.02 0.05x10")));
                s.add(silent("a slow fork over an hour ago", "90m",
                        series("redis_latest_fork_seconds", p0, "0.05 1.5x100")));
            }
            case "AofWriteFailed" -> status(s, "redis_aof_last_write_status", p0);
            case "AofRewriteFailed" -> status(s, "redis_aof_last_bgrewrite_status", p0);
            case "RdbSaveFailed" -> status(s, "redis_rdb_last_bgsave_status", p0);
            default -> {
                // no scenario: reported as uncovered
            }
        }
        return s;
    }

    /** A kube-state-metrics series' labels: the selector's plus the scrape's. */
    private static Map<String, String> ksm(Map<String, String> labels, String... extra) {
        Map<String, String> out = new TreeMap<>(labels);
        out.put("job", "kube-state-metrics");
        out.put("instance", "10.0.9.9:8080");
        for (int i = 0; i < extra.length; i += 2) {
            out.put(extra[i], extra[i + 1]);
        }
        return out;
    }

    /**
     * The backup CronJob's last success against the rule's staleness threshold (seconds, read from the
     * expression). The shipped schedule is nightly, so a last success two days ago is two runs missed. Series
     * start at t=0; {@code time()} is the evaluation time in seconds; one sample a minute.
     */
    private static void backupMissing(List<Scenario> s, Map<String, String> cron, String expr) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("> (\\d+) or").matcher(expr);
        assertTrue(m.find(), "no staleness threshold in " + expr);
        long stale = Long.parseLong(m.group(1));
        long twoNights = 2 * 86400;
        assertTrue(stale > 86400 && stale + 15 * 60 < twoNights,
                "a nightly backup's threshold lies between one and two nights, got " + stale + " s");
        Map<String, String> k = ksm(cron);
        long evalMinutes = twoNights / 60;
        String samples = "x" + evalMinutes;
        // succeeded an hour before the evaluation: no alert
        s.add(silent("succeeded an hour ago", evalMinutes + "m",
                series("kube_cronjob_created", k, "0" + samples),
                series("kube_cronjob_status_last_successful_time", k, (twoNights - 3600) + samples)));
        s.add(fires("last success two nights ago (two runs missed)", evalMinutes + "m", List.of(k),
                series("kube_cronjob_created", k, "0" + samples),
                series("kube_cronjob_status_last_successful_time", k, "0" + samples)));
        long inside = (stale - 3600) / 60;
        s.add(silent("last success an hour inside the allowance", inside + "m",
                series("kube_cronjob_created", k, "0x" + inside),
                series("kube_cronjob_status_last_successful_time", k, "0x" + inside)));
        s.add(fires("never succeeded since it was created two nights ago", evalMinutes + "m", List.of(k),
                series("kube_cronjob_created", k, "0" + samples)));
        s.add(silent("never succeeded, created an hour ago", "60m", series("kube_cronjob_created", k, "0x60")));
        s.add(fires("no series: CronJob deleted or kube-state-metrics not scraped", "20m", List.of(cron)));
    }

    /** A failed Job of the backup CronJob, against the CronJob's last success. */
    private static void backupFailed(List<Scenario> s, Map<String, String> cron) {
        String ns = cron.get("namespace");
        String cronJob = cron.get("cronjob");
        Map<String, String> job = new TreeMap<>(Map.of("namespace", ns, "job_name", cronJob + "-29412345"));
        Map<String, String> failed = ksm(job, "condition", "true");
        String[] owner = series("kube_job_owner", ksm(job, "owner_kind", "CronJob", "owner_name", cronJob,
                "owner_is_controller", "true"), "1x20");
        String[] otherOwner = series("kube_job_owner", ksm(job, "owner_kind", "CronJob", "owner_name", "other-backup",
                "owner_is_controller", "true"), "1x20");
        String[] cronSuccessBefore = series("kube_cronjob_status_last_successful_time", ksm(cron), "60x20");
        String[] cronSuccessAfter = series("kube_cronjob_status_last_successful_time", ksm(cron), "600x20");
        String[] started = series("kube_job_status_start_time", ksm(job), "300x20");
        s.add(fires("the run after the last success failed", "10m", List.of(failed),
                series("kube_job_failed", failed, "0 0 0 1x17"), owner, started, cronSuccessBefore));
        s.add(fires("failed, and the CronJob never succeeded", "10m", List.of(failed),
                series("kube_job_failed", failed, "1x20"), owner, started));
        s.add(silent("an older failed run, a later run succeeded", "10m",
                series("kube_job_failed", failed, "1x20"), owner, started, cronSuccessAfter));
        s.add(silent("a failed Job of another CronJob", "10m",
                series("kube_job_failed", failed, "1x20"), otherOwner, started));
        s.add(silent("a run still retrying (Failed condition false)", "10m",
                series("kube_job_failed", failed, "0x20"),
                series("kube_job_failed", ksm(job, "condition", "false"), "1x20"), owner, started));
    }

    private static Map<String, String> p0Err(Map<String, String> sel) {
        return pod(sel, 0, "err", "OOM");
    }

    private static void status(List<Scenario> s, String metric, Map<String, String> p0) {
        s.add(fires("last status failed", "2m", List.of(p0), series(metric, p0, "1 0 0")));
        s.add(silent("last status ok", "10m", series(metric, p0, "1x10")));
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path binary, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
