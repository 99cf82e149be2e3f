package dev.kvstores.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstores.StoreConfigException;
import dev.kvstores.StoreProblems;
import dev.kvstores.role.SizePreset;
import dev.kvstores.role.StoreRole;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared AWS parts validate their own fields, once for every AWS store. */
class AwsCommonPartsTest {

    private static final String WHO = "cache store (test)";

    private static AwsNetwork network() {
        return AwsNetwork.builder().vpcId("vpc-0abc").addPrivateSubnetId("subnet-a").addPrivateSubnetId("subnet-b")
                .addAllowedSecurityGroupId("sg-eks").build();
    }

    private static List<String> codes(java.util.function.Consumer<StoreProblems> check) {
        StoreProblems problems = new StoreProblems(WHO);
        check.accept(problems);
        if (problems.isEmpty()) {
            return List.of();
        }
        StoreConfigException e = assertThrows(StoreConfigException.class, problems::throwIfAny);
        return e.parts().stream().map(StoreConfigException::code).toList();
    }

    @Test
    void the_store_common_part_reports_a_bad_name_port_and_acl_user_together() {
        AwsStoreCommon common = AwsStoreCommon.builder().network(network()).port(80).aclUsername("default").build();
        assertEquals(List.of("Name", "Port", "AclUsername"),
                codes(p -> common.check(WHO, p, StoreRole.CACHE, "Bad_Name", true)));
    }

    @Test
    void the_store_common_part_skips_the_acl_user_when_the_store_uses_no_acl_user() {
        AwsStoreCommon common = AwsStoreCommon.builder().network(network()).aclUsername("default").build();
        assertEquals(List.of(), codes(p -> common.check(WHO, p, StoreRole.CACHE, "suprsend-cache", false)));
    }

    @Test
    void the_store_common_part_refuses_tags_aws_would_refuse() {
        AwsStoreCommon common = AwsStoreCommon.builder().network(network()).putTag("aws:reserved", "x").build();
        assertEquals(List.of("Tags"), codes(p -> common.check(WHO, p, StoreRole.CACHE, "suprsend-cache", false)));
    }

    @Test
    void the_store_common_part_needs_a_network() {
        assertThrows(NullPointerException.class, () -> AwsStoreCommon.builder().build());
    }

    @Test
    void the_store_common_part_defaults_port_window_and_size_and_takes_the_roles_node_type_and_user() {
        AwsStoreCommon common = AwsStoreCommon.builder().network(network()).build()
                .withRoleDefaults(NodeTypes::cache, "suprsend-cache");
        assertEquals(6380, common.port());
        assertEquals("sun:05:00-sun:06:00", common.maintenanceWindow());
        assertEquals(SizePreset.SMALL, common.nodes().size());
        assertEquals(NodeTypes.cache(SizePreset.SMALL), common.nodes().nodeType());
        assertEquals("suprsend-cache", common.access().aclUsername());
        AwsStoreCommon explicit = AwsStoreCommon.builder().network(network()).nodeType("cache.r7g.large")
                .aclUsername("app").build().withRoleDefaults(NodeTypes::cache, "suprsend-cache");
        assertEquals("cache.r7g.large", explicit.nodes().nodeType());
        assertEquals("app", explicit.access().aclUsername());
    }

    @Test
    void setting_the_size_drops_an_earlier_explicit_node_type() {
        AwsStoreCommon common = AwsStoreCommon.builder().network(network()).nodeType("cache.r7g.large")
                .size(SizePreset.LARGE).build().withRoleDefaults(NodeTypes::cache, "suprsend-cache");
        assertEquals(NodeTypes.cache(SizePreset.LARGE), common.nodes().nodeType());
    }

    @Test
    void the_elasticache_part_reports_nodes_out_of_range_and_auth_token_without_tls() {
        ElastiCacheCommon bad = ElastiCacheCommon.builder().nodes(7).authMode(AuthMode.AUTH_TOKEN)
                .transitEncryptionEnabled(false).build();
        assertEquals(List.of("Nodes", "AuthWithoutTls"), codes(p -> bad.check(WHO, p, "a primary and replicas", null)));
    }

    @Test
    void the_elasticache_part_refuses_multi_az_on_one_node_and_derives_multi_az_from_the_nodes() {
        ElastiCacheCommon single = ElastiCacheCommon.builder().nodes(1).multiAzEnabled(true).build();
        assertEquals(List.of("MultiAzNodes"), codes(p -> single.check(WHO, p, "a primary and replicas", null)));
        assertTrue(ElastiCacheCommon.builder().nodes(2).build().multiAz());
        assertEquals(false, ElastiCacheCommon.builder().nodes(1).build().multiAz());
    }

    @Test
    void the_worker_state_part_reports_shards_retention_and_overlapping_windows() {
        AwsWorkerStateCommon bad = AwsWorkerStateCommon.builder().shards(0).snapshotRetentionLimit(36)
                .snapshotWindow("05:00-06:00").build();
        List<String> codes = codes(p -> bad.check(WHO, p, "sun:05:00-sun:06:00"));
        assertEquals("Shards", codes.get(0));
        assertEquals(3, codes.size(), codes.toString());
    }

    @Test
    void the_worker_state_part_defaults_to_fifteen_days_of_snapshots_at_three_and_prevents_destroy() {
        AwsWorkerStateCommon defaults = AwsWorkerStateCommon.builder().build();
        assertEquals(15, defaults.snapshotRetentionLimit());
        assertEquals("03:00-04:00", defaults.snapshotWindow());
        assertTrue(defaults.preventDestroy());
        assertEquals(List.of(), codes(p -> defaults.check(WHO, p, "sun:05:00-sun:06:00")));
    }
}
