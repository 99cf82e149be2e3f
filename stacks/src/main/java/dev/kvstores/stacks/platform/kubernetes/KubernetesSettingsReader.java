package dev.kvstores.stacks.platform.kubernetes;

import dev.kvstores.images.ImagePolicy;
import dev.kvstores.images.ImageReference;
import dev.kvstores.kubernetes.BackupDestination;
import dev.kvstores.kubernetes.BackupStorageType;
import dev.kvstores.kubernetes.BitnamiRedisWorkerStateStoreProps;
import dev.kvstores.kubernetes.CertificateIssuer;
import dev.kvstores.kubernetes.ClusterEgress;
import dev.kvstores.kubernetes.KvrocksWorkerStateStoreProps;
import dev.kvstores.kubernetes.ObjectStoreEgress;
import dev.kvstores.kubernetes.WorkerStateBackupProps;
import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.SizePreset;
import dev.kvstores.role.StoreSize;
import dev.kvstores.stacks.environment.CredentialsSection;
import dev.kvstores.stacks.environment.EnvironmentReader;
import dev.kvstores.stacks.environment.FieldShape;
import dev.kvstores.stacks.environment.KubernetesAccess;
import dev.kvstores.stacks.environment.PlatformSettings;
import dev.kvstores.stacks.platform.BackupScheduleReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads the {@code platform: kubernetes} sections of an environment file into its settings, recording every problem
 * in the reader; {@link KubernetesPlatform} builds the stores from them.
 */
final class KubernetesSettingsReader {

    private static final List<String> SIZES = InCluster.SIZES;

    private KubernetesSettingsReader() {
    }

    static PlatformSettings read(EnvironmentReader top, String environmentName, boolean production) {
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
        return KubernetesSettings.builder().kubernetes(access).allowedNamespaces(cluster.allowedNamespaces())
                .images(cluster.images()).cache(cache).workerState(worker).createNamespaces(createNamespaces)
                .monitoringNamespace(cluster.monitoringNamespace()).certificateIssuer(issuer)
                .prometheusRules(cluster.prometheusRules()).ruleLabels(cluster.ruleLabels())
                .alertThresholds(cluster.alertThresholds()).egress(cluster.egress()).build();
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
        String user = r.aclUsername("aclUsername", "suprsend-worker");
        String tag = r.shaped("redisImageTag", null, false, FieldShape.IMAGE_TAG);
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
        return KubernetesSettings.WorkerState.builder().backend(backend).namespace(namespace).releaseName(release)
                .chartVersion(chartVersion).sizePreset(preset).size(size).storageClass(storageClass).nodes(nodes)
                .rdbSnapshots(rdb).aclUsername(user).imageTag(tag).tlsSecretName(tls).passwordSecretName(passwords)
                .serviceMonitor(monitor).preventDestroy(preventDestroy).backup(backup).rotation(rotation).build();
    }

    private static KubernetesSettings.WorkerState kvrocks(EnvironmentReader r, boolean production) {
        String namespace = r.dnsLabel("namespace", "redis-state", true);
        String name = r.dnsLabel("releaseName", "kvrocks-state", false);
        String preset = r.choice("size", "small", false, SIZES);
        Integer storage = r.integer("storageGibibytes", null, 1, 65536);
        StoreSize size = size(r, preset, SizePreset::workerKvrocks, storage);
        String storageClass = r.dnsSubdomain("storageClass", "ssd", true);
        String image = r.shaped("image", KvrocksWorkerStateStoreProps.DEFAULT_IMAGE, false,
                FieldShape.IMAGE_REFERENCE);
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
        return KubernetesSettings.WorkerState.builder().backend("kvrocks").namespace(namespace).releaseName(name)
                .sizePreset(preset).size(size).storageClass(storageClass).nodes(1).imageTag(image).tlsSecretName(tls)
                .preventDestroy(preventDestroy).backup(backup).build();
    }

    /**
     * {@code workerState.backup} (schedule, retentionDays, image, encryptionKeySecretName, encryptionRecipient
     * (the pinned age public key), credentialsSecretName,
     * serviceAccountAnnotations ["key=value"], destination {type, bucket, prefix, region, endpoint, account}) and
     * {@code workerState.backupExemptionReason}.
     */
    private static KubernetesSettings.Backup backup(EnvironmentReader r, boolean production) {
        String exemption = r.reason("backupExemptionReason", null, false);
        EnvironmentReader b = r.child("backup", false);
        if (b == null) {
            return exemption == null ? null : new KubernetesSettings.Backup(null, exemption);
        }
        String schedule = BackupScheduleReader.read(r, b, WorkerStateBackupProps.DEFAULT_SCHEDULE, production,
                exemption, BackupScheduleReader.Scheduler.KUBERNETES_CRONJOB);
        Integer retention = b.integer("retentionDays", WorkerStateBackupProps.DEFAULT_RETENTION_DAYS, 1, 3650);
        String image = b.shaped("image", "registry.example.com/kvstores/worker-state-backup:1.0.0", true,
                FieldShape.IMAGE_REFERENCE);
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
        for (String secret : List.of("encryptionKeySecretName", "credentialsSecretName")) {
            String name = "encryptionKeySecretName".equals(secret) ? key : credentials;
            if (name != null && (name.length() > 53 || !FieldShape.DNS_LABEL.accepts(name))) {
                b.problem(secret, "is a Secret name the backup job also names objects after: give a DNS label of at"
                        + " most 53 characters (lowercase letters, digits and '-', no '.'), e.g. kvstores-backup-age");
                key = "encryptionKeySecretName".equals(secret) ? null : key;
                credentials = "credentialsSecretName".equals(secret) ? null : credentials;
            }
        }
        List<String> annotations = b.has("serviceAccountAnnotations")
                ? b.strings("serviceAccountAnnotations", false) : List.of();
        EnvironmentReader d = b.child("destination", true);
        BackupDestination destination = null;
        if (d != null) {
            String type = d.choice("type", "s3", true, List.of("s3", "gcs", "azureblob"));
            FieldShape bucketShape = "gcs".equals(type) ? FieldShape.GCS_BUCKET
                    : "azureblob".equals(type) ? FieldShape.AZURE_CONTAINER : FieldShape.S3_BUCKET;
            String bucket = d.shaped("bucket", "acme-kvstores-backups", true, bucketShape);
            String prefix = d.shaped("prefix", BackupDestination.DEFAULT_PREFIX, false, FieldShape.OBJECT_PREFIX);
            String region = d.string("region", null, "s3".equals(type) && !d.has("endpoint"));
            String endpoint = d.shaped("endpoint", null, false, FieldShape.ENDPOINT_URL);
            String account = d.shaped("account", null, "azureblob".equals(type), FieldShape.AZURE_STORAGE_ACCOUNT);
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
        String egressExemption = b.text("objectStoreEgressExemption", null, false);
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
}
