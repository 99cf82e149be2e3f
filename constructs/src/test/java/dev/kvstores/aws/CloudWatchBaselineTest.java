package dev.kvstores.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.TerraformStack;
import dev.kvstores.role.AlertSignal;
import dev.kvstores.role.AlertThresholds;
import dev.kvstores.role.StoreRole;
import dev.kvstores.testing.SynthJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The AWS alert baseline: CloudWatch alarms from the {@link CloudWatchMetric} table, topic, dashboard. */
class CloudWatchBaselineTest {

    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:oncall";

    /** The metric an alarm watches: its own attributes, or the metric of its metric_query. */
    static JsonNode watched(JsonNode alarm) {
        for (JsonNode query : alarm.path("metric_query")) {
            if (query.has("metric")) {
                return query.path("metric");
            }
        }
        return alarm;
    }

    private static JsonNode alarm(JsonNode json, String name) {
        return SynthJson.all(json, "aws_cloudwatch_metric_alarm").stream()
                .filter(a -> a.path("alarm_name").asText().equals(name)).findFirst().orElseThrow(() ->
                        new AssertionError("no alarm " + name));
    }

    private static Set<String> table() {
        Set<String> names = new HashSet<>();
        Arrays.stream(CloudWatchMetric.values()).forEach(m -> names.add(m.namespace().namespaceName() + " "
                + m.metricName()));
        return names;
    }

    @Nested
    class Defaults {
        private final TerraformStack stack = AwsTesting.stack();
        private final ElastiCacheCacheStore cache = new ElastiCacheCacheStore(stack, "Cache",
                ElastiCacheCacheStoreProps.builder().network(AwsTesting.network())
                        .monitoring(AwsMonitoring.defaults().withAlarms(true, TOPIC)).build());
        private final MemoryDbWorkerStateStore worker = new MemoryDbWorkerStateStore(stack, "WorkerState",
                MemoryDbWorkerStateStoreProps.builder().network(AwsTesting.network())
                        .monitoring(AwsMonitoring.defaults().withAlarms(true, TOPIC)).build());
        private final JsonNode json = SynthJson.synth(stack);

        @Test
        void every_alarm_queries_a_metric_of_the_table_and_notifies_the_topic() {
            List<JsonNode> alarms = SynthJson.all(json, "aws_cloudwatch_metric_alarm");
            assertEquals(cache.alarms().size() + worker.alarms().size(), alarms.size());
            for (JsonNode a : alarms) {
                JsonNode metric = watched(a);
                assertTrue(table().contains(metric.path("namespace").asText() + " "
                        + metric.path("metric_name").asText()), a.toString());
                assertEquals(TOPIC, a.path("alarm_actions").get(0).asText());
                assertEquals(TOPIC, a.path("ok_actions").get(0).asText());
                String description = a.path("alarm_description").asText();
                assertTrue(description.matches("(PAGE|WARN|INFO): .+"), description);
                assertTrue(description.length() <= 1024, "CloudWatch limit: " + description.length());
            }
        }

        @Test
        void synthesized_alarms_match_the_table_entries_the_store_reports() {
            List<JsonNode> alarms = SynthJson.all(json, "aws_cloudwatch_metric_alarm");
            for (AwsAlarm expected : worker.alarms()) {
                JsonNode a = alarms.stream().filter(x -> x.path("alarm_name").asText().equals(expected.alarmName()))
                        .findFirst().orElseThrow();
                JsonNode metric = watched(a);
                assertEquals(expected.metric().namespace().namespaceName(), metric.path("namespace").asText());
                assertEquals(expected.metric().metricName(), metric.path("metric_name").asText());
                assertEquals(expected.statistic(), metric.path(expected.expression() == null ? "statistic" : "stat")
                        .asText());
                assertEquals(expected.comparison(), a.path("comparison_operator").asText());
                assertEquals(expected.threshold(), a.path("threshold").asDouble());
                assertEquals(expected.evaluationPeriods(), a.path("evaluation_periods").asInt());
                assertEquals(expected.datapointsToAlarm(), a.path("datapoints_to_alarm").asInt());
                assertEquals(expected.treatMissingData(), a.path("treat_missing_data").asText());
            }
        }

