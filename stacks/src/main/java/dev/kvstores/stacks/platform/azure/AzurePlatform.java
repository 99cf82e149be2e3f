package dev.kvstores.stacks.platform.azure;

import com.hashicorp.cdktf.providers.azurerm.provider.AzurermProvider;
import com.hashicorp.cdktf.providers.azurerm.provider.AzurermProviderConfig;
import com.hashicorp.cdktf.providers.azurerm.provider.AzurermProviderFeatures;
import dev.kvstores.azure.AzureCacheForRedisCacheStore;
import dev.kvstores.azure.AzureManagedRedisWorkerStateStore;
import dev.kvstores.azure.AzureManagedRedisWorkerStateStoreProps;
import dev.kvstores.azure.AzureMonitorAlerts;
import dev.kvstores.azure.AzureMonitorMetric;
import dev.kvstores.azure.AzureMonitoring;
import dev.kvstores.azure.AzurePlacement;
import dev.kvstores.azure.AzureRedisService;
import dev.kvstores.azure.AzureStoreDashboard;
import dev.kvstores.azure.ExistingAzureCacheForRedisCacheStore;
import dev.kvstores.exemption.PolicyExemption;
import dev.kvstores.kubernetes.BitnamiRedisCacheStore;
import dev.kvstores.naming.AzureTags;
import dev.kvstores.role.CacheStore;
import dev.kvstores.role.StoreRole;
import dev.kvstores.role.WorkerStateStore;
import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.environment.EnvironmentReader;
import dev.kvstores.stacks.environment.PhysicalClaim;
import dev.kvstores.stacks.environment.PlatformSettings;
import dev.kvstores.stacks.platform.Platform;
import dev.kvstores.stacks.platform.PlatformStack;
import dev.kvstores.stacks.platform.Stores;
import dev.kvstores.stacks.platform.kubernetes.InCluster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code platform: azure}: the Worker State Store on Azure Managed Redis behind a private endpoint; the Cache Store,
 * by default ({@code cache.service: in-cluster}), as a Bitnami Redis release on the AKS cluster named by
 * {@code kubernetes:} (the cluster that also receives the connection Secret), or ({@code cache.service: classic})
 * an existing classic Azure Cache for Redis, adopted and never created.
 *
 * <p>Why: the cache needs DB numbers ({@code SELECT n}). Azure Managed Redis has none; classic Azure Cache for Redis
 * has them but Microsoft retires it (Basic, Standard, Premium) on 30 Sep 2028 and blocks new instances before then,
 * so a new deployment could not create one. Redis on AKS can be created today and has the DB numbers.
 */
public final class AzurePlatform implements Platform {

    /** {@code cache.service} for the cache on the AKS cluster (the default). */
    public static final String IN_CLUSTER = "in-cluster";
    /** {@code cache.service} for an existing classic Azure Cache for Redis. */
    public static final String CLASSIC = "classic";
    /** The report's line on where the cache runs and why, for {@value #IN_CLUSTER}. */
    static final String IN_CLUSTER_PLACEMENT = "the AKS cluster of the connection Secret (cache.service: in-cluster),"
            + " a Bitnami Redis release; the cache needs DB numbers (SELECT), which Azure Managed Redis does not have,"
            + " and classic Azure Cache for Redis retires on 30 Sep 2028 with new instances blocked before then, so"
            + " it cannot be created for a new deployment";
    /** The report's line on where the cache runs and why, for {@value #CLASSIC}. */
    static final String CLASSIC_PLACEMENT = "an existing classic Azure Cache for Redis (cache.service: classic),"
            + " adopted, not created: the classic service retires on 30 Sep 2028; move the cache to"
            + " cache.service: in-cluster before then";
    static final String ACCESS_KEY_REASON = "the platform reads a Redis URL with a static password"
            + " (REDIS_CONN_BASE_URL, REDIS_WORKERCACHE_CONN_URL); Entra ID tokens expire hourly and need a"
            + " token-aware client, so access keys stay on, read from the resource and kept only in the Secret";
    static final String CMK_REASON = "encrypted at rest with Microsoft-managed keys; set"
            + " workerState.customerManagedKeyId and customerManagedKeyIdentityId to use your Key Vault key";

