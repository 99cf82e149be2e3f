package dev.kvstores.aws;

import dev.kvstores.role.SizePreset;
import dev.kvstores.role.StoreBasics;
import java.util.List;
import java.util.Objects;

/**
 * Props of {@link ElastiCacheWorkerStateStore}: composed of shared parts only. Accessors of the parts
 * ({@code name()}, {@code port()}, {@code shards()} …) are inherited from their {@code Part} interfaces.
 *
 * @param basics      name (replication group ID and resource prefix; 1-30 lowercase letters, digits, hyphens;
 *                    default {@code suprsend-worker}) and high-availability exemption; see {@link StoreBasics}
 * @param aws         size (default {@link SizePreset#SMALL}: {@code cache.r7g.large}, or {@code cache.r6gd.xlarge}
 *                    with data tiering), node type, port, network (required), KMS key, ACL user (default
 *                    {@code suprsend-worker}), credential rotation, maintenance window, monitoring, tags; see
 *                    {@link AwsStoreCommon}
 * @param elastiCache engine, nodes per shard (default 3), Multi-AZ, cluster mode (the worker URL then has no
 *                    {@code /0}), TLS, auth mode; see {@link ElastiCacheCommon}
 * @param workerState shards (more than 1 needs cluster mode), snapshots, data tiering, prevent-destroy, backup,
 *                    restore; see {@link AwsWorkerStateCommon}
 */
public record ElastiCacheWorkerStateStoreProps(
        StoreBasics basics,
        AwsStoreCommon aws,
        ElastiCacheCommon elastiCache,
        AwsWorkerStateCommon workerState)
        implements StoreBasics.Part, AwsStoreCommon.Part, ElastiCacheCommon.Part, AwsWorkerStateCommon.Part {

    /** The ACL user and default name of the worker state store. */
    public static final String DEFAULT_NAME = "suprsend-worker";
    /** @see AwsWorkerStateCommon#DEFAULT_SNAPSHOT_WINDOW */
    public static final String DEFAULT_SNAPSHOT_WINDOW = AwsWorkerStateCommon.DEFAULT_SNAPSHOT_WINDOW;
    /** @see AwsWorkerStateCommon#DEFAULT_SNAPSHOT_RETENTION_LIMIT */
    public static final int DEFAULT_SNAPSHOT_RETENTION_LIMIT = AwsWorkerStateCommon.DEFAULT_SNAPSHOT_RETENTION_LIMIT;

    public ElastiCacheWorkerStateStoreProps {
        basics = Objects.requireNonNullElse(basics, StoreBasics.defaults()).withDefaultName(DEFAULT_NAME);
        workerState = Objects.requireNonNullElse(workerState, AwsWorkerStateCommon.builder().build());
        boolean tiering = workerState.dataTieringEnabled();
        Objects.requireNonNull(aws, "aws");
        aws = aws.withRoleDefaults(size -> NodeTypes.worker(size, tiering), DEFAULT_NAME);
        elastiCache = Objects.requireNonNullElse(elastiCache, ElastiCacheCommon.builder().nodes(3).build());
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().parts(basics, aws, elastiCache);
        b.workerState = workerState.toBuilder();
        return b;
    }

    /**
     * Builder of {@link ElastiCacheWorkerStateStoreProps}; unset fields take the documented defaults. The setters
     * of the shared parts ({@code name}, {@code network}, {@code nodes} …) are inherited and return this builder.
     */
    public static final class Builder extends ElastiCacheStoreBuilder<Builder> {
        private AwsWorkerStateCommon.Builder workerState = AwsWorkerStateCommon.builder();

        private Builder() {
            nodes(3);
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

        public ElastiCacheWorkerStateStoreProps build() {
            return new ElastiCacheWorkerStateStoreProps(basics(), aws.build(), elastiCache.build(),
                    workerState.build());
        }
    }
}
