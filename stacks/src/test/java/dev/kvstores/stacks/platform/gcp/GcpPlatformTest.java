package dev.kvstores.stacks.platform.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.Testing;
import dev.kvstores.gcp.GcpLabels;
import dev.kvstores.gcp.MaintenanceWindow;
import dev.kvstores.gcp.MemorystoreRedisVersion;
import dev.kvstores.gcp.MemorystoreService;
import dev.kvstores.gcp.MemorystoreTier;
import dev.kvstores.gcp.RdbSnapshotPeriod;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.stacks.EnvironmentStack;
import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.environment.EnvironmentException;
import dev.kvstores.stacks.environment.EnvironmentLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcpPlatformTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALID = """
            platform: gcp
            profile: production
            gcp:
              project: acme-prod
              region: us-central1
              network: projects/acme/global/networks/platform
              zone: us-central1-a
              alternativeZone: us-central1-b
              customerManagedKey: projects/acme/locations/us-central1/keyRings/r/cryptoKeys/k
            kubernetes: {configContext: gke-prod}
            connectionSecret: {namespace: suprsend}
            cache: {}
            workerState: {}
            """;

    @TempDir
    Path dir;

    private Environment load(String yaml) throws IOException {
        return EnvironmentLoader.loadFile(Files.writeString(dir.resolve("gcp-test.yaml"), yaml), dir);
    }

    private List<String> problems(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("bad-env.yaml"), yaml);
        return assertThrows(EnvironmentException.class, () -> EnvironmentLoader.loadFile(file, dir)).problems();
    }

    private static EnvironmentStack build(Environment environment) {
        return new EnvironmentStack(Testing.app(), environment);
    }

    @Nested
    class Monitoring {
        @Test
        void alert_policies_notify_the_channel_of_the_environment_and_the_report_lists_them() throws IOException {
            Environment environment = load(VALID + """
                    monitoring:
                      notificationChannelId: projects/acme/notificationChannels/42
                      thresholds: {cpuWarnPercent: 70}
                    """);
            GcpSettings settings = environment.settings(GcpSettings.class);
            assertEquals(List.of("projects/acme/notificationChannels/42"),
                    settings.monitoring().notificationChannelIds());
            assertEquals(70, settings.monitoring().thresholds().cpuWarnPercent());
            EnvironmentStack stack = build(environment);
            JsonNode json = JSON.readTree(Testing.synth(stack));
            JsonNode policies = json.path("resource").path("google_monitoring_alert_policy");
            assertEquals(17, policies.size(), "8 per store, plus the worker's RDB snapshot age");
            policies.forEach(p -> assertEquals("projects/acme/notificationChannels/42",
                    p.path("notification_channels").get(0).asText()));
            assertEquals(1, json.path("resource").path("google_monitoring_dashboard").size());
            String report = stack.report();
            assertTrue(report.contains("- alerts: 8 Cloud Monitoring alert policies notifying notification channel(s)"
                    + " projects/acme/notificationChannels/42"), report);
            assertTrue(report.contains("- alerts: 9 Cloud Monitoring alert policies notifying notification channel(s)"
                    + " projects/acme/notificationChannels/42"), report);
            assertTrue(report.contains("no successful RDB snapshot for 2 h [page]:"
                    + " redis.googleapis.com/rdb/snapshot/last_success_age ALIGN_MAX REDUCE_MIN by"
                    + " resource.label.instance_id COMPARISON_GT 7200.0 for 0s"), report);
            assertTrue(report.contains("main thread CPU above 70%"), report);
        }

        @Test
        void the_snapshot_age_policy_follows_the_rdb_snapshot_period_of_the_environment() throws IOException {
            EnvironmentStack stack = build(load(VALID.replace("workerState: {}",
                    "workerState: {rdbSnapshotPeriod: TWELVE_HOURS}")));
            JsonNode json = JSON.readTree(Testing.synth(stack));
            List<JsonNode> persistence = new java.util.ArrayList<>();
            json.path("resource").path("google_monitoring_alert_policy").forEach(p -> {
                if (p.path("display_name").asText().contains("RDB snapshot")) {
                    persistence.add(p);
                }
            });
            assertEquals(1, persistence.size(), "the worker only: the cache has no persistence");
            assertEquals(86400, persistence.get(0).path("conditions").get(0).path("condition_threshold")
                    .path("threshold_value").asInt());
        }

        @Test
        void fails_when_the_channel_is_not_a_full_id() throws IOException {
            assertTrue(problems(VALID + "monitoring: {notificationChannelId: '42'}\n").stream()
                    .anyMatch(p -> p.contains("monitoring.notificationChannelId: is '42'")), "problems");
        }
    }

    @Nested
    class Defaults {
        @Test
        void a_minimal_file_gets_standard_ha_redis_7_2_rdb_hourly_and_a_sunday_window() throws IOException {
            GcpSettings settings = load(VALID).settings(GcpSettings.class);
            assertEquals(new GcpSettings.Cache("suprsend-cache", MemorystoreService.REDIS, MemorystoreTier.STANDARD_HA,
                    MemorystoreRedisVersion.REDIS_7_2, 2, EvictionPolicy.ALLKEYS_LRU), settings.cache());
            assertEquals(new GcpSettings.WorkerState("suprsend-worker-state", MemorystoreService.REDIS,
                    MemorystoreTier.STANDARD_HA, MemorystoreRedisVersion.REDIS_7_2, 8, RdbSnapshotPeriod.ONE_HOUR,
                    true), settings.workerState());
            assertEquals(MaintenanceWindow.DEFAULT, settings.maintenanceWindow());
            assertNull(settings.reservedIpRange());
            assertEquals("~/.kube/config", settings.kubernetes().configPath());
        }

        @Test
        void builds_two_instances_the_google_provider_and_the_secret_without_problems() throws IOException {
            EnvironmentStack stack = build(load(VALID));
            assertEquals(List.of(), stack.problems());
            JsonNode json = JSON.readTree(Testing.synth(stack));
            assertEquals(2, json.path("resource").path("google_redis_instance").size());
            assertEquals("acme-prod", json.path("provider").path("google").get(0).path("project").asText());
            assertEquals("gke-prod", json.path("provider").path("kubernetes").get(0).path("config_context").asText());
            JsonNode data = json.path("resource").path("kubernetes_secret_v1").elements().next().path("data");
            assertTrue(data.has("redisConnBaseUrlCaCertKey"));
            String worker = data.path("redisWorkercacheConnUrlKey").asText();
            assertTrue(worker.startsWith("rediss://default:"), worker);
            assertTrue(worker.matches(".*\\.host}:\\$\\{google_redis_instance\\.WorkerState_[0-9A-F]+\\.port}/0"), worker);
            json.path("resource").path("google_redis_instance").forEach(instance -> {
                assertEquals("gcp-test", instance.path("labels").path(GcpLabels.ENVIRONMENT).asText());
                assertEquals(List.of(), GcpLabels.problems(JSON.convertValue(instance.path("labels"),
                        new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, String>>() { })));
            });
        }
    }

    @Nested
    class Configuration {
        @Test
        void reads_every_field() throws IOException {
            GcpSettings settings = load(VALID.replace("cache: {}", "cache: {name: c1, tier: STANDARD_HA,"
                            + " redisVersion: REDIS_7_0, memorySizeGb: 5, evictionPolicy: volatile-lru}")
                    .replace("workerState: {}", "workerState: {name: w1, memorySizeGb: 32,"
                            + " rdbSnapshotPeriod: TWELVE_HOURS, preventDestroy: false}")
                    .replace("  zone:", "  reservedIpRange: psa\n  maintenanceWindow: {day: MONDAY, startHourUtc: 22}\n"
                            + "  zone:")).settings(GcpSettings.class);
            assertEquals(new GcpSettings.Cache("c1", MemorystoreService.REDIS, MemorystoreTier.STANDARD_HA,
                    MemorystoreRedisVersion.REDIS_7_0, 5, EvictionPolicy.VOLATILE_LRU), settings.cache());
            assertEquals(new GcpSettings.WorkerState("w1", MemorystoreService.REDIS, MemorystoreTier.STANDARD_HA,
                    MemorystoreRedisVersion.REDIS_7_2, 32, RdbSnapshotPeriod.TWELVE_HOURS, false),
                    settings.workerState());
            assertEquals("psa", settings.reservedIpRange());
            assertEquals(new MaintenanceWindow(DayOfWeek.MONDAY, 22), settings.maintenanceWindow());
        }

        @Test
        void development_runs_basic_tier_through_a_relaxation_listed_in_the_report() throws IOException {
            Environment env = load(VALID.replace("production", "development").replace("cache: {}", "cache: {tier: BASIC}")
                    + "relaxations:\n  - {check: high-availability, store: cache, reason: dev cache may restart empty}\n");
            EnvironmentStack stack = build(env);
            assertEquals(List.of(), stack.problems());
            JsonNode json = JSON.readTree(Testing.synth(stack));
            JsonNode instances = json.path("resource").path("google_redis_instance");
            JsonNode cache = instances.path(instances.fieldNames().next());
            assertEquals("BASIC", cache.path("tier").asText());
            assertFalse(cache.has("alternative_location_id"));
            assertTrue(stack.report().contains("- RELAXED: high-availability relaxed (STANDALONE, 1 node(s), zone"
                    + " spread off): dev cache may restart empty"), stack.report());
        }
    }

    @Nested
    class Validation {
        @Test
        void fails_when_a_production_store_asks_for_basic_tier() throws IOException {
            assertEquals(List.of("bad-env.yaml: cache.tier: is 'BASIC' (one node, no failover); profile production"
                            + " needs STANDARD_HA"),
                    problems(VALID.replace("cache: {}", "cache: {tier: BASIC}")));
        }

        @Test
        void fails_listing_every_problem_of_the_gcp_sections() throws IOException {
            assertEquals(List.of(
                    "bad-env.yaml: gcp.alternativeZone: is 'us-central1-a', the same as zone; give another zone of the"
                            + " region so a replica survives a zone outage",
                    "bad-env.yaml: gcp.colour: is not a known field; known fields here: alternativeZone,"
                            + " customerManagedKey, maintenanceWindow, network, project, region, reservedIpRange, zone"
                            + " (check the spelling)",
                    "bad-env.yaml: cache.evictionPolicy: is 'noeviction'; allowed: allkeys-lru, volatile-lru",
                    "bad-env.yaml: workerState.rdbSnapshotPeriod: is 'EVERY_SEC'; allowed: ONE_HOUR, SIX_HOURS,"
                            + " TWELVE_HOURS, TWENTY_FOUR_HOURS"),
                    problems(VALID.replace("alternativeZone: us-central1-b", "alternativeZone: us-central1-a\n  colour: x")
                            .replace("cache: {}", "cache: {evictionPolicy: noeviction}")
                            .replace("workerState: {}", "workerState: {rdbSnapshotPeriod: EVERY_SEC}")));
        }

        @Test
        void fails_when_both_roles_name_the_same_instance() throws IOException {
            assertEquals(List.of("bad-env.yaml: workerState.name: 'same' is also the cache's instance name; the two"
                            + " roles need separate instances"),
                    problems(VALID.replace("cache: {}", "cache: {name: same}")
                            .replace("workerState: {}", "workerState: {name: same}")));
        }

        @Test
        void fails_at_build_when_the_cache_asks_for_valkey_and_says_why() throws IOException {
            EnvironmentStack stack = build(load(VALID.replace("cache: {}", "cache: {service: valkey}")));
            assertEquals(1, stack.problems().size());
            String problem = stack.problems().get(0);
            assertTrue(problem.startsWith("gcp-test.yaml: cache.service: service VALKEY"
                    + " (google_memorystore_instance) cannot serve the platform's connection URL: the provider schema"
                    + " offers only authorization_mode AUTH_DISABLED or IAM_AUTH;"), problem);
            assertTrue(problem.endsWith(" [MemorystoreAuthMode]"), problem);
        }

        @Test
        void fails_at_build_when_the_cache_asks_for_redis_cluster() throws IOException {
            EnvironmentStack stack = build(load(VALID.replace("cache: {}", "cache: {service: redis-cluster}")));
            assertEquals(List.of("gcp-test.yaml: cache.service: topology CLUSTER is"
                    + " not allowed: the platform isolates services by DB number and Redis Cluster has only DB 0; use"
                    + " a replicated (primary + replicas) cache [CacheClusterMode]"), stack.problems());
        }

        @Test
        void fails_at_build_when_a_development_basic_store_has_no_relaxation() throws IOException {
            EnvironmentStack stack = build(load(VALID.replace("production", "development")
                    .replace("workerState: {}", "workerState: {tier: BASIC}")));
            assertEquals(List.of("gcp-test.yaml: workerState.tier: topology"
                    + " STANDALONE has no failover; use a replicated topology with at least 2 nodes, or record a"
                    + " high-availability exemption with its reason (development only) [HighAvailability]"),
                    stack.problems());
        }
    }
}
