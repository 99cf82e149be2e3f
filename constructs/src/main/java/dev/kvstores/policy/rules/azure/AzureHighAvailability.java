package dev.kvstores.policy.rules.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/**
 * KVS-AZURE-HA: in production, every Azure store survives a zone failure. Classic: Premium with at least two
 * zones (Standard has a replica but no zone placement). Managed Redis: {@code high_availability_enabled} not
 * false (absent passes: the provider default is true). Not applicable to development stacks, whose relaxations
 * are listed in the synthesis report.
 */
public final class AzureHighAvailability extends AzureRedisRule {
    @Override public String id() { return "KVS-AZURE-HA"; }
    @Override public String source() { return "vendor guide, High Availability (\"Managed: choose Multi-AZ, automatic failover\")"; }
    @Override public String description() { return "production stores are zone-redundant: classic Premium with zones, Managed Redis with high availability"; }
    @Override public Set<String> resourceTypes() { return Set.of(CLASSIC, MANAGED); }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        if (!context.production()) {
            return Evaluation.notApplicable();
        }
        JsonNode body = resource.body();
        if (MANAGED.equals(resource.type())) {
            return Evaluation.check(!isFalse(body, "high_availability_enabled"), "high_availability_enabled is false");
        }
        if (!"Premium".equals(text(body, "sku_name"))) {
            return Evaluation.nonCompliant("sku_name is " + text(body, "sku_name") + ": only Premium spreads across zones");
        }
        return Evaluation.check(body.path("zones").size() >= 2, "zones is " + body.path("zones") + ", need at least 2");
    }
}
