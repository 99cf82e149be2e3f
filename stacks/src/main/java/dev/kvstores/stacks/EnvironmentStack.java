package dev.kvstores.stacks;

import com.hashicorp.cdktf.AzurermBackend;
import com.hashicorp.cdktf.AzurermBackendConfig;
import com.hashicorp.cdktf.CloudBackend;
import com.hashicorp.cdktf.CloudBackendConfig;
import com.hashicorp.cdktf.GcsBackend;
import com.hashicorp.cdktf.GcsBackendConfig;
import com.hashicorp.cdktf.LocalBackend;
import com.hashicorp.cdktf.LocalBackendConfig;
import com.hashicorp.cdktf.NamedCloudWorkspace;
import com.hashicorp.cdktf.S3Backend;
import com.hashicorp.cdktf.S3BackendConfig;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.helm.provider.HelmProvider;
import com.hashicorp.cdktf.providers.helm.provider.HelmProviderConfig;
import com.hashicorp.cdktf.providers.helm.provider.HelmProviderKubernetes;
import com.hashicorp.cdktf.providers.kubernetes.provider.KubernetesProvider;
import com.hashicorp.cdktf.providers.kubernetes.provider.KubernetesProviderConfig;
import com.hashicorp.cdktf.providers.random_provider.provider.RandomProvider;
import dev.kvstores.StoreConfigException;
import dev.kvstores.connection.ConnectionSecret;
import dev.kvstores.connection.ConnectionSecretProps;
import dev.kvstores.kubernetes.BitnamiImages;
import dev.kvstores.kubernetes.BitnamiRedisCacheStore;
import dev.kvstores.kubernetes.BitnamiRedisCacheStoreProps;
import dev.kvstores.kubernetes.BitnamiRedisWorkerStateStore;
import dev.kvstores.kubernetes.BitnamiRedisWorkerStateStoreProps;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyExemption;
import dev.kvstores.role.CacheStore;
import dev.kvstores.role.KeyValueStore;
import dev.kvstores.role.Topology;
import dev.kvstores.role.WorkerStateStore;
import dev.kvstores.stacks.environment.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The stack of one environment: providers, state backend, the Cache Store, the Worker State Store and the
 * connection Secret. Stack name = environment name.
 *
 * <p>Store problems are collected, not thrown one by one: {@link #problems()} lists every
 * {@link StoreConfigException} message prefixed with the environment file and the section.
 */
public final class EnvironmentStack extends TerraformStack {

    /** Depth of {@code cdktf.out/stacks/<name>}, where Terraform runs, below the project root. */
    private static final String PROJECT_ROOT_FROM_STACK_DIR = "../../../";

    private final Environment environment;
    private final List<String> problems = new ArrayList<>();
    private CacheStore cache;
    private WorkerStateStore workerState;
    private ConnectionSecret connectionSecret;

    public EnvironmentStack(Construct scope, Environment environment) {
        super(scope, environment.name());
        this.environment = environment;
        backend(environment.stateBackend());
        providers(environment);
        this.cache = attempt("cache", () -> kubernetesCache(environment));
        this.workerState = attempt("workerState", () -> kubernetesWorkerState(environment));
        if (cache != null && workerState != null) {
            this.connectionSecret = attempt("connectionSecret", () -> new ConnectionSecret(this, "ConnectionSecret",
                    ConnectionSecretProps.builder()
                            .namespace(environment.secretNamespace())
                            .name(environment.secretName())
                            .cache(cache)
                            .workerState(workerState)
                            .putLabel("kvstores.dev/environment", environment.name())
                            .build()));
        }
    }

    private <T> T attempt(String section, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (StoreConfigException e) {
            problems.add(environment.file() + ": " + section + ": " + e.getMessage() + " [" + e.code() + "]");
            return null;
        }
    }

    private void backend(Environment.StateBackend backend) {
        Map<String, String> a = backend.attributes();
        switch (backend.type()) {
            case "s3" -> new S3Backend(this, S3BackendConfig.builder().bucket(a.get("bucket")).key(a.get("key"))
                    .region(a.get("region")).encrypt(true).kmsKeyId(a.get("kmsKeyId")).build());
            case "gcs" -> new GcsBackend(this, GcsBackendConfig.builder().bucket(a.get("bucket"))
                    .prefix(a.getOrDefault("prefix", environment.name())).build());
            case "azurerm" -> new AzurermBackend(this, AzurermBackendConfig.builder()
                    .resourceGroupName(a.get("resourceGroupName")).storageAccountName(a.get("storageAccountName"))
                    .containerName(a.get("containerName")).key(a.get("key")).build());
            case "remote" -> new CloudBackend(this, CloudBackendConfig.builder()
                    .organization(a.get("organization")).hostname(a.getOrDefault("hostname", "app.terraform.io"))
                    .workspaces(new NamedCloudWorkspace(a.get("workspace"))).build());
            default -> new LocalBackend(this, LocalBackendConfig.builder()
                    .path(PROJECT_ROOT_FROM_STACK_DIR + a.get("path")).build());
        }
    }

    private void providers(Environment environment) {
        Environment.KubernetesAccess access = environment.kubernetes();
        new KubernetesProvider(this, "Kubernetes", KubernetesProviderConfig.builder()
                .configPath(access.configPath()).configContext(access.configContext()).build());
        new HelmProvider(this, "Helm", HelmProviderConfig.builder()
                .kubernetes(HelmProviderKubernetes.builder()
                        .configPath(access.configPath()).configContext(access.configContext()).build())
                .build());
        new RandomProvider(this, "Random");
    }

    private BitnamiImages images(String redisTag) {
        BitnamiImages images = BitnamiImages.defaults();
        if (environment.imageRegistry() != null || environment.imageRepositoryPrefix() != null) {
            images = images.withSource(environment.imageRegistry(), environment.imageRepositoryPrefix());
        }
        return redisTag == null ? images : images.withRedisTag(redisTag);
    }

    private CacheStore kubernetesCache(Environment environment) {
        Environment.Cache c = environment.cache();
        return new BitnamiRedisCacheStore(this, "Cache", BitnamiRedisCacheStoreProps.builder()
                .namespace(c.namespace())
                .allowedNamespaces(environment.allowedNamespaces())
                .releaseName(c.releaseName())
                .chartVersion(c.chartVersion())
                .images(images(c.redisImageTag()))
                .nodes(c.nodes())
                .sentinelEnabled(c.sentinel())
                .size(c.size())
                .evictionPolicy(c.evictionPolicy())
                .aclUsername(c.aclUsername())
                .tlsSecretName(c.tlsSecretName())
                .serviceMonitorEnabled(c.serviceMonitor())
                .haExemptionReason(environment.highAvailabilityRelaxation("cache"))
                .build());
    }

    private WorkerStateStore kubernetesWorkerState(Environment environment) {
        Environment.WorkerState w = environment.workerState();
        return new BitnamiRedisWorkerStateStore(this, "WorkerState", BitnamiRedisWorkerStateStoreProps.builder()
                .namespace(w.namespace())
                .allowedNamespaces(environment.allowedNamespaces())
                .storageClass(w.storageClass())
                .topology("redis-cluster".equals(w.backend()) ? Topology.CLUSTER : Topology.REPLICATED)
                .releaseName(w.releaseName())
                .chartVersion(w.chartVersion())
                .images(images(w.redisImageTag()))
                .nodes(w.nodes())
                .size(w.size())
                .rdbSnapshots(w.rdbSnapshots())
                .aclUsername(w.aclUsername())
                .tlsSecretName(w.tlsSecretName())
                .serviceMonitorEnabled(w.serviceMonitor())
                .preventDestroy(w.preventDestroy())
                .haExemptionReason(environment.highAvailabilityRelaxation("workerState"))
                .build());
    }

    /** Every store problem found while building, as {@code file: section: message [code]}. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public Environment environment() {
        return environment;
    }

    /** What the policy rules need to know about this stack. */
    public PolicyContext policyContext() {
        return new PolicyContext(environment.name(), environment.production());
    }

    /** Written exemptions from policy rules for this stack (none for the in-cluster backend). */
    public List<PolicyExemption> policyExemptions() {
        return List.of();
    }

    /** The connection Secret, or {@code null} when a store failed to build. */
    public ConnectionSecret connectionSecret() {
        return connectionSecret;
    }

    /** A readable summary of what this stack deploys and what it relaxes (Markdown). */
    public String report() {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(environment.name()).append("\n\n")
                .append("- environment file: `").append(environment.file()).append("`\n")
                .append("- platform: ").append(environment.platform()).append(", profile: ")
                .append(environment.production() ? "production (every invariant enforced)" : "development")
                .append("\n- state backend: ").append(environment.stateBackend().type()).append("\n")
                .append("- connection Secret: `").append(environment.secretNamespace()).append('/')
                .append(connectionSecret == null ? "?" : connectionSecret.secretName())
                .append("` (keys redisConnBaseUrlKey, redisWorkercacheConnUrlKey, CA bundles)\n\n");
        for (KeyValueStore store : List.of((KeyValueStore) cache, workerState)) {
            out.append("## ").append(store.role().label()).append(" store\n\n")
                    .append("- ").append(store.description()).append("\n")
                    .append("- durability: ").append(store.durability().description()).append("\n")
                    .append("- URL: ").append(store.role().secretKey()).append(" = ")
                    .append(store.connectionInfo().tlsEnabled() ? "rediss://" : "redis://")
                    .append(store.connectionInfo().username() == null ? "" : store.connectionInfo().username())
                    .append(":<password>@").append(store.connectionInfo().endpoint())
                    .append(store.role().name().equals("WORKER_STATE") && !store.connectionInfo().clusterMode()
                            ? "/0" : "").append("\n");
            if (store.exemptions().isEmpty()) {
                out.append("- relaxations: none\n\n");
            } else {
                store.exemptions().forEach(e -> out.append("- RELAXED: ").append(e).append("\n"));
                out.append("\n");
            }
        }
        return out.toString();
    }
}
