package dev.kvstores.e2e.realserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvstores.e2e.ShippedSynthesis;
import dev.kvstores.e2e.monitoring.MonitoringQueries;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.RedisRoleConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric the PrometheusRules and the Grafana dashboards of {@code kubernetes-prod} query exists in what a
 * real {@code prometheus-redis-exporter} reports for real {@code redis-server} processes with the role
 * configurations, over TLS with a password (a cache primary and its replica, a worker state store); and the values
 * move as the rules expect when the conditions are driven: the worker filled to OOM (memory above 80%, OOM errors
 * counted, no evictions), the cache filled past maxmemory (evictions, memory above 90%), the cache replica killed
 * (the primary's connected replicas drop).
 */
class StoreMetricsRealServerTest {

    /** Test-only password; never printed. */
    private static final String PASSWORD = "m0nitor:p@ss/word";
    private static final int MEMORY_LIMIT_MIB = 256; // the smallest the role configurations render
    /** The rendered configurations, with maxmemory lowered (a later line wins) so filling them takes 2,400 writes. */
    private static final int MAXMEMORY_MIB = 8;
    private static final String VALUE = "v".repeat(10_000);

    @TempDir
    Path dir;

    @Test
    void exporter_reports_every_queried_metric_and_the_values_move_as_the_rules_expect() throws Exception {
        Path exporterBinary = RedisServerProcess.requireBinary("prometheus-redis-exporter", "prometheus-redis-exporter");
        Set<String> queried = MonitoringQueries.metricNames(ShippedSynthesis.stack("kubernetes-prod"),
                new ObjectMapper());
        TestCertificates certificates = TestCertificates.create(dir.resolve("tls"));
        String auth = RedisServerProcess.quote(PASSWORD);
        String cacheConf = RedisRoleConfig.cache(MEMORY_LIMIT_MIB, EvictionPolicy.ALLKEYS_LRU).toRedisConf();
        try (RedisClients clients = new RedisClients();
             RedisServerProcess cache = RedisServerProcess.redisServer(dir.resolve("cache")).name("cache")
                     .roleConfig(cacheConf).tls(certificates)
                     .line("requirepass " + auth).line("masterauth " + auth).line(small()).start();
             RedisServerProcess replica = RedisServerProcess.redisServer(dir.resolve("cache-replica"))
                     .name("cache-replica").roleConfig(cacheConf).tls(certificates)
                     .line("requirepass " + auth).line("masterauth " + auth)
                     .line("replicaof " + cache.host() + " " + cache.port()).line(small()).start();
             RedisServerProcess worker = RedisServerProcess.redisServer(dir.resolve("worker")).name("worker")
                     .roleConfig(RedisRoleConfig.workerState(MEMORY_LIMIT_MIB, true).toRedisConf())
                     .tls(certificates).line("requirepass " + auth).line(small()).start();
             ExporterProcess cacheExporter = ExporterProcess.start(exporterBinary, dir.resolve("exp-cache"), cache,
                     PASSWORD, certificates.caCertificate());
             ExporterProcess replicaExporter = ExporterProcess.start(exporterBinary, dir.resolve("exp-replica"),
                     replica, PASSWORD, certificates.caCertificate());
             ExporterProcess workerExporter = ExporterProcess.start(exporterBinary, dir.resolve("exp-worker"),
                     worker, PASSWORD, certificates.caCertificate())) {
            RedisClient client = clients.client(certificates.caCertificate());
            try {
                await("the cache replica to sync", () -> value(scrape(replicaExporter), "redis_master_link_up", "")
                        == 1.0);
                assertEquals(1.0, value(scrape(cacheExporter), "redis_connected_slaves", ""),
                        "the primary counts its replica");

                // Worker: fill to OOM. noeviction: writes fail, nothing is evicted, memory is above 80%.
                String before = scrape(workerExporter);
                assertEquals(1.0, value(before, "redis_up", ""));
                assertTrue(ratio(before) < 0.8, "an empty worker is below the memory threshold: " + ratio(before));
                int rejected = fill(client, worker, "step:");
                assertTrue(rejected > 0, "a full worker state store must reject writes with OOM");
                String full = scrape(workerExporter);
                assertTrue(ratio(full) > 0.8, "a full worker is above 80% of maxmemory: " + ratio(full));
                assertEquals(rejected, value(full, "redis_errors_total", "err=\"OOM\""), 0.0,
                        "redis_errors_total{err=\"OOM\"} counts the rejected writes");
                assertEquals(0.0, value(full, "redis_evicted_keys_total", ""), "noeviction: nothing evicted");
                assertEquals(1.0, value(full, "redis_aof_last_write_status", ""), "AOF writes still succeed");

                // Cache: write past maxmemory. allkeys-lru evicts instead of failing; memory sits above 90%.
                assertEquals(0.0, value(scrape(cacheExporter), "redis_evicted_keys_total", ""));
                assertEquals(0, fill(client, cache, "idem:"), "allkeys-lru must not reject writes");
                String evicting = scrape(cacheExporter);
                assertTrue(value(evicting, "redis_evicted_keys_total", "") > 0, "the cache must evict");
                assertTrue(ratio(evicting) > 0.9, "a full cache is above 90% of maxmemory: " + ratio(evicting));
                assertTrue(value(evicting, "redis_keyspace_hits_total", "") >= 0, "hit counter for the dashboard");

                Set<String> reported = new TreeSet<>();
                reported.addAll(names(evicting));
                reported.addAll(names(scrape(replicaExporter)));
                reported.addAll(names(scrape(workerExporter)));
                Set<String> missing = new TreeSet<>(queried);
                missing.remove("up"); // Prometheus' own series per target, not an exporter metric
                missing.removeAll(reported);
                assertTrue(missing.isEmpty(), "metrics queried by rules or dashboards but not reported by the"
                        + " exporter: " + missing + " (queried: " + queried + ")");

                // Kill the replica: the primary's connected replicas drop (ReplicasMissing).
                replica.kill();
                await("the primary to notice the lost replica", () ->
                        value(scrape(cacheExporter), "redis_connected_slaves", "") == 0.0);
            } finally {
                client.shutdown();
            }
        }
    }

    /** Writes 10 kB values until 3x maxmemory is written; returns how many writes were rejected with OOM. */
    private static int fill(RedisClient client, RedisServerProcess server, String prefix) {
        RedisURI uri = RedisURI.builder().withHost(server.host()).withPort(server.port()).withSsl(true)
                .withPassword(PASSWORD.toCharArray()).build();
        int rejected = 0;
        try (StatefulRedisConnection<String, String> connection = client.connect(uri)) {
            RedisCommands<String, String> redis = connection.sync();
            for (int i = 0; i < 3 * MAXMEMORY_MIB * 100; i++) {
                try {
                    redis.set(prefix + i, VALUE);
                } catch (RedisCommandExecutionException e) {
                    if (!String.valueOf(e.getMessage()).startsWith("OOM")) {
                        throw e;
                    }
                    rejected++;
                }
            }
        }
        return rejected;
    }

    private static String small() {
        return "maxmemory " + MAXMEMORY_MIB + "mb";
    }

    private static String scrape(ExporterProcess exporter) {
        try {
            return exporter.scrape();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double ratio(String metrics) {
        return value(metrics, "redis_memory_used_bytes", "") / value(metrics, "redis_memory_max_bytes", "");
    }

    /** The value of the first series {@code name} with {@code labels} among its labels; NaN when absent. */
    static double value(String metrics, String name, String labels) {
        for (String line : metrics.lines().toList()) {
            if (line.startsWith("#")) {
                continue;
            }
            String series = line.substring(0, line.lastIndexOf(' '));
            boolean match = series.equals(name) && labels.isEmpty()
                    || series.startsWith(name + "{") && series.contains(labels);
            if (match) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }

    private static Set<String> names(String metrics) {
        Set<String> names = new TreeSet<>();
        metrics.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .forEach(l -> names.add(l.split("[{ ]", 2)[0]));
        return names;
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            RedisServerProcess.sleep(200);
        }
        fail("timed out waiting for " + what);
    }
}
