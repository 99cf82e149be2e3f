package dev.kvstores.aws;

import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.SizePreset;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Props of {@link MemoryDbWorkerStateStore}.
 *
 * @param name                   cluster name and resource prefix; 1-30 lowercase letters, digits, hyphens.
 *                               Default: {@code suprsend-worker}
 * @param engine                 engine and version. Default: {@link MemoryDbEngine#REDIS_7_1}
 * @param parameterGroupFamily   explicit family; must equal the engine's ({@code memorydb_redis7},
 *                               {@code memorydb_valkey7}). Default: derived
 * @param size                   vendor sizing preset. Default: {@link SizePreset#SMALL} ({@code db.r7g.large})
 * @param nodeType               explicit node type ({@code db.*}), overrides {@code size}. Default: from {@code size}
 * @param shards                 shards (1-500). Default: 1
 * @param replicasPerShard       replicas per shard (0-5). Default: 2; at least 1 unless high availability is
 *                               exempted
 * @param tlsEnabled             must stay true. Default: true
 * @param port                   TCP port (1024-65535). Default: 6380
 * @param snapshotRetentionLimit days of daily snapshots (1-35). Default: 15
 * @param snapshotWindow         daily UTC window, not overlapping the maintenance window. Default: {@code 03:00-04:00}
 * @param maintenanceWindow      weekly UTC window. Default: {@code sun:05:00-sun:06:00}
 * @param dataTieringEnabled     data tiering on {@code db.r6gd} nodes. Default: false
 * @param network                VPC, private subnets, admitted security groups / CIDRs; required
 * @param kmsKeyArn              customer-managed KMS key. Default: a new key with rotation on
 * @param aclUsername            the role's ACL user. Default: {@code suprsend-worker}
 * @param monitoring             alarms (MemoryDB has no log delivery). Default: {@link AwsMonitoring#defaults()}
 * @param tags                   Default: none
 * @param preventDestroy         Terraform {@code prevent_destroy} on the cluster. Default: true
 * @param haExemptionReason      written reason for a cluster without replicas (development). Default: none
 * @param backup                   the nightly, encrypted, off-store backup ({@link WorkerStateExport}): snapshot,
 *                                 export to S3, copy under a customer-managed KMS key. Default: none (production
 *                                 requires it or a written exemption, policy rule KVS-BACKUP-REQUIRED)
 * @param restoreFrom              S3 ARNs of {@code .rdb} files ({@code arn:aws:s3:::<bucket>/<key>.rdb}) the new store
 *                                 is seeded from ({@code snapshot_arns}; create-only, ignored after creation).
 *                                 Default: none
 * @param credentialRotation      staged rotation of the role's password ({@link CredentialRotation}): phase add keeps the previous generation valid (user passwords list / AUTH token ROTATE), retire removes it. Default: none (generation 0)
 */
public record MemoryDbWorkerStateStoreProps(
        String name,
        MemoryDbEngine engine,
        String parameterGroupFamily,
        SizePreset size,
        String nodeType,
        int shards,
        int replicasPerShard,
        boolean tlsEnabled,
        int port,
        int snapshotRetentionLimit,
        String snapshotWindow,
        String maintenanceWindow,
        boolean dataTieringEnabled,
        AwsNetwork network,
        String kmsKeyArn,
        String aclUsername,
        AwsMonitoring monitoring,
        Map<String, String> tags,
        boolean preventDestroy,
        String haExemptionReason,
        CredentialRotation credentialRotation,
        WorkerStateExportProps backup,
        java.util.List<String> restoreFrom) {

    public MemoryDbWorkerStateStoreProps {
        name = Objects.requireNonNullElse(name, "suprsend-worker");
        engine = Objects.requireNonNullElse(engine, MemoryDbEngine.REDIS_7_1);
        size = Objects.requireNonNullElse(size, SizePreset.SMALL);
        nodeType = Objects.requireNonNullElse(nodeType, NodeTypes.memoryDb(size));
        snapshotWindow = Objects.requireNonNullElse(snapshotWindow,
                ElastiCacheWorkerStateStoreProps.DEFAULT_SNAPSHOT_WINDOW);
        maintenanceWindow = Objects.requireNonNullElse(maintenanceWindow,
                ElastiCacheCacheStoreProps.DEFAULT_MAINTENANCE_WINDOW);
        Objects.requireNonNull(network, "network");
        aclUsername = Objects.requireNonNullElse(aclUsername, "suprsend-worker");
        monitoring = Objects.requireNonNullElse(monitoring, AwsMonitoring.defaults());
        tags = Map.copyOf(new TreeMap<>(Objects.requireNonNullElse(tags, Map.of())));
        restoreFrom = java.util.List.copyOf(Objects.requireNonNullElse(restoreFrom, java.util.List.of()));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.engine = engine;
        b.parameterGroupFamily = parameterGroupFamily;
        b.size = size;
        b.nodeType = nodeType;
        b.shards = shards;
        b.replicasPerShard = replicasPerShard;
        b.tlsEnabled = tlsEnabled;
        b.port = port;
        b.snapshotRetentionLimit = snapshotRetentionLimit;
        b.snapshotWindow = snapshotWindow;
        b.maintenanceWindow = maintenanceWindow;
        b.dataTieringEnabled = dataTieringEnabled;
        b.network = network;
        b.kmsKeyArn = kmsKeyArn;
        b.aclUsername = aclUsername;
        b.monitoring = monitoring;
        b.tags.putAll(tags);
        b.preventDestroy = preventDestroy;
        b.haExemptionReason = haExemptionReason;
        b.credentialRotation = credentialRotation;
        b.backup = backup;
        b.restoreFrom = restoreFrom;
        return b;
    }

    /** Builder of {@link MemoryDbWorkerStateStoreProps}; unset fields take the documented defaults. */
    public static final class Builder {
        private String name;
        private MemoryDbEngine engine;
        private String parameterGroupFamily;
        private SizePreset size;
        private String nodeType;
        private int shards = 1;
        private int replicasPerShard = 2;
        private boolean tlsEnabled = true;
        private int port = ElastiCacheCacheStoreProps.DEFAULT_PORT;
        private int snapshotRetentionLimit = ElastiCacheWorkerStateStoreProps.DEFAULT_SNAPSHOT_RETENTION_LIMIT;
        private String snapshotWindow;
        private String maintenanceWindow;
        private boolean dataTieringEnabled;
        private AwsNetwork network;
        private String kmsKeyArn;
        private String aclUsername;
        private AwsMonitoring monitoring;
        private final Map<String, String> tags = new TreeMap<>();
        private boolean preventDestroy = true;
        private String haExemptionReason;
        private CredentialRotation credentialRotation;
        private WorkerStateExportProps backup;
        private java.util.List<String> restoreFrom = java.util.List.of();

        private Builder() {
        }

        public Builder name(String value) { this.name = value; return this; }
        public Builder engine(MemoryDbEngine value) { this.engine = value; return this; }
        public Builder parameterGroupFamily(String value) { this.parameterGroupFamily = value; return this; }
        public Builder size(SizePreset value) { this.size = value; this.nodeType = null; return this; }
        public Builder nodeType(String value) { this.nodeType = value; return this; }
        public Builder shards(int value) { this.shards = value; return this; }
        public Builder replicasPerShard(int value) { this.replicasPerShard = value; return this; }
        public Builder tlsEnabled(boolean value) { this.tlsEnabled = value; return this; }
        public Builder port(int value) { this.port = value; return this; }
        public Builder snapshotRetentionLimit(int value) { this.snapshotRetentionLimit = value; return this; }
        public Builder snapshotWindow(String value) { this.snapshotWindow = value; return this; }
        public Builder maintenanceWindow(String value) { this.maintenanceWindow = value; return this; }
        public Builder dataTieringEnabled(boolean value) { this.dataTieringEnabled = value; return this; }
        public Builder network(AwsNetwork value) { this.network = value; return this; }
        public Builder kmsKeyArn(String value) { this.kmsKeyArn = value; return this; }
        public Builder aclUsername(String value) { this.aclUsername = value; return this; }
        public Builder monitoring(AwsMonitoring value) { this.monitoring = value; return this; }
        public Builder tags(Map<String, String> value) { tags.clear(); tags.putAll(value); return this; }
        public Builder putTag(String key, String value) { tags.put(key, value); return this; }
        public Builder preventDestroy(boolean value) { this.preventDestroy = value; return this; }
        public Builder haExemptionReason(String value) { this.haExemptionReason = value; return this; }
        public Builder credentialRotation(CredentialRotation value) { this.credentialRotation = value; return this; }
        public Builder backup(WorkerStateExportProps value) { this.backup = value; return this; }
        public Builder restoreFrom(java.util.List<String> value) { this.restoreFrom = value; return this; }

        public MemoryDbWorkerStateStoreProps build() {
            return new MemoryDbWorkerStateStoreProps(name, engine, parameterGroupFamily, size, nodeType, shards,
                    replicasPerShard, tlsEnabled, port, snapshotRetentionLimit, snapshotWindow, maintenanceWindow,
                    dataTieringEnabled, network, kmsKeyArn, aclUsername, monitoring, tags, preventDestroy,
                    haExemptionReason, credentialRotation, backup, restoreFrom);
        }
    }
}
