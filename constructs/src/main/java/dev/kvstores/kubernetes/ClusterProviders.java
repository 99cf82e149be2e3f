package dev.kvstores.kubernetes;

import com.hashicorp.cdktf.TerraformProvider;
import com.hashicorp.cdktf.providers.helm.provider.HelmProvider;
import com.hashicorp.cdktf.providers.helm.provider.HelmProviderConfig;
import com.hashicorp.cdktf.providers.helm.provider.HelmProviderKubernetes;
import com.hashicorp.cdktf.providers.kubernetes.provider.KubernetesProvider;
import com.hashicorp.cdktf.providers.kubernetes.provider.KubernetesProviderConfig;
import com.hashicorp.cdktf.providers.random_provider.provider.RandomProvider;
import software.constructs.Construct;

/**
 * The Terraform providers the in-cluster stores and the connection Secret use: {@code kubernetes} and
 * {@code helm} for one cluster (a kubeconfig file and a context in it) and {@code random} (generated passwords).
 * With these an app of one's own needs no provider class of its own:
 *
 * <pre>{@code
 * ClusterProviders.add(this, "~/.kube/config", "my-cluster");
 * }</pre>
 *
 * <p>{@code configPath} and {@code configContext} may be {@code null}: the provider's own default (its
 * environment variables) then applies. Each is added to {@code stack} (a {@code TerraformStack}) under the ID {@code Kubernetes}, {@code Helm} and
 * {@code Random}, without alias, once per stack. The returned {@code TerraformProvider}s are cdktf's own type, so
 * this API is the same with the lean and the official provider bindings.
 */
public final class ClusterProviders {

    private ClusterProviders() {
    }

    /**
     * Adds the {@code kubernetes}, {@code helm} and {@code random} providers for the cluster of
     * {@code configContext} in the kubeconfig {@code configPath} (e.g. {@code ~/.kube/config}).
     */
    public static void add(Construct stack, String configPath, String configContext) {
        kubernetes(stack, configPath, configContext);
        helm(stack, configPath, configContext);
        random(stack);
    }

    /** The {@code kubernetes} provider (ID {@code Kubernetes}) for one kubeconfig context. */
    public static TerraformProvider kubernetes(Construct stack, String configPath, String configContext) {
        return new KubernetesProvider(stack, "Kubernetes", KubernetesProviderConfig.builder()
                .configPath(configPath).configContext(configContext)
                .build());
    }

    /** The {@code helm} provider (ID {@code Helm}) for one kubeconfig context. */
    public static TerraformProvider helm(Construct stack, String configPath, String configContext) {
        return new HelmProvider(stack, "Helm", HelmProviderConfig.builder()
                .kubernetes(HelmProviderKubernetes.builder()
                        .configPath(configPath)
                        .configContext(configContext).build())
                .build());
    }

    /** The {@code random} provider (ID {@code Random}): the stores' generated passwords. */
    public static TerraformProvider random(Construct stack) {
        return new RandomProvider(stack, "Random");
    }
}
