package dev.kvstores.stacks.platform.aws;

import dev.kvstores.role.CredentialRotation;
import dev.kvstores.aws.AuthMode;
import dev.kvstores.aws.AwsMonitoring;
import dev.kvstores.aws.AwsNetwork;
import dev.kvstores.aws.ElastiCacheEngine;
import dev.kvstores.aws.MemoryDbEngine;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.SizePreset;
import dev.kvstores.stacks.environment.KubernetesAccess;
import dev.kvstores.stacks.environment.PlatformSettings;
import dev.kvstores.stacks.platform.WorkerStateSection;

/**
 * The {@code platform: aws} sections of an environment file.
 *
 * @param region      {@code aws.region}: the AWS region of both stores
 * @param profile     {@code aws.profile}: shared-credentials profile, or {@code null} for the default chain
 * @param kubernetes  {@code kubernetes}: the EKS cluster that receives the connection Secret
 * @param network     {@code network}: VPC, private subnets, admitted security groups and CIDRs
 * @param kmsKeyArn   {@code encryption.kmsKeyArn}: a customer-managed key for both stores, or {@code null} to
 *                    create one key per store
 * @param monitoring  {@code monitoring}: log retention, alarms, SNS topic
 * @param cache       the {@code cache} section
 * @param workerState the {@code workerState} section
 */
