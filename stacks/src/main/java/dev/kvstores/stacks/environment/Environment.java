package dev.kvstores.stacks.environment;

import java.nio.file.Path;
import java.util.ArrayList;
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

    /** A builder; a field not set is {@code null}, {@code false} or {@code 0}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Environment} field by field, each setter named after its component. */
    public static final class Builder {
        private String name;
        private String file;
        private String platform;
        private boolean production;
        private StateBackend stateBackend;
        private String secretNamespace;
        private String secretName;
        private List<Relaxation> relaxations;
        private PlatformSettings settings;

        private Builder() {
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder file(String value) {
            this.file = value;
            return this;
        }

        public Builder platform(String value) {
            this.platform = value;
            return this;
        }

        public Builder production(boolean value) {
            this.production = value;
            return this;
        }

        public Builder stateBackend(StateBackend value) {
            this.stateBackend = value;
            return this;
        }

        public Builder secretNamespace(String value) {
            this.secretNamespace = value;
            return this;
        }

        public Builder secretName(String value) {
            this.secretName = value;
            return this;
        }

        public Builder relaxations(List<Relaxation> value) {
            this.relaxations = value;
            return this;
        }

        public Builder settings(PlatformSettings value) {
            this.settings = value;
            return this;
        }

        public Environment build() {
            return new Environment(name, file, platform, production, stateBackend, secretNamespace, secretName,
                    relaxations, settings);
        }
    }

    /**
     * Terraform state backend, with every default resolved ({@code local} {@code path}, {@code gcs}
     * {@code prefix}, {@code remote} {@code hostname}).
     *
     * @param type       {@code local}, {@code s3}, {@code gcs}, {@code azurerm} or {@code remote} (HCP Terraform)
     * @param attributes the backend's settings as the environment file names them, e.g. {@code bucket},
     *                   {@code key}; {@code useLockfile} is present (as {@code "true"}) only when on
     */
    public record StateBackend(String type, Map<String, String> attributes) {

        public StateBackend {
            attributes = Map.copyOf(attributes);
        }

        /**
         * Where the state lives, one string per location: two backends with equal locations share one state.
         * A local path is normalized ({@code ./a.tfstate} is {@code a.tfstate}); a GCS prefix loses its trailing
         * {@code /}, as Terraform's gcs backend adds it.
         */
        public String location() {
            return switch (type) {
                case "s3" -> "s3://" + attributes.get("bucket") + "/" + attributes.get("key");
                case "gcs" -> "gs://" + attributes.get("bucket") + "/" + attributes.get("prefix").replaceAll("/+$", "")
                        + "/default.tfstate";
                case "azurerm" -> "azurerm storage account " + attributes.get("storageAccountName") + ", container "
                        + attributes.get("containerName") + ", blob " + attributes.get("key");
                case "remote" -> "HCP Terraform " + attributes.get("hostname") + ", organization "
                        + attributes.get("organization") + ", workspace " + attributes.get("workspace");
                default -> "local file " + Path.of(attributes.get("path")).normalize()
                        + " at the project root";
            };
        }

        /** The field of the environment file that tells this stack's state from another's in the same store. */
        public String locationField() {
            return switch (type) {
                case "s3", "azurerm" -> "key";
                case "gcs" -> "prefix";
                case "remote" -> "workspace";
                default -> "path";
            };
        }

        /** How Terraform keeps two runs from writing this state at once, as the synthesis report says it. */
        public String locking() {
            if (!"s3".equals(type)) {
                return switch (type) {
                    case "local" -> "a lock on the local file (one machine only)";
                    case "remote" -> "HCP Terraform's run queue";
                    default -> "the " + type + " backend's native lock";
                };
            }
            List<String> locks = new ArrayList<>();
            if (attributes.containsKey("useLockfile")) {
                locks.add("S3 lock file (use_lockfile, Terraform >= 1.10)");
            }
            if (attributes.containsKey("dynamodbTable")) {
                locks.add("DynamoDB table " + attributes.get("dynamodbTable"));
            }
            return locks.isEmpty() ? "NONE: two runs at once can corrupt this state (add useLockfile: true)"
                    : String.join(" and ", locks);
        }
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
