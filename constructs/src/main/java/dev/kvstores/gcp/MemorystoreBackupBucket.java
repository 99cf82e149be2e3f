package dev.kvstores.gcp;

import com.hashicorp.cdktf.Postcondition;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.providers.google.data_google_storage_bucket.DataGoogleStorageBucket;
import com.hashicorp.cdktf.providers.google.data_google_storage_bucket.DataGoogleStorageBucketConfig;
import com.hashicorp.cdktf.providers.google.data_google_storage_project_service_account.DataGoogleStorageProjectServiceAccount;
import com.hashicorp.cdktf.providers.google.data_google_storage_project_service_account.DataGoogleStorageProjectServiceAccountConfig;
import com.hashicorp.cdktf.providers.google.kms_crypto_key.KmsCryptoKey;
import com.hashicorp.cdktf.providers.google.kms_crypto_key.KmsCryptoKeyConfig;
import com.hashicorp.cdktf.providers.google.kms_crypto_key_iam_member.KmsCryptoKeyIamMember;
import com.hashicorp.cdktf.providers.google.kms_crypto_key_iam_member.KmsCryptoKeyIamMemberConfig;
import com.hashicorp.cdktf.providers.google.kms_key_ring.KmsKeyRing;
import com.hashicorp.cdktf.providers.google.kms_key_ring.KmsKeyRingConfig;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucket;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucketConfig;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucketEncryption;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucketLifecycleRule;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucketLifecycleRuleAction;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucketLifecycleRuleCondition;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucketRetentionPolicy;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucketVersioning;
import dev.kvstores.exemption.PolicyExemption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.constructs.Construct;

/**
 * The Cloud Storage bucket of a {@link MemorystoreBackup} and its encryption: a created bucket (retention policy
 * instead of versioning, uniform access, public access prevention, lifecycle deletion at the retention, default
 * customer-managed key: given, or a created key ring and key rotated every 90 days) or an existing bucket whose
 * key, retention policy and access settings are checked at plan.
 */
final class MemorystoreBackupBucket {

    private final Construct scope;
    private final MemorystoreBackupProps props;
    private final MemorystoreBackup.Target target;
    private String bucketName;
    private String keyName;
    private boolean createdKey;
    private PolicyExemption exemption;

    private MemorystoreBackupBucket(Construct scope, MemorystoreBackupProps props, MemorystoreBackup.Target target) {
        this.scope = scope;
        this.props = props;
        this.target = target;
    }

    /**
     * The bucket of {@code backup}'s exports: created with its key ({@code createBucket}; the given key, or a
     * created key ring and key) and the Cloud Storage agent's grant on the key, or an existing one read and checked
     * at plan. Children are created in {@code backup}.
     */
    static MemorystoreBackupBucket create(MemorystoreBackup backup, MemorystoreBackupProps props,
                                          MemorystoreBackup.Target target, String project,
                                          Map<String, String> labels) {
        return new MemorystoreBackupBucket(backup, props, target).build(project, labels);
    }

    private MemorystoreBackupBucket build(String project, Map<String, String> labels) {
        if (props.createBucket()) {
            createdKey = props.kmsKeyName() == null;
            keyName = createdKey ? createdKey(project, labels) : props.kmsKeyName();
            DataGoogleStorageProjectServiceAccount agent = new DataGoogleStorageProjectServiceAccount(scope,
                    "StorageAgent", DataGoogleStorageProjectServiceAccountConfig.builder().project(project).build());
            KmsCryptoKeyIamMember agentGrant = new KmsCryptoKeyIamMember(scope, "StorageAgentKeyGrant",
                    KmsCryptoKeyIamMemberConfig.builder().cryptoKeyId(keyName).role(MemorystoreBackup.KEY_ROLE)
                            .member(agent.getMember()).build());
            StorageBucket created = createBucket(project, labels, agentGrant);
            bucketName = created.getName();
            exemption = new PolicyExemption(MemorystoreBackup.VERSIONING_RULE, "google_storage_bucket."
                    + created.getFriendlyUniqueId(), "backup bucket " + props.bucketName() + ": a retention policy of "
                    + props.effectiveRetentionDays() + " days instead of versioning (Cloud Storage allows only one of"
                    + " them); no identity can delete or replace an export before then, which versioning alone"
                    + " does not prevent");
        } else {
            createdKey = false;
            keyName = null;
            bucketName = existingBucket(project).getName();
        }
        return this;
    }