public record AwsSettings(
        String region,
        String profile,
        KubernetesAccess kubernetes,
        AwsNetwork network,
        String kmsKeyArn,
        AwsMonitoring monitoring,
        Cache cache,
        WorkerState workerState) implements PlatformSettings {

    /** A copy with other monitoring (e.g. the stack's own SNS topic). */
    public AwsSettings withMonitoring(AwsMonitoring value) {
        return new AwsSettings(region, profile, kubernetes, network, kmsKeyArn, value, cache, workerState);
    }

    /** Cache Store settings (ElastiCache, cluster mode disabled). */
    public record Cache(String name, ElastiCacheEngine engine, String parameterGroupFamily, SizePreset size,
                        String nodeType, int nodes, EvictionPolicy evictionPolicy, int port, AuthMode authMode,
                        String aclUsername, String maintenanceWindow, CredentialRotation rotation) {

        /** A builder; a field not set is {@code null}, {@code false} or {@code 0}. */
        public static Builder builder() {
            return new Builder();
        }

        /** Builds a {@link Cache} field by field, each setter named after its component. */
        public static final class Builder {
            private String name;
            private ElastiCacheEngine engine;
            private String parameterGroupFamily;
            private SizePreset size;
            private String nodeType;
            private int nodes;
            private EvictionPolicy evictionPolicy;
            private int port;
            private AuthMode authMode;
            private String aclUsername;
            private String maintenanceWindow;
            private CredentialRotation rotation;

            private Builder() {
            }

            public Builder name(String value) {
                this.name = value;
                return this;
            }

            public Builder engine(ElastiCacheEngine value) {
                this.engine = value;
                return this;
            }

            public Builder parameterGroupFamily(String value) {
                this.parameterGroupFamily = value;
                return this;
            }

            public Builder size(SizePreset value) {
                this.size = value;
                return this;
            }

            public Builder nodeType(String value) {
                this.nodeType = value;
                return this;
            }

            public Builder nodes(int value) {
                this.nodes = value;
                return this;
            }

            public Builder evictionPolicy(EvictionPolicy value) {
                this.evictionPolicy = value;
                return this;
            }

            public Builder port(int value) {
                this.port = value;
                return this;
            }

            public Builder authMode(AuthMode value) {
                this.authMode = value;
                return this;
            }

            public Builder aclUsername(String value) {
                this.aclUsername = value;
                return this;
            }

            public Builder maintenanceWindow(String value) {
                this.maintenanceWindow = value;
                return this;
            }

            public Builder rotation(CredentialRotation value) {
                this.rotation = value;
                return this;
            }

            public Cache build() {
                return new Cache(name, engine, parameterGroupFamily, size, nodeType, nodes, evictionPolicy, port,
                        authMode, aclUsername, maintenanceWindow, rotation);
            }
        }
    }

    /**
     * Worker State Store settings; {@code backend} is {@code elasticache} or {@code memorydb}. Exactly one of
     * {@code elastiCacheEngine} / {@code memoryDbEngine} is set, by backend. {@code section} holds the fields Azure
     * shares ({@link WorkerStateSection}: prevent-destroy, rotation, the nightly off-store backup or {@code null}, its
     * exemption reason); {@code restoreFrom} ({@code workerState.restoreFrom}) the S3 ARNs of the .rdb files a new
     * store is seeded from.
     */
    public record WorkerState(String backend, String name, ElastiCacheEngine elastiCacheEngine,
                              MemoryDbEngine memoryDbEngine, String parameterGroupFamily, SizePreset size,
                              String nodeType, int nodes, int shards, boolean clusterMode, int snapshotRetentionDays,
                              String snapshotWindow, String maintenanceWindow, boolean dataTiering, int port,
                              AuthMode authMode, String aclUsername,
                              WorkerStateSection<dev.kvstores.aws.WorkerStateExportProps> section,
                              java.util.List<String> restoreFrom)
            implements WorkerStateSection.Part<dev.kvstores.aws.WorkerStateExportProps> {

        /** A builder; a field not set is {@code null}, {@code false} or {@code 0}. */
        public static Builder builder() {
            return new Builder();
        }

        /** Builds a {@link WorkerState} field by field, each setter named after its component. */
        public static final class Builder {
            private String backend;
            private String name;
            private ElastiCacheEngine elastiCacheEngine;
            private MemoryDbEngine memoryDbEngine;
            private String parameterGroupFamily;
            private SizePreset size;
            private String nodeType;
            private int nodes;
            private int shards;
            private boolean clusterMode;
            private int snapshotRetentionDays;
            private String snapshotWindow;
            private String maintenanceWindow;
            private boolean dataTiering;
            private int port;
            private AuthMode authMode;
            private String aclUsername;
            private WorkerStateSection<dev.kvstores.aws.WorkerStateExportProps> section;
            private java.util.List<String> restoreFrom;

            private Builder() {
            }

            public Builder backend(String value) {
                this.backend = value;
                return this;
            }

            public Builder name(String value) {
                this.name = value;
                return this;
            }

            public Builder elastiCacheEngine(ElastiCacheEngine value) {
                this.elastiCacheEngine = value;
                return this;
            }

            public Builder memoryDbEngine(MemoryDbEngine value) {
                this.memoryDbEngine = value;
                return this;
            }

            public Builder parameterGroupFamily(String value) {
                this.parameterGroupFamily = value;
                return this;
            }

            public Builder size(SizePreset value) {
                this.size = value;
                return this;
            }

            public Builder nodeType(String value) {
                this.nodeType = value;
                return this;
            }

            public Builder nodes(int value) {
                this.nodes = value;
                return this;
            }

            public Builder shards(int value) {
                this.shards = value;
                return this;
            }

            public Builder clusterMode(boolean value) {
                this.clusterMode = value;
                return this;
            }

            public Builder snapshotRetentionDays(int value) {
                this.snapshotRetentionDays = value;
                return this;
            }

            public Builder snapshotWindow(String value) {
                this.snapshotWindow = value;
                return this;
            }

            public Builder maintenanceWindow(String value) {
                this.maintenanceWindow = value;
                return this;
            }

            public Builder dataTiering(boolean value) {
                this.dataTiering = value;
                return this;
            }

            public Builder port(int value) {
                this.port = value;
                return this;
            }

            public Builder authMode(AuthMode value) {
                this.authMode = value;
                return this;
            }

            public Builder aclUsername(String value) {
                this.aclUsername = value;
                return this;
            }

            public Builder section(WorkerStateSection<dev.kvstores.aws.WorkerStateExportProps> value) {
                this.section = value;
                return this;
            }

            public Builder restoreFrom(java.util.List<String> value) {
                this.restoreFrom = value;
                return this;
            }

            public WorkerState build() {
                return new WorkerState(backend, name, elastiCacheEngine, memoryDbEngine, parameterGroupFamily, size,
                        nodeType, nodes, shards, clusterMode, snapshotRetentionDays, snapshotWindow, maintenanceWindow,
                        dataTiering, port, authMode, aclUsername, section, restoreFrom);
            }
        }

        public boolean memoryDb() {
            return "memorydb".equals(backend);
        }
    }
}
