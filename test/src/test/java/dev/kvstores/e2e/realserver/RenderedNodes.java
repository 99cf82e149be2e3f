package dev.kvstores.e2e.realserver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.e2e.helm.HelmTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Shared by the tests that run what the pinned Bitnami {@code redis} chart renders: a synthesized release by
 * name, the names its cert-manager {@code Certificate} requests, and one rendered node started as the chart's
 * {@code start-node.sh} starts it (rendered {@code redis.conf}, {@code replica.conf} and {@code users.acl};
 * paths and port adapted).
 */
final class RenderedNodes {

    private RenderedNodes() {
    }

    /** The {@code helm_release} named {@code releaseName} of a synthesized stack. */
    static JsonNode release(JsonNode stack, String releaseName) {
        for (JsonNode release : HelmTemplate.helmReleases(stack).values()) {
            if (releaseName.equals(release.path("name").asText())) {
                return release;
            }
        }
        throw new AssertionError("no release " + releaseName);
    }

    /** {@code DNS:...} / {@code IP:...} names of the synthesized cert-manager Certificate writing {@code secret}. */
    static List<String> requestedNames(JsonNode stack, String secret) {
        for (JsonNode manifest : stack.path("resource").path("kubernetes_manifest")) {
            JsonNode spec = manifest.path("manifest").path("spec");
            if (secret.equals(spec.path("secretName").asText())) {
                List<String> names = new ArrayList<>();
                spec.path("dnsNames").forEach(n -> names.add("DNS:" + n.asText()));
                spec.path("ipAddresses").forEach(n -> names.add("IP:" + n.asText()));
                return names;
            }
        }
        throw new AssertionError("no Certificate for " + secret);
    }

    /** One rendered node: the chart's files written to {@code work}, started as the start script starts it. */
    static RedisServerProcess start(HelmTemplate.Rendered rendered, String release, Path work,
                                    TestCertificates certificates, String adminPassword) throws Exception {
        Files.createDirectories(work);
        String configMap = release + "-configuration";
        Path acl = work.resolve("users.acl");
        Files.writeString(acl, rendered.configMapData(configMap, "users.acl") + "\n");
        String redisConf = rendered.configMapData(configMap, "redis.conf")
                .replace("/opt/bitnami/redis/etc/users.acl", acl.toString());
        String replicaConf = rendered.configMapData(configMap, "replica.conf").replaceAll("(?m)^dir .*$", "");
        return RedisServerProcess.redisServer(work.resolve("server"))
                .name(release)
                .roleConfig(replicaConf + "\n" + redisConf + "\n")
                .line("requirepass " + RedisServerProcess.quote(adminPassword))
                .line("masterauth " + RedisServerProcess.quote(adminPassword))
                .tls(certificates)
                .start();
    }
}