    @Override
    public String name() {
        return "azure";
    }

    @Override
    public PlatformSettings read(EnvironmentReader top, String environmentName, boolean production) {
        return AzureSettingsReader.read(top, environmentName, production);
    }

    @Override
    public List<PhysicalClaim> claims(Environment environment) {
        AzureSettings a = environment.settings(AzureSettings.class);
        List<PhysicalClaim> claims = new java.util.ArrayList<>();
        claims.add(PhysicalClaim.connectionSecret(a.kubernetes(), environment));
        if (a.cache().inCluster() != null) {
            claims.add(new PhysicalClaim("cache.releaseName", a.cache().inCluster().releaseName(), "Helm release "
                    + a.cache().inCluster().namespace() + "/" + a.cache().inCluster().releaseName() + " (its"
                    + " StatefulSet, Services and Secrets) in " + PhysicalClaim.context(a.kubernetes())));
        }
        if (a.cache().existingCacheName() != null) {
            claims.add(new PhysicalClaim("cache.existingCacheName", a.cache().existingCacheName(), "Azure Cache for"
                    + " Redis " + a.cache().existingCacheName() + " (adopted; its host name "
                    + a.cache().existingCacheName() + ".redis.cache.windows.net is global)"));
        }
        AzureSettings.WorkerState w = a.workerState();
        claims.add(new PhysicalClaim("workerState.name", w.name(), "Azure Managed Redis " + w.name()
                + " (its host name " + w.name() + ".<region>.redis.azure.net is global)"));
        if (w.backup() != null) {
            String account = w.backup().environmentName(environment.name()).build().storageAccountName();
            claims.add(new PhysicalClaim("workerState.backup.destination.account", account, "storage account "
                    + account + " (storage account names are global)"));
        }
        return claims;
    }

    @Override
    public Stores build(PlatformStack stack, Environment environment) {
        AzureSettings settings = environment.settings(AzureSettings.class);
        stack.kubernetesProvider(settings.kubernetes());
        if (IN_CLUSTER.equals(settings.cache().service())) {
            InCluster.helmProvider(stack, settings.kubernetes());
        }
        new AzurermProvider(stack, "Azure", AzurermProviderConfig.builder()
                .features(List.of(AzurermProviderFeatures.builder().build()))
                .subscriptionId(settings.subscriptionId())
                .build());
        CacheStore cache = stack.attempt("cache", () -> cache(stack, environment, settings));
        WorkerStateStore worker = stack.attempt("workerState", () -> worker(stack, environment, settings));
        List<PolicyExemption> exemptions = new ArrayList<>(List.of(
                new PolicyExemption("3827af20-8f80-4b15-8300-6db0873ec901", "", ACCESS_KEY_REASON)));
        if (settings.workerState().customerManagedKeyId() == null) {
            exemptions.add(new PolicyExemption("09aa11bb-87ec-409f-bf0b-49b7c1561a87", "azurerm_managed_redis.", CMK_REASON));
        }
        exemptions.addAll(backupExemptions(settings.workerState()));
        monitoring(stack, environment, settings, cache, worker);
        return new Stores(cache, worker, exemptions);
    }

    /** Why the backup storage account keeps its public endpoint (CKV_AZURE_59): printed in every report. */
    static final String BACKUP_PUBLIC_ENDPOINT_REASON = "Azure Managed Redis exports only to a SAS URI (API"
            + " 2025-07-01 has no managed-identity option) and Microsoft.Cache/redisEnterprise is not a trusted service"
            + " of the storage firewall, so a closed endpoint would refuse the export; the account takes only HTTPS"
            + " with TLS 1.2, no anonymous access, and a container SAS that lives 4 hours";
    /** Why the backup storage account keeps Shared Key signing (CKV2_AZURE_40): printed in every report. */
    static final String BACKUP_SHARED_KEY_REASON = "the export's SAS comes from listServiceSas, which signs with"
            + " an account key (a user-delegation SAS would need code in the workflow); the workflow may only list"
            + " that SAS (no listKeys), the keys are never output, and Entra ID is the portal default";

