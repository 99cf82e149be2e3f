package dev.kvstores.stacks.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstores.stacks.EnvironmentLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.kvstores.stacks.platform.kubernetes.KubernetesSettings;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentLoaderTest {

    /** A production file without its state backend and images. */
    private static final String BASE = """
            platform: kubernetes
            profile: production
            kubernetes: {configContext: prod}
            connectionSecret: {namespace: suprsend}
            network: {allowedNamespaces: [suprsend], apiServerCidrs: [10.0.0.15/32]}
            cache: {namespace: redis-cache}
            workerState: {backend: redis-sentinel, namespace: redis-state, storageClass: ssd}
            """;
    private static final String IMAGES = "images: {registry: registry.example.com, repositoryPrefix: bitnami, redis: {tag: 8.2.9-debian-12-r0, digest: \"sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}, redisSentinel: {tag: 8.2.9-debian-12-r0, digest: \"sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"}, redisCluster: {tag: 8.2.9-debian-12-r0, digest: \"sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\"}, redisExporter: {tag: 1.76.0-debian-12-r0, digest: \"sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd\"}, kubectl: {tag: 1.33.4-debian-12-r0, digest: \"sha256:eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee\"}}\n";
    /** With a GCS state (its prefix defaults to the file name: one state per file) and pinned images. */
    private static final String VALID = BASE + IMAGES + "stateBackend: {type: gcs, bucket: tf}\n";

    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    private List<String> problems(String yaml) throws IOException {
        Path file = write("bad-env.yaml", yaml);
        return assertThrows(EnvironmentException.class, () -> EnvironmentLoader.loadFile(file, dir)).problems();
    }

    @Test
    void loads_the_shipped_environments() {
        Path shipped = Path.of(System.getProperty("user.dir")).resolve("environments");
        List<Environment> environments = EnvironmentLoader.loadDirectory(shipped, shipped.getParent().getParent());
        List<String> names = environments.stream().map(Environment::name).toList();
        assertTrue(names.containsAll(List.of("kubernetes-dev", "kubernetes-prod")), names.toString());
        Environment prod = environments.stream().filter(e -> e.name().equals("kubernetes-prod")).findFirst().get();
        assertTrue(prod.production());
        assertTrue(prod.relaxations().isEmpty());
        assertEquals("stacks/environments/kubernetes-prod.yaml", prod.file());
    }

    @Test
    void fails_on_a_yml_file_instead_of_ignoring_it() throws IOException {
        write("good.yaml", VALID);
        write("other.yml", VALID);
        EnvironmentException e = assertThrows(EnvironmentException.class,
                () -> EnvironmentLoader.loadDirectory(dir, dir));
        assertEquals(List.of("other.yml: environment files end in .yaml; rename it to other.yaml"), e.problems());
    }

    @Test
    void fails_on_a_yml_file_next_to_its_yaml_namesake_without_suggesting_to_overwrite_it() throws IOException {
        write("prod.yaml", VALID);
        write("prod.yml", VALID);
        EnvironmentException e = assertThrows(EnvironmentException.class,
                () -> EnvironmentLoader.loadDirectory(dir, dir));
        assertEquals(List.of("prod.yml: environment files end in .yaml; prod.yaml exists too: merge what prod.yml"
                + " holds into prod.yaml and delete prod.yml, or rename it to another name ending in .yaml"),
                e.problems());
    }

    @Test
    void applies_defaults_for_a_minimal_file() throws IOException {
        Environment env = EnvironmentLoader.loadFile(write("minimal.yaml",
                BASE.replace("production", "development")), dir);
        assertEquals("minimal", env.name());
        assertEquals("suprsend-secrets", env.secretName());
        KubernetesSettings settings = env.settings(KubernetesSettings.class);
        assertEquals(3, settings.cache().nodes());
        assertEquals("small", settings.cache().sizePreset());
        assertEquals(2048, settings.cache().size().memoryMebibytes());
        assertEquals("local", env.stateBackend().type());
        assertEquals("terraform.minimal.tfstate", env.stateBackend().attributes().get("path"));
        assertTrue(settings.workerState().preventDestroy());
    }

    @Test
    void fails_listing_every_problem_with_file_field_value_and_fix() throws IOException {
        List<String> problems = problems("""
                platform: kubernetes
                profile: production
                stateBackend: {type: gcs, bucket: tf}
                kubernetes: {configContext: prod}
                connectionSecret: {namespace: default}
                network: {allowedNamespaces: []}
                cache: {namespace: redis-cache, nodes: three, evictionPolicy: noeviction, colour: blue}
                workerState: {backend: redis-sentinel, namespace: redis-state}
                relaxations:
                  - {check: high-availability, store: cache, reason: cost}
                """);
        assertEquals(List.of(
                "bad-env.yaml: connectionSecret.namespace: is 'default'; use the platform's own namespace (CKV_K8S_21)",
                "bad-env.yaml: network.allowedNamespaces: is empty; add at least one entry",
                "bad-env.yaml: cache.nodes: must be a whole number between 1 and 15, got \"three\"",
                "bad-env.yaml: cache.evictionPolicy: is 'noeviction'; allowed: allkeys-lru, volatile-lru",
                "bad-env.yaml: cache.colour: is not a known field; known fields here: aclUsername, chartVersion,"
                        + " cpuMillicores, credentials, evictionPolicy, memoryMebibytes, namespace, nodes, passwordSecretName,"
                        + " redisImageTag, releaseName, sentinel, serviceMonitor, size, tlsSecretName (check the"
                        + " spelling)",
                "bad-env.yaml: workerState.storageClass: is missing; add it, e.g. ssd",
                "bad-env.yaml: relaxations[0].reason: is 'cost'; write why, in at least 10 characters",
                "bad-env.yaml: relaxations[0].check: relaxations are not allowed with profile production; remove it"
                        + " or use profile development"), sortedLikeFile(problems));
    }

    /** Problems come per section; the file order of the sections above is the order asserted. */
    private static List<String> sortedLikeFile(List<String> problems) {
        List<String> order = List.of("connectionSecret", "network", "cache", "workerState", "relaxations");
        return problems.stream().sorted(java.util.Comparator.comparingInt(p -> {
            String field = p.substring("bad-env.yaml: ".length());
            for (int i = 0; i < order.size(); i++) {
                if (field.startsWith(order.get(i))) {
                    return i;
                }
            }
            return -1;
        })).toList();
    }

    @Test
    void fails_when_the_platform_is_unknown() throws IOException {
        assertEquals(List.of("bad-env.yaml: platform: is 'kubernets'; allowed: "
                        + String.join(", ", dev.kvstores.stacks.Platforms.names())),
                problems(VALID.replace("platform: kubernetes", "platform: kubernets")));
    }

    @Test
    void fails_when_a_required_section_is_missing_or_yaml_is_broken() throws IOException {
        assertEquals(List.of("bad-env.yaml: cache: is missing; add the 'cache' section"),
                problems(VALID.replace("cache: {namespace: redis-cache}\n", "")));
        List<String> broken = problems("platform: [kubernetes\n");
        assertEquals(1, broken.size());
        assertTrue(broken.get(0).startsWith("bad-env.yaml: line 2, column 1: not valid YAML: expected ',' or ']'"),
                broken.get(0));
    }

    @Test
    void fails_when_a_key_is_written_twice_naming_the_field_line_and_column() throws IOException {
        List<String> problems = problems(VALID.replace("cache: {namespace: redis-cache}\n", """
                cache:
                  namespace: redis-cache
                  nodes: 3
                  nodes: 1
                """));
        assertEquals(List.of("bad-env.yaml: cache.nodes: is written twice (line 9, column 3); only one value would"
                + " count; keep one 'nodes' in this mapping"), problems);
    }

    @Test
    void fails_when_a_section_is_written_twice_or_a_list_item_repeats_a_key() throws IOException {
        assertEquals(List.of("bad-env.yaml: profile: is written twice (line 10, column 1); only one value would"
                + " count; keep one 'profile' in this mapping"), problems(VALID + "profile: development\n"));
        assertEquals(List.of("bad-env.yaml: relaxations[0].store: is written twice (line 11, column 46); only one"
                + " value would count; keep one 'store' in this mapping"), problems(VALID.replace("production",
                "development") + "relaxations:\n  - {check: high-availability, store: cache, store: workerState,"
                + " reason: one-node dev cluster}\n"));
    }

    @Test
    void fails_when_local_state_path_is_absolute() throws IOException {
        List<String> problems = problems(BASE.replace("production", "development")
                + "stateBackend: {type: local, path: /var/state/x.tfstate}\n");
        assertEquals(List.of("bad-env.yaml: stateBackend.path: is '/var/state/x.tfstate'; give a path inside the"
                + " project (relative, no '..') so no machine's absolute path ends up in the synthesized stack"),
                problems);
    }

    @Test
    void fails_when_an_s3_backend_lacks_its_bucket() throws IOException {
        List<String> problems = problems(BASE + IMAGES
                + "stateBackend: {type: s3, key: k, region: eu-west-1, kmsKeyId: k1, useLockfile: true}\n");
        assertEquals(List.of("bad-env.yaml: stateBackend.bucket: is missing; add it"), problems);
    }

    @Test
    void fails_when_both_roles_share_a_release() throws IOException {
        List<String> problems = problems(VALID.replace("namespace: redis-state", "namespace: redis-cache,"
                + " releaseName: redis-cache"));
        assertEquals(List.of("bad-env.yaml: workerState.releaseName: 'redis-cache' in namespace 'redis-cache' is"
                + " also the cache's; the two roles need separate releases"), problems);
    }

    @Test
    void fails_when_both_roles_share_a_password_secret() throws IOException {
        List<String> problems = problems(VALID
                .replace("{configContext: prod}", "{configContext: prod, createNamespaces: false}")
                .replace("cache: {namespace: redis-cache}", "cache: {namespace: redis, passwordSecretName: pw}")
                .replace("namespace: redis-state,", "namespace: redis, passwordSecretName: pw,"));
        assertEquals(List.of("bad-env.yaml: workerState.passwordSecretName: 'pw' in namespace 'redis' is also the"
                + " cache's; keep the two roles' credentials separate"), problems);
    }

    /** KVRocks pinned by digest, as production needs. */
    private static final String KVROCKS_IMAGE = "image: docker.io/apache/kvrocks:2.17.0@sha256:" + "f".repeat(64);

    @Test
    void kvrocks_rejects_fields_that_only_redis_backends_have() throws IOException {
        List<String> problems = problems(VALID.replace("backend: redis-sentinel, namespace: redis-state,"
                + " storageClass: ssd", "backend: kvrocks, " + KVROCKS_IMAGE + ", namespace: redis-state, storageClass: ssd, nodes: 3"));
        assertEquals(List.of(
                "bad-env.yaml: workerState.nodes: is not supported with backend kvrocks (one StatefulSet node,"
                        + " RocksDB persistence, password auth, no chart); remove it",
                "bad-env.yaml: workerState.tlsSecretName: is missing: KVRocks has no chart to generate a"
                        + " certificate; add certManager.issuer (kvstores requests one from cert-manager) or name an"
                        + " existing kubernetes.io/tls Secret, e.g. kvrocks-state-tls"), problems);
    }

    @Test
    void kvrocks_sizes_from_the_kvrocks_row_of_the_vendor_table() throws IOException {
        Environment env = EnvironmentLoader.loadFile(write("kv.yaml", VALID.replace("backend: redis-sentinel",
                "backend: kvrocks, " + KVROCKS_IMAGE + ", size: medium") + "certManager: {issuer: internal-ca}\n"), dir);
        KubernetesSettings.WorkerState worker = env.settings(KubernetesSettings.class).workerState();
        assertEquals("kvrocks", worker.backend());
        assertEquals(500, worker.size().storageGibibytes());
        assertEquals(16384, worker.size().memoryMebibytes());
    }

    private static final String RECIPIENT = "age134j8t8shrs4tyyd28ffqvyl56w5y6amgjtg6hpcdacpdvy953ucs5u0kfh";
    private static final String BACKUP = "backup: {image: %s, encryptionKeySecretName: kvstores-backup-age,"
            + " encryptionRecipient: " + RECIPIENT + ","
            + " credentialsSecretName: backup-s3, destination: {type: s3, bucket: acme-kvstores-backups,"
            + " region: eu-west-1}, objectStoreCidrs: [52.218.0.0/17]}";

    @Test
    void production_requires_a_pinned_well_formed_age_recipient_naming_the_field_and_the_fix() throws IOException {
        String pinned = "registry.example.com/kvstores/worker-state-backup:1.0.0@sha256:" + "0".repeat(64);
        List<String> missing = problems(VALID.replace("backend: redis-sentinel,", "backend: redis-sentinel, "
                + BACKUP.formatted(pinned).replace(" encryptionRecipient: " + RECIPIENT + ",", "") + ","));
        assertEquals(List.of("bad-env.yaml: workerState.backup.encryptionRecipient: is required in production: pin"
                + " the backups' age public key here (encryptionRecipient: age1..., from `age-keygen -y key.txt`);"
                + " the stack then writes Secret kvstores-backup-age from it, so a swapped Secret is reverted by the"
                + " next apply and shows in plan"), missing);
        List<String> malformed = problems(VALID.replace("backend: redis-sentinel,", "backend: redis-sentinel, "
                + BACKUP.formatted(pinned).replace(RECIPIENT, "age1notakey") + ","));
        assertEquals(List.of("bad-env.yaml: workerState.backup.encryptionRecipient: must be an age recipient (public"
                + " key: age1 followed by 58 lowercase bech32 characters, as `age-keygen -y key.txt` prints it), got"
                + " 'age1notakey'; or remove the field and create Secret kvstores-backup-age yourself (then nothing"
                + " is pinned)"), malformed);
        String privateKey = "AGE-SECRET-KEY-1" + "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L".repeat(2);
        List<String> leaked = problems(VALID.replace("backend: redis-sentinel,", "backend: redis-sentinel, "
                + BACKUP.formatted(pinned).replace(RECIPIENT, privateKey) + ","));
        assertEquals(1, leaked.size(), leaked.toString());
        assertTrue(leaked.get(0).contains("an age PRIVATE key (value not shown"), leaked.get(0));
        assertFalse(leaked.get(0).contains(privateKey), "a private key is never echoed");
    }

    @Test
    void kvrocks_takes_a_backup_like_the_redis_backends() throws IOException {
        Environment env = EnvironmentLoader.loadFile(write("kv.yaml", VALID.replace("backend: redis-sentinel,",
                "backend: kvrocks, " + KVROCKS_IMAGE + ", " + BACKUP.formatted(
                        "registry.example.com/kvstores/worker-state-backup:1.0.0@sha256:" + "0".repeat(64))
                        + ",") + "certManager: {issuer: internal-ca}\n"), dir);
        KubernetesSettings.WorkerState worker = env.settings(KubernetesSettings.class).workerState();
        assertEquals("kvrocks", worker.backend());
        assertEquals("acme-kvstores-backups", worker.backup().props().environmentName("x").build().destination()
                .bucket());
    }

    @Test
    void fails_when_the_backup_image_is_unpinned_naming_the_field_and_the_fix() throws IOException {
        List<String> problems = problems(VALID.replace("backend: redis-sentinel,",
                "backend: redis-sentinel, " + BACKUP.formatted("registry.example.com/kvstores/worker-state-backup") + ","));
        assertEquals(List.of("bad-env.yaml: workerState.backup.image: image must be pinned by a version tag or a"
                + " digest, got 'registry.example.com/kvstores/worker-state-backup': it has no tag (that means"
                + " 'latest'), which moves, so the job would run whatever was pushed last; build"
                + " constructs/src/main/docker/worker-state-backup/Dockerfile, push it and set image to e.g."
                + " registry.example.com/kvstores/worker-state-backup:1.0.0 or"
                + " registry.example.com/kvstores/worker-state-backup@sha256:<digest>"), problems);
        assertTrue(problems(VALID.replace("backend: redis-sentinel,", "backend: redis-sentinel, "
                + BACKUP.formatted("backup:latest") + ",")).get(0).contains("its tag is 'latest'"));
    }

    @Test
    void an_existing_tls_secret_in_a_namespace_the_stack_creates_is_refused_with_both_ways_out() throws IOException {
        List<String> problems = problems(VALID.replace("cache: {namespace: redis-cache}",
                "cache: {namespace: redis-cache, tlsSecretName: cache-tls}"));
        assertEquals(List.of("bad-env.yaml: cache.tlsSecretName: 'cache-tls' must exist before the first apply, but"
                + " this stack creates the namespace; add certManager.issuer (kvstores then requests the certificate"
                + " from cert-manager), or set kubernetes.createNamespaces: false and create the namespace and the"
                + " Secret first"), problems);
    }

    @Test
    void reads_the_monitoring_namespace_the_issuer_and_namespace_adoption() throws IOException {
        Environment env = EnvironmentLoader.loadFile(write("k.yaml", VALID.replace("{configContext: prod}",
                "{configContext: prod, createNamespaces: false}") + "monitoring: {namespace: observability}\n"
                + "certManager: {issuer: corp-ca, issuerKind: Issuer}\n"), dir);
        KubernetesSettings settings = env.settings(KubernetesSettings.class);
        assertFalse(settings.createNamespaces());
        assertEquals("observability", settings.monitoringNamespace());
        assertEquals(new dev.kvstores.kubernetes.CertificateIssuer("Issuer", "corp-ca"), settings.certificateIssuer());
    }

    @Test
    void reads_prometheus_rules_rule_labels_and_threshold_overrides() throws IOException {
        Environment env = EnvironmentLoader.loadFile(write("m.yaml", VALID + "monitoring: {prometheusRules: true,"
                + " ruleLabels: {release: kps}, thresholds: {cpuWarnPercent: 70, memoryFor: 10m, downFor: 30s}}\n"),
                dir);
        KubernetesSettings settings = env.settings(KubernetesSettings.class);
        assertTrue(settings.prometheusRules());
        assertEquals(java.util.Map.of("release", "kps"), settings.ruleLabels());
        assertEquals(70, settings.alertThresholds().cpuWarnPercent());
        assertEquals(java.time.Duration.ofMinutes(10), settings.alertThresholds().memoryFor());
        assertEquals(java.time.Duration.ofSeconds(30), settings.alertThresholds().downFor());
        assertEquals(80, settings.alertThresholds().workerMemoryPagePercent(), "unset thresholds keep defaults");
    }

    @Test
    void fails_on_bad_monitoring_thresholds_naming_each_field() throws IOException {
        List<String> problems = problems(VALID + "monitoring: {prometheusRules: yes-please, ruleLabels: {a: 1},"
                + " thresholds: {cpuWarnPercent: 120, memoryFor: 5 minutes, typo: 1}}\n");
        assertEquals(5, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("monitoring.thresholds.memoryFor: must be a duration"
                + " like 30s, 5m or 1h, got '5 minutes'")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("monitoring.thresholds.cpuWarnPercent")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("monitoring.ruleLabels.a: must be a string")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("monitoring.thresholds.typo")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("monitoring.prometheusRules")), problems.toString());
    }

    @Test
    void a_development_file_may_relax_high_availability_with_a_reason() throws IOException {
        Environment env = EnvironmentLoader.loadFile(write("dev.yaml", VALID.replace("production", "development")
                + "relaxations:\n  - {check: high-availability, store: cache, reason: one-node dev cluster}\n"), dir);
        assertEquals("one-node dev cluster", env.highAvailabilityRelaxation("cache"));
        assertFalse(env.production());
    }
}
