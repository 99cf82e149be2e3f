package dev.kvstores.stacks.environment;

import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.StoreSize;
import java.util.List;
import java.util.Map;

/**
 * One environment file ({@code stacks/environments/<name>.yaml}), validated. One stack per environment,
 * named after the file.
 *
 * @param name              stack name (the file name without {@code .yaml})
 * @param file              the file, relative to the project root, for messages
 * @param platform          where the stores run: {@code kubernetes}
 * @param production        profile {@code production} (everything enforced) or {@code development}
 * @param kubernetes        how the providers reach the platform's cluster
 * @param stateBackend      where Terraform keeps state
 * @param secretNamespace   namespace of the connection Secret
 * @param secretName        name of the connection Secret
 * @param allowedNamespaces namespaces admitted to both stores
 * @param imageRegistry     registry of the store images
 * @param imageRepositoryPrefix repository prefix of the store images
 * @param cache             the Cache Store
 * @param workerState       the Worker State Store
 * @param relaxations       explicit, reasoned relaxations (development only)
 */
public record Environment(
        String name,
        String file,
        String platform,
        boolean production,
        KubernetesAccess kubernetes,
        StateBackend stateBackend,
        String secretNamespace,
        String secretName,
        List<String> allowedNamespaces,
        String imageRegistry,
        String imageRepositoryPrefix,
        Cache cache,
        WorkerState workerState,
        List<Relaxation> relaxations) {

    /** kubeconfig path and context the kubernetes and helm providers use. */
    public record KubernetesAccess(String configPath, String configContext) {
    }

    /**
     * Terraform state backend.
     *
     * @param type       {@code local}, {@code s3}, {@code gcs}, {@code azurerm} or {@code remote} (HCP Terraform)
     * @param attributes the backend's settings, e.g. {@code bucket}, {@code key}
     */
    public record StateBackend(String type, Map<String, String> attributes) {
    }

    /** Cache Store settings. */
    public record Cache(String namespace, String releaseName, String chartVersion, String sizePreset,
                        StoreSize size, int nodes, boolean sentinel, EvictionPolicy evictionPolicy,
                        String aclUsername, String redisImageTag, String tlsSecretName, boolean serviceMonitor) {
    }

    /** Worker State Store settings; {@code backend} is {@code redis-sentinel} or {@code redis-cluster}. */
    public record WorkerState(String backend, String namespace, String releaseName, String chartVersion,
                              String sizePreset, StoreSize size, String storageClass, int nodes,
                              boolean rdbSnapshots, String aclUsername, String redisImageTag, String tlsSecretName,
                              boolean serviceMonitor, boolean preventDestroy) {
    }

    /**
     * A relaxed check.
     *
     * @param check  {@code high-availability}
     * @param store  {@code cache} or {@code workerState}
     * @param reason why, at least 10 characters
     */
    public record Relaxation(String check, String store, String reason) {
    }

    /** The written reason for relaxing high availability of a store, or {@code null}. */
    public String highAvailabilityRelaxation(String store) {
        return relaxations.stream()
                .filter(r -> "high-availability".equals(r.check()) && store.equals(r.store()))
                .map(Relaxation::reason).findFirst().orElse(null);
    }
}
