package dev.kvstores.stacks.platform.kubernetes;

import dev.kvstores.images.ImagePolicy;
import dev.kvstores.images.ImageReference;
import dev.kvstores.kubernetes.BackupDestination;
import dev.kvstores.kubernetes.ClusterEgress;
import dev.kvstores.kubernetes.ObjectStoreEgress;
import dev.kvstores.kubernetes.BackupStorageType;
import dev.kvstores.kubernetes.WorkerStateBackupProps;
import dev.kvstores.exemption.PolicyExemption;
import dev.kvstores.policy.rules.WorkerStateBackupRequired;
import dev.kvstores.role.StoreRole;
import dev.kvstores.kubernetes.CertificateIssuer;
import dev.kvstores.kubernetes.StoreNamespace;
import dev.kvstores.kubernetes.BitnamiRedisCacheStore;
import dev.kvstores.kubernetes.BitnamiRedisWorkerStateStore;
import dev.kvstores.kubernetes.BitnamiRedisWorkerStateStoreProps;
import dev.kvstores.kubernetes.KvrocksWorkerStateStore;
import dev.kvstores.kubernetes.KvrocksWorkerStateStoreProps;
import dev.kvstores.role.CacheStore;
import dev.kvstores.role.SizePreset;
import dev.kvstores.role.StoreSize;
import dev.kvstores.role.Topology;
import dev.kvstores.role.WorkerStateStore;
import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.environment.PhysicalClaim;
import dev.kvstores.stacks.environment.CredentialsSection;
import dev.kvstores.stacks.environment.EnvironmentReader;
import dev.kvstores.role.CredentialRotation;
import dev.kvstores.stacks.environment.KubernetesAccess;
import dev.kvstores.stacks.environment.PlatformSettings;
import dev.kvstores.stacks.platform.AlertThresholdsReader;
import dev.kvstores.stacks.platform.BackupScheduleReader;
import dev.kvstores.stacks.platform.Platform;
import dev.kvstores.stacks.platform.PlatformStack;
import dev.kvstores.stacks.platform.Stores;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import software.constructs.Construct;

/**
 * {@code platform: kubernetes}: both stores in the platform's own cluster (Bitnami charts via Helm).
 */
public final class KubernetesPlatform implements Platform {

    private static final List<String> SIZES = InCluster.SIZES;
    private static final String NO_STAGED_ROTATION = "credentials: no staged rotation possible (the platform's"
            + " password is the only one the store has: ";

    @Override
    public String name() {
        return "kubernetes";
    }

    @Override
    public PlatformSettings read(EnvironmentReader top, String environmentName, boolean production) {
        int before = top.problemCount();
        EnvironmentReader kube = top.child("kubernetes", true);
        Boolean createNamespaces = kube == null ? Boolean.TRUE : kube.bool("createNamespaces", true);
        KubernetesAccess access = kube == null ? null : KubernetesAccess.read(kube);
        EnvironmentReader network = top.child("network", true);
        InCluster.Cluster cluster = InCluster.read(top, network);
        if (network != null) {
            network.rejectUnknownKeys();
        }
        CertificateIssuer issuer = cluster == null ? null : cluster.certificateIssuer();
        KubernetesSettings.Cache cache = InCluster.readCache(top.child("cache", true), true);
        KubernetesSettings.WorkerState worker = worker(top.child("workerState", true), production);
        if (cache != null && worker != null && cache.passwordSecretName() != null
                && cache.namespace().equals(worker.namespace())
                && cache.passwordSecretName().equals(worker.passwordSecretName())) {
            top.problem("workerState.passwordSecretName", "'" + worker.passwordSecretName() + "' in namespace '"
                    + worker.namespace() + "' is also the cache's; keep the two roles' credentials separate");
        }
        if (cache != null && worker != null && cache.namespace().equals(worker.namespace())
                && cache.releaseName().equals(worker.releaseName())) {
            top.problem("workerState.releaseName", "'" + worker.releaseName() + "' in namespace '"
                    + worker.namespace() + "' is also the cache's; the two roles need separate releases");
        }
        if (worker != null && "kvrocks".equals(worker.backend()) && worker.tlsSecretName() == null && issuer == null) {
            top.problem("workerState.tlsSecretName", "is missing: KVRocks has no chart to generate a certificate;"
                    + " add certManager.issuer (kvstores requests one from cert-manager) or name an existing"
                    + " kubernetes.io/tls Secret, e.g. kvrocks-state-tls");
        }
        if (createNamespaces != null && cache != null && worker != null) {
            InCluster.requireCreatableSecrets(top, "cache", cache.tlsSecretName(), cache.passwordSecretName(), issuer,
                    createNamespaces);
            InCluster.requireCreatableSecrets(top, "workerState", worker.tlsSecretName(),
                    worker.passwordSecretName(), issuer, createNamespaces);
        }
        if (cluster != null && cache != null && worker != null) {
            InCluster.requireApiServerCidrs(network, cluster, production,
                    InCluster.sentinel(cache) || "redis-sentinel".equals(worker.backend()) && worker.nodes() > 1);
            InCluster.checkImages(top, cluster.images(), images(cluster, cache, worker), production);
        }
        if (top.problemCount() > before || createNamespaces == null || cluster == null) {
            return null;
        }
        return new KubernetesSettings(access, cluster.allowedNamespaces(), cluster.images(), cache, worker, createNamespaces, cluster.monitoringNamespace(),
                issuer, cluster.prometheusRules(), cluster.ruleLabels(), cluster.alertThresholds(), cluster.egress());
    }