    private String createdKey(String project, Map<String, String> labels) {
        KmsKeyRing ring = new KmsKeyRing(scope, "KeyRing", KmsKeyRingConfig.builder().project(project)
                .location(target.region())
                .name(MemorystoreBackup.limit("kvstores-" + props.environmentName() + "-backups", 63))
                .build());
        KmsCryptoKeyConfig.Builder key = KmsCryptoKeyConfig.builder()
                .keyRing(ring.getId()).name(MemorystoreBackup.limit(target.instanceName() + "-backups", 63))
                .purpose("ENCRYPT_DECRYPT").rotationPeriod(MemorystoreBackup.KEY_ROTATION).labels(labels);
        if (target.preventDestroy()) {
            key.lifecycle(TerraformResourceLifecycle.builder().preventDestroy(true).build());
        }
        return new KmsCryptoKey(scope, "Key", key.build()).getId();
    }

    private StorageBucket createBucket(String project, Map<String, String> labels, KmsCryptoKeyIamMember agentGrant) {
        int days = props.effectiveRetentionDays();
        StorageBucketConfig.Builder config = StorageBucketConfig.builder()
                .project(project)
                .name(props.bucketName())
                .location(target.region().toUpperCase(Locale.ROOT))
                .storageClass("STANDARD")
                .uniformBucketLevelAccess(true)
                .publicAccessPrevention("enforced")
                // A retention policy, not versioning (Cloud Storage allows only one of them): no identity can
                // delete or replace an export younger than the retention; locked only when asked (irreversible).
                .versioning(StorageBucketVersioning.builder().enabled(false).build())
                .retentionPolicy(StorageBucketRetentionPolicy.builder()
                        .retentionPeriod(days * 86400L).isLocked(props.lockRetention()).build())
                .encryption(StorageBucketEncryption.builder().defaultKmsKeyName(keyName).build())
                .lifecycleRule(List.of(
                        StorageBucketLifecycleRule.builder()
                                .action(StorageBucketLifecycleRuleAction.builder().type("Delete").build())
                                .condition(StorageBucketLifecycleRuleCondition.builder().age(days)
                                        .withState("ANY").build())
                                .build()))
                // Without prevent_destroy (development) a destroy takes the exports with the bucket.
                .forceDestroy(!target.preventDestroy())
                .labels(labels)
                // Creating a bucket with a default key fails unless the Cloud Storage agent may use the key.
                .dependsOn(List.of(agentGrant));
        if (target.preventDestroy()) {
            config.lifecycle(TerraformResourceLifecycle.builder().preventDestroy(true).build());
        }
        return new StorageBucket(scope, "Bucket", config.build());
    }

    /**
     * An existing bucket, read at plan; its postconditions stop the plan unless it has a default customer-managed
     * key, a retention policy, uniform bucket-level access and public access prevention.
     */
    private DataGoogleStorageBucket existingBucket(String project) {
        String who = "backup bucket " + props.bucketName();
        return new DataGoogleStorageBucket(scope, "ExistingBucket", DataGoogleStorageBucketConfig.builder()
                .project(project).name(props.bucketName())
                .lifecycle(TerraformResourceLifecycle.builder().postcondition(existingBucketChecks(who)).build())
                .build());
    }

    /** The plan-time checks of an existing bucket (Terraform conditions over {@code self}). */
    static List<Postcondition> existingBucketChecks(String who) {
        return List.of(
                Postcondition.builder().condition("${try(self.encryption[0].default_kms_key_name, \"\") != \"\"}")
                        .errorMessage(who + " has no default customer-managed key (encryption.default_kms_key_name);"
                                + " set one, or let kvstores create the bucket (workerState.backup.createBucket)")
                        .build(),
                Postcondition.builder().condition("${try(self.retention_policy[0].retention_period, 0) > 0}")
                        .errorMessage(who + " has no retention policy: anyone with storage.objects.delete can erase"
                                + " the backups; set one (gcloud storage buckets update gs://<bucket> --no-versioning"
                                + " --retention-period=14d), or let kvstores create the bucket")
                        .build(),
                Postcondition.builder().condition("${self.uniform_bucket_level_access == true}")
                        .errorMessage(who + " does not use uniform bucket-level access; enable it (gcloud storage"
                                + " buckets update gs://<bucket> --uniform-bucket-level-access)")
                        .build(),
                Postcondition.builder().condition("${self.public_access_prevention == \"enforced\"}")
                        .errorMessage(who + " does not enforce public access prevention; enforce it (gcloud storage"
                                + " buckets update gs://<bucket> --public-access-prevention)")
                        .build());
    }

    /** Terraform expression of the bucket's name. */
    String bucketName() {
        return bucketName;
    }

    /** The bucket's default key: the created or given one; {@code null} for an existing bucket (its own key). */
    String keyName() {
        return keyName;
    }

    /** Whether kvstores created the key. */
    boolean createdKey() {
        return createdKey;
    }

    /** The created bucket's exemption from versioning, or {@code null} for an existing bucket. */
    PolicyExemption exemption() {
        return exemption;
    }
}
