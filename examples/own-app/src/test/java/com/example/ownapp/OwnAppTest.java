package com.example.ownapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.Testing;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.policy.PolicyReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 12 item 10: the README's own-app example synthesizes and passes the library's policy pack. */
class OwnAppTest {

    @Test
    void the_example_synthesizes_both_stores_and_the_secret_and_passes_the_production_policy() throws Exception {
        OwnApp.StoresStack stack = new OwnApp.StoresStack(Testing.app(), "own-app");
        JsonNode json = new ObjectMapper().readTree(Testing.synth(stack));
        assertEquals(2, json.path("resource").path("helm_release").size(), json.path("resource").toString());
        List<String> secrets = new java.util.ArrayList<>();
        json.path("resource").path("kubernetes_secret_v1").forEach(
                r -> secrets.add(r.path("metadata").path("namespace").asText() + "/" + r.path("metadata").path("name").asText()));
        assertTrue(secrets.contains("suprsend/suprsend-secrets"), secrets.toString());
        PolicyReport report = PolicyPack.defaults().evaluate(json, new PolicyContext("own-app", true), List.of());
        assertEquals(List.of(), report.violations(), report.render());
        assertTrue(report.render().contains("compliant"), report.render());
    }
}
