package dev.kvstores.stacks.platform.kubernetes;

import dev.kvstores.exemption.PolicyExemption;
import dev.kvstores.kubernetes.BitnamiRedisCacheStore;
import dev.kvstores.kubernetes.BitnamiRedisWorkerStateStore;
import dev.kvstores.kubernetes.BitnamiRedisWorkerStateStoreProps;
import dev.kvstores.kubernetes.KvrocksWorkerStateStore;
import dev.kvstores.kubernetes.KvrocksWorkerStateStoreProps;
import dev.kvstores.kubernetes.StoreNamespace;
import dev.kvstores.kubernetes.WorkerStateBackupProps;
import dev.kvstores.policy.rules.WorkerStateBackupRequired;
import dev.kvstores.role.CacheStore;
import dev.kvstores.role.StoreRole;
import dev.kvstores.role.Topology;
import dev.kvstores.role.WorkerStateStore;
import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.environment.EnvironmentReader;
import dev.kvstores.stacks.environment.KubernetesAccess;
import dev.kvstores.stacks.environment.PhysicalClaim;
import dev.kvstores.stacks.environment.PlatformSettings;
import dev.kvstores.stacks.platform.Platform;
import dev.kvstores.stacks.platform.PlatformStack;
import dev.kvstores.stacks.platform.Stores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * {@code platform: kubernetes}: both stores in the platform's own cluster (Bitnami charts via Helm).
 */
public final class KubernetesPlatform implements Platform {

    private static final String NO_STAGED_ROTATION = "credentials: no staged rotation possible (the platform's"
            + " password is the only one the store has: ";

    @Override
    public String name() {
        return "kubernetes";
    }

    @Override
    public PlatformSettings read(EnvironmentReader top, String environmentName, boolean production) {
        return KubernetesSettingsReader.read(top, environmentName, production);
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
        InCluster.reportImages(stack, settings.images(), KubernetesSettingsReader.images(settings.cluster(), settings.cache(),
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