    /** Every image the two stores and the backup job run, as {@link dev.kvstores.images.ImagePolicy} checks them. */
    static List<ImagePolicy.Use> images(InCluster.Cluster cluster, KubernetesSettings.Cache cache,
                                        KubernetesSettings.WorkerState worker) {
        List<ImagePolicy.Use> uses = new ArrayList<>(InCluster.cacheImages(cluster, cache));
        ImageSettings images = cluster.images();
        switch (worker.backend()) {
            case "kvrocks" -> {
                if (worker.imageTag() != null) { // null: workerState.image was refused, its problem is recorded
                    uses.add(new ImagePolicy.Use("kvrocks", "workerState.image", false,
                            ImageReference.parse(worker.imageTag()), "kvrocks", null));
                }
                uses.add(images.use("redisExporter", images.bitnami(), null, "redis_exporter"));
            }
            case "redis-cluster" -> uses.addAll(InCluster.redisImages(images, "workerState", worker.imageTag(),
                    false, true));
            default -> uses.addAll(InCluster.redisImages(images, "workerState", worker.imageTag(),
                    worker.nodes() > 1, false));
        }
        if (worker.backup() != null && worker.backup().props() != null && worker.backup().props().image() != null) {
            uses.add(new ImagePolicy.Use("backup", "workerState.backup.image", false,
                    ImageReference.parse(worker.backup().props().image()), null, null));
        }
        return uses;
    }

    /**
     * Size from {@code size} (a preset, whose row of the vendor table {@code row} picks) and the
     * {@code cpuMillicores} / {@code memoryMebibytes} / {@code storageGibibytes} overrides.
     */
    static StoreSize size(EnvironmentReader r, String preset, Function<SizePreset, StoreSize> row,
                          Integer storageOverride) {
        Integer cpu = r.integer("cpuMillicores", null, 100, 64000);
        Integer memory = r.integer("memoryMebibytes", null, 256, 1048576);
        if (preset == null) {
            return null;
        }
        StoreSize base = row.apply(SizePreset.valueOf(preset.toUpperCase(Locale.ROOT)));
        return new StoreSize(cpu != null ? cpu : base.cpuMillicores(),
                memory != null ? memory : base.memoryMebibytes(),
                storageOverride != null ? storageOverride : base.storageGibibytes());
    }