        @Test
        void the_worker_pages_on_memory_at_80_percent_and_on_any_eviction_the_cache_only_warns() {
            AwsAlarm workerMemory = worker.alarms().stream().filter(a -> a.signal().equals("memory")).findFirst()
                    .orElseThrow();
            assertEquals("page", workerMemory.severity());
            assertEquals(80, workerMemory.threshold());
            assertEquals(CloudWatchMetric.MEMORYDB_MEMORY_PERCENT, workerMemory.metric());
            AwsAlarm workerEvictions = worker.alarms().stream().filter(a -> a.signal().equals("evictions"))
                    .findFirst().orElseThrow();
            assertEquals("page", workerEvictions.severity());
            assertEquals(1, workerEvictions.evaluationPeriods());
            AwsAlarm cacheMemory = cache.alarms().stream().filter(a -> a.signal().equals("memory")).findFirst()
                    .orElseThrow();
            assertEquals("warn", cacheMemory.severity());
            assertEquals(90, cacheMemory.threshold());
            assertEquals("info", cache.alarms().stream().filter(a -> a.signal().equals("evictions")).findFirst()
                    .orElseThrow().severity());
        }

        @Test
        void cpu_warns_at_80_percent_of_engine_cpu_for_15_minutes_and_connections_at_80_percent_of_65000() {
            AwsAlarm cpu = cache.alarms().stream().filter(a -> a.signal().equals("cpu")).findFirst().orElseThrow();
            assertEquals(CloudWatchMetric.ELASTICACHE_ENGINE_CPU, cpu.metric());
            assertEquals(80, cpu.threshold());
            assertEquals(15, cpu.evaluationPeriods());
            AwsAlarm connections = cache.alarms().stream().filter(a -> a.signal().equals("connections")).findFirst()
                    .orElseThrow();
            assertEquals(52000, connections.threshold());
        }

        @Test
        void down_pages_when_the_INFO_derived_CurrConnections_has_no_datapoint_for_3_minutes() throws Exception {
            JsonNode down = alarm(json, "suprsend-worker-0001-001-down");
            JsonNode expected = new ObjectMapper().readTree("""
                    {"namespace": "AWS/MemoryDB", "metric_name": "CurrConnections", "statistic": "SampleCount",
                     "dimensions": {"ClusterName": "suprsend-worker", "NodeName": "suprsend-worker-0001-001"},
                     "period": 60, "comparison_operator": "LessThanThreshold", "threshold": 1,
                     "evaluation_periods": 3, "datapoints_to_alarm": 3, "treat_missing_data": "breaching"}""");
            expected.fields().forEachRemaining(e -> assertEquals(e.getValue(), down.path(e.getKey()), e.getKey()));
            assertTrue(down.path("alarm_description").asText().startsWith("PAGE: Worker State Store node"));
            AwsAlarm cacheDown = cache.alarms().stream().filter(a -> a.signal().equals("down")).findFirst()
                    .orElseThrow();
            assertEquals(CloudWatchMetric.ELASTICACHE_CURR_CONNECTIONS, cacheDown.metric());
            assertEquals("page", cacheDown.severity());
        }

        @Test
        void failover_is_the_metric_math_ABS_DIFF_of_IsPrimary_per_node_and_stays_up_for_the_failover_window()
                throws Exception {
            JsonNode failover = alarm(json, "suprsend-cache-002-failover");
            assertEquals(new ObjectMapper().readTree("""
                    [{"id": "e1", "expression": "ABS(DIFF(m1))", "label": "failover suprsend-cache-002-failover",
                      "return_data": true},
                     {"id": "m1", "return_data": false,
                      "metric": {"namespace": "AWS/ElastiCache", "metric_name": "IsPrimary", "period": 60,
                                 "stat": "Maximum", "dimensions": {"CacheClusterId": "suprsend-cache-002"}}}]"""),
                    failover.path("metric_query"));
            for (String absent : List.of("metric_name", "namespace", "statistic", "dimensions", "period")) {
                assertTrue(failover.path(absent).isMissingNode(), absent + " must not be set with metric_query");
            }
            assertEquals("GreaterThanThreshold", failover.path("comparison_operator").asText());
            assertEquals(0, failover.path("threshold").asInt());
            assertEquals(10, failover.path("evaluation_periods").asInt());
            assertEquals(1, failover.path("datapoints_to_alarm").asInt());
            assertEquals("notBreaching", failover.path("treat_missing_data").asText());
            assertTrue(failover.path("alarm_description").asText().startsWith("WARN: Cache Store node"));
            AwsAlarm workerFailover = worker.alarms().stream().filter(a -> a.signal().equals("failover"))
                    .findFirst().orElseThrow();
            assertEquals("page", workerFailover.severity());
            assertEquals(CloudWatchMetric.MEMORYDB_IS_PRIMARY, workerFailover.metric());
            assertEquals("suprsend-worker-0001-001-failover [page]: ABS(DIFF(AWS/MemoryDB IsPrimary Maximum))"
                    + " GreaterThanThreshold 0 in 1 of the last 10 min", workerFailover.summary());
            assertEquals(List.of("down", "memory", "evictions", "failover", "replication-lag", "cpu", "connections",
                    "new-connections"), worker.alarms().stream().filter(a -> a.alarmName().startsWith(
                            "suprsend-worker-0001-001-")).map(AwsAlarm::signal).toList());
        }

