package dev.kvstores.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstores.StoreConfigException;
import dev.kvstores.StoreProblems;
import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.SizePreset;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The shared in-cluster parts validate their own fields, once for every in-cluster store. */
class KubernetesCommonPartsTest {

    private static final String WHO = "cache store (test)";

    private static List<String> codes(Consumer<StoreProblems> check) {
        StoreProblems problems = new StoreProblems(WHO);
        check.accept(problems);
        if (problems.isEmpty()) {
            return List.of();
        }
        return assertThrows(StoreConfigException.class, problems::throwIfAny).parts().stream()
                .map(StoreConfigException::code).toList();
    }

    @Test
    void the_store_common_part_refuses_the_default_namespace_and_no_allowed_namespace() {
        KubernetesStoreCommon common = KubernetesStoreCommon.builder().namespace("default").build();
        assertEquals(List.of("DefaultNamespace", "PrivateNetworking"), codes(p -> common.check(WHO, p)));
    }

    @Test
    void the_store_common_part_accepts_its_own_namespace_and_keeps_allowed_namespaces_sorted_and_distinct() {
        KubernetesStoreCommon common = KubernetesStoreCommon.builder().namespace("kvstores")
                .addAllowedNamespace("suprsend").addAllowedNamespace("jobs").addAllowedNamespace("suprsend").build();
        assertEquals(List.of(), codes(p -> common.check(WHO, p)));
        assertEquals(List.of("jobs", "suprsend"), common.allowedNamespaces());
        assertEquals(ClusterEgress.defaults(), common.egress());
        assertEquals(true, common.createNamespace());
    }

    @Test
    void the_store_common_part_needs_a_namespace_and_takes_the_roles_size_and_tls_secret_only_when_unset() {
        assertThrows(NullPointerException.class, () -> KubernetesStoreCommon.builder().build());
        KubernetesStoreCommon unset = KubernetesStoreCommon.builder().namespace("kvstores").build()
                .withDefaults(SizePreset.SMALL.cache(), "store-tls");
        assertEquals(SizePreset.SMALL.cache(), unset.size());
        assertEquals("store-tls", unset.tlsSecretName());
        KubernetesStoreCommon set = KubernetesStoreCommon.builder().namespace("kvstores").size(SizePreset.LARGE.cache())
                .tlsSecretName("mine").build().withDefaults(SizePreset.SMALL.cache(), "store-tls");
        assertEquals(SizePreset.LARGE.cache(), set.size());
        assertEquals("mine", set.tlsSecretName());
    }

    @Test
    void service_monitoring_defaults_to_the_monitoring_namespace_and_refuses_an_invalid_one() {
        assertEquals("monitoring", ServiceMonitoring.builder().build().monitoringNamespace());
        ServiceMonitoring bad = ServiceMonitoring.builder().monitoringNamespace("Not_A_Label").build();
        assertEquals(List.of("InvalidName"), codes(p -> bad.check(WHO, p)));
    }

    @Test
    void service_monitor_labels_and_the_egress_dns_pod_labels_follow_the_one_label_rule() {
        assertTrue(KubernetesNames.isLabel("release", "kube-prometheus-stack"));
        assertTrue(KubernetesNames.isLabel("app.kubernetes.io/name", ""));
        assertFalse(KubernetesNames.isLabel("release", "kube prometheus"));
        assertFalse(KubernetesNames.isLabel("Example.com/name", "x"));
        assertFalse(KubernetesNames.isLabel("n".repeat(64), "x"));
        assertFalse(KubernetesNames.isLabel("release", "v".repeat(64)));
        ServiceMonitoring monitoring = ServiceMonitoring.builder()
                .serviceMonitorLabels(java.util.Map.of("release", "kube prometheus")).build();
        assertEquals(List.of("InvalidLabel"), codes(p -> monitoring.check(WHO, p)));
        ClusterEgress egress = ClusterEgress.builder().dnsPodLabels(java.util.Map.of("k8s-app", "kube dns")).build();
        assertEquals(List.of("EgressDnsLabels"), codes(p -> egress.validate(WHO, p)));
    }

    @Test
    void the_bitnami_part_refuses_a_bad_release_name_a_chart_range_and_rotation_without_an_acl_user() {
        BitnamiCommon bad = BitnamiCommon.builder().chartVersion("^23")
                .credentialRotation(new CredentialRotation(1, CredentialRotation.Phase.ADD)).build();
        assertEquals(List.of("InvalidName", "ChartVersion", "RotationWithoutAclUser"),
                codes(p -> bad.check(WHO, p, "Bad_Release", false)));
    }

    @Test
    void the_bitnami_part_takes_the_roles_chart_nodes_and_user_only_when_unset() {
        BitnamiCommon unset = BitnamiCommon.builder().build().withRoleDefaults("23.1.1", 3, "suprsend-cache");
        assertEquals("23.1.1", unset.chartVersion());
        assertEquals(3, unset.nodes());
        assertEquals("suprsend-cache", unset.aclUsername());
        assertEquals(BitnamiCommon.DEFAULT_CHART_REPOSITORY, unset.chartRepository());
        BitnamiCommon set = BitnamiCommon.builder().chartVersion("23.0.0").nodes(5).aclUsername("app").build()
                .withRoleDefaults("23.1.1", 3, "suprsend-cache");
        assertEquals(List.of("23.0.0", 5, "app"), List.of(set.chartVersion(), set.nodes(), set.aclUsername()));
    }

    @Test
    void the_worker_state_part_needs_a_storage_class_and_prevents_destroy_by_default() {
        assertThrows(NullPointerException.class, () -> KubernetesWorkerStateCommon.builder().build());
        assertEquals(true, KubernetesWorkerStateCommon.builder().storageClass("ssd").build().preventDestroy());
    }

    @Test
    void the_worker_state_part_refuses_a_storage_class_that_is_no_dns_label() {
        KubernetesWorkerStateCommon bad = KubernetesWorkerStateCommon.builder().storageClass("Fast SSD").build();
        assertEquals(List.of("InvalidName"), codes(p -> bad.check(WHO, p)));
        assertEquals(List.of(), codes(p -> KubernetesWorkerStateCommon.builder().storageClass("fast-ssd").build()
                .check(WHO, p)));
    }
}
