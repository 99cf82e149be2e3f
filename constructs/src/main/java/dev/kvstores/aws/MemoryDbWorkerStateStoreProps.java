package dev.kvstores.aws;

import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.SizePreset;
import dev.kvstores.role.StoreBasics;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Props of {@link MemoryDbWorkerStateStore}: the shared parts plus MemoryDB's own fields. Accessors of the parts
 * ({@code name()}, {@code port()}, {@code shards()} …) are inherited from their {@code Part} interfaces.
 *
 * @param basics           name (cluster name and resource prefix; 1-30 lowercase letters, digits, hyphens; default
 *                         {@code suprsend-worker}) and high-availability exemption (a cluster without replicas);
 *                         see {@link StoreBasics}
 * @param aws              size (default {@link SizePreset#SMALL}, {@code db.r7g.large}), node type ({@code db.*}),
 *                         parameter group family ({@code memorydb_redis7}, {@code memorydb_valkey7}), port, network
 *                         (required), KMS key, ACL user (default {@code suprsend-worker}), credential rotation,
 *                         maintenance window, monitoring (alarms; MemoryDB has no log delivery), tags; see
 *                         {@link AwsStoreCommon}
 * @param workerState      shards, snapshots, data tiering ({@code db.r6gd} nodes), prevent-destroy, backup, restore;
 *                         see {@link AwsWorkerStateCommon}
 * @param engine           engine and version. Default: {@link MemoryDbEngine#REDIS_7_1}
 * @param replicasPerShard replicas per shard (0-5). Default: 2; at least 1 unless high availability is exempted
 * @param tlsEnabled       must stay true. Default: true
 */
public record MemoryDbWorkerStateStoreProps(
        StoreBasics basics,
        AwsStoreCommon aws,
        AwsWorkerStateCommon workerState,
        MemoryDbEngine engine,
        int replicasPerShard,
        boolean tlsEnabled) implements StoreBasics.Part, AwsStoreCommon.Part, AwsWorkerStateCommon.Part {

    public MemoryDbWorkerStateStoreProps {
        basics = Objects.requireNonNullElse(basics, StoreBasics.defaults())
                .withDefaultName(ElastiCacheWorkerStateStoreProps.DEFAULT_NAME);
        Objects.requireNonNull(aws, "aws");
        aws = aws.withRoleDefaults(NodeTypes::memoryDb, ElastiCacheWorkerStateStoreProps.DEFAULT_NAME);
        workerState = Objects.requireNonNullElse(workerState, AwsWorkerStateCommon.builder().build());
        engine = Objects.requireNonNullElse(engine, MemoryDbEngine.REDIS_7_1);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.basics = basics.toBuilder();
        b.aws = aws.toBuilder();
        b.workerState = workerState.toBuilder();
        b.engine = engine;
        b.replicasPerShard = replicasPerShard;
        b.tlsEnabled = tlsEnabled;
        return b;
    }

    /** Builder of {@link MemoryDbWorkerStateStoreProps}; unset fields take the documented defaults. */
    public static final class Builder {
        private StoreBasics.Builder basics = StoreBasics.builder();
        private AwsStoreCommon.Builder aws = AwsStoreCommon.builder();
        private AwsWorkerStateCommon.Builder workerState = AwsWorkerStateCommon.builder();
        private MemoryDbEngine engine;
        private int replicasPerShard = 2;
        private boolean tlsEnabled = true;

        private Builder() {
        }

        public Builder name(String value) { basics.name(value); return this; }
        public Builder haExemptionReason(String value) { basics.haExemptionReason(value); return this; }
        public Builder engine(MemoryDbEngine value) { this.engine = value; return this; }
        public Builder parameterGroupFamily(String value) { aws.parameterGroupFamily(value); return this; }
        public Builder size(SizePreset value) { aws.size(value); return this; }
        public Builder nodeType(String value) { aws.nodeType(value); return this; }
        public Builder shards(int value) { workerState.shards(value); return this; }
        public Builder replicasPerShard(int value) { this.replicasPerShard = value; return this; }
        public Builder tlsEnabled(boolean value) { this.tlsEnabled = value; return this; }
        public Builder port(int value) { aws.port(value); return this; }
        public Builder snapshotRetentionLimit(int value) { workerState.snapshotRetentionLimit(value); return this; }
        public Builder snapshotWindow(String value) { workerState.snapshotWindow(value); return this; }
        public Builder maintenanceWindow(String value) { aws.maintenanceWindow(value); return this; }
        public Builder dataTieringEnabled(boolean value) { workerState.dataTieringEnabled(value); return this; }
        public Builder network(AwsNetwork value) { aws.network(value); return this; }
        public Builder kmsKeyArn(String value) { aws.kmsKeyArn(value); return this; }
        public Builder aclUsername(String value) { aws.aclUsername(value); return this; }
        public Builder monitoring(AwsMonitoring value) { aws.monitoring(value); return this; }
        public Builder tags(Map<String, String> value) { aws.tags(value); return this; }
        public Builder putTag(String key, String value) { aws.putTag(key, value); return this; }
        public Builder preventDestroy(boolean value) { workerState.preventDestroy(value); return this; }
        public Builder credentialRotation(CredentialRotation value) { aws.credentialRotation(value); return this; }
        public Builder backup(WorkerStateExportProps value) { workerState.backup(value); return this; }
        public Builder restoreFrom(List<String> value) { workerState.restoreFrom(value); return this; }

        public MemoryDbWorkerStateStoreProps build() {
            return new MemoryDbWorkerStateStoreProps(basics.build(), aws.build(), workerState.build(), engine,
                    replicasPerShard, tlsEnabled);
        }
    }
}
