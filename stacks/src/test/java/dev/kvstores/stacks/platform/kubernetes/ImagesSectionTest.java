package dev.kvstores.stacks.platform.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hashicorp.cdktf.Testing;
import dev.kvstores.stacks.EnvironmentStack;
import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.environment.EnvironmentException;
import dev.kvstores.stacks.EnvironmentLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code images} section and the image rules at synth: digests, frozen sources, the version floor, exemptions;
 * production refuses, development warns; every shipped file's images against the floor table.
 */
class ImagesSectionTest {

    private static final String PINNED = "images: {registry: registry.example.com, repositoryPrefix: bitnami, redis: {tag: 8.2.9-debian-12-r0, digest: \"sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}, redisSentinel: {tag: 8.2.9-debian-12-r0, digest: \"sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"}, redisCluster: {tag: 8.2.9-debian-12-r0, digest: \"sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\"}, redisExporter: {tag: 1.76.0-debian-12-r0, digest: \"sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd\"}, kubectl: {tag: 1.33.4-debian-12-r0, digest: \"sha256:eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee\"}}\n";
    private static final String FILE = """
            platform: kubernetes
            profile: production
            stateBackend: {type: gcs, bucket: tf}
            kubernetes: {configContext: prod}
            connectionSecret: {namespace: suprsend}
            network: {allowedNamespaces: [suprsend], apiServerCidrs: [10.0.0.15/32]}
            cache: {namespace: redis-cache}
            workerState: {backend: redis-sentinel, namespace: redis-state, storageClass: ssd}
            """;
    private static final String DOCS = "docs/platform-kubernetes.md, \"Images: maintained sources, digests and the"
            + " version floor\"";

    @TempDir
    Path dir;

    private Environment load(String yaml) throws IOException {
        return EnvironmentLoader.loadFile(Files.writeString(dir.resolve("k8s.yaml"), yaml), dir);
    }

    private List<String> problems(String yaml) throws IOException {
        return assertThrows(EnvironmentException.class, () -> load(yaml)).problems();
    }

    @Test
    void production_refuses_redis_8_2_1_naming_the_field_the_cves_the_advisory_and_the_ways_out() throws IOException {
        List<String> problems = problems(FILE + PINNED.replace("redis: {tag: 8.2.9-debian-12-r0",
                "redis: {tag: 8.2.1-debian-12-r0"));

        assertEquals(1, problems.size(), problems.toString());
        String p = problems.get(0);
        assertTrue(p.startsWith("k8s.yaml: images.redis.tag: redis 8.2.1 is below the floor 8.2.9 of release line 8.2:"
                + " it lacks the fixes for CVE-2025-49844 CVE-2025-46817 CVE-2025-46818 CVE-2025-46819 (critical"), p);
        assertTrue(p.contains("https://github.com/redis/redis/security/advisories/GHSA-4789-qfc9-5f9q"), p);
        assertTrue(p.contains("CVE-2026-23479") && p.contains("CVE-2026-81934"), p);
        assertTrue(p.endsWith("; use a fixed release of a maintained line, e.g. 8.2.9 (build or mirror it, then pin"
                + " its digest; " + DOCS + "); the floor has no exemption"), p);
    }

    @Test
    void production_refuses_a_release_line_without_fixes_and_a_store_tag_below_the_floor() throws IOException {
        List<String> problems = problems(FILE.replace("cache: {namespace: redis-cache}",
                "cache: {namespace: redis-cache, redisImageTag: 8.0.4-debian-12-r0}") + PINNED);

        assertEquals(List.of("k8s.yaml: cache.redisImageTag: 'registry.example.com/bitnami/redis:8.0.4-debian-12-r0'"
                + " is not pinned by digest, so the cluster runs whatever the tag points to on the day a pod starts;"
                + " add the digest of your registry's copy (<image>:<tag>@sha256:<64 hex>, see " + DOCS + "), or add"
                + " {image: redis, reason: <why, at least 10 characters>} to images.exemptions (shown in the report)",
                "k8s.yaml: cache.redisImageTag: redis 8.0.4 is of a release line that no longer receives security"
                        + " fixes (lines that do, as of 2026-12-06: 8.10, 8.8, 8.6, 8.4, 8.2, 7.4, 7.2); use a fixed"
                        + " release of a maintained line, e.g. 8.10.1 (build or mirror it, then pin its digest; " + DOCS
                        + "); the floor has no exemption",
                "k8s.yaml: cache.redisImageTag: 'registry.example.com/bitnami/redis-sentinel:8.0.4-debian-12-r0' is"
                        + " not pinned by digest, so the cluster runs whatever the tag points to on the day a pod"
                        + " starts; add the digest of your registry's copy (<image>:<tag>@sha256:<64 hex>, see " + DOCS
                        + "), or add {image: redisSentinel, reason: <why, at least 10 characters>} to"
                        + " images.exemptions (shown in the report)"), problems, "one message per field and problem");
    }

    @Test
    void production_refuses_bitnamilegacy_and_unpinned_images_naming_the_field_and_the_ways_out() throws IOException {
        List<String> problems = problems(FILE + "images: {registry: docker.io, repositoryPrefix: bitnamilegacy}\n");

        assertTrue(problems.contains("k8s.yaml: images.kubectl: 'docker.io/bitnamilegacy/kubectl:1.33.4-debian-12-r0'"
                + " comes from bitnamilegacy, a frozen source (Bitnami's catalogue change (2025-08-28): versioned free"
                + " images moved to docker.io/bitnamilegacy and get no updates): no security fixes reach it; mirror"
                + " maintained images into your registry and point images.registry / images.repositoryPrefix there ("
                + DOCS + "), or add {image: kubectl, reason: <why, at least 10 characters>} to images.exemptions"
                + " (shown in the report)"), problems.toString());
        assertTrue(problems.contains("k8s.yaml: images.kubectl.digest: 'docker.io/bitnamilegacy/kubectl:1.33.4-debian-"
                + "12-r0' is not pinned by digest, so the cluster runs whatever the tag points to on the day a pod"
                + " starts; add the digest of your registry's copy (digest: sha256:<64 hex>, see " + DOCS + "), or"
                + " add {image: kubectl, reason: <why, at least 10 characters>} to images.exemptions (shown in the"
                + " report)"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("k8s.yaml: images.redis.tag: redis 8.2.1 is below"
                + " the floor 8.2.9")), problems.toString());
        assertEquals(List.of("images.kubectl", "images.kubectl.digest", "images.redis", "images.redis.digest",
                "images.redis.tag", "images.redisExporter", "images.redisExporter.digest", "images.redisSentinel",
                "images.redisSentinel.digest", "images.redisSentinel.tag"),
                problems.stream().map(p -> p.split(": ")[1]).sorted().toList());
    }

    @Test
    void a_written_exemption_lets_an_image_skip_the_digest_and_source_rules_and_the_report_shows_it()
            throws IOException {
        String yaml = FILE + PINNED.replace("kubectl: {tag: 1.33.4-debian-12-r0, digest: \"sha256:" + "e".repeat(64)
                + "\"}", "kubectl: {tag: 1.33.4-debian-12-r0}") .replace("}\n", ", exemptions: [{image: kubectl,"
                + " reason: \"mirror pending (OPS-123); the sidecar only patches a Service\"}]}\n");
        EnvironmentStack stack = new EnvironmentStack(Testing.app(), load(yaml));

        assertTrue(stack.report().contains("- kubectl: `registry.example.com/bitnami/kubectl:1.33.4-debian-12-r0`"
                + " EXEMPT from digest pinning and frozen-source rules: mirror pending (OPS-123); the sidecar only"
                + " patches a Service\n"), stack.report());
        assertTrue(stack.report().contains("- redis: `registry.example.com/bitnami/redis:8.2.9-debian-12-r0@sha256:"
                + "a".repeat(64) + "`, redis 8.2.9 (floor of line 8.2: 8.2.9, table checked 2026-12-06)\n"),
                stack.report());
        String values = Testing.synth(stack);
        assertTrue(values.contains("sha256:" + "a".repeat(64)), "the digest reaches the chart's image.digest");
    }

    @Test
    void an_exemption_without_a_reason_and_a_digest_of_the_wrong_shape_are_refused_with_field_value_and_fix()
            throws IOException {
        String yaml = FILE.replace("profile: production", "profile: development") + PINNED
                .replace("\"sha256:" + "a".repeat(64) + "\"", "\"sha256:ABC123\"")
                .replace("}\n", ", exemptions: [{image: kubectl}, {image: redis, reason: later}]}\n");

        assertEquals(List.of(
                "k8s.yaml: images.redis.digest: is 'sha256:ABC123': the digest 'sha256:ABC123' is not sha256:"
                        + " followed by 64 lowercase hex digits (copy it from `crane digest <image>` or `docker buildx"
                        + " imagetools inspect <image>`)",
                "k8s.yaml: images.exemptions[0].reason: is missing; add it, e.g. mirror of kubectl pending; tracked"
                        + " in OPS-123",
                "k8s.yaml: images.exemptions[1].reason: is 'later'; write why this image may skip digest pinning or"
                        + " come from a frozen source, in at least 10 characters"), problems(yaml));
    }

    @Test
    void development_synthesizes_the_defaults_and_warns_for_each_rule() throws IOException {
        EnvironmentStack stack = new EnvironmentStack(Testing.app(),
                load(FILE.replace("profile: production", "profile: development")));

        String warnings = stack.report().substring(stack.report().indexOf("## Warnings"));
        assertTrue(warnings.contains("- [ ] images.redis.tag: redis 8.2.1 is below the floor 8.2.9"), warnings);
        assertTrue(warnings.contains("- [ ] images.redis: 'docker.io/bitnamilegacy/redis:8.2.1-debian-12-r0' comes"
                + " from bitnamilegacy, a frozen source"), warnings);
        assertTrue(warnings.contains("- [ ] images.redisExporter.digest: "), warnings);
        assertTrue(stack.report().contains("- redis: `docker.io/bitnamilegacy/redis:8.2.1-debian-12-r0`, redis 8.2.1"
                + " BELOW THE VERSION FLOOR\n"), stack.report());
    }

    static Stream<String> shippedFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("environments"))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shippedFiles")
    void every_shipped_image_is_pinned_by_digest_and_at_or_above_the_floor_in_production(String file)
            throws IOException {
        Environment env = EnvironmentLoader.loadFile(Path.of("environments", file), Path.of("."));
        String report = new EnvironmentStack(Testing.app(), env).report();
        if (!report.contains("## Images")) {
            assertFalse(file.startsWith("kubernetes") || file.startsWith("azure"), file + " runs Bitnami images");
            return;
        }
        List<String> images = report.substring(report.indexOf("## Images")).lines().skip(2)
                .takeWhile(l -> l.startsWith("- ")).filter(l -> !l.startsWith("- version floors:")).toList();
        assertFalse(images.isEmpty(), report);
        for (String line : images) {
            if (env.production()) {
                assertTrue(line.matches("- \\w+: `[^`]+@sha256:[0-9a-f]{64}`.*"), file + ": " + line);
                assertFalse(line.contains("BELOW") || line.contains("bitnamilegacy") || line.contains("EXEMPT"),
                        file + ": " + line);
            }
            if (line.matches("- (redis|redisSentinel|redisCluster|kvrocks|redisExporter): .*")) {
                assertTrue(line.contains("(floor of line ") || line.contains("(no advisory against line ") || !env.production(), file + ": " + line);
            }
        }
    }
}
