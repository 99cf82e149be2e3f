package dev.kvstores.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.app.Synthesizer;
import dev.kvstores.stacks.environment.Environment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped Azure environments: URLs from resource attributes, the recorded exemptions, prod versus dev. */
class AzureEnvironmentsTest {

    private final Synthesizer.Result result = ShippedSynthesis.result();

    @Test
    void both_azure_environments_are_shipped() {
        assertEquals(List.of("azure-dev", "azure-prod"), ShippedSynthesis.environments().stream()
                .filter(e -> e.platform().equals("azure")).map(Environment::name).toList());
    }

    private JsonNode stack(String name) {
        return ShippedSynthesis.stack(name);
    }

    @Test
    void urls_name_the_users_and_read_ports_and_keys_from_the_resources() {
        // the connection Secret, among the release's own Secrets (the monitoring user's password, ...)
        List<JsonNode> connections = new ArrayList<>();
        stack("azure-prod").path("resource").path("kubernetes_secret_v1").forEach(secret -> {
            if (secret.path("data").has("redisConnBaseUrlKey")) {
                connections.add(secret.path("data"));
            }
        });
        assertEquals(1, connections.size(), "one connection Secret");
        JsonNode data = connections.get(0);
        String cache = data.path("redisConnBaseUrlKey").asText();
        String worker = data.path("redisWorkercacheConnUrlKey").asText();
        // the cache in the AKS cluster: the release's ACL user, its generated password, the master Service
        assertTrue(cache.matches("rediss://suprsend-cache:\\$\\{replace\\(urlencode\\(random_password\\.[A-Za-z0-9_]+"
                + "\\.result\\).*\\}@redis-cache-master\\.redis-cache\\.svc[.a-z]*:6379"), cache);
        assertTrue(worker.matches("rediss://default:\\$\\{replace\\(urlencode\\(azurerm_managed_redis\\.[A-Za-z0-9_]+"
                + "\\.default_database\\[0\\]\\.primary_access_key\\).*\\}@\\$\\{azurerm_managed_redis\\.[A-Za-z0-9_]+"
                + "\\.hostname\\}:\\$\\{azurerm_managed_redis\\.[A-Za-z0-9_]+\\.default_database\\[0\\]\\.port\\}/0"),
                worker);
    }

    @Test
    void the_connection_secret_goes_to_the_named_aks_context() {
        assertEquals("suprsend-prod-aks", stack("azure-prod").path("provider").path("kubernetes").path(0)
                .path("config_context").asText());
    }

    @Test
    void exempts_only_the_recorded_design_choices() {
        List<String> exempted = result.policyReports().get("azure-prod").exempted().stream()
                .map(f -> f.ruleId()).distinct().sorted().toList();
        // the last two: the Managed Redis backup's storage account (its public endpoint and Shared Key signing)
        assertEquals(List.of("09aa11bb-87ec-409f-bf0b-49b7c1561a87", "3827af20-8f80-4b15-8300-6db0873ec901",
                "CKV2_AZURE_40", "CKV_AZURE_59"), exempted);
        assertEquals(List.of(), result.policyReports().get("azure-prod").violations());
    }

    @Test
    void production_enforces_and_development_lists_its_relaxations() {
        String prod = ShippedSynthesis.report("azure-prod");
        String dev = ShippedSynthesis.report("azure-dev");
        assertEquals(0, prod.lines().filter(l -> l.contains("RELAXED")).count(), prod);
        assertTrue(dev.contains("- RELAXED: high-availability relaxed (STANDALONE, 1 node(s), zone spread off): dev"
                + " workflows can be replayed"), dev);
        assertTrue(dev.contains("one cache node on the dev AKS cluster"), dev);
    }

    @Test
    void the_report_says_the_cache_runs_in_the_aks_cluster_and_why() {
        for (String name : List.of("azure-prod", "azure-dev")) {
            String report = ShippedSynthesis.report(name);
            assertTrue(report.contains("- runs on: the AKS cluster of the connection Secret (cache.service: in-cluster)"),
                    report);
            assertTrue(report.contains("Azure Managed Redis does not have") && report.contains("30 Sep 2028"), report);
        }
    }

    @Test
    void production_cache_is_a_release_on_aks_with_its_namespace_and_certificate_and_no_classic_cache() {
        JsonNode prod = stack("azure-prod");
        assertTrue(prod.path("resource").path("azurerm_redis_cache").isMissingNode());
        assertEquals(1, prod.path("resource").path("helm_release").size());
        assertEquals("suprsend-prod-aks", prod.path("provider").path("helm").path(0).path("kubernetes")
                .path("config_context").asText());
        assertEquals("restricted", prod.path("resource").path("kubernetes_namespace_v1").elements().next()
                .path("metadata").path("labels").path("pod-security.kubernetes.io/enforce").asText());
        assertTrue(prod.path("resource").path("kubernetes_manifest").toString().contains("\"kind\":\"Certificate\""));
    }
}
