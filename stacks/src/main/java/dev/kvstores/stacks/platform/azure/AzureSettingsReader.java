package dev.kvstores.stacks.platform.azure;

import dev.kvstores.azure.AzureManagedRedisWorkerStateStoreProps;
import dev.kvstores.azure.AzureMonitoring;
import dev.kvstores.azure.AzureRedisService;
import dev.kvstores.azure.ManagedRedisBackupProps;
import dev.kvstores.azure.ManagedRedisClusteringPolicy;
import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.stacks.environment.CloudNames;
import dev.kvstores.stacks.environment.CredentialsSection;
import dev.kvstores.stacks.environment.EnvironmentReader;
import dev.kvstores.stacks.environment.FieldShape;
import dev.kvstores.stacks.environment.KubernetesAccess;
import dev.kvstores.stacks.environment.PlatformSettings;
import dev.kvstores.stacks.platform.BackupScheduleReader;
import dev.kvstores.stacks.platform.CloudAlertSettings;
import dev.kvstores.stacks.platform.WorkerStateSection;
import dev.kvstores.stacks.platform.kubernetes.InCluster;
import dev.kvstores.stacks.platform.kubernetes.KubernetesSettings;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the {@code platform: azure} sections of an environment file into its settings, recording every problem
 * in the reader; {@link AzurePlatform} builds the stores from them.
 */
final class AzureSettingsReader {

    private AzureSettingsReader() {
    }

    static PlatformSettings read(EnvironmentReader top, String environmentName, boolean production) {
        int before = top.problemCount();
        EnvironmentReader kube = top.child("kubernetes", true);
        Boolean createNamespaces = kube == null ? Boolean.TRUE : kube.bool("createNamespaces", true);
        KubernetesAccess access = kube == null ? null : KubernetesAccess.read(kube);
        EnvironmentReader cacheSection = top.child("cache", true);
        String service = cacheSection == null ? null : cacheSection.choice("service", AzurePlatform.IN_CLUSTER, false,
                List.of(AzurePlatform.IN_CLUSTER, AzurePlatform.CLASSIC, AzureRedisService.MANAGED_REDIS.settingName()));
        EnvironmentReader azure = top.child("azure", true);
        String subscription = null;
        String group = null;
        String location = null;
        if (azure != null) {
            subscription = azure.string("subscriptionId", null, false);
            group = azure.shaped("resourceGroupName", environmentName, true, FieldShape.AZURE_RESOURCE_GROUP);
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
        InCluster.Cluster cluster = AzurePlatform.IN_CLUSTER.equals(service) && monitoring != null
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
        return AzureSettings.builder().kubernetes(access).subscriptionId(subscription).resourceGroupName(group)
                .location(location).privateEndpointSubnetId(subnet).virtualNetworkId(vnet).classicDnsZoneId(classicZone)
                .managedRedisDnsZoneId(managedZone).cache(cache).workerState(worker).monitoring(monitoring).build();
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
     * The {@code cache} section after its {@code service}: the Bitnami fields for {@value #AzurePlatform.IN_CLUSTER} (read and
     * checked as on {@code platform: kubernetes}), the existing cache for {@value #AzurePlatform.CLASSIC}; a classic cache to be
     * created is refused (the service is retiring and blocks new instances).
     */
    private static AzureSettings.Cache cache(EnvironmentReader top, EnvironmentReader r, String service,
                                             InCluster.Cluster cluster, Boolean createNamespaces,
                                             String defaultGroup, boolean production) {
        if (AzurePlatform.IN_CLUSTER.equals(service)) {
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
        if (AzurePlatform.CLASSIC.equals(service)) {
            String existing = r.string("existingCacheName", null, false);
            String group = r.shaped("resourceGroupName", defaultGroup, false, FieldShape.AZURE_RESOURCE_GROUP);
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
        WorkerStateSection<ManagedRedisBackupProps.Builder> section = WorkerStateSection.read(r, production,
                AzureSettingsReader::backup);
        r.rejectUnknownKeys();
        if (name == null || policy == null || ha == null || section == null
                || (r.has("backup") && section.backup() == null)) {
            return null;
        }
        return AzureSettings.WorkerState.builder().name(name).skuName(sku)
                .clusteringPolicy(ManagedRedisClusteringPolicy.fromApiName(policy)).highAvailability(ha)
                .customerManagedKeyId(key).customerManagedKeyIdentityId(identity).section(section)
                .build();
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
            account = d.string("account", "suprsendprodbackups", true); // its shape: ManagedRedisBackup
            container = d.string("bucket", ManagedRedisBackupProps.DEFAULT_CONTAINER, false);
            prefix = d.shaped("prefix", ManagedRedisBackupProps.DEFAULT_PREFIX, false, FieldShape.OBJECT_PREFIX);
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
}
