package dev.kvstores.e2e.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.role.StoreRole;
import dev.kvstores.role.StoreSize;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Memory, resources and persistence of every in-cluster release as the real Helm renders it with the pinned chart
 * (the releases of {@link InClusterReleasesRenderTest}): Guaranteed QoS for every store container, the worker's
 * {@code maxmemory} at half its container limit with the documented persistence lines, no {@code io-threads}
 * (Redis 7 with TLS: threaded I/O halved throughput in docs/store-benchmark.md and upstream reports crashes).
 */
class StoreResourcesRenderTest {

    private static final Pattern IO_THREADS = Pattern.compile("(?m)^[^#\\n]*\\bio-threads");
    private static final Pattern MAXMEMORY = Pattern.compile("(?m)^maxmemory (\\d+)mb$");

    static Stream<Arguments> releases() {
        return InClusterReleasesRenderTest.releases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void every_store_container_requests_what_it_is_limited_to(String name, JsonNode release) {
        HelmTemplate.Rendered rendered = HelmTemplate.render(release, HelmTemplate.testSecrets(release));
        List<String> problems = new ArrayList<>();
        int containers = 0;
        for (JsonNode statefulSet : rendered.ofKind("StatefulSet")) {
            for (JsonNode container : HelmTemplate.Rendered.podContainers(statefulSet)) {
                containers++;
                JsonNode resources = container.path("resources");
                for (String resource : List.of("cpu", "memory")) {
                    String request = resources.path("requests").path(resource).asText("");
                    String limit = resources.path("limits").path(resource).asText("");
                    if (request.isEmpty() || !request.equals(limit)) {
                        problems.add(statefulSet.path("metadata").path("name").asText() + " container "
                                + container.path("name").asText() + ": requests." + resource + " '" + request
                                + "' != limits." + resource + " '" + limit + "' (not Guaranteed QoS)");
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(containers >= 2, "the store and its exporter at least: " + containers);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void maxmemory_is_the_role_share_of_the_container_limit_and_the_worker_persists_as_documented(String name,
                                                                                                 JsonNode release) {
        HelmTemplate.Rendered rendered = HelmTemplate.render(release, HelmTemplate.testSecrets(release));
        boolean worker = release.path("values").get(0).asText().contains("kvstores.dev/role: " + StoreRole.WORKER_STATE.label());
        StoreRole role = worker ? StoreRole.WORKER_STATE : StoreRole.CACHE;
        String config = configMapsText(rendered);
        Matcher maxmemory = MAXMEMORY.matcher(config);
        assertTrue(maxmemory.find(), "no maxmemory line in the rendered ConfigMaps of " + name);
        int limitMib = redisMemoryLimitMebibytes(rendered);
        assertEquals(StoreSize.maxmemoryMebibytes(limitMib, role), Integer.parseInt(maxmemory.group(1)),
                name + ": maxmemory against the " + limitMib + " MiB limit");
        assertTrue(config.contains("repl-diskless-sync yes\n"), config);
        if (worker) {
            assertEquals(limitMib / 2, Integer.parseInt(maxmemory.group(1)), "the worker keeps half for a fork");
            for (String line : List.of("appendonly yes", "appendfsync everysec", "aof-use-rdb-preamble yes",
                    "auto-aof-rewrite-percentage 100", "save \"\"", "maxmemory-policy noeviction")) {
                assertTrue(config.contains(line + "\n"), name + " lacks '" + line + "':\n" + config);
            }
            assertTrue(config.contains("auto-aof-rewrite-min-size " + Math.max(64, limitMib / 8) + "mb\n"), config);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void no_io_threads_are_rendered_for_redis_7_with_tls(String name, JsonNode release) {
        HelmTemplate.Rendered rendered = HelmTemplate.render(release, HelmTemplate.testSecrets(release));
        assertTrue(rendered.manifest().contains("REDIS_TLS_ENABLED") || rendered.manifest().contains("tls-port"),
                name + " renders TLS");
        // redis-cluster's default redis.conf mentions io-threads in comments only; nothing may set it
        assertFalse(IO_THREADS.matcher(rendered.manifest()).find(), name + " renders io-threads");
    }

    /** Every ConfigMap's data values, joined (redis: {@code redis.conf}; redis-cluster: the appended configmap). */
    private static String configMapsText(HelmTemplate.Rendered rendered) {
        StringBuilder out = new StringBuilder();
        for (JsonNode configMap : rendered.ofKind("ConfigMap")) {
            configMap.path("data").fields().forEachRemaining(f -> out.append(f.getValue().asText()).append('\n'));
        }
        return out.toString();
    }

    /**
     * The memory limit of the data container of the StatefulSets ({@code redis}; redis-cluster names it after the
     * StatefulSet), all equal, in MiB.
     */
    private static int redisMemoryLimitMebibytes(HelmTemplate.Rendered rendered) {
        Integer limit = null;
        for (JsonNode statefulSet : rendered.ofKind("StatefulSet")) {
            for (JsonNode container : HelmTemplate.Rendered.podContainers(statefulSet)) {
                String containerName = container.path("name").asText();
                if (!"redis".equals(containerName)
                        && !containerName.equals(statefulSet.path("metadata").path("name").asText())) {
                    continue;
                }
                String quantity = container.path("resources").path("limits").path("memory").asText();
                assertTrue(quantity.endsWith("Mi"), "memory limit in Mi: " + quantity);
                int mib = Integer.parseInt(quantity.substring(0, quantity.length() - 2));
                if (limit != null) {
                    assertEquals(limit, mib, "every data node has the same limit");
                }
                limit = mib;
            }
        }
        assertTrue(limit != null, "no redis container in " + rendered);
        return limit;
    }
}