    /** The written exemptions of {@code workerState.backup} (by design) or {@code backupExemptionReason}. */
    private static List<PolicyExemption> backupExemptions(AzureSettings.WorkerState w) {
        if (w.backupExemptionReason() != null) {
            return List.of(new PolicyExemption(dev.kvstores.policy.rules.WorkerStateBackupRequired.ID, "",
                    w.backupExemptionReason()));
        }
        if (w.backup() == null) {
            return List.of();
        }
        return List.of(new PolicyExemption("CKV_AZURE_59", "azurerm_storage_account.", BACKUP_PUBLIC_ENDPOINT_REASON),
                new PolicyExemption("CKV2_AZURE_40", "azurerm_storage_account.", BACKUP_SHARED_KEY_REASON));
    }

    /** Metric alerts per store, one portal dashboard per environment, and the report's alert lines. */
    private static void monitoring(PlatformStack stack, Environment environment, AzureSettings settings,
                                   CacheStore cache, WorkerStateStore worker) {
        AzureMonitoring monitoring = settings.monitoring();
        String notifies = monitoring.actionGroupId() == null
                ? "no action group (alerts fire in the portal only; set monitoring.actionGroupId)"
                : "action group `" + monitoring.actionGroupId() + "`";
        String dashboard = "kvstores-" + environment.name();
        Map<String, String> tags = Map.of(AzureTags.ENVIRONMENT, environment.name());
        List<AzureStoreDashboard.Store> stores = new ArrayList<>();
        if (cache instanceof ExistingAzureCacheForRedisCacheStore existing) {
            String id = existing.resourceId();
            AzureMonitorAlerts alerts = new AzureMonitorAlerts(stack, "CacheAlerts",
                    AzureMonitorAlerts.Target.withReplicas(StoreRole.CACHE, false,
                            settings.cache().existingCacheName(), id, settings.resourceGroupName()), monitoring, tags);
            report(stack, StoreRole.CACHE, alerts, notifies, dashboard);
            stores.add(new AzureStoreDashboard.Store("Cache Store", id, dashboardMetrics(alerts,
                    AzureMonitorMetric.CLASSIC_CACHE_HITS, AzureMonitorMetric.CLASSIC_CACHE_MISSES)));
        }
        if (worker instanceof AzureManagedRedisWorkerStateStore managed) {
            String id = managed.redis().getStringAttribute("id");
            AzureMonitorAlerts alerts = new AzureMonitorAlerts(stack, "WorkerStateAlerts",
                    new AzureMonitorAlerts.Target(StoreRole.WORKER_STATE, true,
                            settings.workerState().highAvailability(), settings.workerState().name(), id,
                            settings.resourceGroupName()), monitoring, tags);
            report(stack, StoreRole.WORKER_STATE, alerts, notifies, dashboard, managed.backup().map(b ->
                    "  - " + settings.workerState().name() + "-backup-failed ["
                    + dev.kvstores.role.AlertSignal.BACKUP.severity(StoreRole.WORKER_STATE).label() + "]: "
                    + AzureMonitorMetric.BACKUP_RUNS_FAILED.namespace().namespaceName() + " "
                    + AzureMonitorMetric.BACKUP_RUNS_FAILED.metricName() + " Total > 0 over PT1H (the nightly"
                    + " export failed)").stream().toList());
            stores.add(new AzureStoreDashboard.Store("Worker State Store", id, dashboardMetrics(alerts)));
        }
        if (!stores.isEmpty()) {
            Map<String, String> dashboardTags = new java.util.TreeMap<>(tags);
            dashboardTags.put(AzureTags.ROLE, "cache+worker-state");
            new AzureStoreDashboard(stack, "Dashboard", dashboard, settings.resourceGroupName(), settings.location(),
                    stores, dashboardTags);
        }
    }

