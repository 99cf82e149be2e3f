package dev.kvstores.e2e.realserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.Testing;
import com.hashicorp.cdktf.providers.helm.provider.HelmProvider;
import com.hashicorp.cdktf.providers.helm.provider.HelmProviderConfig;
import com.hashicorp.cdktf.providers.kubernetes.provider.KubernetesProvider;
import com.hashicorp.cdktf.providers.random_provider.provider.RandomProvider;
import dev.kvstores.e2e.helm.HelmTemplate;
import dev.kvstores.kubernetes.BitnamiRedisWorkerStateStore;
import dev.kvstores.kubernetes.BitnamiRedisWorkerStateStoreProps;
import dev.kvstores.role.Topology;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The redis-cluster worker state store as rendered by the pinned Bitnami chart announces pod host names
 * ({@code cluster-announce-hostname}, {@code cluster-preferred-endpoint-type hostname}), and a cluster-aware client
 * that verifies host names works against a real TLS-only 3-primary Redis Cluster configured that way, with a
 * certificate carrying exactly the names the store requests ({@link BitnamiRedisWorkerStateStore
 * #certificateSubjectAltNames()}). The pods' DNS names are resolved to loopback by the client's resolver, so the
 * TLS host-name check sees the names a platform pod would use.
 */
class RenderedRedisClusterTlsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Test-only password of the cluster nodes; never printed. */
    private static final String PASSWORD = "cl4ster test:pass@word";
    private static final String NAMESPACE = "redis-state";
    private static final String DNS_SUFFIX = ".svc.cluster.local";

    @TempDir
    Path dir;

    private final TestResources resources = new TestResources();

    @AfterEach
    void stopEverything() throws Exception {
        resources.close();
    }

    private <T extends AutoCloseable> T track(T resource) {
        return resources.track(resource);
    }

    @Test
    void a_host_name_verifying_cluster_client_works_with_the_rendered_announced_host_names() throws Exception {

        // The store and its helm_release, rendered by the real Helm with the pinned redis-cluster chart.
        App app = Testing.app();
        TerraformStack stack = new TerraformStack(app, "test");
        new KubernetesProvider(stack, "Kubernetes");
        new HelmProvider(stack, "Helm", HelmProviderConfig.builder().build());
        new RandomProvider(stack, "Random");
        BitnamiRedisWorkerStateStore store = new BitnamiRedisWorkerStateStore(stack, "WorkerState",
                BitnamiRedisWorkerStateStoreProps.builder().namespace(NAMESPACE).addAllowedNamespace("suprsend")
                        .storageClass("premium-rwo").topology(Topology.CLUSTER).nodes(6).build());
        JsonNode synthesized = JSON.readTree(Testing.synth(stack, true));
        Map<String, JsonNode> releases = HelmTemplate.helmReleases(synthesized);
        assertEquals(1, releases.size(), "helm_release resources: " + releases.keySet());
        JsonNode release = releases.values().iterator().next();
        assertEquals("redis-cluster", release.path("chart").asText());
        String releaseName = release.path("name").asText();
        HelmTemplate.Rendered rendered = HelmTemplate.render(release, HelmTemplate.testSecrets(release));

        String headless = releaseName + "-headless." + NAMESPACE + DNS_SUFFIX;
        Map<String, String> env = redisContainerEnv(rendered.one("StatefulSet", releaseName), releaseName);
        assertEquals("$(POD_NAME)." + headless, env.get("REDIS_CLUSTER_ANNOUNCE_HOSTNAME"), env.toString());
        assertEquals("hostname", env.get("REDIS_CLUSTER_PREFERRED_ENDPOINT_TYPE"), env.toString());
        List<String> configsWithHostnames = new ArrayList<>();
        for (JsonNode configMap : rendered.ofKind("ConfigMap")) {
            configMap.path("data").fields().forEachRemaining(e -> {
                if (e.getValue().asText().lines().map(String::trim)
                        .anyMatch("cluster-preferred-endpoint-type hostname"::equals)) {
                    configsWithHostnames.add(configMap.path("metadata").path("name").asText() + "/" + e.getKey());
                }
            });
        }
        assertFalse(configsWithHostnames.isEmpty(),
                "no rendered ConfigMap holds 'cluster-preferred-endpoint-type hostname'");

        // Three TLS-only primaries announcing pod host names, certificate with exactly the requested names.
        List<String> subjectAltNames = store.certificateSubjectAltNames();
        TestCertificates certificates = TestCertificates.create(dir.resolve("pki"), subjectAltNames);
        List<RedisServerProcess> nodes = new ArrayList<>();
        List<Integer> busPorts = new ArrayList<>();
        List<String> hostnames = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String hostname = releaseName + "-" + i + "." + headless;
            hostnames.add(hostname);
            busPorts.add(RedisServerProcess.freePort());
            nodes.add(track(clusterNode(dir.resolve("node-" + i), hostname, busPorts.get(i), certificates)));
        }

        ClientResources clientResources = DefaultClientResources.builder().ioThreadPoolSize(2)
                .computationThreadPoolSize(2).addressResolverGroup(new ClusterDnsToLoopback()).build();
        track(() -> clientResources.shutdown(0, 2, TimeUnit.SECONDS));
        RedisClient plain = RedisClient.create(clientResources);
        plain.setOptions(io.lettuce.core.ClientOptions.builder().sslOptions(ssl(certificates)).build());
        track(plain::shutdown);
        // Form the cluster: slots split in three, then MEET with the explicit bus ports (cluster-port).
        int[][] ranges = {{0, 5460}, {5461, 10922}, {10923, 16383}};
        for (int i = 0; i < 3; i++) {
            int node = i;
            RedisClients.withConnection(plain, uri(RedisServerProcess.HOST, nodes.get(i).port()), r -> {
                assertEquals("OK", r.clusterAddSlotsRange(
                        io.lettuce.core.Range.create(ranges[node][0], ranges[node][1])));
                return null;
            });
        }
        RedisClients.withConnection(plain, uri(RedisServerProcess.HOST, nodes.get(0).port()), r -> {
            for (int i = 1; i < 3; i++) {
                assertEquals("OK", r.dispatch(io.lettuce.core.protocol.CommandType.CLUSTER,
                        new io.lettuce.core.output.StatusOutput<>(io.lettuce.core.codec.StringCodec.UTF8),
                        new io.lettuce.core.protocol.CommandArgs<>(io.lettuce.core.codec.StringCodec.UTF8)
                                .add("MEET").add(RedisServerProcess.HOST).add(nodes.get(i).port())
                                .add(busPorts.get(i))));
            }
            return null;
        });
        for (RedisServerProcess node : nodes) {
            RedisURI uri = uri(RedisServerProcess.HOST, node.port());
            try {
                await(node + " to report cluster_state:ok and 3 known nodes", Duration.ofSeconds(20), () ->
                        SentinelFailoverRealServerTest.withSync(plain, uri, r -> r.clusterInfo()
                                .contains("cluster_state:ok") && r.clusterInfo().contains("cluster_known_nodes:3")));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n--- log ---\n"
                        + RedisServerProcess.hideCredentials(java.nio.file.Files.readString(node.logFile())), e);
            }
        }

        RedisClusterClient cluster = clusterClient(clientResources, hostnames.get(0), nodes.get(0).port(),
                certificates);
        try (StatefulRedisClusterConnection<String, String> connection = cluster.connect()) {
            RedisAdvancedClusterCommands<String, String> redis = connection.sync();
            // The client learned the topology as host names, and verified each node's certificate against them.
            List<String> known = new ArrayList<>();
            for (RedisClusterNode node : cluster.getPartitions()) {
                known.add(node.getUri().getHost());
            }
            assertEquals(hostnames.stream().sorted().toList(), known.stream().sorted().toList(),
                    "the nodes the cluster client knows");

            int keys = 3000;
            for (int i = 0; i < keys; i++) {
                assertEquals("OK", redis.set("job:" + i, "v" + i));
            }
            for (int i = 0; i < keys; i++) {
                assertEquals("v" + i, redis.get("job:" + i), "job:" + i);
            }
            for (RedisClusterNode node : cluster.getPartitions()) {
                long size = connection.getConnection(node.getNodeId()).sync().dbsize();
                assertTrue(size > keys / 6, node.getUri().getHost() + " holds only " + size + " keys");
            }

            // CLUSTER SLOTS / SHARDS name the nodes by host name (the preferred endpoint), never by IP.
            List<Object> slots = redis.clusterSlots();
            assertEquals(3, slots.size(), String.valueOf(slots));
            for (Object range : slots) {
                List<?> entry = (List<?>) range;
                for (Object nodeEntry : entry.subList(2, entry.size())) {
                    String endpoint = String.valueOf(((List<?>) nodeEntry).get(0));
                    assertTrue(hostnames.contains(endpoint), "CLUSTER SLOTS endpoint " + endpoint);
                }
            }
            String shards = String.valueOf(redis.clusterShards());
            for (String hostname : hostnames) {
                assertTrue(shards.contains("endpoint, " + hostname) || shards.contains("endpoint=" + hostname),
                        "CLUSTER SHARDS must give " + hostname + " as endpoint: " + shards);
            }
        } finally {
            cluster.shutdown();
        }

        // Negative control: a node whose certificate lacks the pod names (loopback names only) is refused.
        TestCertificates loopbackOnly = TestCertificates.create(dir.resolve("pki-loopback"));
        String hostname = releaseName + "-9." + headless;
        RedisServerProcess wrong = track(clusterNode(dir.resolve("node-wrong-certificate"), hostname,
                RedisServerProcess.freePort(), loopbackOnly));
        RedisClusterClient refused = clusterClient(clientResources, hostname, wrong.port(), loopbackOnly);
        try {
            RuntimeException error = assertThrows(RuntimeException.class, () -> refused.connect().close());
            String messages = allMessages(error);
            assertTrue(messages.contains("subject alternative") || messages.contains("SSLHandshake"),
                    "the client must refuse the certificate: " + messages);
        } finally {
            refused.shutdown();
        }
    }

    private static Map<String, String> redisContainerEnv(JsonNode statefulSet, String containerName) {
        List<String> names = new ArrayList<>();
        for (JsonNode container : statefulSet.path("spec").path("template").path("spec").path("containers")) {
            names.add(container.path("name").asText());
            if (containerName.equals(container.path("name").asText())) {
                Map<String, String> env = new HashMap<>();
                container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
                return env;
            }
        }
        throw new AssertionError("no container " + containerName + " in the StatefulSet; containers: " + names);
    }

    private static RedisServerProcess clusterNode(Path workDir, String hostname, int busPort,
                                                  TestCertificates certificates) {
        String auth = RedisServerProcess.quote(PASSWORD);
        return RedisServerProcess.redisServer(workDir).name(hostname).tls(certificates)
                .line("cluster-enabled yes")
                .line("cluster-config-file nodes.conf")
                // An explicit bus port: tls-port + 10000 may be beyond 65535 for an ephemeral port.
                .line("cluster-port " + busPort)
                .line("tls-cluster yes")
                .line("cluster-announce-hostname " + hostname)
                .line("cluster-preferred-endpoint-type hostname")
                .line("requirepass " + auth)
                .line("masterauth " + auth)
                .start();
    }

    private static RedisClusterClient clusterClient(ClientResources resources, String host, int port,
                                                    TestCertificates certificates) {
        RedisClusterClient client = RedisClusterClient.create(resources, uri(host, port));
        client.setOptions(ClusterClientOptions.builder()
                .sslOptions(ssl(certificates))
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(3)).build())
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(5)))
                .build());
        return client;
    }

    private static SslOptions ssl(TestCertificates certificates) {
        return SslOptions.builder().jdkSslProvider().trustManager(certificates.caCertificate().toFile()).build();
    }

    private static RedisURI uri(String host, int port) {
        return RedisURI.builder().withHost(host).withPort(port).withSsl(true).withVerifyPeer(SslVerifyMode.FULL)
                .withPassword(PASSWORD.toCharArray()).withTimeout(Duration.ofSeconds(5)).build();
    }

    private static String allMessages(Throwable error) {
        StringBuilder out = new StringBuilder();
        collect(error, out, 0);
        return out.toString();
    }

    private static void collect(Throwable t, StringBuilder out, int depth) {
        if (t == null || depth > 10) {
            return;
        }
        out.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" | ");
        for (Throwable suppressed : t.getSuppressed()) {
            collect(suppressed, out, depth + 1);
        }
        if (t.getCause() != t) {
            collect(t.getCause(), out, depth + 1);
        }
    }

    private static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            RedisServerProcess.sleep(200);
        }
        fail("timed out after " + timeout.toSeconds() + " s waiting for " + what);
    }

    /**
     * The cluster's DNS, for the client only: {@code *.svc.cluster.local} names resolve to loopback (where the test
     * nodes listen), everything else as usual. The connection keeps the host name, so TLS verifies it.
     */
    private static final class ClusterDnsToLoopback extends AddressResolverGroup<InetSocketAddress> {
        @Override
        protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
            return new InetSocketAddressResolver(executor, new InetNameResolver(executor) {
                @Override
                protected void doResolve(String host, Promise<InetAddress> promise) {
                    try {
                        promise.setSuccess(lookup(host)[0]);
                    } catch (UnknownHostException e) {
                        promise.setFailure(e);
                    }
                }

                @Override
                protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
                    try {
                        promise.setSuccess(List.of(lookup(host)));
                    } catch (UnknownHostException e) {
                        promise.setFailure(e);
                    }
                }
            });
        }

        private static InetAddress[] lookup(String host) throws UnknownHostException {
            if (host.endsWith(DNS_SUFFIX)) {
                return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
            }
            return InetAddress.getAllByName(host);
        }
    }
}
