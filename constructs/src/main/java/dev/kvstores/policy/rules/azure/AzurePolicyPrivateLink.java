package dev.kvstores.policy.rules.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/**
 * Azure Policy 7803067c-7d34-46e3-8c79-0ca68fc4036d "... should use private link": an approved private endpoint
 * connection exists. Evaluated on each {@code azurerm_private_endpoint} that targets a Redis resource: the
 * connection must be automatic (approved on creation, {@code is_manual_connection = false}) for the right
 * sub-resource, with a DNS zone group. The stores create one such endpoint each (asserted by their tests); a
 * per-resource rule cannot see a cache that has none.
 */
public final class AzurePolicyPrivateLink extends AzureRedisRule {
    @Override public String id() { return "7803067c-7d34-46e3-8c79-0ca68fc4036d"; }
    @Override public String source() { return "Azure Policy built-in 7803067c-7d34-46e3-8c79-0ca68fc4036d (Cache), AuditIfNotExists"; }
    @Override public String description() { return "private endpoints to Redis are auto-approved, on the right sub-resource, with a DNS zone group"; }
    @Override public Set<String> resourceTypes() { return Set.of("azurerm_private_endpoint"); }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        JsonNode connection = block(resource.body(), "private_service_connection");
        String target = text(connection, "private_connection_resource_id");
        String expected = target == null ? null
                : target.contains("${" + CLASSIC + ".") ? "redisCache"
                : target.contains("${" + MANAGED + ".") ? "redisEnterprise" : null;
        if (expected == null) {
            return Evaluation.notApplicable();
        }
        if (isTrue(connection, "is_manual_connection")) {
            return Evaluation.nonCompliant("is_manual_connection is true: the connection waits for approval");
        }
        JsonNode names = connection.path("subresource_names");
        if (!(names.size() == 1 && expected.equals(names.get(0).asText()))) {
            return Evaluation.nonCompliant("subresource_names is " + names + ", expected [\"" + expected + "\"]");
        }
        JsonNode zones = block(resource.body(), "private_dns_zone_group").path("private_dns_zone_ids");
        return Evaluation.check(zones.size() > 0, "no private_dns_zone_group: clients would resolve the public name");
    }
}