    private static KubernetesSettings.WorkerState worker(EnvironmentReader r, boolean production) {
        if (r == null) {
            return null;
        }
        String backend = r.choice("backend", "redis-sentinel", true,
                List.of("redis-sentinel", "redis-cluster", "kvrocks"));
        if ("kvrocks".equals(backend)) {
            return kvrocks(r, production);
        }
        boolean cluster = "redis-cluster".equals(backend);
        String namespace = r.dnsLabel("namespace", "redis-state", true);
        String release = r.dnsLabel("releaseName", "redis-state", false);
        String chartVersion = r.string("chartVersion", cluster
                ? BitnamiRedisWorkerStateStoreProps.DEFAULT_REDIS_CLUSTER_CHART_VERSION
                : BitnamiRedisWorkerStateStoreProps.DEFAULT_REDIS_CHART_VERSION, false);
        String preset = r.choice("size", "small", false, SIZES);
        Integer storage = r.integer("storageGibibytes", null, 1, 65536);
        StoreSize size = size(r, preset, SizePreset::workerRedis, storage);
        String storageClass = r.dnsSubdomain("storageClass", "ssd", true);
        Integer nodes = r.integer("nodes", cluster ? 6 : 3, 1, 30);
        Boolean rdb = r.bool("rdbSnapshots", false);
        // redis-cluster too: a user line of the nodes' configuration (its chart has no ACL users).
        String user = r.string("aclUsername", "suprsend-worker", false);
        String tag = r.string("redisImageTag", null, false);
        String tls = r.secretName("tlsSecretName", null, false);
        String passwords = r.secretName("passwordSecretName", null, false);
        Boolean monitor = r.bool("serviceMonitor", false);
        Boolean preventDestroy = r.bool("preventDestroy", true);
        KubernetesSettings.Backup backup = backup(r, production);
        CredentialRotation rotation = CredentialsSection.read(r);
        r.rejectUnknownKeys();
        if (backend == null || namespace == null || release == null || size == null || storageClass == null
                || nodes == null || rdb == null || monitor == null || preventDestroy == null) {
            return null;
        }
        return new KubernetesSettings.WorkerState(backend, namespace, release, chartVersion, preset, size,
                storageClass, nodes, rdb, user, tag, tls, passwords, monitor, preventDestroy, backup, rotation);
    }

    private static KubernetesSettings.WorkerState kvrocks(EnvironmentReader r, boolean production) {
        String namespace = r.dnsLabel("namespace", "redis-state", true);
        String name = r.dnsLabel("releaseName", "kvrocks-state", false);
        String preset = r.choice("size", "small", false, SIZES);
        Integer storage = r.integer("storageGibibytes", null, 1, 65536);
        StoreSize size = size(r, preset, SizePreset::workerKvrocks, storage);
        String storageClass = r.dnsSubdomain("storageClass", "ssd", true);
        String image = r.string("image", KvrocksWorkerStateStoreProps.DEFAULT_IMAGE, false);
        String tls = r.secretName("tlsSecretName", null, false);
        Boolean preventDestroy = r.bool("preventDestroy", true);
        KubernetesSettings.Backup backup = backup(r, production);
        if (r.has("credentials")) {
            r.problem("credentials", "a staged rotation is not possible with backend kvrocks: it has only"
                    + " requirepass (no ACL users, no second password); remove it and rotate in a maintenance window"
                    + " (README, Rotating credentials)");
        }
        for (String unsupported : List.of("nodes", "rdbSnapshots", "aclUsername", "chartVersion", "redisImageTag",
                "serviceMonitor", "passwordSecretName")) {
            if (r.has(unsupported)) {
                r.problem(unsupported, "is not supported with backend kvrocks (one StatefulSet node, RocksDB"
                        + " persistence, password auth, no chart); remove it");
            }
        }
        r.rejectUnknownKeys();
        if (namespace == null || name == null || size == null || storageClass == null || preventDestroy == null) {
            return null;
        }
        return new KubernetesSettings.WorkerState("kvrocks", namespace, name, null, preset, size, storageClass, 1,
                false, null, image, tls, null, false, preventDestroy, backup, null);
    }

