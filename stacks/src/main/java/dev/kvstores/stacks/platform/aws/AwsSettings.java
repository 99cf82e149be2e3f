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
    }

    /**
     * Worker State Store settings; {@code backend} is {@code elasticache} or {@code memorydb}. Exactly one of
     * {@code elastiCacheEngine} / {@code memoryDbEngine} is set, by backend. {@code backup}
     * ({@code workerState.backup}) is the nightly off-store backup or {@code null}; {@code backupExemptionReason}
     * ({@code workerState.backupExemptionReason}) the written reason for a production store without one;
     * {@code restoreFrom} ({@code workerState.restoreFrom}) the S3 ARNs of the .rdb files a new store is seeded from.
     */
    public record WorkerState(String backend, String name, ElastiCacheEngine elastiCacheEngine,
                              MemoryDbEngine memoryDbEngine, String parameterGroupFamily, SizePreset size,
                              String nodeType, int nodes, int shards, boolean clusterMode, int snapshotRetentionDays,
                              String snapshotWindow, String maintenanceWindow, boolean dataTiering, int port,
                              AuthMode authMode, String aclUsername, boolean preventDestroy,
                              CredentialRotation rotation, dev.kvstores.aws.WorkerStateExportProps backup,
                              String backupExemptionReason, java.util.List<String> restoreFrom) {

        public boolean memoryDb() {
            return "memorydb".equals(backend);
        }
    }
}
