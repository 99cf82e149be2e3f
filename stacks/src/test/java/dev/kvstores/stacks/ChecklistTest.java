package dev.kvstores.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.Testing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Item 7 of issue 12: each report's checklist is derived from the stack, and only from it. */
class ChecklistTest {

    @TempDir
    Path dir;

    private EnvironmentStack stack(String shipped, String... fromTo) throws IOException {
        String yaml = Files.readString(Path.of("environments", shipped));
        for (int i = 0; i < fromTo.length; i += 2) {
            String changed = yaml.replaceFirst(fromTo[i], fromTo[i + 1]);
            assertFalse(changed.equals(yaml), fromTo[i]);
            yaml = changed;
        }
        Path file = Files.writeString(dir.resolve(shipped), yaml);
        return new EnvironmentStack(Testing.app(), EnvironmentLoader.loadFile(file, dir));
    }

    private static String section(String report, String title) {
        int start = report.indexOf("## " + title + "\n");
        if (start < 0) {
            return "";
        }
        int end = report.indexOf("\n## ", start + 1);
        return report.substring(start, end < 0 ? report.length() : end);
    }

    @Test
    void kubernetes_before_apply_lists_the_issuer_and_the_storage_class_it_uses() throws IOException {
        String before = section(stack("kubernetes-prod.yaml").report(), "Before the first apply");
        assertTrue(before.contains("ClusterIssuer `internal-ca` (certManager.issuer)"), before);
        assertTrue(before.contains("StorageClass `premium-rwo` (workerState.storageClass)"), before);
        assertFalse(before.contains("namespace `redis-cache`"), "the stack creates the store namespaces: " + before);
    }

    @Test
    void own_tls_secrets_are_listed_with_the_names_their_certificates_must_cover() throws IOException {
        EnvironmentStack stack = stack("kubernetes-prod.yaml",
                "certManager:[^\\n]*\\n  issuer: internal-ca[^\\n]*\\n", "",
                "cache:([^\\n]*)\\n", "cache:$1\n  tlsSecretName: cache-tls\n",
                "workerState:([^\\n]*)\\n", "workerState:$1\n  tlsSecretName: state-tls\n",
                "createNamespaces: true", "createNamespaces: false");
        assertEquals(List.of(), stack.problems());
        String before = section(stack.report(), "Before the first apply");
        assertTrue(before.contains("TLS Secret `redis-cache/cache-tls` (cache.tlsSecretName, keys tls.crt, tls.key,"
                + " ca.crt) whose certificate covers: " + String.join(", ",
                        stack.cacheStore().certificateSubjectAltNames())), before);
        assertFalse(stack.cacheStore().certificateSubjectAltNames().isEmpty());
        assertTrue(before.contains("TLS Secret `redis-state/state-tls`"), before);
        assertTrue(before.contains("namespace `redis-cache` exists (kubernetes.createNamespaces is false)"), before);
        assertFalse(before.contains("cert-manager"), before);
    }

    @Test
    void aws_alarms_on_the_stacks_own_topic_ask_for_a_subscriber_and_with_a_given_topic_do_not() throws IOException {
        String report = stack("aws-prod.yaml").report();
        assertEquals("", section(report, "Warnings"), report);
        assertTrue(section(report, "After apply").contains("subscribe your pager to SNS topic `kvstores-aws-prod-alerts`"
                + " (created by this stack;"), report);
        assertTrue(report.contains("created by this stack"), report);
        String withTopic = stack("aws-prod.yaml", "\nmonitoring:[^\\n]*\\n",
                "\nmonitoring:\n  notificationTopicArn: arn:aws:sns:eu-west-1:123456789012:oncall\n").report();
        assertEquals("", section(withTopic, "Warnings"), withTopic);
        assertFalse(withTopic.contains("subscribe your pager"), withTopic);
    }

    @Test
    void gcp_lists_private_service_access_and_the_key_grant() throws IOException {
        String before = section(stack("gcp-prod.yaml").report(), "Before the first apply");
        assertTrue(before.contains("private services access connection"), before);
        assertTrue(before.contains("cloudkms.cryptoKeys.setIamPolicy"), before);
        String dev = section(stack("gcp-dev.yaml").report(), "Before the first apply");
        assertFalse(dev.contains("gcp.customerManagedKey"), "gcp-dev has no key: " + dev);
    }

    @Test
    void azure_names_the_dns_zones_it_links() throws IOException {
        String before = section(stack("azure-prod.yaml").report(), "Before the first apply");
        assertFalse(before.contains("privatelink.redis.cache.windows.net"), "no classic cache here: " + before);
        assertTrue(before.contains("no other `privatelink.redis.azure.net` zone is linked to VNet"), before);
    }

    @Test
    void after_apply_names_outputs_that_the_stack_synthesizes() throws IOException {
        EnvironmentStack stack = stack("gcp-prod.yaml");
        JsonNode outputs = new ObjectMapper().readTree(Testing.synth(stack)).path("output");
        String after = section(stack.report(), "After apply");
        for (String name : List.of("cache_connection_url", "worker_state_connection_url")) {
            assertTrue(after.contains("terraform output -raw " + name), after);
            assertTrue(outputs.has(name), name + " in " + outputs);
        }
    }
}