    /**
     * {@code workerState.backup} (schedule, retentionDays, image, encryptionKeySecretName, encryptionRecipient
     * (the pinned age public key), credentialsSecretName,
     * serviceAccountAnnotations ["key=value"], destination {type, bucket, prefix, region, endpoint, account}) and
     * {@code workerState.backupExemptionReason}.
     */
    private static KubernetesSettings.Backup backup(EnvironmentReader r, boolean production) {
        String exemption = r.string("backupExemptionReason", null, false);
        EnvironmentReader b = r.child("backup", false);
        if (b == null) {
            return exemption == null ? null : new KubernetesSettings.Backup(null, exemption);
        }
        String schedule = BackupScheduleReader.read(r, b, WorkerStateBackupProps.DEFAULT_SCHEDULE, production,
                exemption, BackupScheduleReader.Scheduler.KUBERNETES_CRONJOB);
        Integer retention = b.integer("retentionDays", WorkerStateBackupProps.DEFAULT_RETENTION_DAYS, 1, 3650);
        String image = b.string("image", "registry.example.com/kvstores/worker-state-backup:1.0.0", true);
        if (image != null && WorkerStateBackupProps.unpinnedImageProblem(image) != null) {
            b.problem("image", WorkerStateBackupProps.unpinnedImageProblem(image));
            image = null;
        }
        String key = b.secretName("encryptionKeySecretName", "kvstores-backup-age", true);
        String recipient = b.string("encryptionRecipient", null, false);
        if (recipient != null && WorkerStateBackupProps.recipientProblem(recipient) != null) {
            b.problem("encryptionRecipient", WorkerStateBackupProps.recipientProblem(recipient)
                    + "; or remove the field and create Secret " + key + " yourself (then nothing is pinned)");
            recipient = null;
        } else if (recipient == null && production) {
            b.problem("encryptionRecipient", "is required in production: pin the backups' age public key here"
                    + " (encryptionRecipient: age1..., from `age-keygen -y key.txt`); the stack then writes Secret "
                    + key + " from it, so a swapped Secret is reverted by the next apply and shows in plan");
        }
        String credentials = b.secretName("credentialsSecretName", null, false);
        List<String> annotations = b.has("serviceAccountAnnotations")
                ? b.strings("serviceAccountAnnotations", false) : List.of();
        EnvironmentReader d = b.child("destination", true);
        BackupDestination destination = null;
        if (d != null) {
            String type = d.choice("type", "s3", true, List.of("s3", "gcs", "azureblob"));
            String bucket = d.string("bucket", "acme-kvstores-backups", true);
            String prefix = d.string("prefix", BackupDestination.DEFAULT_PREFIX, false);
            String region = d.string("region", null, "s3".equals(type) && !d.has("endpoint"));
            String endpoint = d.string("endpoint", null, false);
            String account = d.string("account", null, "azureblob".equals(type));
            d.rejectUnknownKeys();
            if (type != null && bucket != null && ("azureblob".equals(type) == (account != null))) {
                BackupStorageType storage = switch (type) {
                    case "gcs" -> BackupStorageType.GCS;
                    case "azureblob" -> BackupStorageType.AZURE_BLOB;
                    default -> BackupStorageType.S3;
                };
                destination = new BackupDestination(storage, bucket, prefix, region, endpoint, account);
            }
        }
        List<String> cidrs = b.strings("objectStoreCidrs", false);
        String egressExemption = b.string("objectStoreEgressExemption", null, false);
        for (String cidr : cidrs) {
            if (!ClusterEgress.isCidr(cidr)) {
                b.problem("objectStoreCidrs", "'" + cidr + "' is not a CIDR block; give the object store's addresses"
                        + " (a private endpoint's <ip>/32, or the provider's published ranges for the region)");
            }
        }
        if (!cidrs.isEmpty() && egressExemption != null) {
            b.problem("objectStoreEgressExemption", "is set together with objectStoreCidrs; remove one of them");
        } else if (production && cidrs.isEmpty() && egressExemption == null) {
            b.problem("objectStoreCidrs", "is missing: in production the backup job's upload egress must name the"
                    + " object store's addresses (a private endpoint's <ip>/32, an S3 gateway endpoint's ranges, or"
                    + " the provider's published ranges for the region); where none can be known, set"
                    + " objectStoreEgressExemption: \"<why>\" instead (the job may then reach any address on the"
                    + " object store's port; the reason is printed in the report)");
        }
        b.rejectUnknownKeys();
        WorkerStateBackupProps.Builder props = WorkerStateBackupProps.builder()
                .objectStoreEgress(new ObjectStoreEgress(cidrs, egressExemption))
                .schedule(schedule).image(image).encryptionKeySecretName(key).encryptionRecipient(recipient)
                .credentialsSecretName(credentials)
                .destination(destination);
        if (retention != null) {
            props.retentionDays(retention);
        }
        for (String annotation : annotations) {
            int eq = annotation.indexOf('=');
            if (eq <= 0) {
                b.problem("serviceAccountAnnotations", "entries are key=value, got '" + annotation + "'");
            } else {
                props.putWorkloadIdentityAnnotation(annotation.substring(0, eq), annotation.substring(eq + 1));
            }
        }
        return destination == null || image == null || key == null ? null : new KubernetesSettings.Backup(props, exemption);
    }

