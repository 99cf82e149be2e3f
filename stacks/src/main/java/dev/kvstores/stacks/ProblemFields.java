package dev.kvstores.stacks;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment-file field a user changes to fix a store check ({@code StoreConfigException} code) or a policy
 * rule, by platform and store: a problem found while building or scanning a stack is reported at that field
 * ({@code cache.nodes}, {@code gcp.customerManagedKey}), not at the rule or resource that found it.
 *
 * <p>Keys are {@code platform:code} or {@code *:code}; {@code {s}} is the store's section ({@code cache} or
 * {@code workerState}). A code without an entry is reported at the store's section.
 */
final class ProblemFields {

    private static final Map<String, String> FIELDS = Map.ofEntries(
            // store checks (StoreConfigException codes)
            Map.entry("aws:HighAvailability", "{s}.nodes"),
            Map.entry("kubernetes:HighAvailability", "{s}.nodes"),
            Map.entry("gcp:HighAvailability", "{s}.tier"),
            Map.entry("azure:HighAvailability", "{s}.highAvailability"),
            Map.entry("aws:ZoneSpread", "network.privateSubnetIds"),
            Map.entry("gcp:ZoneSpread", "gcp.alternativeZone"),
            Map.entry("azure:ZoneSpread", "cache.zones"),
            Map.entry("kubernetes:ZoneSpread", "{s}.nodes"),
            Map.entry("gcp:AlternativeZone", "gcp.alternativeZone"),
            Map.entry("gcp:Zone", "gcp.zone"),
            Map.entry("aws:CustomerManagedKey", "encryption.kmsKeyArn"),
            Map.entry("gcp:CustomerManagedKey", "gcp.customerManagedKey"),
            Map.entry("azure:CustomerManagedKey", "workerState.customerManagedKeyId"),
            Map.entry("aws:Network", "network"),
            Map.entry("aws:PrivateNetworking", "network"),
            Map.entry("gcp:Network", "gcp.network"),
            Map.entry("gcp:PrivateNetworking", "gcp.network"),
            Map.entry("azure:Network", "network.privateEndpointSubnetId"),
            Map.entry("azure:PrivateNetworking", "network.privateEndpointSubnetId"),
            Map.entry("azure:PrivateDns", "network.privateDnsZoneIds"),
            Map.entry("kubernetes:PrivateNetworking", "network.allowedNamespaces"),
            Map.entry("*:NodeType", "{s}.nodeType"),
            Map.entry("*:ParameterGroupFamily", "{s}.parameterGroupFamily"),
            Map.entry("*:Port", "{s}.port"),
            Map.entry("*:AclUsername", "{s}.aclUsername"),
            Map.entry("*:SnapshotRetention", "workerState.snapshotRetentionDays"),
            Map.entry("aws:Window", "{s}.maintenanceWindow"),
            Map.entry("aws:WindowOverlap", "workerState.snapshotWindow"),
            Map.entry("gcp:Window", "gcp.maintenanceWindow"),
            Map.entry("*:LogRetention", "monitoring.logRetentionDays"),
            Map.entry("*:Name", "{s}.name"),
            Map.entry("*:InvalidName", "{s}.name"),
            Map.entry("gcp:InstanceName", "{s}.name"),
            Map.entry("azure:Sku", "workerState.sku"),
            Map.entry("*:ImageTag", "images"),
            Map.entry("*:ChartVersion", "{s}.chartVersion"),
            Map.entry("*:TlsIssuerKind", "certManager.issuerKind"),
            Map.entry("*:SecretNamespace", "connectionSecret.namespace"),
            Map.entry("*:DefaultNamespace", "{s}.namespace"),
            Map.entry("*:SecretBeforeNamespace", "kubernetes.createNamespaces"),
            Map.entry("*:AlertThreshold", "monitoring.thresholds"),
            Map.entry("*:ExemptionReason", "relaxations"),
            Map.entry("*:CacheEviction", "cache.evictionPolicy"),
            Map.entry("*:WorkerEviction", "workerState.evictionPolicy"),
            Map.entry("gcp:CacheClusterMode", "cache.service"),
            Map.entry("gcp:MemorystoreAuthMode", "{s}.service"),
            Map.entry("azure:ZoneLayout", "cache.replicasPerPrimary"),
            // GCP Worker State backup (MemorystoreBackup)
            Map.entry("gcp:BackupSchedule", "workerState.backup.schedule"),
            Map.entry("kubernetes:BackupSchedule", "workerState.backup.schedule"),
            Map.entry("gcp:BackupRetention", "workerState.backup.retentionDays"),
            Map.entry("gcp:BackupBucket", "workerState.backup.destination.bucket"),
            Map.entry("gcp:BackupPrefix", "workerState.backup.destination.prefix"),
            Map.entry("gcp:BackupKey", "workerState.backup.destination.kmsKeyName"),
            Map.entry("gcp:BackupEnvironment", "workerState.backup"),
            Map.entry("*:CacheDatabaseNumbers", "cache.service"),
            Map.entry("aws:BackupSchedule", "workerState.backup.schedule"),
            Map.entry("kubernetes:BackupRetention", "workerState.backup.retentionDays"),
            Map.entry("kubernetes:BackupImage", "workerState.backup.image"),
            Map.entry("kubernetes:BackupCredentials", "workerState.backup.credentialsSecretName"),
            Map.entry("aws:BackupRetention", "workerState.backup.retentionDays"),
            Map.entry("aws:BackupBucket", "workerState.backup.bucketName"),
            Map.entry("aws:BackupKey", "workerState.backup.kmsKeyArn"),
            Map.entry("aws:BackupObjectLock", "workerState.backup.objectLockDays"),
            Map.entry("kubernetes:BackupRecipient", "workerState.backup.encryptionRecipient"),
            Map.entry("kubernetes:BackupEncryptionKeySecret", "workerState.backup.encryptionKeySecretName"),
            Map.entry("kubernetes:BackupBucket", "workerState.backup.destination.bucket"),
            Map.entry("kubernetes:BackupPrefix", "workerState.backup.destination.prefix"),
            Map.entry("kubernetes:BackupAccount", "workerState.backup.destination.account"),
            Map.entry("kubernetes:BackupRegion", "workerState.backup.destination.region"),
            Map.entry("kubernetes:BackupEndpoint", "workerState.backup.destination.endpoint"),
            Map.entry("kubernetes:BackupEnvironment", "workerState.backup"),
            Map.entry("kubernetes:NameTooLong", "{s}.releaseName"),
            Map.entry("kubernetes:InvalidName", "{s}.releaseName"), // the construct's name; namespaces are read first
            Map.entry("kubernetes:TlsSecretName", "{s}.tlsSecretName"),
            Map.entry("kubernetes:PasswordSecretName", "{s}.passwordSecretName"),
            Map.entry("kubernetes:TlsIssuerName", "certManager.issuer"),
            Map.entry("kubernetes:InvalidLabel", "monitoring.ruleLabels"),
            Map.entry("aws:KmsKey", "encryption.kmsKeyArn"),
            Map.entry("aws:BackupDataTiering", "workerState.backup"),
            Map.entry("aws:RestoreFrom", "workerState.restoreFrom"),
            // policy rules
            Map.entry("kubernetes:KVS-HELM-TLS-MANAGED", "{s}.tlsSecretName (or certManager.issuer)"),
            Map.entry("kubernetes:KVS-HELM-TLS", "{s}.tlsSecretName (or certManager.issuer)"),
            Map.entry("kubernetes:KVS-HELM-AUTH", "{s}.passwordSecretName"),
            Map.entry("kubernetes:KVS-HELM-IMAGE", "images"),
            Map.entry("kubernetes:KVS-HELM-VERSION", "{s}.chartVersion"),
            Map.entry("kubernetes:KVS-HELM-NETPOL", "network.allowedNamespaces"),
            Map.entry("kubernetes:KVS-HELM-PDB", "{s}.nodes"),
            Map.entry("kubernetes:KVS-HELM-SPREAD", "{s}.nodes"),
            Map.entry("*:KVS-BACKUP-REQUIRED", "workerState.backup"),
            Map.entry("*:KVS-ALERT-BASELINE-K8S", "monitoring.prometheusRules"),
            Map.entry("azure:BackupSchedule", "workerState.backup.schedule"),
            Map.entry("azure:BackupRetention", "workerState.backup.retentionDays"),
            Map.entry("azure:BackupStorageAccount", "workerState.backup.destination.account"),
            Map.entry("azure:BackupContainer", "workerState.backup.destination.bucket"),
            Map.entry("azure:BackupPrefix", "workerState.backup.destination.prefix"),
            Map.entry("azure:BackupReplication", "workerState.backup.destination.replication"),
            Map.entry("azure:BackupKeyVault", "workerState.backup.keyVaultId"),
            Map.entry("azure:BackupKeyName", "workerState.backup.keyName"),
            Map.entry("aws:KVS-AWS-HA", "{s}.nodes"),
            Map.entry("aws:KVS-AWS-INGRESS-OPEN", "network.allowedCidrs"),
            Map.entry("aws:KVS-AWS-MEMORYDB-KMS", "encryption.kmsKeyArn"),
            Map.entry("aws:KVS-AWS-MEMORYDB-BACKUP", "workerState.snapshotRetentionDays"),
            Map.entry("aws:KVS-AWS-TAGS", "tags"),
            Map.entry("aws:KVS-AWS-S3-CMK", "workerState.backup.kmsKeyArn"),
            Map.entry("aws:KVS-AWS-S3-VERSIONING", "workerState.backup.bucketName"),
            Map.entry("aws:KVS-AWS-S3-PUBLIC-ACCESS-BLOCK", "workerState.backup.bucketName"),
            Map.entry("aws:KVS-AWS-S3-TLS-ONLY", "workerState.backup.bucketName"),
            Map.entry("gcp:KVS-GCP-HA", "{s}.tier"),
            Map.entry("gcp:KVS-GCP-CMEK", "gcp.customerManagedKey"),
            Map.entry("gcp:KVS-GCP-NETWORK", "gcp.network"),
            Map.entry("gcp:KVS-GCP-LABELS", "labels"),
            Map.entry("azure:KVS-AZURE-HA", "{s}.highAvailability"),
            Map.entry("azure:KVS-AZURE-TAGS", "tags"),
            Map.entry("*:KVS-SEC-LITERAL", "{s}.passwordSecretName"));

