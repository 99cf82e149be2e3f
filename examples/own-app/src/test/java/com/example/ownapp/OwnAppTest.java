package com.example.ownapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.Testing;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.policy.PolicyReport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OwnAppTest {

    @Test
    void synthesizes_both_stores_and_the_secret_and_passes_the_production_policy() throws Exception {
        OwnApp.StoresStack stack = new OwnApp.StoresStack(Testing.app(), "own-app");
        JsonNode json = new ObjectMapper().readTree(Testing.synth(stack));

        assertEquals(2, json.path("resource").path("helm_release").size(), json.path("resource").toString());
        List<String> secrets = new ArrayList<>();
        json.path("resource").path("kubernetes_secret_v1").forEach(secret -> secrets.add(
                secret.path("metadata").path("namespace").asText() + "/" + secret.path("metadata").path("name").asText()));
        assertTrue(secrets.contains("suprsend/suprsend-secrets"), secrets.toString());

        // the same rules the kvstores app runs: the stack's JSON, its context (production), written exemptions
        PolicyReport report = PolicyPack.defaults().evaluate(json, new PolicyContext("own-app", true), List.of());
        assertEquals(List.of(), report.violations(), report.render());
    }
}
