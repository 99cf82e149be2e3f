package dev.kvstores.stacks.environment;

/**
 * How Terraform reaches a Kubernetes cluster (the platform's, where the connection Secret goes): a kubeconfig
 * file and context. Read from a {@code kubernetes:} section.
 *
 * @param configPath    kubeconfig file. Default: {@code ~/.kube/config}
 * @param configContext context in that file; required
 */
public record KubernetesAccess(String configPath, String configContext) {

    /** Reads {@code configPath} and {@code configContext} of a {@code kubernetes:} section. */
    public static KubernetesAccess read(EnvironmentReader section) {
        KubernetesAccess access = new KubernetesAccess(section.filePath("configPath", "~/.kube/config", false),
                section.kubeContext("configContext", "my-cluster", true));
        section.rejectUnknownKeys();
        return access;
    }
}
