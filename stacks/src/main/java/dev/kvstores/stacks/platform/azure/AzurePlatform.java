package dev.kvstores.stacks.platform.azure;

import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.StoreRole;
import dev.kvstores.stacks.environment.CredentialsSection;
import com.hashicorp.cdktf.providers.azurerm.provider.AzurermProvider;
import com.hashicorp.cdktf.providers.azurerm.provider.AzurermProviderConfig;
import com.hashicorp.cdktf.providers.azurerm.provider.AzurermProviderFeatures;
import dev.kvstores.azure.AzureCacheForRedisCacheStore;
import dev.kvstores.azure.AzureCacheForRedisCacheStoreProps;
import dev.kvstores.azure.AzureManagedRedisWorkerStateStore;
import dev.kvstores.azure.AzureManagedRedisWorkerStateStoreProps;
import dev.kvstores.azure.AzurePlacement;
import dev.kvstores.azure.AzureRedisService;
import dev.kvstores.azure.AzureTags;
import dev.kvstores.azure.ClassicCacheSize;
import dev.kvstores.azure.ManagedRedisClusteringPolicy;
import dev.kvstores.policy.PolicyExemption;
import dev.kvstores.role.CacheStore;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.WorkerStateStore;
import dev.kvstores.stacks.EnvironmentStack;
import dev.kvstores.stacks.environment.CloudNames;
import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.environment.EnvironmentReader;
import dev.kvstores.stacks.environment.KubernetesAccess;
import dev.kvstores.stacks.environment.PlatformSettings;
import dev.kvstores.azure.AzureMonitorAlerts;
import dev.kvstores.azure.AzureMonitorMetric;
import dev.kvstores.azure.AzureMonitoring;
import dev.kvstores.azure.AzureStoreDashboard;
import dev.kvstores.role.StoreRole;
import dev.kvstores.stacks.platform.CloudAlertSettings;
import dev.kvstores.stacks.platform.Platform;
import dev.kvstores.stacks.platform.Stores;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code platform: azure}: the Cache Store on classic Azure Cache for Redis (the only Azure service with DB
 * numbers), the Worker State Store on Azure Managed Redis, both behind private endpoints; the connection
 * Secret goes to the AKS cluster named by {@code kubernetes:}.
 */
public final class AzurePlatform implements Platform {

