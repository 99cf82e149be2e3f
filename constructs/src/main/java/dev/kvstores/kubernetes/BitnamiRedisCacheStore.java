package dev.kvstores.kubernetes;

import dev.kvstores.StoreProblems;
import dev.kvstores.role.CacheStore;
import dev.kvstores.role.ConnectionInfo;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.RedisRoleConfig;
import dev.kvstores.role.RoleContract;
import dev.kvstores.role.StoreRole;
import dev.kvstores.role.StoreSpec;
import dev.kvstores.role.Topology;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * Cache Store in the platform's Kubernetes cluster: a Bitnami {@code redis} Helm release.
 *
 * <p>Defaults: replication with Sentinel (1 primary + 2 replicas) and a {@code <release>-master} Service that
 * follows the primary; hard pod anti-affinity and zone spread; PDB; {@code maxmemory} 75% of the memory
 * limit, {@code allkeys-lru}, {@code appendonly no}, {@code save ""}, no volumes; TLS with a chart-generated
 * CA; a generated admin password and an ACL user {@code suprsend-cache} ({@code +@all -@admin}) via existing
 * Secrets; redis-exporter; a NetworkPolicy admitting only {@code allowedNamespaces} on 6379.
 *
 * <pre>{@code
 * CacheStore cache = new BitnamiRedisCacheStore(this, "Cache", BitnamiRedisCacheStoreProps.builder()
 *         .namespace("redis-cache").addAllowedNamespace("suprsend").build());
 * }</pre>
 *
 * <p>Child IDs: {@code Resource} (release, passwords, CA lookup). The chart cannot restrict its
 * {@code default} user (its probes, replication and Sentinel log in as it); the platform connects as the ACL
 * user instead.
 */
public final class BitnamiRedisCacheStore extends BitnamiRedisStore implements CacheStore {

    private final BitnamiRedisCacheStoreProps props;
    private final BitnamiRelease release;
    private final ConnectionInfo connectionInfo;
    private final List<String> exemptions;

    public BitnamiRedisCacheStore(Construct scope, String id, BitnamiRedisCacheStoreProps props) {
        super(scope, id);
        this.props = props;
        String who = "cache store (bitnami-redis)";
        StoreProblems problems = new StoreProblems(who);
        props.kubernetes().check(who, problems);
        props.serviceMonitoring().check(who, problems);
        props.bitnami().check(who, problems, props.releaseName(), false);
        props.kubernetes().checkSecrets(who, problems, props.passwordSecretName());
        boolean replicated = props.nodes() > 1;
        problems.check(() -> KubernetesNames.requireWorkloadNames(who, "releaseName", props.releaseName(),
                replicated && props.sentinelEnabled() ? Map.of("-node", "the chart's StatefulSet")
                        : replicated ? Map.of("-master", "the chart's primary StatefulSet", "-replicas",
                                "the chart's replica StatefulSet")
                        : Map.of("-master", "the chart's StatefulSet")));
        if (props.nodes() < 1) {
            problems.add("Nodes", who + ": nodes must be at least 1, got " + props.nodes());
        }
        problems.throwIfAny();
        // The contract checks what is rendered: the role config below is what goes into the chart.
        RedisRoleConfig config = RedisRoleConfig.cache(props.size().memoryMebibytes(), props.evictionPolicy());
        this.exemptions = RoleContract.enforce(StoreSpec.builder(StoreRole.CACHE, "bitnami-redis")
                .topology(replicated && props.sentinelEnabled() ? Topology.REPLICATED : Topology.STANDALONE)
                .nodes(props.nodes(), 3).zoneSpread(props.haExemptionReason() == null)
                .haExemptionReason(props.haExemptionReason()).tlsEnabled(true).authEnabled(true)
                .privateNetworking(true).evictionPolicy(config.evictionPolicy()).durability(config.durability())
                .build());

        this.release = new BitnamiRelease(this, "Resource", BitnamiReleaseSpec.builder()
                .role(StoreRole.CACHE)
                .chart(BitnamiReleaseSpec.Chart.REDIS)
                .basics(props.basics())
                .kubernetes(props.kubernetes())
                .serviceMonitoring(props.serviceMonitoring())
                .bitnami(props.bitnami())
                .sentinel(replicated && props.sentinelEnabled())
                .redisConfig(config)
                .build());
        this.connectionInfo = new ConnectionInfo(release.serviceHost(props.releaseName() + "-master"),
                BitnamiReleaseSettings.REDIS_PORT, true, props.aclUsername(), release.clientPassword(),
                release.caCertificate(), false);
    }

    @Override
    public ConnectionInfo connectionInfo() {
        return connectionInfo;
    }

    @Override
    public EvictionPolicy evictionPolicy() {
        return props.evictionPolicy();
    }

    @Override
    public String memoryHeadroom() {
        return props.size().headroomDescription(StoreRole.CACHE);
    }

    @Override
    public String description() {
        boolean sentinel = props.nodes() > 1 && props.sentinelEnabled();
        return "bitnami/redis " + props.chartVersion() + " in namespace " + props.namespace() + ", "
                + (sentinel ? "Sentinel, " : props.nodes() > 1 ? "replication without Sentinel, " : "standalone, ")
                + props.nodes() + " node(s) of " + props.size().cpuQuantity() + " CPU / "
                + props.size().memoryQuantity() + ", maxmemory " + props.size().maxmemoryMebibytes() + "mb "
                + props.evictionPolicy().redisName();
    }

    @Override
    public List<String> exemptions() {
        return exemptions;
    }

    /** Cache role; replicas = nodes - 1; CPU of one node; {@code maxmemory} on, AOF and RDB off. */
    @Override
    public StoreMonitoringProps.Builder monitoring() {
        return StoreMonitoringProps.of(StoreRole.CACHE, props).expectedReplicas(props.nodes() - 1)
                .memoryLimitMebibytes(props.size().memoryMebibytes());
    }

    @Override
    BitnamiRelease chartRelease() {
        return release;
    }
}
