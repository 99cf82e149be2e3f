package dev.kvstores.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.app.Synthesizer;
import dev.kvstores.stacks.environment.Environment;
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
    void urls_name_the_default_user_and_read_ports_and_keys_from_the_resources() {
        JsonNode data = stack("azure-prod").path("resource").path("kubernetes_secret_v1").elements().next().path("data");
        String cache = data.path("redisConnBaseUrlKey").asText();
        String worker = data.path("redisWorkercacheConnUrlKey").asText();
        assertTrue(cache.matches("rediss://default:\\$\\{replace\\(urlencode\\(azurerm_redis_cache\\.[A-Za-z0-9_]+"
                + "\\.primary_access_key\\).*\\}@\\$\\{azurerm_redis_cache\\.[A-Za-z0-9_]+\\.hostname\\}:"
                + "\\$\\{azurerm_redis_cache\\.[A-Za-z0-9_]+\\.ssl_port\\}"), cache);
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
        assertEquals(List.of("09aa11bb-87ec-409f-bf0b-49b7c1561a87", "3827af20-8f80-4b15-8300-6db0873ec901",
                "7d092e0a-7acd-40d2-a975-dca21cae48c4"), exempted);
        assertEquals(List.of(), result.policyReports().get("azure-prod").violations());
    }

    @Test
    void production_enforces_and_development_lists_its_relaxations() {
        String prod = ShippedSynthesis.report("azure-prod");
        String dev = ShippedSynthesis.report("azure-dev");
        // The only relaxation in production is the one no Azure service avoids: classic runs Redis 6.
        assertEquals(1, prod.lines().filter(l -> l.contains("RELAXED")).count(), prod);
        assertTrue(prod.contains("- RELAXED: engine version relaxed: classic Azure Cache for Redis offers Redis 6"),
                prod);
        assertTrue(dev.contains("- RELAXED: high-availability relaxed (STANDALONE, 1 node(s), zone spread off): dev"
                + " workflows can be replayed"), dev);
        assertTrue(dev.contains("- RELAXED: high-availability relaxed (REPLICATED, 2 node(s), zone spread off):"
                + " Standard C1"), dev);
    }

    @Test
    void production_cache_has_one_node_in_each_of_its_three_zones() {
        JsonNode cache = stack("azure-prod").path("resource").path("azurerm_redis_cache").elements().next();
        assertEquals("[\"1\",\"2\",\"3\"]", cache.path("zones").toString());
        assertEquals(2, cache.path("replicas_per_primary").asInt());
    }
}
