package dev.kvstores.aws;

import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.SizePreset;
import dev.kvstores.role.StoreBasics;
import java.util.Map;

/**
 * Base of the AWS props' builders (ElastiCache cache and worker state, MemoryDB): the name and the setters of
 * {@link AwsStoreCommon}, written once and delegating to its builder; the defaults and valid values are that
 * part's. Package-private: users see the setters on each props' public {@code Builder}.
 *
 * @param <B> the concrete builder
 */
abstract class AwsStoreBuilder<B extends AwsStoreBuilder<B>> extends StoreBasics.PropsBuilder<B> {
    AwsStoreCommon.Builder aws = AwsStoreCommon.builder();

    AwsStoreBuilder() {
    }

    /** Starts from the parts of existing props (for {@code toBuilder()}). */
    B parts(StoreBasics basics, AwsStoreCommon aws) {
        this.aws = aws.toBuilder();
        return basics(basics);
    }

    /** @see StoreBasics#name() */
    public B name(String value) { return storeName(value); }
    public B parameterGroupFamily(String value) { aws.parameterGroupFamily(value); return self(); }
    public B size(SizePreset value) { aws.size(value); return self(); }
    public B nodeType(String value) { aws.nodeType(value); return self(); }
    public B port(int value) { aws.port(value); return self(); }
    public B network(AwsNetwork value) { aws.network(value); return self(); }
    public B kmsKeyArn(String value) { aws.kmsKeyArn(value); return self(); }
    public B aclUsername(String value) { aws.aclUsername(value); return self(); }
    public B credentialRotation(CredentialRotation value) { aws.credentialRotation(value); return self(); }
    public B maintenanceWindow(String value) { aws.maintenanceWindow(value); return self(); }
    public B monitoring(AwsMonitoring value) { aws.monitoring(value); return self(); }
    public B tags(Map<String, String> value) { aws.tags(value); return self(); }
    public B putTag(String key, String value) { aws.putTag(key, value); return self(); }
}
