package dev.kvstores.stacks;

import com.hashicorp.cdktf.AzurermBackend;
import com.hashicorp.cdktf.AzurermBackendConfig;
import com.hashicorp.cdktf.CloudBackend;
import com.hashicorp.cdktf.DefaultTokenResolver;
import com.hashicorp.cdktf.CloudBackendConfig;
import com.hashicorp.cdktf.GcsBackend;
import com.hashicorp.cdktf.GcsBackendConfig;
import com.hashicorp.cdktf.LocalBackend;
import com.hashicorp.cdktf.LocalBackendConfig;
import com.hashicorp.cdktf.NamedCloudWorkspace;
import com.hashicorp.cdktf.ResolveOptions;
import com.hashicorp.cdktf.S3Backend;
import com.hashicorp.cdktf.S3BackendConfig;
import com.hashicorp.cdktf.StringConcat;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.Tokenization;
import dev.kvstores.StoreConfigException;
import dev.kvstores.connection.ConnectionSecret;
import dev.kvstores.kubernetes.ClusterProviders;
import dev.kvstores.connection.ConnectionSecretProps;
import dev.kvstores.policy.Finding;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.exemption.PolicyExemption;
import dev.kvstores.policy.PolicyReport;
import dev.kvstores.role.CacheStore;
import dev.kvstores.role.KeyValueStore;
import dev.kvstores.role.WorkerStateStore;
import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.environment.KubernetesAccess;
import dev.kvstores.stacks.platform.Platform;
import dev.kvstores.stacks.platform.PlatformStack;
import dev.kvstores.stacks.platform.Stores;
import dev.kvstores.role.StoreRole;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.constructs.Construct;

/**
 * The stack of one environment: providers, state backend, the Cache Store, the Worker State Store and the
 * connection Secret. Stack name = environment name.
 *
 * <p>Store problems are collected, not thrown one by one: {@link #problems()} lists every
 * {@link StoreConfigException} message prefixed with the environment file and the section.
 */
public final class EnvironmentStack extends PlatformStack {

    /** Depth of {@code cdktf.out/stacks/<name>}, where Terraform runs, below the project root. */
    private static final String PROJECT_ROOT_FROM_STACK_DIR = "../../../";

    private final Environment environment;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> failedSections = new TreeSet<>();
    private final CacheStore cache;
    private final WorkerStateStore workerState;
    private ConnectionSecret connectionSecret;
    private List<PolicyExemption> exemptions = List.of();
    private final Map<StoreRole, List<String>> monitoring = new EnumMap<>(StoreRole.class);
    private final Map<StoreRole, String> placement = new EnumMap<>(StoreRole.class);
    private final List<String> imageLines = new ArrayList<>();
    private final List<String> imageWarnings = new ArrayList<>();
    private final Map<StoreRole, List<String>> credentials = new EnumMap<>(StoreRole.class);
    private final Map<StoreRole, List<String>> backups = new EnumMap<>(StoreRole.class);

