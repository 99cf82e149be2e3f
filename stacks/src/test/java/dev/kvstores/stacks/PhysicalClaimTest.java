package dev.kvstores.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kvstores.stacks.environment.EnvironmentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two environment files that would create or adopt the same real thing are refused, naming both and the field. */
class PhysicalClaimTest {

    private static final String VALID = """
            platform: kubernetes
            profile: development
            kubernetes: {configContext: prod}
            connectionSecret: {namespace: suprsend}
            network: {allowedNamespaces: [suprsend]}
            cache: {namespace: redis-cache}
            workerState: {backend: redis-sentinel, namespace: redis-state, storageClass: ssd}
            images: {registry: registry.example.com, repositoryPrefix: bitnami, redis: {tag: 8.2.9-debian-12-r0, digest: "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}, redisSentinel: {tag: 8.2.9-debian-12-r0, digest: "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}, redisCluster: {tag: 8.2.9-debian-12-r0, digest: "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"}, redisExporter: {tag: 1.76.0-debian-12-r0, digest: "sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"}, kubectl: {tag: 1.33.4-debian-12-r0, digest: "sha256:eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"}}
            """;

    @TempDir
    Path dir;

    private List<String> problems() {
        return assertThrows(EnvironmentException.class, () -> EnvironmentLoader.loadDirectory(dir, dir)).problems();
    }

    @Test
    void a_second_file_in_the_same_cluster_with_the_same_names_is_refused_field_by_field() throws IOException {
        Files.writeString(dir.resolve("a.yaml"), VALID);
        Files.writeString(dir.resolve("b.yaml"), VALID);
        String tail = ", which a.yaml claims too; the first apply would fail or take over the other environment's"
                + " object: give this environment its own ";
        String docs = " (a copied file must change the fields README.md lists under \"Copying an environment file\")";
        assertEquals(List.of(
                "b.yaml: connectionSecret.name: is 'suprsend-secrets', so this environment would create or adopt"
                        + " Kubernetes Secret suprsend/suprsend-secrets in kube context prod" + tail
                        + "connectionSecret.name" + docs,
                "b.yaml: cache.releaseName: is 'redis-cache', so this environment would create or adopt Helm release"
                        + " redis-cache/redis-cache (its StatefulSet, Services and Secrets) in kube context prod" + tail
                        + "cache.releaseName" + docs,
                "b.yaml: workerState.releaseName: is 'redis-state', so this environment would create or adopt Helm"
                        + " release redis-state/redis-state (with its Services, Secrets and backup CronJob) in kube"
                        + " context prod" + tail + "workerState.releaseName" + docs), problems());
    }

    @Test
    void another_cluster_or_other_namespaces_and_secret_claim_nothing_twice() throws IOException {
        Files.writeString(dir.resolve("a.yaml"), VALID);
        Files.writeString(dir.resolve("b.yaml"), VALID.replace("configContext: prod", "configContext: staging"));
        Files.writeString(dir.resolve("c.yaml"), VALID.replace("{namespace: suprsend}",
                "{namespace: suprsend, name: suprsend-secrets-c}").replace("{namespace: redis-cache}",
                "{namespace: redis-cache-c}").replace("namespace: redis-state,", "namespace: redis-state-c,"));
        assertEquals(3, EnvironmentLoader.loadDirectory(dir, dir).size());
    }
}
