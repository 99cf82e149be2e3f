package dev.kvstores.connection;

import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformOutputConfig;
import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.providers.kubernetes.secret_v1.SecretV1;
import com.hashicorp.cdktf.providers.kubernetes.secret_v1.SecretV1Config;
import com.hashicorp.cdktf.providers.kubernetes.secret_v1.SecretV1Metadata;
import dev.kvstores.StoreConfigException;
import dev.kvstores.StoreProblems;
import dev.kvstores.role.ConnectionInfo;
import dev.kvstores.role.RoleContract;
import dev.kvstores.role.StoreRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.constructs.Construct;

/**
 * The Kubernetes Secret the platform's Helm chart reads ({@code global.secret}), holding
 * {@code redisConnBaseUrlKey} (cache URL, no DB number) and {@code redisWorkercacheConnUrlKey} (worker state
 * URL, {@code /0} unless cluster mode), plus {@value ConnectionSecretProps#CACHE_CA_KEY} /
 * {@value ConnectionSecretProps#WORKER_STATE_CA_KEY} when a server certificate needs a CA bundle.
 *
 * <p>Also emits the sensitive outputs {@code cache_connection_url} and {@code worker_state_connection_url}.
 * Refuses two roles on one endpoint or one password. Annotated {@value #RELOADER_MATCH_ANNOTATION}{@code : "true"}
 * so that Stakater Reloader restarts the platform's pods when a rotation changes a URL. The Secret's data refers to
 * the stores' resources, so Terraform updates it only after the store accepts the new password. Child IDs: {@code Resource} (the Secret),
 * {@code CacheUrlOutput}, {@code WorkerStateUrlOutput}.
 *
 * <pre>{@code
 * new ConnectionSecret(this, "ConnectionSecret", ConnectionSecretProps.builder()
 *         .namespace("suprsend").cache(cache).workerState(workerState).build());
 * }</pre>
 */
public final class ConnectionSecret extends Construct {

    /**
     * Annotation on the Secret that Stakater Reloader understands: with {@code reloader.stakater.com/search: "true"}
     * on the platform's Deployments, Reloader restarts them when the URLs change (a credential rotation).
     */
    public static final String RELOADER_MATCH_ANNOTATION = "reloader.stakater.com/match";

    private final ConnectionSecretProps props;
    private final SecretV1 secret;

    public ConnectionSecret(Construct scope, String id, ConnectionSecretProps props) {
        super(scope, id);
        this.props = props;
        ConnectionInfo cache = props.cache().connectionInfo();
        ConnectionInfo worker = props.workerState().connectionInfo();
        StoreProblems problems = new StoreProblems("connection secret");
        problems.check(() -> validateNamespace(props.namespace()));
        problems.check(() -> RoleContract.requireDistinct(cache, worker));
        problems.throwIfAny();

        Map<String, String> data = new TreeMap<>();
        String cacheUrl = ConnectionUrls.terraformUrl(StoreRole.CACHE, cache);
        String workerUrl = ConnectionUrls.terraformUrl(StoreRole.WORKER_STATE, worker);
        data.put(StoreRole.CACHE.secretKey(), cacheUrl);
        data.put(StoreRole.WORKER_STATE.secretKey(), workerUrl);
        if (cache.hasCaCertificate()) {
            data.put(ConnectionSecretProps.CACHE_CA_KEY, cache.caCertificate());
        }
        if (worker.hasCaCertificate()) {
            data.put(ConnectionSecretProps.WORKER_STATE_CA_KEY, worker.caCertificate());
        }
        Map<String, String> labels = new TreeMap<>(props.labels());
        labels.put("app.kubernetes.io/managed-by", "kvstores");

        this.secret = new SecretV1(this, "Resource", SecretV1Config.builder()
                .metadata(SecretV1Metadata.builder()
                        .name(props.name())
                        .namespace(props.namespace())
                        .labels(labels)
                        .annotations(Map.of(RELOADER_MATCH_ANNOTATION, "true"))
                        .build())
                .type("Opaque")
                .data(data)
                .build());

        new TerraformOutput(this, "CacheUrlOutput", TerraformOutputConfig.builder()
                .value(cacheUrl)
                .sensitive(true)
                .description("Cache Store URL (" + StoreRole.CACHE.environmentVariable() + "), no DB number")
                .build()).overrideLogicalId("cache_connection_url");
        new TerraformOutput(this, "WorkerStateUrlOutput", TerraformOutputConfig.builder()
                .value(workerUrl)
                .sensitive(true)
                .description("Worker State Store URL (" + StoreRole.WORKER_STATE.environmentVariable() + ")")
                .build()).overrideLogicalId("worker_state_connection_url");
    }

    private static void validateNamespace(String namespace) {
        if (namespace.isBlank() || "default".equals(namespace)) {
            throw new StoreConfigException("SecretNamespace", "connection secret namespace must be the platform's"
                    + " namespace (not empty, not 'default'), got '" + namespace + "'");
        }
    }