        @Test
        void every_uncovered_signal_names_a_namespace_of_the_table_a_page_and_a_stand_in_alarm_the_store_has() {
            Set<String> namespaces = new HashSet<>();
            Arrays.stream(CloudWatchMetric.values()).forEach(m -> namespaces.add(m.namespace().namespaceName()));
            for (var gap : CloudWatchMetric.UNCOVERED) {
                assertTrue(namespaces.contains(gap.scope()), gap.toString());
                assertTrue(gap.documentation().startsWith("https://docs.aws.amazon.com/"), gap.toString());
                if (gap.standInSignal() == null) {
                    continue;
                }
                for (var role : gap.roles()) {
                    boolean memoryDb = gap.scope().equals("AWS/MemoryDB");
                    if (memoryDb && role == StoreRole.CACHE) {
                        continue; // MemoryDB hosts only the Worker State Store
                    }
                    List<AwsAlarm> alarms = memoryDb ? worker.alarms()
                            : role == StoreRole.CACHE ? cache.alarms() : elastiCacheWorker().alarms();
                    String standIn = CloudWatchMetric.coverage(gap.standInSignal(), memoryDb
                            ? CloudWatchMetric.Namespace.MEMORYDB : CloudWatchMetric.Namespace.ELASTICACHE).primary();
                    assertTrue(alarms.stream().anyMatch(a -> a.signal().equals(standIn)
                            && a.metric().namespace().namespaceName().equals(gap.scope())), gap.toString());
                }
            }
        }

        @Test
        void the_worker_memory_page_at_80_percent_stands_in_for_rejected_writes_on_elasticache_and_memorydb() {
            List<String> scopes = CloudWatchMetric.UNCOVERED.stream()
                    .filter(g -> g.signal() == AlertSignal.REJECTED_WRITES).map(g -> g.scope()).sorted().toList();
            assertEquals(List.of("AWS/ElastiCache", "AWS/MemoryDB"), scopes);
            for (List<AwsAlarm> alarms : List.of(worker.alarms(), elastiCacheWorker().alarms())) {
                List<AwsAlarm> memory = alarms.stream().filter(a -> a.signal().equals("memory")).toList();
                assertEquals(alarms.stream().filter(a -> a.signal().equals("down")).count(), memory.size(),
                        "one memory page per node");
                memory.forEach(a -> {
                    assertEquals("page", a.severity());
                    assertEquals(80, a.threshold());
                    assertEquals("GreaterThanThreshold", a.comparison());
                    assertEquals("DatabaseMemoryUsagePercentage", a.metric().metricName());
                });
            }
        }

        private ElastiCacheWorkerStateStore elastiCacheWorker() {
            return new ElastiCacheWorkerStateStore(AwsTesting.stack(), "WorkerState",
                    ElastiCacheWorkerStateStoreProps.builder().network(AwsTesting.network())
                            .monitoring(AwsMonitoring.defaults().withAlarms(true, TOPIC)).build());
        }

        @Test
        void store_events_go_to_the_same_topic() {
            assertEquals(TOPIC, SynthJson.single(json, "aws_elasticache_replication_group")
                    .path("notification_topic_arn").asText());
            assertEquals(TOPIC, SynthJson.single(json, "aws_memorydb_cluster").path("sns_topic_arn").asText());
        }
    }

