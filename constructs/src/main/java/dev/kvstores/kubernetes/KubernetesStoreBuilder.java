package dev.kvstores.kubernetes;

import dev.kvstores.role.StoreBasics;
import dev.kvstores.role.StoreSize;
import java.util.List;
import java.util.Map;

/**
 * Base of the in-cluster props' builders (Bitnami cache and worker state, KVRocks): the setters of
 * {@link KubernetesStoreCommon} and {@link ServiceMonitoring}, written once and delegating to their builders; the
 * defaults and valid values are those parts'. Package-private: users see the setters on each props' public
 * {@code Builder}.
 *
 * @param <B> the concrete builder
 */
abstract class KubernetesStoreBuilder<B extends KubernetesStoreBuilder<B>> extends StoreBasics.PropsBuilder<B> {
    KubernetesStoreCommon.Builder kubernetes = KubernetesStoreCommon.builder();
    ServiceMonitoring.Builder serviceMonitoring = ServiceMonitoring.builder();

    KubernetesStoreBuilder() {
    }

    /** Starts from the parts of existing props (for {@code toBuilder()}). */
    B parts(StoreBasics basics, KubernetesStoreCommon kubernetes, ServiceMonitoring serviceMonitoring) {
        this.kubernetes = kubernetes.toBuilder();
        this.serviceMonitoring = serviceMonitoring.toBuilder();
        return basics(basics);
    }

    public B namespace(String value) { kubernetes.namespace(value); return self(); }
    public B allowedNamespaces(List<String> value) { kubernetes.allowedNamespaces(value); return self(); }
    public B addAllowedNamespace(String value) { kubernetes.addAllowedNamespace(value); return self(); }
    public B createNamespace(boolean value) { kubernetes.createNamespace(value); return self(); }
    public B egress(ClusterEgress value) { kubernetes.egress(value); return self(); }
    public B tlsSecretName(String value) { kubernetes.tlsSecretName(value); return self(); }
    public B tlsIssuer(CertificateIssuer value) { kubernetes.tlsIssuer(value); return self(); }
    public B size(StoreSize value) { kubernetes.size(value); return self(); }
    public B serviceMonitorEnabled(boolean value) { serviceMonitoring.serviceMonitorEnabled(value); return self(); }
    public B serviceMonitorLabels(Map<String, String> value) { serviceMonitoring.serviceMonitorLabels(value); return self(); }
    public B monitoringNamespace(String value) { serviceMonitoring.monitoringNamespace(value); return self(); }
}