    @Override
    public List<PhysicalClaim> claims(Environment environment) {
        KubernetesSettings k = environment.settings(KubernetesSettings.class);
        String context = PhysicalClaim.context(k.kubernetes());
        List<PhysicalClaim> claims = new java.util.ArrayList<>();
        claims.add(PhysicalClaim.connectionSecret(k.kubernetes(), environment));
        claims.add(new PhysicalClaim("cache.releaseName", k.cache().releaseName(), "Helm release "
                + k.cache().namespace() + "/" + k.cache().releaseName() + " (its StatefulSet, Services and Secrets) in "
                + context));
        KubernetesSettings.WorkerState w = k.workerState();
        claims.add(new PhysicalClaim("workerState.releaseName", w.releaseName(), ("kvrocks".equals(w.backend())
                ? "StatefulSet " : "Helm release ") + w.namespace() + "/" + w.releaseName()
                + " (with its Services, Secrets and backup CronJob) in " + context));
        return claims;
    }

    @Override
    public Stores build(PlatformStack stack, Environment environment) {
        KubernetesSettings settings = environment.settings(KubernetesSettings.class);
        KubernetesAccess access = settings.kubernetes();
        stack.kubernetesProvider(access);
        InCluster.helmProvider(stack, access);
        InCluster.reportImages(stack, settings.images(), images(settings.cluster(), settings.cache(),
                settings.workerState()), environment.production());
        // Two stores in one namespace: the stack creates it once and orders both stores after it.
        boolean shared = settings.createNamespaces()
                && settings.cache().namespace().equals(settings.workerState().namespace());
        boolean perStore = settings.createNamespaces() && !shared;
        CacheStore cache = stack.attempt("cache", () -> cache(stack, environment, settings, perStore));
        WorkerStateStore worker = stack.attempt("workerState", () -> worker(stack, environment, settings, perStore));
        if (shared) {
            StoreNamespace namespace = new StoreNamespace(stack, "StoresNamespace", settings.cache().namespace(),
                    Map.of("app.kubernetes.io/part-of", "suprsend"));
            for (Object store : new Object[] {cache, worker}) {
                if (store instanceof Construct construct) {
                    namespace.precede(construct);
                }
            }
        }
        if (cache instanceof BitnamiRedisCacheStore bitnami) {
            stack.reportCredentials(StoreRole.CACHE, bitnami.credentialsReport());
        }
        if (worker instanceof BitnamiRedisWorkerStateStore bitnami) {
            stack.reportCredentials(StoreRole.WORKER_STATE, "redis-cluster".equals(settings.workerState().backend())
                    ? List.of(NO_STAGED_ROTATION + "redis-cluster has no ACL users)") : bitnami.credentialsReport());
        } else if (worker != null) {
            stack.reportCredentials(StoreRole.WORKER_STATE, List.of(NO_STAGED_ROTATION + "KVRocks has only"
                    + " requirepass)"));
        }
        monitoring(stack, settings, cache, worker);
        KubernetesSettings.Backup backup = settings.workerState().backup();
        List<PolicyExemption> exemptions = backup == null || backup.exemptionReason() == null ? List.of()
                : List.of(new PolicyExemption(WorkerStateBackupRequired.ID, "", backup.exemptionReason()));
        return new Stores(cache, worker, exemptions);
    }