    /**
     * The {@code kubernetes_secret_v1}, as an escape hatch for overrides ({@code addOverride}) and references; changing
     * it can break the role's guarantees. Typed as cdktf's {@code TerraformResource} so that this API is the same with
     * the lean and the official provider bindings; with the official ones it is a {@code SecretV1}.
     */
    public TerraformResource secret() {
        return secret;
    }

    /** Name of the Secret. */
    public String secretName() {
        return props.name();
    }

    /** Namespace of the Secret. */
    public String secretNamespace() {
        return props.namespace();
    }

    /** Directory the values snippet suggests for mounting the CA keys of this Secret into the platform's pods. */
    public static final String CA_MOUNT_PATH = "/etc/kvstores/ca";

    /**
     * A snippet for the platform's Helm values ({@code suprsend-values.yaml}). Under {@code global.secret}, as the
     * platform's chart reads them: each setting's value is the <em>key inside the Secret</em> that holds the URL
     * (the chart reads {@code REDIS_CONN_BASE_URL} from the Secret's key named by
     * {@code global.secret.redisConnBaseUrlKey}). Under {@code kvstores} (a block the chart does not read; Helm
     * ignores keys no template uses): the Secret's name and namespace as data, and, when a server certificate
     * needs a CA bundle, the Secret keys holding each CA with the volume and mount that put them on disk.
     */
    public String helmValuesSnippet() {
        ConnectionInfo cache = props.cache().connectionInfo();
        ConnectionInfo worker = props.workerState().connectionInfo();
        String name = props.name();
        StringBuilder yaml = new StringBuilder()
                .append("# Redis settings for the platform's Helm chart: merge into suprsend-values.yaml.\n")
                .append("global:\n")
                .append("  secret:\n")
                .append("    # <setting the chart reads>: <key of Secret ").append(props.namespace()).append('/')
                .append(name).append(" that holds the value>\n")
                .append("    ").append(StoreRole.CACHE.secretKey()).append(": ").append(StoreRole.CACHE.secretKey())
                .append("   # ").append(StoreRole.CACHE.environmentVariable()).append(": cache URL, no DB number\n")
                .append("    ").append(StoreRole.WORKER_STATE.secretKey()).append(": ")
                .append(StoreRole.WORKER_STATE.secretKey()).append("   # ")
                .append(StoreRole.WORKER_STATE.environmentVariable()).append(": worker state URL")
                .append(worker.clusterMode() ? " (cluster mode: no /0)" : " (/0)").append('\n')
                .append("# Not read by the chart (Helm ignores it): where the keys above live, written by kvstores.\n")
                .append("kvstores:\n")
                .append("  connectionSecret:\n")
                .append("    name: ").append(name).append('\n')
                .append("    namespace: ").append(props.namespace()).append('\n');
        if (!cache.hasCaCertificate() && !worker.hasCaCertificate()) {
            yaml.append("  # No CA keys: both servers' certificates chain to CAs the clients already trust.\n")
                    .append("  caCertificates: []\n");
            return yaml.toString();
        }
        yaml.append("  # The servers' certificates chain to a private CA: mount these keys of the Secret as files in\n")
                .append("  # the platform's pods (volume + volumeMount below, e.g. via the chart's extraVolumes /\n")
                .append("  # extraVolumeMounts if it has them) and make the Redis client trust the file for its URL.\n")
                .append("  caCertificates:\n");
        List<String[]> cas = new ArrayList<>();
        if (cache.hasCaCertificate()) {
            cas.add(new String[] {ConnectionSecretProps.CACHE_CA_KEY, "cache-ca.crt",
                    StoreRole.CACHE.environmentVariable()});
        }
        if (worker.hasCaCertificate()) {
            cas.add(new String[] {ConnectionSecretProps.WORKER_STATE_CA_KEY, "worker-state-ca.crt",
                    StoreRole.WORKER_STATE.environmentVariable()});
        }
        for (String[] ca : cas) {
            yaml.append("    - secretKey: ").append(ca[0]).append('\n')
                    .append("      file: ").append(CA_MOUNT_PATH).append('/').append(ca[1]).append('\n')
                    .append("      trustedFor: ").append(ca[2]).append('\n');
        }
        yaml.append("  volume:\n")
                .append("    name: kvstores-ca\n")
                .append("    secret:\n")
                .append("      secretName: ").append(name).append('\n')
                .append("      items:\n");
        for (String[] ca : cas) {
            yaml.append("        - {key: ").append(ca[0]).append(", path: ").append(ca[1]).append("}\n");
        }
        yaml.append("  volumeMount:\n")
                .append("    name: kvstores-ca\n")
                .append("    mountPath: ").append(CA_MOUNT_PATH).append('\n')
                .append("    readOnly: true\n");
        return yaml.toString();
    }
}