    private static List<AzureMonitorMetric> dashboardMetrics(AzureMonitorAlerts alerts, AzureMonitorMetric... extra) {
        java.util.LinkedHashSet<AzureMonitorMetric> metrics = new java.util.LinkedHashSet<>();
        alerts.alerts().forEach(a -> metrics.add(a.metric()));
        metrics.addAll(Arrays.asList(extra));
        return List.copyOf(metrics);
    }

    private static void report(PlatformStack stack, StoreRole role, AzureMonitorAlerts alerts, String notifies,
                               String dashboard) {
        report(stack, role, alerts, notifies, dashboard, List.of());
    }

    private static void report(PlatformStack stack, StoreRole role, AzureMonitorAlerts alerts, String notifies,
                               String dashboard, List<String> more) {
        List<String> lines = new ArrayList<>();
        lines.add("alerts: " + alerts.healthAlerts().size() + " Resource Health alerts and "
                + (alerts.alerts().size() + more.size()) + " Azure Monitor metric alerts notifying " + notifies
                + "; portal dashboard `" + dashboard + "`");
        alerts.summaries().forEach(a -> lines.add("  - " + a));
        lines.addAll(more);
        stack.reportMonitoring(role, lines);
    }

    private static CacheStore cache(PlatformStack stack, Environment environment, AzureSettings settings) {
        AzureSettings.Cache c = settings.cache();
        if (IN_CLUSTER.equals(c.service())) {
            BitnamiRedisCacheStore cache = InCluster.cache(stack, environment, c.cluster(), c.inCluster(),
                    c.createNamespace());
            InCluster.reportImages(stack, c.cluster().images(), InCluster.cacheImages(c.cluster(), c.inCluster()),
                    environment.production());
            if (c.cluster().prometheusRules()) {
                InCluster.watch(stack, c.cluster(), cache);
            } else {
                InCluster.reportMonitoringOff(stack, StoreRole.CACHE);
            }
            stack.reportPlacement(StoreRole.CACHE, IN_CLUSTER_PLACEMENT);
            stack.reportCredentials(StoreRole.CACHE, cache.credentialsReport());
            return cache;
        }
        if (CLASSIC.equals(c.service())) {
            stack.reportPlacement(StoreRole.CACHE, CLASSIC_PLACEMENT);
            ExistingAzureCacheForRedisCacheStore existing = AzureCacheForRedisCacheStore.fromExisting(stack,
                    "Cache", c.existingCacheName(), c.existingResourceGroupName(), c.evictionPolicy(), c.rotation());
            stack.reportCredentials(StoreRole.CACHE, existing.credentialsReport());
            return existing;
        }
        AzureRedisService.fromSettingName(c.service()).requireCacheCapable();
        throw new IllegalStateException("unreachable: " + c.service());
    }

    private static WorkerStateStore worker(PlatformStack stack, Environment environment, AzureSettings settings) {
        AzureSettings.WorkerState w = settings.workerState();
        AzureManagedRedisWorkerStateStore store = new AzureManagedRedisWorkerStateStore(stack, "WorkerState",
                AzureManagedRedisWorkerStateStoreProps.builder()
                .name(w.name())
                .placement(new AzurePlacement(settings.resourceGroupName(), settings.location(),
                        settings.privateEndpointSubnetId(), settings.virtualNetworkId(), settings.managedRedisDnsZoneId()))
                .skuName(w.skuName())
                .clusteringPolicy(w.clusteringPolicy())
                .highAvailabilityEnabled(w.highAvailability())
                .customerManagedKey(w.customerManagedKeyId(), w.customerManagedKeyIdentityId())
                .preventDestroy(w.preventDestroy())
                .putTag(AzureTags.ENVIRONMENT, environment.name())
                .haExemptionReason(environment.highAvailabilityRelaxation("workerState"))
                .credentialRotation(w.rotation())
                .backup(w.backup() == null ? null : w.backup().environmentName(environment.name())
                        .actionGroupId(settings.monitoring().actionGroupId()).preventDestroy(w.preventDestroy())
                        .build())
                .build());
        stack.reportCredentials(StoreRole.WORKER_STATE, store.credentialsReport());
        return store;
    }
}