    /**
     * With {@code monitoring.prometheusRules}: a PrometheusRule and a Grafana dashboard per store (their
     * ServiceMonitors come with the stores), listed in the report; otherwise the report says monitoring is off.
     */
    private static void monitoring(PlatformStack stack, KubernetesSettings settings, CacheStore cache,
                                   WorkerStateStore worker) {
        if (!settings.prometheusRules()) {
            InCluster.reportMonitoringOff(stack, StoreRole.CACHE);
            InCluster.reportMonitoringOff(stack, StoreRole.WORKER_STATE);
            return;
        }
        if (cache instanceof BitnamiRedisCacheStore bitnami) {
            InCluster.watch(stack, settings.cluster(), bitnami);
        }
        if (worker instanceof KvrocksWorkerStateStore kvrocks) {
            InCluster.watch(stack, settings.cluster(), kvrocks);
        } else if (worker instanceof BitnamiRedisWorkerStateStore bitnami) {
            InCluster.watch(stack, settings.cluster(), bitnami);
        }
    }

    private static WorkerStateBackupProps backupProps(KubernetesSettings.WorkerState w, Environment environment) {
        return w.backup() == null || w.backup().props() == null ? null
                : w.backup().props().environmentName(environment.name()).build();
    }

    private static CacheStore cache(PlatformStack stack, Environment environment, KubernetesSettings settings,
                                    boolean createNamespace) {
        return InCluster.cache(stack, environment, settings.cluster(), settings.cache(), createNamespace);
    }

    private static WorkerStateStore worker(PlatformStack stack, Environment environment,
                                           KubernetesSettings settings, boolean createNamespace) {
        KubernetesSettings.WorkerState w = settings.workerState();
        if ("kvrocks".equals(w.backend())) {
            return new KvrocksWorkerStateStore(stack, "WorkerState", KvrocksWorkerStateStoreProps.builder()
                    .namespace(w.namespace())
                    .allowedNamespaces(settings.allowedNamespaces())
                    .storageClass(w.storageClass())
                    .tlsSecretName(w.tlsSecretName())
                    .name(w.releaseName())
                    .image(w.imageTag())
                    .size(w.size())
                    .preventDestroy(w.preventDestroy())
                    .haExemptionReason(environment.highAvailabilityRelaxation("workerState"))
                    .egress(settings.egress())
                    .exporterImages(InCluster.images(settings.cluster(), null))
                    .monitoringNamespace(settings.monitoringNamespace())
                    .createNamespace(createNamespace)
                    .tlsIssuer(settings.certificateIssuer())
                    .serviceMonitorEnabled(settings.prometheusRules())
                    .serviceMonitorLabels(settings.ruleLabels())
                    .backup(backupProps(w, environment))
                    .build());
        }
        return new BitnamiRedisWorkerStateStore(stack, "WorkerState", BitnamiRedisWorkerStateStoreProps.builder()
                .namespace(w.namespace())
                .allowedNamespaces(settings.allowedNamespaces())
                .storageClass(w.storageClass())
                .topology("redis-cluster".equals(w.backend()) ? Topology.CLUSTER : Topology.REPLICATED)
                .releaseName(w.releaseName())
                .chartVersion(w.chartVersion())
                .images(InCluster.images(settings.cluster(), w.imageTag()))
                .nodes(w.nodes())
                .size(w.size())
                .rdbSnapshots(w.rdbSnapshots())
                .aclUsername(w.aclUsername())
                .tlsSecretName(w.tlsSecretName())
                .passwordSecretName(w.passwordSecretName())
                .serviceMonitorEnabled(w.serviceMonitor() || settings.prometheusRules())
                .serviceMonitorLabels(settings.ruleLabels())
                .preventDestroy(w.preventDestroy())
                .haExemptionReason(environment.highAvailabilityRelaxation("workerState"))
                .monitoringNamespace(settings.monitoringNamespace())
                .createNamespace(createNamespace)
                .tlsIssuer(settings.certificateIssuer())
                .backup(backupProps(w, environment))
                .credentialRotation(w.rotation())
                .egress(settings.egress())
                .build());
    }
}