    public EnvironmentStack(Construct scope, Environment environment) {
        super(scope, environment.name());
        this.environment = environment;
        backend(environment.stateBackend());
        ClusterProviders.random(this);
        Platform platform = Platforms.find(environment.platform());
        Stores stores = platform.build(this, environment);
        this.cache = stores.cache();
        this.workerState = stores.workerState();
        this.exemptions = stores.policyExemptions();
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

    @Override
    public <T> T attempt(String section, Supplier<T> build) {
        try {
            return build.get();
        } catch (StoreConfigException e) {
            failedSections.add(section);
            for (StoreConfigException part : e.parts()) {
                String message = ProblemFields.withoutStore(part.getMessage());
                addProblem(ProblemFields.field(environment.platform(), section, part.code(), message), message);
            }
            return null;
        }
    }

    /** Records {@code file: field: message} once: a check that fails alike for both stores is one problem. */
    private void addProblem(String field, String message) {
        String line = environment.file() + ": " + field + ": " + message;
        if (!problems.contains(line)) {
            problems.add(line);
        }
    }

    /**
     * The policy violations of this stack as problems at the environment field that fixes each (e.g.
     * {@code cache.tlsSecretName}), once per field and rule. Violations on a store that already failed to build
     * are left out: its resources are incomplete, and its build problem says what to change.
     */
    public List<String> policyProblems(PolicyReport report) {
        List<String> out = new ArrayList<>();
        for (Finding v : report.violations()) {
            String section = ProblemFields.sectionOf(v.address());
            if (section != null && failedSections.contains(section)) {
                continue;
            }
            String field = ProblemFields.field(environment.platform(), section == null ? "stack" : section,
                    v.ruleId());
            String line = environment.file() + ": " + field + ": " + v.evaluation().detail() + " [policy "
                    + v.ruleId() + " on " + v.address() + "]";
            String key = environment.file() + ": " + field + ": " + v.evaluation().detail() + " [policy "
                    + v.ruleId();
            if (out.stream().noneMatch(l -> l.startsWith(key))) {
                out.add(line);
            }
        }
        return out;
    }

    @Override
    public void kubernetesProvider(KubernetesAccess access) {
        ClusterProviders.kubernetes(this, access.configPath(), access.configContext());
    }

    private void backend(Environment.StateBackend backend) {
        Map<String, String> a = backend.attributes();
        switch (backend.type()) {
            case "s3" -> {
                S3Backend s3 = new S3Backend(this, S3BackendConfig.builder().bucket(a.get("bucket")).key(a.get("key"))
                        .region(a.get("region")).encrypt(true).kmsKeyId(a.get("kmsKeyId"))
                        .dynamodbTable(a.get("dynamodbTable")).build());
                if (a.containsKey("useLockfile")) {
                    s3.addOverride("use_lockfile", true); // S3BackendConfig of cdktf 0.21 has no useLockfile
                }
            }
            case "gcs" -> new GcsBackend(this, GcsBackendConfig.builder().bucket(a.get("bucket"))
                    .prefix(a.get("prefix")).kmsEncryptionKey(a.get("kmsEncryptionKey")).build());
            case "azurerm" -> new AzurermBackend(this, AzurermBackendConfig.builder()
                    .resourceGroupName(a.get("resourceGroupName")).storageAccountName(a.get("storageAccountName"))
                    .containerName(a.get("containerName")).key(a.get("key")).build());
            case "remote" -> new CloudBackend(this, CloudBackendConfig.builder()
                    .organization(a.get("organization")).hostname(a.get("hostname"))
                    .workspaces(new NamedCloudWorkspace(a.get("workspace"))).build());
            default -> new LocalBackend(this, LocalBackendConfig.builder()
                    .path(PROJECT_ROOT_FROM_STACK_DIR + a.get("path")).build());
        }
    }

    @Override
    public void reportImages(List<String> lines, List<String> warnings) {
        imageLines.addAll(lines);
        imageWarnings.addAll(warnings);
    }

    /** Whether the report lists in-cluster images. */
    boolean runsImages() {
        return !imageLines.isEmpty();
    }

    /** Warnings about images (development), for the report's "Warnings". */
    List<String> imageWarnings() {
        return List.copyOf(imageWarnings);
    }

    @Override
    public void reportMonitoring(StoreRole role, List<String> lines) {
        monitoring.put(role, List.copyOf(lines));
    }

    @Override
    public void reportPlacement(StoreRole role, String line) {
        placement.put(role, line);
    }

    @Override
    public void reportCredentials(StoreRole role, List<String> lines) {
        credentials.put(role, List.copyOf(lines));
    }

    @Override
    public void reportBackup(StoreRole role, List<String> lines) {
        backups.put(role, List.copyOf(lines));
    }

    /**
     * Every store problem found while building, as {@code file: field: message [code]}, where field is the
     * environment field to change (the store's section when no single field fixes it), each problem once.
     */
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

    /** Written exemptions from policy rules for this stack, from its platform's stores. */
    public List<PolicyExemption> policyExemptions() {
        return exemptions;
    }

    /** The Cache Store, or {@code null} when it failed to build. */
    public CacheStore cacheStore() {
        return cache;
    }

    /** The Worker State Store, or {@code null} when it failed to build. */
    public WorkerStateStore workerStateStore() {
        return workerState;
    }

    /** The connection Secret, or {@code null} when a store failed to build. */
    public ConnectionSecret connectionSecret() {
        return connectionSecret;
    }

    private static final Pattern REFERENCE = Pattern.compile(
            "\\$\\{((?:data\\.)?[a-z0-9_]+\\.[A-Za-z0-9_-]+)\\.([a-z0-9_]+)(?:\\[[0-9]+\\])?(?:\\.([a-z0-9_]+))?\\}");

    /**
     * {@code text} with each Terraform reference in words, e.g. {@code <primary endpoint address of
     * aws_elasticache_replication_group.X>} for {@code ${aws_elasticache_replication_group.X.primary_endpoint_address}}:
     * the value exists only after apply, so the report names where it comes from.
     */
    String readable(String text) {
        String resolved = !Token.isUnresolved(text) ? text
                : String.valueOf(Tokenization.resolve(text, ResolveOptions.builder().scope(this)
                        .resolver(new DefaultTokenResolver(new StringConcat())).build()));
        Matcher m = REFERENCE.matcher(resolved);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String attribute = (m.group(3) == null ? m.group(2) : m.group(2) + " " + m.group(3)).replace('_', ' ');
            m.appendReplacement(out, Matcher.quoteReplacement("<" + attribute + " of " + m.group(1) + ">"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The keys the synthesized connection Secret holds, as the report lists them. */
    public List<String> connectionSecretKeys() {
        List<String> keys = new ArrayList<>(List.of(StoreRole.CACHE.secretKey(), StoreRole.WORKER_STATE.secretKey()));
        if (cache.connectionInfo().hasCaCertificate()) {
            keys.add(ConnectionSecretProps.CACHE_CA_KEY);
        }
        if (workerState.connectionInfo().hasCaCertificate()) {
            keys.add(ConnectionSecretProps.WORKER_STATE_CA_KEY);
        }
        return keys;
    }

    /** Report lines: a line starting with two spaces as it is, others as a list item. */
    private static String nested(List<String> lines) {
        StringBuilder out = new StringBuilder();
        lines.forEach(line -> out.append(line.startsWith("  ") ? line : "- " + line).append("\n"));
        return out.toString();
    }

    /** A readable summary of what this stack deploys and what it relaxes (Markdown). */
    public String report() {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(environment.name()).append("\n\n")
                .append("- environment file: `").append(environment.file()).append("`\n")
                .append("- platform: ").append(environment.platform()).append(", profile: ")
                .append(environment.production() ? "production (every invariant enforced)" : "development")
                .append("\n- state: ").append(environment.stateBackend().location()).append("\n")
                .append("- state locking: ").append(environment.stateBackend().locking()).append("\n")
                .append("- connection Secret: `").append(environment.secretNamespace()).append('/')
                .append(connectionSecret == null ? "?" : connectionSecret.secretName())
                .append("` (keys ").append(String.join(", ", connectionSecretKeys())).append(")\n\n");
        for (KeyValueStore store : List.of((KeyValueStore) cache, workerState)) {
            out.append("## ").append(store.role().label()).append(" store\n\n")
                    .append("- ").append(store.description()).append("\n")
                    .append(placement.containsKey(store.role()) ? "- runs on: " + placement.get(store.role()) + "\n" : "")
                    .append("- memory: ").append(store.memoryHeadroom()).append("\n")
                    .append("- durability: ").append(store.durabilityDescription()).append("\n")
                    .append(nested(backups.getOrDefault(store.role(), List.of())))
                    .append("- URL: ").append(store.role().secretKey()).append(" = ")
                    .append(store.connectionInfo().tlsEnabled() ? "rediss://" : "redis://")
                    .append(store.connectionInfo().username() == null ? "" : store.connectionInfo().username())
                    .append(":<password>@").append(readable(store.connectionInfo().endpoint()))
                    .append(store.role().name().equals("WORKER_STATE") && !store.connectionInfo().clusterMode()
                            ? "/0" : "").append("\n");
            if (!store.certificateSubjectAltNames().isEmpty()) {
                out.append("- server certificate names (cert-manager requests these with certManager.issuer; a Secret"
                        + " you provide must carry them): ").append(String.join(", ",
                                store.certificateSubjectAltNames())).append("\n");
            }
            store.clusterAccessNotes().forEach(line -> out.append("- ").append(line).append("\n"));
            for (String line : credentials.getOrDefault(store.role(), List.of())) {
                out.append(line.startsWith("  ") ? line : "- " + line).append("\n");
            }
            for (String line : monitoring.getOrDefault(store.role(), List.of())) {
                out.append(line.startsWith("  ") ? line : "- " + line).append("\n");
            }
            if (store.exemptions().isEmpty()) {
                out.append("- relaxations: none\n\n");
            } else {
                store.exemptions().forEach(e -> out.append("- RELAXED: ").append(e).append("\n"));
                out.append("\n");
            }
        }
        if (!imageLines.isEmpty()) {
            out.append("## Images\n\n");
            imageLines.forEach(l -> out.append("- ").append(l).append('\n'));
            out.append("- version floors: `").append(dev.kvstores.images.VersionFloors.RESOURCE.substring(1))
                    .append("` (kvstores-constructs), last checked ")
                    .append(dev.kvstores.images.VersionFloors.shipped().lastChecked()).append("\n\n");
        }
        out.append(new Checklist(this).render());
        return out.toString();
    }
}
