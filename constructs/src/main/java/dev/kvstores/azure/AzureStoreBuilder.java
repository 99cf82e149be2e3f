package dev.kvstores.azure;

import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.StoreBasics;

/**
 * Base of the Azure props' builders (classic cache, Managed Redis worker state): the name and the setters of
 * {@link AzureStoreCommon}, written once and delegating to its builder; the defaults and valid values are that
 * part's. Package-private: users see the setters on each props' public {@code Builder}.
 *
 * @param <B> the concrete builder
 */
abstract class AzureStoreBuilder<B extends AzureStoreBuilder<B>> extends StoreBasics.PropsBuilder<B> {
    AzureStoreCommon.Builder azure = AzureStoreCommon.builder();

    AzureStoreBuilder() {
    }

    /** Starts from the parts of existing props (for {@code toBuilder()}). */
    B parts(StoreBasics basics, AzureStoreCommon azure) {
        this.azure = azure.toBuilder();
        return basics(basics);
    }

    /** @see StoreBasics#name() */
    public B name(String value) { return storeName(value); }
    public B placement(AzurePlacement value) { azure.placement(value); return self(); }
    public B putTag(String key, String value) { azure.putTag(key, value); return self(); }
    public B credentialRotation(CredentialRotation value) { azure.credentialRotation(value); return self(); }
}
