package dev.kvstores.e2e.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.e2e.PhaseSynthesis;
import dev.kvstores.e2e.PhaseSynthesis.Phase;
import dev.kvstores.stacks.environment.EnvironmentException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthesized JSON of every phase of a credential rotation ({@code credentials.rotation}), per backend, as the
 * app writes it (loader, stacks, policy pack including KVS-ROTATION-PASSWORD, report), and the refusals where a
 * backend cannot rotate without cutting the platform off.
 */
class CredentialRotationSynthesisTest {

    /** The platform user's ACL rule (docs/platform-kubernetes.md, "Credentials and ACL users"). */
    private static final String APP_USER_RULES = "+@all -@admin -@dangerous +info";

    @TempDir
    static Path dir;

    private static Phase steady(String... stores) {
        return Phase.of("steady", null, null, stores);
    }

    private static Phase add(int generation, String... stores) {
        return Phase.of("add" + generation, generation, "add", stores);
    }

    private static Phase retire(int generation, String... stores) {
        return Phase.of("retire" + generation, generation, "retire", stores);
    }

    private static List<JsonNode> resources(JsonNode stack, String type) {
        List<JsonNode> out = new ArrayList<>();
        stack.path("resource").path(type).forEach(out::add);
        return out;
    }

    private static List<String> names(JsonNode stack, String type) {
        List<String> out = new ArrayList<>();
        stack.path("resource").path(type).fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static JsonNode block(JsonNode parent, String name) {
        JsonNode node = parent.path(name);
        return node.isArray() ? node.path(0) : node;
    }

    private static JsonNode one(JsonNode stack, String type, String field, String value) {
        for (JsonNode r : resources(stack, type)) {
            if (value.equals(r.path(field).asText())) {
                return r;
            }
        }
        throw new AssertionError("no " + type + " with " + field + " = " + value);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String secretData(JsonNode stack, String key) {
        for (JsonNode secret : resources(stack, "kubernetes_secret_v1")) {
            if (secret.path("data").has(key)) {
                return secret.path("data").path(key).asText();
            }
        }
        throw new AssertionError("no Secret with " + key);
    }

    /** {@code random_password.<name>.result} of a {@code ${...}} reference. */
    private static String name(String reference) {
        assertTrue(reference.matches("\\$\\{random_password\\.[^.}]+\\.result}"), reference);
        return reference.substring("${random_password.".length(), reference.length() - ".result}".length());
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ElastiCacheUserAndAuthToken {
        PhaseSynthesis.Result aws;

        @BeforeAll
        void synthesize() {
            // aws-dev: the cache on RBAC (aws_elasticache_user), the worker on an AUTH token.
            aws = PhaseSynthesis.synthesize("aws-dev", dir.resolve("aws-dev"), steady("cache", "workerState"),
                    add(1, "cache", "workerState"), retire(1, "cache", "workerState"));
        }

        @Test
        void rbac_user_lists_new_and_previous_password_in_add_and_only_the_new_one_on_retire() {
            List<String> before = texts(block(one(aws.stack("steady"), "aws_elasticache_user", "user_name",
                    "suprsend-cache"), "authentication_mode").path("passwords"));
            List<String> during = texts(block(one(aws.stack("add1"), "aws_elasticache_user", "user_name",
                    "suprsend-cache"), "authentication_mode").path("passwords"));
            List<String> after = texts(block(one(aws.stack("retire1"), "aws_elasticache_user", "user_name",
                    "suprsend-cache"), "authentication_mode").path("passwords"));
            assertEquals(1, before.size());
            assertEquals(2, during.size(), "add: two passwords");
            assertEquals(before.get(0), during.get(1), "add keeps generation 0 (same resource, same state)");
            assertNotEquals(during.get(0), during.get(1));
            assertEquals(List.of(during.get(0)), after, "retire: only generation 1");
            JsonNode gen1 = aws.stack("add1").path("resource").path("random_password").path(name(during.get(0)));
            assertEquals("1", gen1.path("keepers").path("generation").asText(), "keepers = {generation = 1}");
            assertTrue(secretData(aws.stack("add1"), "redisConnBaseUrlKey").contains(name(during.get(0))),
                    "the Secret switches to generation 1 in phase add");
            assertFalse(names(aws.stack("retire1"), "random_password").contains(name(before.get(0))),
                    "retire removes generation 0");
        }

        @Test
        void auth_token_rotates_with_ROTATE_in_add_and_SET_on_retire() {
            JsonNode before = resources(aws.stack("steady"), "aws_elasticache_replication_group").stream()
                    .filter(g -> g.has("auth_token")).findFirst().orElseThrow();
            JsonNode during = resources(aws.stack("add1"), "aws_elasticache_replication_group").stream()
                    .filter(g -> g.has("auth_token")).findFirst().orElseThrow();
            JsonNode after = resources(aws.stack("retire1"), "aws_elasticache_replication_group").stream()
                    .filter(g -> g.has("auth_token")).findFirst().orElseThrow();
            assertEquals("SET", before.path("auth_token_update_strategy").asText());
            assertEquals("ROTATE", during.path("auth_token_update_strategy").asText());
            assertNotEquals(before.path("auth_token").asText(), during.path("auth_token").asText());
            assertEquals("SET", after.path("auth_token_update_strategy").asText());
            assertEquals(during.path("auth_token").asText(), after.path("auth_token").asText(),
                    "retire sends the same token with SET");
            assertTrue(secretData(aws.stack("add1"), "redisWorkercacheConnUrlKey")
                    .contains(name(during.path("auth_token").asText())));
        }

        @Test
        void the_report_says_the_phase_the_next_deploy_and_what_to_do_in_between() {
            String steadyReport = aws.report("steady");
            assertTrue(steadyReport.contains("credentials: generation 0, no rotation declared"), steadyReport);
            String addReport = aws.report("add1");
            assertTrue(addReport.contains("phase add: user suprsend-cache has two passwords"), addReport);
            assertTrue(addReport.contains("auth_token_update_strategy ROTATE"), addReport);
            assertTrue(addReport.contains("before the next deploy: check that every platform pod restarted"),
                    addReport);
            assertTrue(addReport.contains("next deploy: set phase: retire"), addReport);
            String retireReport = aws.report("retire1");
            assertTrue(retireReport.contains("phase retire: only generation 1"), retireReport);
            assertTrue(retireReport.contains("{generation: 2, phase: add}"), retireReport);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class MemoryDbUser {
        PhaseSynthesis.Result aws;

        @BeforeAll
        void synthesize() {
            aws = PhaseSynthesis.synthesize("aws-prod", dir.resolve("aws-prod"), add(3, "cache", "workerState"),
                    retire(3, "cache", "workerState"));
        }

        @Test
        void memorydb_user_lists_generations_2_and_3_in_add_and_only_3_on_retire() {
            List<String> during = texts(block(one(aws.stack("add3"), "aws_memorydb_user", "user_name",
                    "suprsend-worker"), "authentication_mode").path("passwords"));
            List<String> after = texts(block(one(aws.stack("retire3"), "aws_memorydb_user", "user_name",
                    "suprsend-worker"), "authentication_mode").path("passwords"));
            assertEquals(2, during.size());
            JsonNode passwords = aws.stack("add3").path("resource").path("random_password");
            assertEquals("3", passwords.path(name(during.get(0))).path("keepers").path("generation").asText());
            assertEquals("2", passwords.path(name(during.get(1))).path("keepers").path("generation").asText());
            assertEquals(List.of(during.get(0)), after);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AzureKeys {
        PhaseSynthesis.Result azure;

        @BeforeAll
        void synthesize() {
            azure = PhaseSynthesis.synthesize("azure-prod", dir.resolve("azure-prod"),
                    steady("cache", "workerState"), add(1, "cache", "workerState"), retire(1, "cache", "workerState"),
                    add(2, "cache", "workerState"));
        }

        @Test
        void the_worker_url_alternates_between_the_primary_and_the_secondary_key() {
            String key = "redisWorkercacheConnUrlKey";
            assertTrue(secretData(azure.stack("steady"), key).contains("primary_access_key"), key);
            assertTrue(secretData(azure.stack("add1"), key).contains("secondary_access_key"), key);
            assertTrue(secretData(azure.stack("retire1"), key).contains("secondary_access_key"), key);
            assertTrue(secretData(azure.stack("add2"), key).contains("primary_access_key"), key);
        }

        @Test
        void the_aks_cache_rotates_its_acl_user_password_in_two_phases_as_on_kubernetes() {
            String old = sensitive(azure, "steady", "redis-cache", "auth.acl.users[0].password").path("value").asText();
            String current = sensitive(azure, "add1", "redis-cache", "auth.acl.users[0].password").path("value")
                    .asText();
            assertNotEquals(old, current);
            assertEquals(APP_USER_RULES + " #${sha256(" + old.substring(2, old.length() - 1) + ")}",
                    sensitive(azure, "add1", "redis-cache", "auth.acl.users[0].commands").path("value").asText());
            assertNull(sensitive(azure, "retire1", "redis-cache", "auth.acl.users[0].commands"));
            assertTrue(azure.report("add1").contains("ACL user suprsend-cache accepts both passwords"),
                    azure.report("add1"));
            assertOnlyTheAppUserRotates(azure, "redis-cache");
        }

        @Test
        void the_report_gives_the_out_of_band_key_regeneration() {
            String add = azure.report("add1");
            assertTrue(add.contains("az redisenterprise database regenerate-key"), add);
        }
    }

    /**
     * The platform's ACL user is first in the release's user list (so its index is the one the phases rewrite);
     * the monitoring user, last, keeps its own password and rule through every phase.
     */
    private static void assertOnlyTheAppUserRotates(PhaseSynthesis.Result result, String release) {
        for (String phase : List.of("steady", "add1", "retire1")) {
            JsonNode users = aclUsers(result, phase, release);
            assertTrue(users.get(0).path("username").asText().startsWith("suprsend-"), release + " " + phase
                    + ": the platform user first, " + users);
            assertEquals(APP_USER_RULES, users.get(0).path("commands").asText());
            JsonNode monitor = users.get(users.size() - 1);
            assertEquals("kvstores-monitor", monitor.path("username").asText(), release + " " + phase);
            String index = "auth.acl.users[" + (users.size() - 1) + "]";
            assertNull(sensitive(result, phase, release, index + ".commands"),
                    release + " " + phase + ": the monitoring user accepts one password only");
            assertEquals(sensitive(result, "steady", release, index + ".password").path("value").asText(),
                    sensitive(result, phase, release, index + ".password").path("value").asText(),
                    release + " " + phase + ": the monitoring user's password is its own, not rotated with the"
                            + " platform user's");
        }
    }

    private static JsonNode aclUsers(PhaseSynthesis.Result result, String phase, String release) {
        try {
            JsonNode r = one(result.stack(phase), "helm_release", "name", release);
            return new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(r.path("values").get(0).asText())
                    .path("auth").path("acl").path("users");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode sensitive(PhaseSynthesis.Result result, String phase, String release, String name) {
        JsonNode r = one(result.stack(phase), "helm_release", "name", release);
        for (JsonNode v : r.path("set_sensitive")) {
            if (name.equals(v.path("name").asText())) {
                return v;
            }
        }
        return null;
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class InCluster {
        PhaseSynthesis.Result kube;

        @BeforeAll
        void synthesize() {
            kube = PhaseSynthesis.synthesize("kubernetes-prod", dir.resolve("kubernetes-prod"),
                    steady("cache", "workerState"), add(1, "cache", "workerState"), retire(1, "cache", "workerState"));
        }

        private JsonNode sensitive(String phase, String release, String name) {
            return CredentialRotationSynthesisTest.sensitive(kube, phase, release, name);
        }

        @Test
        void phase_add_gives_the_acl_user_the_previous_hash_by_terraform_sha256_and_retire_drops_it() {
            for (String release : List.of("redis-cache", "redis-state")) {
                String old = sensitive("steady", release, "auth.acl.users[0].password").path("value").asText();
                String current = sensitive("add1", release, "auth.acl.users[0].password").path("value").asText();
                assertNotEquals(old, current);
                JsonNode commands = sensitive("add1", release, "auth.acl.users[0].commands");
                assertEquals(APP_USER_RULES + " #${sha256(" + old.substring(2, old.length() - 1) + ")}",
                        commands.path("value").asText(), "computed by Terraform, never a literal");
                assertNull(sensitive("retire1", release, "auth.acl.users[0].commands"));
                assertNull(sensitive("steady", release, "auth.acl.users[0].commands"));
                assertEquals(current, sensitive("retire1", release, "auth.acl.users[0].password")
                        .path("value").asText());
                assertEquals(sensitive("steady", release, "auth.password").path("value").asText(),
                        sensitive("add1", release, "auth.password").path("value").asText(),
                        "the default user's password is not rotated");
                assertOnlyTheAppUserRotates(kube, release);
            }
        }

        @Test
        void the_secret_carries_the_reloader_annotation_and_the_report_the_steps() {
            for (JsonNode secret : resources(kube.stack("add1"), "kubernetes_secret_v1")) {
                if (secret.path("data").has("redisConnBaseUrlKey")) {
                    assertEquals("true", block(secret, "metadata").path("annotations")
                            .path("reloader.stakater.com/match").asText());
                }
            }
            String report = kube.report("add1");
            assertTrue(report.contains("ACL user suprsend-cache accepts both passwords"), report);
            assertTrue(report.contains("reloader.stakater.com/search: \"true\""), report);
        }
    }

    @Test
    void memorystore_refuses_a_rotation_naming_the_field() {
        EnvironmentException e = assertThrows(EnvironmentException.class, () -> PhaseSynthesis.load("gcp-prod",
                add(1, "cache"), dir.resolve("gcp")));
        assertTrue(e.getMessage().contains("cache.credentials: a staged rotation is not possible on Memorystore"),
                e.getMessage());
    }

    @Test
    void kvrocks_refuses_a_rotation_naming_the_field() {
        EnvironmentException e = assertThrows(EnvironmentException.class, () -> PhaseSynthesis.load(
                "kubernetes-kvrocks-dev", add(1, "workerState"), dir.resolve("kvrocks")));
        assertTrue(e.getMessage().contains("workerState.credentials: a staged rotation is not possible with"
                + " backend kvrocks"), e.getMessage());
    }

    @Test
    void a_rotation_needs_generation_and_phase() {
        EnvironmentException e = assertThrows(EnvironmentException.class, () -> PhaseSynthesis.load(
                "kubernetes-prod", Phase.of("zero", 0, "add", "cache"), dir.resolve("zero")));
        assertTrue(e.getMessage().contains("cache.credentials.rotation.generation: is 0; allowed: 1"),
                e.getMessage());
    }
}
