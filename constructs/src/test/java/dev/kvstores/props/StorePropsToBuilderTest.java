package dev.kvstores.props;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.kvstores.aws.AwsNetwork;
import dev.kvstores.aws.ElastiCacheCacheStoreProps;
import dev.kvstores.aws.ElastiCacheWorkerStateStoreProps;
import dev.kvstores.aws.MemoryDbEngine;
import dev.kvstores.aws.MemoryDbWorkerStateStoreProps;
import dev.kvstores.azure.AzureCacheForRedisCacheStoreProps;
import dev.kvstores.azure.AzureManagedRedisWorkerStateStoreProps;
import dev.kvstores.azure.AzurePlacement;
import dev.kvstores.azure.ClassicCacheSize;
import dev.kvstores.azure.ManagedRedisBackupProps;
import dev.kvstores.azure.ManagedRedisClusteringPolicy;
import dev.kvstores.gcp.MemorystoreBackupProps;
import dev.kvstores.gcp.MemorystoreCacheStoreProps;
import dev.kvstores.gcp.MemorystoreTier;
import dev.kvstores.gcp.MemorystoreWorkerStateStoreProps;
import dev.kvstores.kubernetes.BitnamiImages;
import dev.kvstores.kubernetes.BitnamiRedisCacheStoreProps;
import dev.kvstores.kubernetes.BitnamiRedisWorkerStateStoreProps;
import dev.kvstores.kubernetes.KvrocksWorkerStateStoreProps;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.Topology;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every store props' {@code toBuilder()} gives back every part and every own field: built from a full set of
 * values that differ from the defaults in each component, the props equal their own round trip. Written outside
 * the backends' packages, so that the chains below, which mix setters inherited from the builder bases with each
 * props' own, also show that every setter returns the concrete builder.
 */
class StorePropsToBuilderTest {

    private static final String EXEMPTION = "development store, rebuilt from scratch on demand";
    private static final AwsNetwork NETWORK = AwsNetwork.builder().vpcId("vpc-0abc").addPrivateSubnetId("subnet-a")
            .addAllowedSecurityGroupId("sg-eks-nodes").build();
    private static final AzurePlacement PLACEMENT = new AzurePlacement("rg", "westeurope", "subnet", "vnet", null);
    private static final String GCP_NETWORK = "projects/p/global/networks/n";

