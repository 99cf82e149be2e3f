package dev.kvstores.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.naming.AwsTags;
import dev.kvstores.naming.AzureTags;
import dev.kvstores.naming.GcpLabels;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.policy.PolicyRule;
import dev.kvstores.policy.SynthesizedResource;
import dev.kvstores.stacks.environment.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every tag / label key and value of every shipped stack meets its cloud's documented rules, so no resource is
 * refused at apply for its tags (azurerm checks only count and length, so Azure's forbidden characters pass plan):
 * <ul>
 *   <li>AWS: <a href="https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html">tag naming limits and
 *       requirements</a> ({@link AwsTags}), including the provider's {@code default_tags};</li>
 *   <li>GCP: <a href="https://cloud.google.com/resource-manager/docs/creating-managing-labels#requirements">requirements
 *       for labels</a> ({@link GcpLabels});</li>
 *   <li>Azure: <a href="https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/tag-resources#limitations">tag
 *       limitations</a> ({@link AzureTags}).</li>
 * </ul>
 * Each test also checks that the cloud's policy rule looks at every tagged resource type the stacks contain.
 */
class CloudTagRulesTest {

    private record Tagged(String where, Map<String, String> tags) {
    }

    /** Every {@code attribute} map of the platform's resources (type prefix), plus provider default tags. */
    private static List<Tagged> tagged(String platform, String prefix, String attribute, List<String> types) {
        List<Tagged> out = new ArrayList<>();
        List<String> stacks = ShippedSynthesis.environments().stream().filter(e -> e.platform().equals(platform))
                .map(Environment::name).toList();
        assertFalse(stacks.isEmpty(), platform);
        for (String name : stacks) {
            JsonNode stack = ShippedSynthesis.stack(name);
            for (SynthesizedResource r : PolicyPack.resources(stack)) {
                JsonNode map = r.body().get(attribute);
                if (r.type().startsWith(prefix) && map != null && map.isObject()) {
                    out.add(new Tagged(name + ": " + r.address(), text(map)));
                    types.add(r.type());
                }
            }
            stack.path("provider").path(prefix.substring(0, prefix.length() - 1)).forEach(provider ->
                    provider.path("default_tags").forEach(d -> out.add(new Tagged(name + ": provider default_tags",
                            text(d.path("tags"))))));
        }
        return out;
    }

    private static Map<String, String> text(JsonNode object) {
        Map<String, String> out = new TreeMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static void assertAllMeet(List<Tagged> tagged, Function<Map<String, String>, List<String>> rules) {
        List<String> problems = new ArrayList<>();
        tagged.forEach(t -> rules.apply(t.tags()).forEach(p -> problems.add(t.where() + ": " + p)));
        assertEquals(List.of(), problems);
    }

    private static PolicyRule rule(String id) {
        return PolicyPack.defaults().rules().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void every_aws_tag_of_the_shipped_stacks_meets_awss_tag_rules() {
        List<String> types = new ArrayList<>();
        List<Tagged> tagged = tagged("aws", "aws_", "tags", types);
        assertTrue(tagged.stream().anyMatch(t -> t.where().endsWith("provider default_tags")
                && t.tags().containsKey(AwsTags.ENVIRONMENT)), "the provider tags every resource");
        assertTrue(tagged.stream().anyMatch(t -> "worker-state".equals(t.tags().get(AwsTags.ROLE))));
        assertAllMeet(tagged, AwsTags::problems);
        assertTrue(rule("KVS-AWS-TAGS").resourceTypes().containsAll(types), types.toString());
    }

    @Test
    void every_gcp_label_of_the_shipped_stacks_meets_googles_label_requirements() {
        List<String> types = new ArrayList<>();
        List<Tagged> labelled = tagged("gcp", "google_", "labels", types);
        assertTrue(labelled.stream().anyMatch(t -> t.tags().containsKey(GcpLabels.ENVIRONMENT)
                && t.tags().containsKey(GcpLabels.ROLE)), labelled.toString());
        assertAllMeet(labelled, GcpLabels::problems);
        assertTrue(rule("KVS-GCP-LABELS").resourceTypes().containsAll(types), types.toString());
    }

    @Test
    void every_azure_tag_of_the_shipped_stacks_meets_azures_tag_limitations() {
        List<String> types = new ArrayList<>();
        List<Tagged> tagged = tagged("azure", "azurerm_", "tags", types);
        assertTrue(tagged.stream().allMatch(t -> t.tags().containsKey(AzureTags.ENVIRONMENT)
                && t.tags().containsKey(AzureTags.ROLE)), tagged.toString());
        assertTrue(tagged.stream().noneMatch(t -> t.tags().keySet().stream().anyMatch(k -> k.contains("/"))));
        assertAllMeet(tagged, AzureTags::problems);
        assertTrue(rule("KVS-AZURE-TAGS").resourceTypes().containsAll(types), types.toString());
    }
}
