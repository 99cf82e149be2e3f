package dev.kvstores.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.kvstores.exemption.PolicyExemption;
import dev.kvstores.kubernetes.BitnamiRedisCacheStore;
import dev.kvstores.kubernetes.BitnamiRedisCacheStoreProps;
import dev.kvstores.testing.SynthJson;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PolicyPackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PolicyContext PROD = new PolicyContext("test", true);

    private static JsonNode stack(String json) {
        try {
            return JSON.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Finding> findings(String ruleId, JsonNode stack, List<PolicyExemption> exemptions) {
        return PolicyPack.defaults().evaluate(stack, PROD, exemptions).findings().stream()
                .filter(f -> f.ruleId().equals(ruleId)).toList();
    }

    private static Compliance only(String ruleId, String json) {
        List<Finding> findings = findings(ruleId, stack(json), List.of());
        assertEquals(1, findings.size(), "findings of " + ruleId);
        return findings.get(0).evaluation().compliance();
    }

    private static String helm(String valuesYaml) {
        return "{'resource':{'helm_release':{'r':{'chart':'redis','version':'23.1.1','namespace':'ns',"
                + "'values':[" + JSON.valueToTree(valuesYaml).toString().replace('"', '\'') + "]}}}}";
    }

    @Nested
    class NamespaceNotDefault {
        @Test
        void noncompliance_1_namespace_missing() {
            assertEquals(Compliance.NON_COMPLIANT, only("CKV_K8S_21",
                    "{'resource':{'kubernetes_secret_v1':{'s':{'metadata':[{'name':'x'}],'data':{}}}}}"));
        }

        @Test
        void noncompliance_2_default_namespace() {
            assertEquals(Compliance.NON_COMPLIANT, only("CKV_K8S_21",
                    "{'resource':{'kubernetes_secret_v1':{'s':{'metadata':{'name':'x','namespace':'default'}}}}}"));
        }

        @Test
        void compliance() {
            assertEquals(Compliance.COMPLIANT, only("CKV_K8S_21",
                    "{'resource':{'kubernetes_secret_v1':{'s':{'metadata':{'name':'x','namespace':'suprsend'}}}}}"));
        }
    }

    @Nested
    class NetworkPolicyIngressNotOpen {
        @Test
        void noncompliance_open_cidr() {
            assertEquals(Compliance.NON_COMPLIANT, only("KUBE-0001", "{'resource':{'kubernetes_network_policy_v1':"
                    + "{'n':{'spec':[{'ingress':[{'from':[{'ip_block':[{'cidr':'0.0.0.0/0'}]}]}]}]}}}}"));
        }

        @Test
        void noncompliance_any_cidr_of_prefix_length_zero_in_and_out_as_trivy_reads_it() {
            for (String cidr : new String[] {"::0/0", "10.0.0.0/0", "0::/0"}) {
                assertEquals(Compliance.NON_COMPLIANT, only("KUBE-0001", "{'resource':{'kubernetes_network_policy_v1':"
                        + "{'n':{'spec':[{'ingress':[{'from':[{'ip_block':[{'cidr':'" + cidr + "'}]}]}]}]}}}}"), cidr);
                assertEquals(Compliance.NON_COMPLIANT, only("KUBE-0002", "{'resource':{'kubernetes_network_policy_v1':"
                        + "{'n':{'spec':[{'egress':[{'to':[{'ip_block':[{'cidr':'" + cidr + "'}]}]}]}]}}}}"), cidr);
            }
        }

        @Test
        void noncompliance_ingress_rule_without_from_on_any_port() {
            assertEquals(Compliance.NON_COMPLIANT, only("KUBE-0001", "{'resource':{'kubernetes_network_policy_v1':"
                    + "{'n':{'spec':[{'ingress':[{'ports':[{'port':'9121','protocol':'TCP'}]}]}]}}}}"));
        }

        @Test
        void compliance_private_cidr() {
            assertEquals(Compliance.COMPLIANT, only("KUBE-0001", "{'resource':{'kubernetes_network_policy_v1':"
                    + "{'n':{'spec':[{'ingress':[{'from':[{'ip_block':[{'cidr':'10.0.0.0/8'}]}]}]}]}}}}"));
        }
    }

    @Nested
    class SecretsNotInEnvironment {
        @Test
        void noncompliance_secret_key_ref_in_env() {
            assertEquals(Compliance.NON_COMPLIANT, only("CKV_K8S_35", "{'resource':{'kubernetes_deployment_v1':{'d':"
                    + "{'spec':[{'template':[{'spec':[{'container':[{'name':'app','env':[{'name':'PW','value_from':"
                    + "[{'secret_key_ref':[{'name':'s','key':'k'}]}]}]}]}]}]}]}}}}"));
        }

        @Test
        void noncompliance_secret_key_ref_in_a_cron_jobs_second_env_entry() {
            assertEquals(Compliance.NON_COMPLIANT, only("CKV_K8S_35", "{'resource':{'kubernetes_cron_job_v1':{'b':"
                    + "{'spec':[{'job_template':[{'spec':[{'template':[{'spec':[{'container':[{'name':'backup','env':"
                    + "[{'name':'A','value':'x'},{'name':'KEY','value_from':[{'secret_key_ref':[{'name':'s','key':'k'}]}]}]"
                    + "}]}]}]}]}]}]}}}}"));
        }

        @Test
        void noncompliance_env_from_secret_in_an_init_container_of_a_job() {
            assertEquals(Compliance.NON_COMPLIANT, only("CKV_K8S_35", "{'resource':{'kubernetes_job_v1':{'j':"
                    + "{'spec':[{'template':[{'spec':[{'container':[{'name':'c'}],'init_container':[{'name':'i',"
                    + "'env_from':[{'secret_ref':[{'name':'s'}]}]}]}]}]}]}}}}"));
        }

        @Test
        void compliance_with_secrets_mounted_as_files() {
            assertEquals(Compliance.COMPLIANT, only("CKV_K8S_35", "{'resource':{'kubernetes_cron_job_v1':{'b':"
                    + "{'spec':[{'job_template':[{'spec':[{'template':[{'spec':[{'container':[{'name':'backup','env':"
                    + "[{'name':'KEY_FILE','value':'/secrets/cloud/key'}],'volume_mount':[{'name':'k','mount_path':"
                    + "'/secrets/cloud'}]}],'volume':[{'name':'k','secret':[{'secret_name':'s'}]}]}]}]}]}]}]}}}}"));
        }
    }

    @Nested
    class ContainerHardening {
        private static final String STS = "{'resource':{'kubernetes_stateful_set_v1':{'s':{'spec':[{'template':[{'spec':"
                + "[{'security_context':[{'run_as_non_root':true}],'container':[{'name':'c','image':'%s',"
                + "'liveness_probe':[{}],'readiness_probe':[{}],'resources':[{'limits':{'cpu':'1','memory':'1Gi'}}],"
                + "'security_context':[{'allow_privilege_escalation':false}]}]}]}]}]}}}}";

        @Test
        void noncompliance_latest_image() {
            assertEquals(Compliance.NON_COMPLIANT, only("KVS-K8S-HARDENING", String.format(STS, "kvrocks:latest")));
        }

        @Test
        void noncompliance_without_probes() {
            assertEquals(Compliance.NON_COMPLIANT, only("KVS-K8S-HARDENING",
                    String.format(STS, "kvrocks:2.16.0").replace("'liveness_probe':[{}],", "")));
        }

        @Test
        void compliance() {
            assertEquals(Compliance.COMPLIANT, only("KVS-K8S-HARDENING", String.format(STS, "kvrocks:2.16.0")));
        }

        private static final String CRON = "{'resource':{'kubernetes_cron_job_v1':{'b':{'spec':[{'job_template':[{'spec':"
                + "[{'template':[{'spec':[{'security_context':[{'run_as_user':'%s'}],'container':[{'name':'backup',"
                + "'image':'%s','resources':[{'limits':{'cpu':'1','memory':'1Gi'}}],"
                + "'security_context':[{'allow_privilege_escalation':%s}]}]}]}]}]}]}]}}}}";

        @Test
        void compliance_cron_job_without_probes_running_as_a_non_zero_uid() {
            assertEquals(Compliance.COMPLIANT, only("KVS-K8S-HARDENING",
                    String.format(CRON, "1001", "bitnami/redis@sha256:abc", "false")));
        }

        @Test
        void noncompliance_cron_job_as_root_or_escalating_or_unpinned() {
            assertEquals(Compliance.NON_COMPLIANT, only("KVS-K8S-HARDENING",
                    String.format(CRON, "0", "bitnami/redis:7.4", "false")));
            assertEquals(Compliance.NON_COMPLIANT, only("KVS-K8S-HARDENING",
                    String.format(CRON, "1001", "bitnami/redis:7.4", "true")));
            assertEquals(Compliance.NON_COMPLIANT, only("KVS-K8S-HARDENING",
                    String.format(CRON, "1001", "registry:5000/redis", "false")));
        }

        @Test
        void noncompliance_init_container_without_limits() {
            assertEquals(Compliance.NON_COMPLIANT, only("KVS-K8S-HARDENING", String.format(STS, "kvrocks:2.16.0")
                    .replace("'container':[", "'init_container':[{'name':'init','image':'busybox:1.36',"
                            + "'security_context':[{'allow_privilege_escalation':false}]}],'container':[")));
        }
    }

    @Nested
    class HelmRules {
        @Test
        void tls_noncompliance_when_disabled() {
            assertEquals(Compliance.NON_COMPLIANT, only("KVS-HELM-TLS", helm("tls:\n  enabled: false\n")));
        }

        @Test
        void auth_noncompliance_with_a_literal_password() {
            assertEquals(Compliance.NON_COMPLIANT, only("KVS-HELM-AUTH",
                    helm("auth:\n  enabled: true\n  existingSecret: s\n  password: hunter2\n")));
        }

        @Test
        void netpol_noncompliance_when_metrics_admit_every_pod() {
            String restricted = "networkPolicy:\n  enabled: true\n  allowExternal: false\n  allowExternalEgress: false\n"
                    + "metrics:\n  enabled: true\n";
            assertEquals(Compliance.NON_COMPLIANT, only("KVS-HELM-NETPOL", helm(restricted)));
            assertEquals(Compliance.NON_COMPLIANT, only("KVS-HELM-NETPOL", helm(restricted.replace("allowExternalEgress:"
                    + " false\n", "allowExternalEgress: false\n  metrics:\n    allowExternal: false\n"))),
                    "allowExternal false without a namespace renders a rule without 'from'");
            assertEquals(Compliance.COMPLIANT, only("KVS-HELM-NETPOL", helm(restricted.replace("allowExternalEgress:"
                    + " false\n", "allowExternalEgress: false\n  metrics:\n    allowExternal: false\n"
                    + "    ingressNSMatchLabels:\n      kubernetes.io/metadata.name: monitoring\n"))));
        }

        @Test
        void netpol_noncompliance_with_open_egress() {
            assertEquals(Compliance.NON_COMPLIANT, only("KVS-HELM-NETPOL",
                    helm("networkPolicy:\n  enabled: true\n  allowExternal: false\n")));
        }

        @Test
        void netpol_noncompliance_with_chart_default_allow_external() {
            assertEquals(Compliance.NON_COMPLIANT, only("KVS-HELM-NETPOL", helm("networkPolicy:\n  enabled: true\n")));
        }

        @Test
        void image_noncompliance_with_latest_tag() {
            assertEquals(Compliance.NON_COMPLIANT, only("KVS-HELM-IMAGE",
                    helm("metrics:\n  image:\n    repository: x/exporter\n    tag: latest\n")));
        }

        @Test
        void persistence_noncompliance_for_a_cache_with_aof() {
            assertEquals(Compliance.NON_COMPLIANT, only("KVS-ROLE-PERSISTENCE", helm("commonLabels:\n"
                    + "  kvstores.dev/role: cache\ncommonConfiguration: |\n  appendonly yes\n")));
        }

        @Test
        void tls_managed_noncompliance_with_the_charts_generated_ca_in_production() {
            assertEquals(Compliance.NON_COMPLIANT, only("KVS-HELM-TLS-MANAGED",
                    helm("tls:\n  enabled: true\n  autoGenerated: true\n")));
        }

        @Test
        void tls_managed_compliance_with_an_existing_secret() {
            assertEquals(Compliance.COMPLIANT, only("KVS-HELM-TLS-MANAGED",
                    helm("tls:\n  enabled: true\n  existingSecret: redis-tls\n")));
        }

        @Test
        void pdb_not_applicable_outside_production() {
            List<Finding> findings = PolicyPack.defaults().evaluate(stack(helm("architecture: standalone\n")),
                    new PolicyContext("dev", false), List.of()).findings().stream()
                    .filter(f -> f.ruleId().equals("KVS-HELM-PDB")).toList();
            assertEquals(Compliance.NOT_APPLICABLE, findings.get(0).evaluation().compliance());
        }

        @Test
        void the_bitnami_cache_store_with_its_alerts_passes_every_rule() {
            TerraformStack stack = SynthJson.stack();
            new BitnamiRedisCacheStore(stack, "Cache", BitnamiRedisCacheStoreProps.builder()
                    .namespace("redis-cache").addAllowedNamespace("suprsend").tlsSecretName("redis-cache-tls")
                    .createNamespace(false).serviceMonitorEnabled(true)
                    .egress(dev.kvstores.kubernetes.ClusterEgress.builder().apiServerCidrs(List.of("10.0.0.15/32"))
                            .build()).build());
            new dev.kvstores.kubernetes.StoreAlerts(stack, "Alerts", dev.kvstores.kubernetes.StoreMonitoringProps
                    .builder().role(dev.kvstores.role.StoreRole.CACHE).namespace("redis-cache")
                    .storeName("redis-cache").expectedReplicas(2).build());
            PolicyReport report = PolicyPack.defaults().evaluate(SynthJson.synth(stack), PROD, List.of());
            assertEquals(List.of(), report.violations());
            assertTrue(report.counts().get(Compliance.COMPLIANT) > 10);
        }
    }

    @Nested
    class Exemptions {
        @Test
        void an_exemption_turns_a_violation_into_a_reported_exemption() {
            ObjectNode json = (ObjectNode) stack(helm("tls:\n  enabled: false\n"));
            PolicyReport report = PolicyPack.defaults().evaluate(json, PROD,
                    List.of(new PolicyExemption("KVS-HELM-TLS", "helm_release.r", "terminated by a TLS sidecar")));
            assertTrue(report.violations().stream().noneMatch(f -> f.ruleId().equals("KVS-HELM-TLS")));
            assertEquals("terminated by a TLS sidecar", report.exempted().stream()
                    .filter(f -> f.ruleId().equals("KVS-HELM-TLS")).findFirst().orElseThrow().exemptionReason());
        }

        @Test
        void fails_when_an_exemption_reason_is_shorter_than_10_characters() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new PolicyExemption("KVS-HELM-TLS", "", "because"));
            assertEquals("exemption of KVS-HELM-TLS needs a reason of at least 10 characters, got 'because'",
                    e.getMessage());
        }
    }
}