    /** (name, full props, props with only the required fields). */
    static Stream<Arguments> props() {
        return Stream.of(
                Arguments.of("BitnamiRedisCacheStoreProps",
                        BitnamiRedisCacheStoreProps.builder().namespace("cache").nodes(4).sentinelEnabled(false)
                                .releaseName("cache").haExemptionReason(EXEMPTION).serviceMonitorEnabled(true)
                                .evictionPolicy(EvictionPolicy.VOLATILE_LRU).addAllowedNamespace("app").build(),
                        BitnamiRedisCacheStoreProps.builder().namespace("kvs").addAllowedNamespace("app").build()),
                Arguments.of("BitnamiRedisWorkerStateStoreProps",
                        BitnamiRedisWorkerStateStoreProps.builder().namespace("state").aclUsername("worker")
                                .topology(Topology.CLUSTER).storageClass("ssd").releaseName("state")
                                .rdbSnapshots(true).haExemptionReason(EXEMPTION).serviceMonitorEnabled(true)
                                .preventDestroy(false).addAllowedNamespace("app").build(),
                        BitnamiRedisWorkerStateStoreProps.builder().namespace("kvs").addAllowedNamespace("app")
                                .storageClass("std").build()),
                Arguments.of("KvrocksWorkerStateStoreProps",
                        KvrocksWorkerStateStoreProps.builder().namespace("state").image("kvrocks:2").name("state")
                                .storageClass("ssd").tlsSecretName("tls").haExemptionReason(EXEMPTION)
                                .exporterImages(BitnamiImages.defaults().withSource("registry.example.com", "mirror"))
                                .serviceMonitorEnabled(true).addAllowedNamespace("app").build(),
                        KvrocksWorkerStateStoreProps.builder().namespace("kvs").addAllowedNamespace("app")
                                .storageClass("std").tlsSecretName("kvs-tls").build()),
                Arguments.of("ElastiCacheCacheStoreProps",
                        ElastiCacheCacheStoreProps.builder().network(NETWORK).nodes(3).port(6390)
                                .evictionPolicy(EvictionPolicy.VOLATILE_LRU).name("cache")
                                .haExemptionReason(EXEMPTION).build(),
                        ElastiCacheCacheStoreProps.builder().network(NETWORK).build()),
                Arguments.of("ElastiCacheWorkerStateStoreProps",
                        ElastiCacheWorkerStateStoreProps.builder().network(NETWORK).multiAzEnabled(false)
                                .snapshotRetentionLimit(7).port(6390).name("state").haExemptionReason(EXEMPTION)
                                .build(),
                        ElastiCacheWorkerStateStoreProps.builder().network(NETWORK).build()),
                Arguments.of("MemoryDbWorkerStateStoreProps",
                        MemoryDbWorkerStateStoreProps.builder().network(NETWORK).engine(MemoryDbEngine.VALKEY_7_3)
                                .port(6390).replicasPerShard(1).shards(2).tlsEnabled(false).name("state")
                                .haExemptionReason(EXEMPTION).build(),
                        MemoryDbWorkerStateStoreProps.builder().network(NETWORK).build()),
                Arguments.of("MemorystoreCacheStoreProps",
                        MemorystoreCacheStoreProps.builder().name("cache").region("us-central1")
                                .evictionPolicy(EvictionPolicy.VOLATILE_LRU).authorizedNetwork(GCP_NETWORK)
                                .tier(MemorystoreTier.BASIC).haExemptionReason(EXEMPTION).build(),
                        MemorystoreCacheStoreProps.builder().name("kvs").region("us-east1")
                                .authorizedNetwork(GCP_NETWORK).build()),
                Arguments.of("MemorystoreWorkerStateStoreProps",
                        MemorystoreWorkerStateStoreProps.builder().name("state").region("us-central1")
                                .preventDestroy(false).authorizedNetwork(GCP_NETWORK).tier(MemorystoreTier.BASIC)
                                .backup(MemorystoreBackupProps.builder().environmentName("dev").bucketName("b")
                                        .build())
                                .haExemptionReason(EXEMPTION).build(),
                        MemorystoreWorkerStateStoreProps.builder().name("kvs").region("us-east1")
                                .authorizedNetwork(GCP_NETWORK).build()),
                Arguments.of("AzureCacheForRedisCacheStoreProps",
                        AzureCacheForRedisCacheStoreProps.builder().name("cache").placement(PLACEMENT)
                                .size(ClassicCacheSize.P2).putTag("team", "platform").zones(List.of("1", "2"))
                                .replicasPerPrimary(3).evictionPolicy(EvictionPolicy.VOLATILE_LRU)
                                .haExemptionReason(EXEMPTION).build(),
                        AzureCacheForRedisCacheStoreProps.builder().name("kvs")
                                .placement(new AzurePlacement("rg2", "northeurope", "subnet2", null, null)).build()),
                Arguments.of("AzureManagedRedisWorkerStateStoreProps",
                        AzureManagedRedisWorkerStateStoreProps.builder().name("state").skuName("Balanced_B20")
                                .placement(PLACEMENT).clusteringPolicy(ManagedRedisClusteringPolicy.NO_CLUSTER)
                                .highAvailabilityEnabled(false).putTag("team", "platform").rdbSnapshots(true)
                                .customerManagedKey("key", "identity").preventDestroy(false)
                                .backup(ManagedRedisBackupProps.builder().environmentName("dev")
                                        .storageAccountName("backups").keyVaultId("vault").build())
                                .haExemptionReason(EXEMPTION).build(),
                        AzureManagedRedisWorkerStateStoreProps.builder().name("kvs")
                                .placement(new AzurePlacement("rg2", "northeurope", "subnet2", null, null)).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("props")
    void to_builder_gives_back_every_part_and_every_own_field(String name, Record full, Record minimal)
            throws Exception {
        List<String> unchanged = new ArrayList<>();
        for (RecordComponent component : full.getClass().getRecordComponents()) {
            if (component.getAccessor().invoke(full).equals(component.getAccessor().invoke(minimal))) {
                unchanged.add(component.getName());
            }
        }
        assertEquals(List.of(), unchanged, name + ": components the full props leave at their default, so that"
                + " a toBuilder() that dropped them would go unnoticed");
        assertNotEquals(minimal, full);
        assertEquals(full, toBuilder(full).build());
        assertEquals(minimal, toBuilder(minimal).build());
    }

    /** {@code props.toBuilder()} of any store props, whose builder's {@code build()} returns the props again. */
    private static Builder toBuilder(Record props) throws Exception {
        Object builder = props.getClass().getMethod("toBuilder").invoke(props);
        return () -> (Record) builder.getClass().getMethod("build").invoke(builder);
    }

    private interface Builder {
        Record build() throws Exception;
    }
}
