package dev.kvstores.aws;

import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.SizePreset;
import dev.kvstores.role.StoreBasics;
import java.util.List;
import java.util.Map;
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
        Builder b = new Builder();
        b.basics = basics.toBuilder();
        b.aws = aws.toBuilder();
        b.elastiCache = elastiCache.toBuilder();
        b.workerState = workerState.toBuilder();
        return b;
    }

    /** Builder of {@link ElastiCacheWorkerStateStoreProps}; unset fields take the documented defaults. */
    public static final class Builder {
        private StoreBasics.Builder basics = StoreBasics.builder();
        private AwsStoreCommon.Builder aws = AwsStoreCommon.builder();
        private ElastiCacheCommon.Builder elastiCache = ElastiCacheCommon.builder().nodes(3);
        private AwsWorkerStateCommon.Builder workerState = AwsWorkerStateCommon.builder();

        private Builder() {
        }

        public Builder name(String value) { basics.name(value); return this; }
        public Builder haExemptionReason(String value) { basics.haExemptionReason(value); return this; }
        public Builder engine(ElastiCacheEngine value) { elastiCache.engine(value); return this; }
        public Builder parameterGroupFamily(String value) { aws.parameterGroupFamily(value); return this; }
        public Builder size(SizePreset value) { aws.size(value); return this; }
        public Builder nodeType(String value) { aws.nodeType(value); return this; }
        public Builder nodes(int value) { elastiCache.nodes(value); return this; }
        public Builder multiAzEnabled(Boolean value) { elastiCache.multiAzEnabled(value); return this; }
        public Builder clusterModeEnabled(boolean value) { elastiCache.clusterModeEnabled(value); return this; }
        public Builder shards(int value) { workerState.shards(value); return this; }
        public Builder transitEncryptionEnabled(boolean value) { elastiCache.transitEncryptionEnabled(value); return this; }
        public Builder port(int value) { aws.port(value); return this; }
        public Builder snapshotRetentionLimit(int value) { workerState.snapshotRetentionLimit(value); return this; }
        public Builder snapshotWindow(String value) { workerState.snapshotWindow(value); return this; }
        public Builder maintenanceWindow(String value) { aws.maintenanceWindow(value); return this; }
        public Builder dataTieringEnabled(boolean value) { workerState.dataTieringEnabled(value); return this; }
        public Builder network(AwsNetwork value) { aws.network(value); return this; }
        public Builder kmsKeyArn(String value) { aws.kmsKeyArn(value); return this; }
        public Builder authMode(AuthMode value) { elastiCache.authMode(value); return this; }
        public Builder authTokenUpdateStrategy(AuthTokenUpdateStrategy value) { elastiCache.authTokenUpdateStrategy(value); return this; }
        public Builder aclUsername(String value) { aws.aclUsername(value); return this; }
        public Builder monitoring(AwsMonitoring value) { aws.monitoring(value); return this; }
        public Builder tags(Map<String, String> value) { aws.tags(value); return this; }
        public Builder putTag(String key, String value) { aws.putTag(key, value); return this; }
        public Builder preventDestroy(boolean value) { workerState.preventDestroy(value); return this; }
        public Builder credentialRotation(CredentialRotation value) { aws.credentialRotation(value); return this; }
        public Builder backup(WorkerStateExportProps value) { workerState.backup(value); return this; }
        public Builder restoreFrom(List<String> value) { workerState.restoreFrom(value); return this; }

        public ElastiCacheWorkerStateStoreProps build() {
            return new ElastiCacheWorkerStateStoreProps(basics.build(), aws.build(), elastiCache.build(),
                    workerState.build());
        }
    }
}
