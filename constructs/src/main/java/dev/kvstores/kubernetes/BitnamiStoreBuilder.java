package dev.kvstores.kubernetes;

import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.StoreBasics;

/**
 * Base of the Bitnami props' builders (cache and worker state): the in-cluster setters plus the release name and
 * the setters of {@link BitnamiCommon}, written once; the defaults and valid values are that part's.
 * Package-private: users see the setters on each props' public {@code Builder}.
 *
 * @param <B> the concrete builder
 */
abstract class BitnamiStoreBuilder<B extends BitnamiStoreBuilder<B>> extends KubernetesStoreBuilder<B> {
    BitnamiCommon.Builder bitnami = BitnamiCommon.builder();

    BitnamiStoreBuilder() {
    }

    /** Starts from the parts of existing props (for {@code toBuilder()}). */
    B parts(StoreBasics basics, KubernetesStoreCommon kubernetes, ServiceMonitoring serviceMonitoring,
            BitnamiCommon bitnami) {
        this.bitnami = bitnami.toBuilder();
        return parts(basics, kubernetes, serviceMonitoring);
    }

    /** The Helm release name, also the chart's fullname: the store's {@link StoreBasics#name()}. */
    public B releaseName(String value) { return storeName(value); }
    public B chartRepository(String value) { bitnami.chartRepository(value); return self(); }
    public B chartVersion(String value) { bitnami.chartVersion(value); return self(); }
    public B images(BitnamiImages value) { bitnami.images(value); return self(); }
    public B nodes(int value) { bitnami.nodes(value); return self(); }
    public B aclUsername(String value) { bitnami.aclUsername(value); return self(); }
    public B passwordSecretName(String value) { bitnami.passwordSecretName(value); return self(); }
    public B credentialRotation(CredentialRotation value) { bitnami.credentialRotation(value); return self(); }
}