    static final String VNET_INJECTION_REASON = "private endpoint chosen over VNet injection: Private Link serves"
            + " both classic and Managed Redis, is Microsoft's recommended path, and a cache uses one or the other"
            + " (Azure Policy 7803067c, private link, passes instead)";
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
        KubernetesAccess access = kube == null ? null : KubernetesAccess.read(kube);
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
            network.rejectUnknownKeys();
        }
        AzureSettings.Cache cache = cache(top.child("cache", true), environmentName);
        AzureSettings.WorkerState worker = worker(top.child("workerState", true), environmentName);
        if (cache != null && worker != null && cache.name().equals(worker.name())) {
            top.problem("workerState.name", "'" + worker.name() + "' is also the cache's name; the two roles need"
                    + " separate instances");
        }
        AzureMonitoring monitoring = monitoring(top.child("monitoring", false));
        if (top.problemCount() > before || monitoring == null) {
            return null;
        }
        return new AzureSettings(access, subscription, group, location, subnet, vnet, classicZone, managedZone,
                cache, worker, monitoring);
    }

    /** {@code monitoring}: {@code actionGroupId} and {@code thresholds}; the metric alerts are always created. */
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
        r.rejectUnknownKeys();
        return thresholds == null ? null : new AzureMonitoring(group, thresholds.thresholds(),
                thresholds.maxClients());
    }

    private static AzureSettings.Cache cache(EnvironmentReader r, String environmentName) {
        if (r == null) {
            return null;
        }
        String service = r.choice("service", AzureRedisService.CACHE_FOR_REDIS.settingName(), false,
                List.of("classic", "managed-redis"));
        String name = r.string("name", environmentName + "-cache", false);
        String size = r.choice("size", "P1", false, Arrays.stream(ClassicCacheSize.values()).map(Enum::name).toList());
        List<String> zones = r.has("zones") ? r.strings("zones", false) : null;
        boolean replicasGiven = r.has("replicasPerPrimary");
        Integer replicas = r.integer("replicasPerPrimary", null, 1, 3);
        String eviction = r.choice("evictionPolicy", "allkeys-lru", false, List.of("allkeys-lru", "volatile-lru"));
        CredentialRotation rotation = CredentialsSection.read(r);
        r.rejectUnknownKeys();
        if (service == null || size == null || (replicasGiven && replicas == null) || eviction == null) {
            return null;
        }
        return new AzureSettings.Cache(AzureRedisService.fromSettingName(service), name, ClassicCacheSize.valueOf(size),
                zones, replicas, EvictionPolicy.fromRedisName(eviction), rotation);
    }

    private static AzureSettings.WorkerState worker(EnvironmentReader r, String environmentName) {
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
        r.rejectUnknownKeys();
        if (policy == null || ha == null || preventDestroy == null) {
            return null;
        }
        return new AzureSettings.WorkerState(name, sku, ManagedRedisClusteringPolicy.fromApiName(policy), ha, key,
                identity, preventDestroy, rotation);
    }

    @Override
    public Stores build(EnvironmentStack stack, Environment environment) {
        AzureSettings settings = environment.settings(AzureSettings.class);
        stack.kubernetesProvider(settings.kubernetes());
        new AzurermProvider(stack, "Azure", AzurermProviderConfig.builder()
                .features(List.of(AzurermProviderFeatures.builder().build()))
                .subscriptionId(settings.subscriptionId())
                .build());
        CacheStore cache = stack.attempt("cache", () -> cache(stack, environment, settings));
        WorkerStateStore worker = stack.attempt("workerState", () -> worker(stack, environment, settings));
        List<PolicyExemption> exemptions = new ArrayList<>(List.of(
                new PolicyExemption("7d092e0a-7acd-40d2-a975-dca21cae48c4", "azurerm_redis_cache.", VNET_INJECTION_REASON),
                new PolicyExemption("3827af20-8f80-4b15-8300-6db0873ec901", "", ACCESS_KEY_REASON)));
        if (settings.workerState().customerManagedKeyId() == null) {
            exemptions.add(new PolicyExemption("09aa11bb-87ec-409f-bf0b-49b7c1561a87", "azurerm_managed_redis.", CMK_REASON));
        }
        monitoring(stack, environment, settings, cache, worker);
        return new Stores(cache, worker, exemptions);
    }

    /** Metric alerts per store, one portal dashboard per environment, and the report's alert lines. */
    private static void monitoring(EnvironmentStack stack, Environment environment, AzureSettings settings,
                                   CacheStore cache, WorkerStateStore worker) {
        AzureMonitoring monitoring = settings.monitoring();
        String notifies = monitoring.actionGroupId() == null
                ? "no action group (alerts fire in the portal only; set monitoring.actionGroupId)"
                : "action group `" + monitoring.actionGroupId() + "`";
        String dashboard = "kvstores-" + environment.name();
        Map<String, String> tags = Map.of(AzureTags.ENVIRONMENT, environment.name());
        List<AzureStoreDashboard.Store> stores = new ArrayList<>();
        if (cache instanceof AzureCacheForRedisCacheStore classic) {
            String id = classic.cache().getStringAttribute("id");
            AzureMonitorAlerts alerts = new AzureMonitorAlerts(stack, "CacheAlerts", StoreRole.CACHE, false,
                    settings.cache().name(), id, settings.resourceGroupName(), monitoring, tags);
            report(stack, StoreRole.CACHE, alerts, notifies, dashboard);
            stores.add(new AzureStoreDashboard.Store("Cache Store", id, dashboardMetrics(alerts,
                    AzureMonitorMetric.CLASSIC_CACHE_HITS, AzureMonitorMetric.CLASSIC_CACHE_MISSES)));
        }
        if (worker instanceof AzureManagedRedisWorkerStateStore managed) {
            String id = managed.redis().getStringAttribute("id");
            AzureMonitorAlerts alerts = new AzureMonitorAlerts(stack, "WorkerStateAlerts", StoreRole.WORKER_STATE,
                    true, settings.workerState().highAvailability(), settings.workerState().name(), id,
                    settings.resourceGroupName(), monitoring, tags);
            report(stack, StoreRole.WORKER_STATE, alerts, notifies, dashboard);
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

    private static void report(EnvironmentStack stack, StoreRole role, AzureMonitorAlerts alerts, String notifies,
                               String dashboard) {
        List<String> lines = new ArrayList<>();
        lines.add("alerts: " + alerts.healthAlerts().size() + " Resource Health alerts and " + alerts.alerts().size()
                + " Azure Monitor metric alerts notifying " + notifies + "; portal dashboard `" + dashboard + "`");
        alerts.summaries().forEach(a -> lines.add("  - " + a));
        stack.reportMonitoring(role, lines);
    }

    private static CacheStore cache(EnvironmentStack stack, Environment environment, AzureSettings settings) {
        AzureSettings.Cache c = settings.cache();
        c.service().requireCacheCapable();
        AzureCacheForRedisCacheStore store = new AzureCacheForRedisCacheStore(stack, "Cache",
                AzureCacheForRedisCacheStoreProps.builder()
                .name(c.name())
                .placement(new AzurePlacement(settings.resourceGroupName(), settings.location(),
                        settings.privateEndpointSubnetId(), settings.virtualNetworkId(), settings.classicDnsZoneId()))
                .size(c.size())
                .zones(c.zones())
                .replicasPerPrimary(c.replicasPerPrimary())
                .evictionPolicy(c.evictionPolicy())
                .putTag(AzureTags.ENVIRONMENT, environment.name())
                .haExemptionReason(environment.highAvailabilityRelaxation("cache"))
                .credentialRotation(c.rotation())
                .build());
        stack.reportCredentials(StoreRole.CACHE, store.credentialsReport());
        return store;
    }

    private static WorkerStateStore worker(EnvironmentStack stack, Environment environment, AzureSettings settings) {
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
                .build());
        stack.reportCredentials(StoreRole.WORKER_STATE, store.credentialsReport());
        return store;
    }
}
