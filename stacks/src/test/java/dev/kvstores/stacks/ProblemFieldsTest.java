package dev.kvstores.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.Testing;
import dev.kvstores.policy.PolicyPack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Item 9 of issue 12: store checks and policy rules are reported at the field a user changes, each once. */
class ProblemFieldsTest {

    @TempDir
    Path dir;

    private EnvironmentStack stack(String shipped, String from, String to) throws IOException {
        String yaml = Files.readString(Path.of("environments", shipped));
        assertTrue(!yaml.replaceFirst(from, to).equals(yaml), from);
        Path file = Files.writeString(dir.resolve("env.yaml"), yaml.replaceFirst(from, to));
        return new EnvironmentStack(Testing.app(), EnvironmentLoader.loadFile(file, dir));
    }

    @Test
    void a_single_node_aws_cache_is_reported_at_cache_nodes() throws IOException {
        EnvironmentStack stack = stack("aws-prod.yaml", "  nodes: 3 ", "  nodes: 1 ");
        assertEquals(1, stack.problems().size(), stack.problems()::toString);
        assertTrue(stack.problems().get(0).startsWith("env.yaml: cache.nodes: "), stack.problems().get(0));
    }

    @Test
    void a_kubernetes_backup_schedule_problem_names_the_full_field_without_an_internal_tag() throws IOException {
        // refused while reading the file or while building the stack: either way at the full field path
        List<String> problems;
        try {
            problems = stack("kubernetes-prod.yaml", "schedule: \"17 3 \\* \\* \\*\"", "schedule: \"every night\"")
                    .problems();
        } catch (dev.kvstores.stacks.environment.EnvironmentException e) {
            problems = e.problems();
        }
        assertEquals(1, problems.size(), problems::toString);
        String problem = problems.get(0);
        assertTrue(problem.startsWith("env.yaml: workerState.backup.schedule: "), problem);
        assertTrue(problem.contains("'every night'"), problem);
        assertTrue(!problem.contains("[") && !problem.contains("Exception"), problem);
    }

    @Test
    void a_bad_memorystore_name_and_managed_redis_sku_are_reported_at_their_fields() throws IOException {
        EnvironmentStack gcp = stack("gcp-prod.yaml", "  name: suprsend-cache ", "  name: Suprsend.Cache ");
        assertEquals(1, gcp.problems().size(), gcp.problems()::toString);
        assertTrue(gcp.problems().get(0).startsWith("env.yaml: cache.name: "), gcp.problems().get(0));
        EnvironmentStack azure = stack("azure-prod.yaml", "  sku: Balanced_B10 ", "  sku: Premium_P1 ");
        assertEquals(1, azure.problems().size(), azure.problems()::toString);
        assertTrue(azure.problems().get(0).startsWith("env.yaml: workerState.sku: "), azure.problems().get(0));
    }

    @Test
    void an_in_cluster_release_name_without_room_for_its_workloads_is_reported_at_release_name() throws IOException {
        // a DNS label (the reader's shape), but '<name>-node' is too long for the StatefulSet's pods
        String name = "suprsend-cache-" + "a".repeat(33);
        EnvironmentStack stack = stack("kubernetes-prod.yaml", "  namespace: redis-cache\n",
                "  namespace: redis-cache\n  releaseName: " + name + "\n");
        assertEquals(1, stack.problems().size(), stack.problems()::toString);
        assertTrue(stack.problems().get(0).startsWith("env.yaml: cache.releaseName: "), stack.problems().get(0));
    }

    @Test
    void a_kvrocks_release_name_too_long_for_a_dns_label_is_reported_at_release_name() throws IOException {
        String name = "kvrocks-state-" + "a".repeat(45); // 59 characters: the reader's 63, the construct's 53
        EnvironmentStack stack = stack("kubernetes-kvrocks-dev.yaml", "  backend: kvrocks ",
                "  releaseName: " + name + "\n  backend: kvrocks ");
        assertTrue(!stack.problems().isEmpty(), stack.problems()::toString);
        assertTrue(stack.problems().stream().allMatch(p -> p.startsWith("env.yaml: workerState.releaseName: ")),
                stack.problems()::toString);
    }

