package dev.kvstores.stacks.environment;

import java.util.List;
import java.util.Map;

/**
 * One environment file ({@code stacks/environments/<name>.yaml}), validated. One stack per environment,
 * named after the file.
 *
 * @param name            stack name (the file name without {@code .yaml})
 * @param file            the file, relative to the project root, for messages
 * @param platform        where the stores run, e.g. {@code kubernetes}
 * @param production      profile {@code production} (everything enforced) or {@code development}
 * @param stateBackend    where Terraform keeps state
 * @param secretNamespace namespace of the connection Secret
 * @param secretName      name of the connection Secret
 * @param relaxations     explicit, reasoned relaxations (development only)
 * @param settings        the platform's own sections ({@code cache}, {@code workerState}, access, network)
 */
public record Environment(
        String name,
        String file,
        String platform,
        boolean production,
        StateBackend stateBackend,
        String secretNamespace,
        String secretName,
        List<Relaxation> relaxations,
        PlatformSettings settings) {

    /**
     * Terraform state backend.
     *
     * @param type       {@code local}, {@code s3}, {@code gcs}, {@code azurerm} or {@code remote} (HCP Terraform)
     * @param attributes the backend's settings, e.g. {@code bucket}, {@code key}
     */
    public record StateBackend(String type, Map<String, String> attributes) {
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

    /** The platform settings as the given type (the platform knows its own type). */
    public <T extends PlatformSettings> T settings(Class<T> type) {
        return type.cast(settings);
    }
}
