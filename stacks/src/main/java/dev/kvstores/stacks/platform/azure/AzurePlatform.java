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
import dev.kvstores.naming.AzureTags;
import dev.kvstores.azure.ExistingAzureCacheForRedisCacheStore;
import dev.kvstores.azure.ManagedRedisBackupProps;
import dev.kvstores.azure.ManagedRedisClusteringPolicy;
import dev.kvstores.kubernetes.BitnamiRedisCacheStore;
import dev.kvstores.exemption.PolicyExemption;
import dev.kvstores.role.CacheStore;
import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.StoreRole;
import dev.kvstores.role.WorkerStateStore;
import dev.kvstores.stacks.environment.CloudNames;
import dev.kvstores.stacks.environment.CredentialsSection;
import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.environment.PhysicalClaim;
import dev.kvstores.stacks.environment.EnvironmentReader;
import dev.kvstores.stacks.environment.KubernetesAccess;
import dev.kvstores.stacks.environment.PlatformSettings;
import dev.kvstores.stacks.platform.CloudAlertSettings;
import dev.kvstores.stacks.platform.BackupScheduleReader;
import dev.kvstores.stacks.platform.Platform;
import dev.kvstores.stacks.platform.PlatformStack;
import dev.kvstores.stacks.platform.Stores;
import dev.kvstores.stacks.platform.kubernetes.InCluster;
import dev.kvstores.stacks.platform.kubernetes.KubernetesSettings;
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
        int before = top.problemCount();
        EnvironmentReader kube = top.child("kubernetes", true);
        Boolean createNamespaces = kube == null ? Boolean.TRUE : kube.bool("createNamespaces", true);
        KubernetesAccess access = kube == null ? null : KubernetesAccess.read(kube);
        EnvironmentReader cacheSection = top.child("cache", true);
        String service = cacheSection == null ? null : cacheSection.choice("service", IN_CLUSTER, false,
                List.of(IN_CLUSTER, CLASSIC, AzureRedisService.MANAGED_REDIS.settingName()));
        EnvironmentReader azure = top.child("azure", true);
        String subscription = null;
        String group = null;
        String location = null;
        if (azure != null) {
            subscription = azure.string("subscriptionId", null, false);
            group = azure.string("resourceGroupName", environmentName, true);
            location = azure.string("location", "westeurope", true);
            CloudNames.azureSubscription(azure, "subscriptionId", subscription);
            CloudNames.azureLocation(azure, "location", location);
            azure.rejectUnknownKeys();
        }
        EnvironmentReader network = top.child("network", true);
        String subnet = null;
        String vnet = null;
        String classicZone = null;
        String managedZone = null;
        if (network != null) {
            subnet = network.string("privateEndpointSubnetId",
                    "/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>", true);
            EnvironmentReader zones = network.child("privateDnsZoneIds", false);
            if (zones != null) {
                classicZone = zones.string("classic", null, false);
                managedZone = zones.string("managedRedis", null, false);
                CloudNames.azureId(zones, "classic", CloudNames.AzureId.PRIVATE_DNS_ZONE, classicZone);
                CloudNames.azureId(zones, "managedRedis", CloudNames.AzureId.PRIVATE_DNS_ZONE, managedZone);
                zones.rejectUnknownKeys();
            }
            vnet = network.string("virtualNetworkId", null, classicZone == null || managedZone == null);
            CloudNames.azureId(network, "privateEndpointSubnetId", CloudNames.AzureId.SUBNET, subnet);
            CloudNames.azureId(network, "virtualNetworkId", CloudNames.AzureId.VIRTUAL_NETWORK, vnet);
        }
        // One monitoring section: Azure Monitor's actionGroupId and thresholds, and for the in-cluster cache the
        // Prometheus fields (namespace, prometheusRules, ruleLabels) with the same thresholds.
        EnvironmentReader monitoringSection = top.child("monitoring", false);
        AzureMonitoring monitoring = monitoring(monitoringSection);
        InCluster.Cluster cluster = IN_CLUSTER.equals(service) && monitoring != null
                ? InCluster.read(top, network, monitoringSection, monitoring.thresholds()) : null;
        if (monitoringSection != null) {
            monitoringSection.rejectUnknownKeys();
        }
        if (network != null) {
            network.rejectUnknownKeys();
        }
        AzureSettings.Cache cache = service == null ? null
                : cache(top, cacheSection, service, cluster, createNamespaces, group, production);
        if (cluster != null && cache != null && cache.inCluster() != null) {
            InCluster.requireApiServerCidrs(network, cluster, production, InCluster.sentinel(cache.inCluster()));
        }
        AzureSettings.WorkerState worker = worker(top.child("workerState", true), environmentName, production);
        if (cache != null && worker != null && worker.name().equals(cache.existingCacheName())) {
            top.problem("workerState.name", "'" + worker.name() + "' is also the cache's name; the two roles need"
                    + " separate instances");
        }
        if (top.problemCount() > before || createNamespaces == null || monitoring == null) {
            return null;
        }
        return new AzureSettings(access, subscription, group, location, subnet, vnet, classicZone, managedZone,
                cache, worker, monitoring);
    }

    /**
     * {@code monitoring}: {@code actionGroupId} and {@code thresholds}; the metric alerts are always created. The
     * caller rejects the section's unknown keys (the in-cluster cache reads more of them).
     */
    private static AzureMonitoring monitoring(EnvironmentReader r) {
        if (r == null) {
            return AzureMonitoring.defaults();
        }
        String group = r.string("actionGroupId", null, false);
        if (group != null && !group.toLowerCase(java.util.Locale.ROOT)
                .matches("/subscriptions/[^/]+/resourcegroups/[^/]+/providers/microsoft\\.insights/actiongroups/[^/]+")) {
            r.problem("actionGroupId", "is '" + group + "'; give the action group's resource ID"
                    + " (/subscriptions/<id>/resourceGroups/<rg>/providers/microsoft.insights/actionGroups/<name>)");
            group = null;
        }
        CloudAlertSettings thresholds = CloudAlertSettings.read(r.child("thresholds", false), 7500);
        return thresholds == null ? null : new AzureMonitoring(group, thresholds.thresholds(),
                thresholds.maxClients());
    }

    /**
     * The {@code cache} section after its {@code service}: the Bitnami fields for {@value #IN_CLUSTER} (read and
     * checked as on {@code platform: kubernetes}), the existing cache for {@value #CLASSIC}; a classic cache to be
     * created is refused (the service is retiring and blocks new instances).
     */
    private static AzureSettings.Cache cache(EnvironmentReader top, EnvironmentReader r, String service,
                                             InCluster.Cluster cluster, Boolean createNamespaces,
                                             String defaultGroup, boolean production) {
        if (IN_CLUSTER.equals(service)) {
            KubernetesSettings.Cache c = InCluster.readCache(r, false);
            if (c == null || cluster == null || createNamespaces == null) {
                return null;
            }
            InCluster.requireCreatableSecrets(top, "cache", c.tlsSecretName(), c.passwordSecretName(),
                    cluster.certificateIssuer(), createNamespaces);
            InCluster.checkImages(top, cluster.images(), InCluster.cacheImages(cluster, c), production);
            return new AzureSettings.Cache(service, c, cluster, createNamespaces, null, null, c.evictionPolicy(), null);
        }
        List<String> creationFields = List.of("name", "size", "zones", "replicasPerPrimary");
        List<String> given = creationFields.stream().filter(r::has).toList();
        if (CLASSIC.equals(service)) {
            String existing = r.string("existingCacheName", null, false);
            String group = r.string("resourceGroupName", defaultGroup, false);
            String eviction = r.choice("evictionPolicy", "allkeys-lru", false, List.of("allkeys-lru", "volatile-lru"));
            CredentialRotation rotation = CredentialsSection.read(r);
            if (existing == null && !r.has("existingCacheName")) {
                r.problem("service", "classic would create a new Azure Cache for Redis, which Microsoft retires on"
                        + " 30 Sep 2028 and no longer lets new customers create; use cache.service: in-cluster (the"
                        + " default: Bitnami Redis on the AKS cluster), or adopt an existing cache with"
                        + " cache.existingCacheName (and cache.resourceGroupName if it is not " + defaultGroup + ")"
                        + (given.isEmpty() ? "" : "; remove " + String.join(", ", given)));
            } else if (!given.isEmpty()) {
                r.problem(given.get(0), "does not apply to an existing cache (cache.existingCacheName), which keeps"
                        + " its own settings; remove " + String.join(", ", given));
            }
            r.rejectUnknownKeys();
            if (existing == null || group == null || eviction == null || !given.isEmpty()) {
                return null;
            }
            return new AzureSettings.Cache(service, null, null, false, existing, group,
                    EvictionPolicy.fromRedisName(eviction), rotation);
        }
        // managed-redis: refused when the stack is built, with the reason (no DB numbers) and the fix.
        r.has("evictionPolicy");
        r.rejectUnknownKeys();
        return new AzureSettings.Cache(service, null, null, false, null, null, EvictionPolicy.ALLKEYS_LRU, null);
    }

    private static AzureSettings.WorkerState worker(EnvironmentReader r, String environmentName,
                                                    boolean production) {
        if (r == null) {
            return null;
        }
        String service = r.string("service", "managed-redis", false);
        if (service != null && !"managed-redis".equals(service)) {
            r.problem("service", "is '" + service + "'; allowed: managed-redis (a classic Premium worker with AOF to"
                    + " a storage account is not built by kvstores yet)");
        }
        String name = r.string("name", environmentName + "-state", false);
        String sku = r.string("sku", AzureManagedRedisWorkerStateStoreProps.DEFAULT_SKU, false);
        String policy = r.choice("clusteringPolicy", "EnterpriseCluster", false,
                Arrays.stream(ManagedRedisClusteringPolicy.values()).map(ManagedRedisClusteringPolicy::apiName).toList());
        Boolean ha = r.bool("highAvailability", true);
        String key = r.string("customerManagedKeyId", null, false);
        String identity = r.string("customerManagedKeyIdentityId", null, false);
        CloudNames.azureId(r, "customerManagedKeyIdentityId", CloudNames.AzureId.USER_ASSIGNED_IDENTITY, identity);
        Boolean preventDestroy = r.bool("preventDestroy", true);
        CredentialRotation rotation = CredentialsSection.read(r);
        String backupExemption = r.string("backupExemptionReason", null, false);
        ManagedRedisBackupProps.Builder backup = backup(r, backupExemption, production);
        r.rejectUnknownKeys();
        if (policy == null || ha == null || preventDestroy == null || (r.has("backup") && backup == null)) {
            return null;
        }
        return new AzureSettings.WorkerState(name, sku, ManagedRedisClusteringPolicy.fromApiName(policy), ha, key,
                identity, preventDestroy, rotation, backup, backupExemption);
    }

    /**
     * {@code workerState.backup}: the field names of {@code platform: kubernetes} where they mean the same
     * ({@code schedule}, {@code retentionDays}, {@code destination: {type, account, bucket, prefix}}), plus the
     * Azure ones ({@code destination.replication}, {@code keyVaultId}, {@code keyName}, {@code lockImmutability},
     * {@code minimalExportSas}). The storage account is
     * created, so {@code destination.account} is its name; {@code type} can only be {@code azureblob}.
     */
    private static ManagedRedisBackupProps.Builder backup(EnvironmentReader r, String exemption,
                                                          boolean production) {
        EnvironmentReader b = r.child("backup", false);
        if (b == null) {
            return null;
        }
        String schedule = BackupScheduleReader.read(r, b, ManagedRedisBackupProps.DEFAULT_SCHEDULE, production,
                exemption, BackupScheduleReader.Scheduler.LOGIC_APP_RECURRENCE);
        Integer retention = b.integer("retentionDays", ManagedRedisBackupProps.DEFAULT_RETENTION_DAYS, 1, 3650);
        String vault = b.string("keyVaultId",
                "/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<vault>", true);
        String keyName = b.string("keyName", null, false);
        EnvironmentReader d = b.child("destination", true);
        String account = null;
        String container = null;
        String prefix = null;
        String replication = null;
        if (d != null) {
            d.choice("type", "azureblob", false, List.of("azureblob"));
            account = d.string("account", "suprsendprodbackups", true);
            container = d.string("bucket", ManagedRedisBackupProps.DEFAULT_CONTAINER, false);
            prefix = d.string("prefix", ManagedRedisBackupProps.DEFAULT_PREFIX, false);
            replication = d.choice("replication", ManagedRedisBackupProps.DEFAULT_REPLICATION, false,
                    List.of("LRS", "ZRS", "GRS", "GZRS", "RAGRS", "RAGZRS"));
            for (String k8sOnly : List.of("region", "endpoint")) {
                if (d.has(k8sOnly)) {
                    d.problem(k8sOnly, "does not apply on Azure (the backup goes to the storage account kvstores"
                            + " creates, destination.account); remove it");
                }
            }
            d.rejectUnknownKeys();
        }
        for (String k8sOnly : List.of("image", "encryptionKeySecretName", "credentialsSecretName",
                "serviceAccountAnnotations")) {
            if (b.has(k8sOnly)) {
                b.problem(k8sOnly, "does not apply to Azure Managed Redis (no job runs in the cluster: the service"
                        + " exports itself, encrypted with your Key Vault key, keyVaultId); remove it");
            }
        }
        Boolean lock = b.bool("lockImmutability", false);
        Boolean minimalSas = b.bool("minimalExportSas", false);
        b.rejectUnknownKeys();
        if (schedule == null || retention == null || vault == null || account == null || container == null
                || prefix == null || replication == null || lock == null || minimalSas == null) {
            return null;
        }
        return ManagedRedisBackupProps.builder().schedule(schedule).retentionDays(retention).keyVaultId(vault)
                .keyName(keyName).storageAccountName(account).containerName(container).prefix(prefix)
                .replicationType(replication).lockImmutability(lock).minimalExportSas(minimalSas);
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
            AzureMonitorAlerts alerts = new AzureMonitorAlerts(stack, "CacheAlerts", StoreRole.CACHE, false,
                    settings.cache().existingCacheName(), id, settings.resourceGroupName(), monitoring, tags);
            report(stack, StoreRole.CACHE, alerts, notifies, dashboard);
            stores.add(new AzureStoreDashboard.Store("Cache Store", id, dashboardMetrics(alerts,
                    AzureMonitorMetric.CLASSIC_CACHE_HITS, AzureMonitorMetric.CLASSIC_CACHE_MISSES)));
        }
        if (worker instanceof AzureManagedRedisWorkerStateStore managed) {
            String id = managed.redis().getStringAttribute("id");
            AzureMonitorAlerts alerts = new AzureMonitorAlerts(stack, "WorkerStateAlerts", StoreRole.WORKER_STATE,
                    true, settings.workerState().highAvailability(), settings.workerState().name(), id,
                    settings.resourceGroupName(), monitoring, tags);
            report(stack, StoreRole.WORKER_STATE, alerts, notifies, dashboard, managed.backup().map(b ->
                    "  - " + settings.workerState().name() + "-backup-failed [warn]: "
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
