package dev.kvstores.stacks.platform.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.Testing;
import dev.kvstores.naming.GcpLabels;
import dev.kvstores.gcp.MaintenanceWindow;
import dev.kvstores.gcp.MemorystoreRedisVersion;
import dev.kvstores.gcp.MemorystoreService;
import dev.kvstores.gcp.MemorystoreTier;
import dev.kvstores.gcp.RdbSnapshotPeriod;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.stacks.EnvironmentStack;
import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.environment.EnvironmentException;
import dev.kvstores.stacks.EnvironmentLoader;
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
            stateBackend: {type: s3, bucket: tf-state, key: kvstores/test.tfstate, region: eu-west-1, kmsKeyId: arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000, useLockfile: true}
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
                    true, null), settings.workerState());
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
                    MemorystoreRedisVersion.REDIS_7_2, 32, RdbSnapshotPeriod.TWELVE_HOURS, false, null),
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
            assertFalse(problem.contains(" ["), problem); // no internal tag
        }

        @Test
        void fails_at_build_when_the_cache_asks_for_redis_cluster() throws IOException {
            EnvironmentStack stack = build(load(VALID.replace("cache: {}", "cache: {service: redis-cluster}")));
            assertEquals(List.of("gcp-test.yaml: cache.service: topology CLUSTER is"
                    + " not allowed: the platform isolates services by DB number and Redis Cluster has only DB 0; use"
                    + " a replicated (primary + replicas) cache"), stack.problems());
        }

        @Test
        void fails_at_build_when_a_development_basic_store_has_no_relaxation() throws IOException {
            EnvironmentStack stack = build(load(VALID.replace("production", "development")
                    .replace("workerState: {}", "workerState: {tier: BASIC}")));
            assertEquals(List.of("gcp-test.yaml: workerState.tier: topology"
                    + " STANDALONE has no failover; use a replicated topology with at least 2 nodes, or record a"
                    + " high-availability exemption with its reason (development only)"),
                    stack.problems());
        }
    }

    @Nested
    class Backup {
        private static final String BACKUP = VALID.replace("workerState: {}", """
                workerState:
                  backup:
                    schedule: "15 5 * * *"
                    retentionDays: 30
                    destination: {bucket: acme-backups, prefix: redis/exports}
                """)
                + "monitoring: {notificationChannelId: projects/acme/notificationChannels/42}\n";

        @Test
        void reads_the_fields_of_the_in_cluster_backup_and_builds_the_export() throws IOException {
            Environment environment = load(BACKUP);
            assertEquals(new GcpSettings.Backup("15 5 * * *", 30, "acme-backups", "redis/exports", true, null, null, false),
                    environment.settings(GcpSettings.class).workerState().backup());
            EnvironmentStack stack = build(environment);
            assertEquals(List.of(), stack.problems());
            // The created bucket has a retention policy instead of versioning: a written exemption, not a violation.
            assertEquals(List.of("CKV_GCP_78"), stack.policyExemptions().stream().map(e -> e.ruleId()).toList());
            JsonNode json = JSON.readTree(Testing.synth(stack));
            JsonNode workflow = json.path("resource").path("google_workflows_workflow").elements().next();
            assertEquals("suprsend-worker-state-export-gcp-test", workflow.path("name").asText());
            assertEquals("redis/exports/gcp-test/suprsend-worker-state/", workflow.path("user_env_vars")
                    .path("KVSTORES_OBJECT_PREFIX").asText());
            assertEquals("15 5 * * *", json.path("resource").path("google_cloud_scheduler_job").elements().next()
                    .path("schedule").asText());
            JsonNode bucket = json.path("resource").path("google_storage_bucket").elements().next();
            assertEquals("acme-backups", bucket.path("name").asText());
            assertEquals("gcp-test", bucket.path("labels").path(GcpLabels.ENVIRONMENT).asText());
            json.path("resource").path("google_monitoring_alert_policy").forEach(p -> assertEquals(
                    "projects/acme/notificationChannels/42", p.path("notification_channels").get(0).asText()));
            assertTrue(stack.report().contains("off-store backup: Memorystore export on '15 5 * * *'"),
                    stack.report());
            assertTrue(stack.report().contains("`gcloud workflows run suprsend-worker-state-export-gcp-test"
                    + " --location=us-central1 --project acme-prod`"), stack.report());
        }

        @Test
        void an_empty_backup_takes_the_defaults_and_names_the_bucket_after_project_and_environment()
                throws IOException {
            Environment environment = load(VALID.replace("workerState: {}", "workerState: {backup: {}}"));
            EnvironmentStack stack = build(environment);
            JsonNode json = JSON.readTree(Testing.synth(stack));
            assertEquals("acme-prod-gcp-test-kvstores", json.path("resource").path("google_storage_bucket").elements()
                    .next().path("name").asText());
            assertEquals("30 4 * * *", json.path("resource").path("google_cloud_scheduler_job").elements().next()
                    .path("schedule").asText());
        }

        @Test
        void an_exemption_with_its_reason_reaches_the_policy_pack() throws IOException {
            EnvironmentStack stack = build(load(VALID.replace("workerState: {}",
                    "workerState: {backupExemptionReason: state is rebuilt from the platform database}")));
            assertEquals(List.of(new dev.kvstores.exemption.PolicyExemption("KVS-BACKUP-REQUIRED", "",
                    "state is rebuilt from the platform database")), stack.policyExemptions());
            JsonNode json = JSON.readTree(Testing.synth(stack));
            assertTrue(json.path("resource").path("google_workflows_workflow").isMissingNode());
        }

        @Test
        void fails_naming_file_field_value_and_fix_for_a_bad_schedule() throws IOException {
            assertEquals(List.of("bad-env.yaml: workerState.backup.schedule: is '30 4 * *', which has 4 fields; a cron"
                    + " expression has five fields 'minute hour day-of-month month day-of-week', UTC; give a cron"
                    + " expression such as '30 4 * * *' (04:30 UTC every night)"),
                    problems(VALID.replace("workerState: {}", "workerState: {backup: {schedule: '30 4 * *'}}")));
            assertEquals(List.of("bad-env.yaml: workerState.backup.schedule: is '0 4 * * MON#1', which day-of-week"
                    + " field has 'MON#1'; allowed: numbers 0-7 or SUN-SAT, '*', ranges a-b, lists a,b and steps */n"
                    + " (no '?', 'L', 'W', '#'); give a cron expression such as '30 4 * * *' (04:30 UTC every night)"),
                    problems(VALID.replace("workerState: {}", "workerState: {backup: {schedule: '0 4 * * MON#1'}}")));
        }

        @Test
        void fails_at_build_when_the_schedule_starts_in_the_maintenance_window() throws IOException {
            EnvironmentStack stack = build(load(VALID.replace("workerState: {}",
                    "workerState: {backup: {schedule: '10 3 * * *'}}")));
            assertEquals(List.of("gcp-test.yaml: workerState.backup.schedule: schedule '10 3 * * *' starts exports"
                    + " in the maintenance window (SUNDAY 03:00-04:00 UTC); an export and maintenance block each other,"
                    + " so pick another hour, e.g. '30 4 * * *'"), stack.problems());
        }

        @Test
        void fails_at_build_for_a_bucket_name_cloud_storage_refuses() throws IOException {
            EnvironmentStack stack = build(load(VALID.replace("workerState: {}",
                    "workerState: {backup: {destination: {bucket: Acme_Backups}}}")));
            assertEquals(List.of("gcp-test.yaml: workerState.backup.destination.bucket: the bucket name (bucketName)"
                    + " 'Acme_Backups' is not one Cloud Storage accepts: use 3-63 lowercase letters, digits, '-' or"
                    + " '_', starting and ending with a letter or digit, without 'goog' at the start or 'google' in it"), stack.problems());
        }

        @Test
        void fails_for_contradictions_and_unknown_fields() throws IOException {
            assertEquals(List.of(
                    "bad-env.yaml: workerState.backupExemptionReason: is set together with backup; remove one of"
                            + " them (with a backup it is only for a production schedule that runs less often than"
                            + " daily, and '30 4 * * *' runs at least every 24 h)",
                    "bad-env.yaml: workerState.backup.destination.type: is 's3'; allowed: gcs",
                    "bad-env.yaml: workerState.backup.destination.kmsKeyName: applies to a bucket kvstores creates"
                            + " (create: true); an existing bucket's own default key is checked at plan: remove"
                            + " kmsKeyName",
                    "bad-env.yaml: workerState.backup.retentionDays: applies to a bucket kvstores creates; with"
                            + " destination.create: false the bucket's own lifecycle rules keep the exports: remove"
                            + " retentionDays",
                    "bad-env.yaml: workerState.backup.image: is not a known field; known fields here: destination,"
                            + " retentionDays, schedule (check the spelling)"),
                    problems(VALID.replace("workerState: {}", """
                            workerState:
                              backupExemptionReason: not needed here at all
                              backup:
                                retentionDays: 7
                                image: redis:7
                                destination: {type: s3, create: false, kmsKeyName: projects/p/locations/l/keyRings/r/cryptoKeys/k}
                            """)));
        }
    }
}