    /** A store's own name at the start of a check's message, e.g. {@code cache store (elasticache): }. */
    private static final Pattern WHO = Pattern.compile("^(cache|worker-state) store \\([^)]*\\): ");

    private ProblemFields() {
    }

    /**
     * The field for {@code code} on {@code platform}, for the store of {@code section} ({@code cache},
     * {@code workerState}, or another section name); the section itself when no field is mapped.
     */
    static String field(String platform, String section, String code) {
        return field(platform, section, code, "");
    }

    /**
     * As {@link #field(String, String, String)}; when the mapped field is in the store's own section and the
     * check's message (without the store's name) starts with another field of that section, e.g.
     * {@code snapshotWindow must look like ...} for a code shared by two window fields, that field is the one.
     */
    static String field(String platform, String section, String code, String message) {
        String field = FIELDS.getOrDefault(platform + ":" + code, FIELDS.get("*:" + code));
        if (field == null) {
            return section;
        }
        boolean store = "cache".equals(section) || "workerState".equals(section);
        if (field.contains("{s}") && !store) {
            return section;
        }
        String resolved = field.replace("{s}", section);
        Matcher named = LEADING_FIELD.matcher(message);
        if (store && resolved.startsWith(section + ".") && named.lookingAt()) {
            return section + "." + ENVIRONMENT_NAMES.getOrDefault(named.group(1), named.group(1));
        }
        return resolved;
    }

    /** Props names in check messages whose environment field is named otherwise. */
    private static final Map<String, String> ENVIRONMENT_NAMES = Map.of("skuName", "sku");

    /** A camelCase field name at the start of a message, e.g. {@code maintenanceWindow must ...}. */
    private static final Pattern LEADING_FIELD = Pattern.compile("([a-z]+[A-Z][A-Za-z]*) (must|is|does|with|of) ");

    /** The section of the store a synthesized resource belongs to, from its address, or {@code null}. */
    static String sectionOf(String address) {
        String name = address.substring(address.indexOf('.') + 1);
        if (name.startsWith("data.")) {
            name = name.substring(5);
        }
        if (name.startsWith("Cache")) {
            return "cache";
        }
        if (name.startsWith("WorkerState")) {
            return "workerState";
        }
        return null;
    }

    /** {@code message} without the store's name it starts with (the field names the store). */
    static String withoutStore(String message) {
        return WHO.matcher(message).replaceFirst("");
    }
}