    @Nested
    class Configuration {
        @Test
        void thresholds_and_durations_come_from_the_monitoring_properties() {
            TerraformStack stack = AwsTesting.stack();
            AwsMonitoring monitoring = AwsMonitoring.defaults().withThresholds(AlertThresholds.builder()
                    .cpuWarnPercent(70).cpuFor(Duration.ofMinutes(30)).workerMemoryPagePercent(75)
                    .downFor(Duration.ofMinutes(5)).failoverWindow(Duration.ofMinutes(20)).build(), 9, 10000, 50);
            ElastiCacheWorkerStateStore store = new ElastiCacheWorkerStateStore(stack, "WorkerState",
                    ElastiCacheWorkerStateStoreProps.builder().network(AwsTesting.network()).monitoring(monitoring)
                            .build());
            JsonNode json = SynthJson.synth(stack);
            JsonNode cpu = SynthJson.all(json, "aws_cloudwatch_metric_alarm").stream()
                    .filter(a -> a.path("alarm_name").asText().endsWith("-001-cpu")).findFirst().orElseThrow();
            assertEquals(70, cpu.path("threshold").asInt());
            assertEquals(30, cpu.path("evaluation_periods").asInt());
            assertEquals(75, store.alarms().stream().filter(a -> a.signal().equals("memory")).findFirst()
                    .orElseThrow().threshold());
            assertEquals(9, store.alarms().stream().filter(a -> a.signal().equals("replication-lag")).findFirst()
                    .orElseThrow().threshold());
            assertEquals(8000, store.alarms().stream().filter(a -> a.signal().equals("connections")).findFirst()
                    .orElseThrow().threshold());
            JsonNode down = alarm(json, store.alarms().get(0).alarmName());
            assertEquals(5, down.path("evaluation_periods").asInt());
            AwsAlarm failover = store.alarms().stream().filter(a -> a.signal().equals("failover")).findFirst()
                    .orElseThrow();
            assertEquals(20, alarm(json, failover.alarmName()).path("evaluation_periods").asInt());
        }

        @Test
        void the_dashboard_is_valid_json_and_queries_only_metrics_of_the_table() throws Exception {
            TerraformStack stack = AwsTesting.stack();
            ElastiCacheCacheStore cache = new ElastiCacheCacheStore(stack, "Cache", ElastiCacheCacheStoreProps
                    .builder().network(AwsTesting.network()).build());
            MemoryDbWorkerStateStore worker = new MemoryDbWorkerStateStore(stack, "WorkerState",
                    MemoryDbWorkerStateStoreProps.builder().network(AwsTesting.network()).build());
            new CloudWatchStoreDashboard(stack, "Dashboard", "kvstores-test", "eu-west-1", List.of(
                    new CloudWatchStoreDashboard.Store("Cache Store", cache.alarms()),
                    new CloudWatchStoreDashboard.Store("Worker State Store", worker.alarms())));
            JsonNode dashboard = SynthJson.single(SynthJson.synth(stack), "aws_cloudwatch_dashboard");
            assertEquals("kvstores-test", dashboard.path("dashboard_name").asText());
            JsonNode body = new ObjectMapper().readTree(dashboard.path("dashboard_body").asText());
            List<String> queried = new ArrayList<>();
            for (JsonNode widget : body.path("widgets")) {
                for (JsonNode metric : widget.path("properties").path("metrics")) {
                    queried.add(metric.get(0).asText() + " " + metric.get(1).asText());
                    assertEquals("eu-west-1", widget.path("properties").path("region").asText());
                }
            }
            assertTrue(table().containsAll(queried), queried.toString());
            assertTrue(queried.contains("AWS/ElastiCache CacheHitRate"), "hit ratio on the dashboard");
            assertTrue(queried.contains("AWS/MemoryDB DatabaseMemoryUsagePercentage"));
        }

        @Test
        void alarms_off_makes_no_alarms() {
            TerraformStack stack = AwsTesting.stack();
            MemoryDbWorkerStateStore worker = new MemoryDbWorkerStateStore(stack, "WorkerState",
                    MemoryDbWorkerStateStoreProps.builder().network(AwsTesting.network())
                            .monitoring(AwsMonitoring.defaults().withAlarms(false, null)).build());
            assertTrue(worker.alarms().isEmpty());
            assertTrue(SynthJson.all(SynthJson.synth(stack), "aws_cloudwatch_metric_alarm").isEmpty());
        }
    }
}