    @Test
    void the_construct_checks_of_in_cluster_backup_destinations_and_names_map_to_their_fields() {
        assertEquals("workerState.backup.destination.endpoint",
                ProblemFields.field("kubernetes", "workerState", "BackupEndpoint"));
        assertEquals("workerState.backup.destination.bucket",
                ProblemFields.field("kubernetes", "workerState", "BackupBucket"));
        assertEquals("cache.tlsSecretName", ProblemFields.field("kubernetes", "cache", "TlsSecretName"));
        assertEquals("workerState.passwordSecretName",
                ProblemFields.field("kubernetes", "workerState", "PasswordSecretName"));
        assertEquals("certManager.issuer", ProblemFields.field("kubernetes", "cache", "TlsIssuerName"));
        assertEquals("encryption.kmsKeyArn", ProblemFields.field("aws", "cache", "KmsKey"));
    }

    @Test
    void a_gcp_key_in_another_region_is_reported_once_at_gcp_customer_managed_key() throws IOException {
        EnvironmentStack stack = stack("gcp-prod.yaml", "locations/us-central1/keyRings", "locations/europe-west1/keyRings");
        assertEquals(List.of("env.yaml: gcp.customerManagedKey: customerManagedKey must be in the instance's region"
                + " us-central1, got a key in europe-west1; create the key ring in us-central1"),
                stack.problems());
    }

    @Test
    void a_production_helm_store_without_certificates_names_tls_secret_name_per_store() throws IOException {
        EnvironmentStack stack = stack("kubernetes-prod.yaml", "certManager:[^\\n]*\\n  issuer: internal-ca[^\\n]*\\n", "");
        assertEquals(List.of(), stack.problems());
        List<String> problems = stack.policyProblems(PolicyPack.defaults().evaluate(
                new ObjectMapper().readTree(Testing.synth(stack)), stack.policyContext(), stack.policyExemptions()));
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("env.yaml: cache.tlsSecretName (or certManager.issuer): "), problems.get(0));
        assertTrue(problems.get(0).endsWith("[policy KVS-HELM-TLS-MANAGED on " + problems.get(0)
                .replaceAll(".* on ", "")), problems.get(0));
        assertTrue(problems.get(1).startsWith("env.yaml: workerState.tlsSecretName (or certManager.issuer): "),
                problems.get(1));
    }

    @Test
    void a_code_shared_by_two_fields_goes_to_the_field_its_message_names() {
        assertEquals("workerState.snapshotWindow", ProblemFields.field("aws", "workerState", "Window",
                "snapshotWindow must look like 03:00-04:00 (UTC), got 'x'"));
        assertEquals("cache.maintenanceWindow", ProblemFields.field("aws", "cache", "Window", "other text"));
        assertEquals("gcp.customerManagedKey", ProblemFields.field("gcp", "workerState", "CustomerManagedKey",
                "customerManagedKey must be in the instance's region"));
    }

    @Test
    void an_unwatched_in_cluster_store_is_reported_at_the_field_that_turns_its_alerts_on() {
        assertEquals("monitoring.prometheusRules", ProblemFields.field("kubernetes", "cache", "KVS-ALERT-BASELINE-K8S"));
        assertEquals("monitoring.prometheusRules", ProblemFields.field("azure", "cache", "KVS-ALERT-BASELINE-K8S"));
    }

    @Test
    void an_unmapped_code_is_reported_at_the_store_section() {
        assertEquals("cache", ProblemFields.field("aws", "cache", "SomethingNew"));
    }

    @Test
    void a_resource_address_names_its_store_section() {
        assertEquals("cache", ProblemFields.sectionOf("helm_release.Cache_Release_10139C6E"));
        assertEquals("workerState", ProblemFields.sectionOf("aws_memorydb_cluster.WorkerState_Resource_1"));
        assertEquals(null, ProblemFields.sectionOf("kubernetes_secret_v1.ConnectionSecret_Resource_1"));
    }
}
