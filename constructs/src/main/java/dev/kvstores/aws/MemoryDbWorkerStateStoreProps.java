package dev.kvstores.aws;

import dev.kvstores.role.SizePreset;
import dev.kvstores.role.StoreBasics;
import java.util.List;
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
        Builder b = new Builder().parts(basics, aws).engine(engine).replicasPerShard(replicasPerShard)
                .tlsEnabled(tlsEnabled);
        b.workerState = workerState.toBuilder();
        return b;
    }

    /**
     * Builder of {@link MemoryDbWorkerStateStoreProps}; unset fields take the documented defaults. The setters of
     * the shared AWS part ({@code name}, {@code network}, {@code nodeType} …) are inherited and return this
     * builder.
     */
    public static final class Builder extends AwsStoreBuilder<Builder> {
        private AwsWorkerStateCommon.Builder workerState = AwsWorkerStateCommon.builder();
        private MemoryDbEngine engine;
        private int replicasPerShard = 2;
        private boolean tlsEnabled = true;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder shards(int value) { workerState.shards(value); return this; }
        public Builder snapshotRetentionLimit(int value) { workerState.snapshotRetentionLimit(value); return this; }
        public Builder snapshotWindow(String value) { workerState.snapshotWindow(value); return this; }
        public Builder dataTieringEnabled(boolean value) { workerState.dataTieringEnabled(value); return this; }
        public Builder preventDestroy(boolean value) { workerState.preventDestroy(value); return this; }
        public Builder backup(WorkerStateExportProps value) { workerState.backup(value); return this; }
        public Builder restoreFrom(List<String> value) { workerState.restoreFrom(value); return this; }
        public Builder engine(MemoryDbEngine value) { this.engine = value; return this; }
        public Builder replicasPerShard(int value) { this.replicasPerShard = value; return this; }
        public Builder tlsEnabled(boolean value) { this.tlsEnabled = value; return this; }

        public MemoryDbWorkerStateStoreProps build() {
            return new MemoryDbWorkerStateStoreProps(basics(), aws.build(), workerState.build(), engine,
                    replicasPerShard, tlsEnabled);
        }
    }
}
