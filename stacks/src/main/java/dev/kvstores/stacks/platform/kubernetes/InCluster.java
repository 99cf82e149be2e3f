package dev.kvstores.stacks.platform.kubernetes;

import dev.kvstores.images.ImagePolicy;
import dev.kvstores.role.AlertThresholds;
import dev.kvstores.kubernetes.BitnamiImages;
import dev.kvstores.kubernetes.BitnamiRedisCacheStore;
import dev.kvstores.kubernetes.BitnamiRedisCacheStoreProps;
import dev.kvstores.kubernetes.CertificateIssuer;
import dev.kvstores.kubernetes.ClusterEgress;
import dev.kvstores.kubernetes.ClusterProviders;
import dev.kvstores.kubernetes.MonitoredStore;
import dev.kvstores.kubernetes.StoreAlerts;
import dev.kvstores.kubernetes.StoreDashboard;
import dev.kvstores.kubernetes.StoreMonitoringProps;
import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.SizePreset;
import dev.kvstores.role.StoreRole;
import dev.kvstores.role.StoreSize;
import dev.kvstores.stacks.environment.CredentialsSection;
import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.environment.EnvironmentReader;
import dev.kvstores.stacks.environment.FieldShape;
import dev.kvstores.stacks.environment.KubernetesAccess;
import dev.kvstores.stacks.platform.AlertThresholdsReader;
import dev.kvstores.stacks.platform.PlatformStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * What every platform that runs a store inside a Kubernetes cluster reads and builds alike: the
 * {@code certManager}, {@code monitoring}, {@code images} sections and {@code network.allowedNamespaces}, the
 * Bitnami {@code cache} section, the Helm provider and the Cache Store's release with its alerts. Used by
 * {@code platform: kubernetes} and by {@code platform: azure} with {@code cache.service: in-cluster} (the cache on
 * AKS), so both read and check these fields in one place.
 */
public final class InCluster {

    static final List<String> SIZES = List.of("small", "medium", "large");

    private InCluster() {
    }

    /**
     * The cluster-wide settings of the in-cluster stores.
     *
     * @param allowedNamespaces     {@code network.allowedNamespaces}: namespaces admitted to the stores
     * @param images                the {@code images} section (source, tags, digests, exemptions)
     * @param monitoringNamespace   {@code monitoring.namespace}: the only namespace admitted to the exporters
     * @param certificateIssuer     {@code certManager.issuer} / {@code issuerKind}, or {@code null}
     * @param prometheusRules       {@code monitoring.prometheusRules}: PrometheusRule, ServiceMonitor and dashboard
     * @param ruleLabels            {@code monitoring.ruleLabels}
     * @param alertThresholds       {@code monitoring.thresholds}: the defaults with this environment's overrides
     * @param egress                {@code network.clusterDns} and {@code network.apiServerCidrs}
     */
    public record Cluster(List<String> allowedNamespaces, ImageSettings images,
                          String monitoringNamespace, CertificateIssuer certificateIssuer, boolean prometheusRules,
                          Map<String, String> ruleLabels, AlertThresholds alertThresholds, ClusterEgress egress) {
    }

    /** True when the cache runs Sentinel (its pods then call the Kubernetes API). */
    public static boolean sentinel(KubernetesSettings.Cache cache) {
        return cache.sentinel() && cache.nodes() > 1;
    }

    /**
     * {@code network.apiServerCidrs}: a production stack whose Sentinel pods call the Kubernetes API must name the
     * API server's addresses, else their egress rule would admit any address on 443/6443.
     */
    public static void requireApiServerCidrs(EnvironmentReader network, Cluster cluster, boolean production,
                                             boolean sentinel) {
        if (network != null && production && sentinel && cluster.egress().apiServerCidrs().isEmpty()) {
            network.problem("apiServerCidrs", "is missing: the Sentinel pods call the Kubernetes API (the sidecar"
                    + " that moves the -master Service), and in production their egress must name the API server's"
                    + " addresses; list them with " + ClusterEgress.API_SERVER_CIDRS_HINT + " and add each as"
                    + " <ip>/32, e.g. apiServerCidrs: [10.0.0.15/32]");
        }
    }

    /** {@code network.clusterDns} ({@code namespace}, {@code podLabels}) and {@code network.apiServerCidrs}. */
    private static ClusterEgress egress(EnvironmentReader network) {
        if (network == null) {
            return ClusterEgress.defaults();
        }
        ClusterEgress.Builder egress = ClusterEgress.builder();
        EnvironmentReader dns = network.child("clusterDns", false);
        if (dns != null) {
            egress.dnsNamespace(dns.dnsLabel("namespace", ClusterEgress.DEFAULT_DNS_NAMESPACE, false));
            Map<String, String> labels = dns.labels("podLabels");
            if (labels != null) {
                egress.dnsPodLabels(labels);
            }
            dns.rejectUnknownKeys();
        }
        List<String> cidrs = network.strings("apiServerCidrs", false);
        if (cidrs != null) {
            for (String cidr : cidrs) {
                if (!ClusterEgress.isCidr(cidr)) {
                    network.problem("apiServerCidrs", "'" + cidr + "' is not a CIDR block; give each API server"
                            + " address as <ip>/32 (list them with " + ClusterEgress.API_SERVER_CIDRS_HINT + ")");
                } else if (cidr.endsWith("/0")) {
                    network.problem("apiServerCidrs", "contains " + cidr + ", which is every address: the Sentinel"
                            + " pods could reach any host on 443/6443; give each API server address as <ip>/32"
                            + " (list them with " + ClusterEgress.API_SERVER_CIDRS_HINT + ")");
                }
            }
            egress.apiServerCidrs(cidrs);
        }
        return egress.build();
    }

    /**
     * Reads {@code monitoring}, {@code certManager} and {@code images} of {@code top} and the required
     * {@code allowedNamespaces} of {@code network} (whose other fields, and its unknown keys, the caller checks).
     *
     * @return the settings, or {@code null} after recording problems
     */
    public static Cluster read(EnvironmentReader top, EnvironmentReader network) {
        EnvironmentReader monitoring = top.child("monitoring", false);
        AlertThresholds thresholds = monitoring == null ? AlertThresholds.defaults()
                : thresholds(monitoring.child("thresholds", false));
        Cluster cluster = read(top, network, monitoring, thresholds);
        if (monitoring != null) {
            monitoring.rejectUnknownKeys();
        }
        return thresholds == null ? null : cluster;
    }

    /**
     * As {@link #read(EnvironmentReader, EnvironmentReader)} for a platform whose {@code monitoring} section has
     * fields of its own (e.g. Azure's {@code actionGroupId}): reads only {@code namespace},
     * {@code prometheusRules} and {@code ruleLabels} of {@code monitoring} (may be null), takes the thresholds the
     * caller read, and leaves the unknown-key check of {@code monitoring} to the caller.
     */
    public static Cluster read(EnvironmentReader top, EnvironmentReader network, EnvironmentReader monitoring,
                               AlertThresholds thresholds) {
        int before = top.problemCount();
        String monitoringNamespace = BitnamiRedisCacheStoreProps.DEFAULT_MONITORING_NAMESPACE;
        Boolean prometheusRules = Boolean.FALSE;
        Map<String, String> ruleLabels = Map.of();
        if (monitoring != null) {
            monitoringNamespace = monitoring.dnsLabel("namespace", monitoringNamespace, false);
            prometheusRules = monitoring.bool("prometheusRules", false);
            ruleLabels = monitoring.labels("ruleLabels");
        }
        EnvironmentReader certManager = top.child("certManager", false);
        CertificateIssuer issuer = null;
        if (certManager != null) {
            String issuerName = certManager.dnsSubdomain("issuer", "internal-ca", true);
            String issuerKind = certManager.choice("issuerKind", "ClusterIssuer", false,
                    List.of("ClusterIssuer", "Issuer"));
            certManager.rejectUnknownKeys();
            if (issuerName != null && issuerKind != null) {
                issuer = new CertificateIssuer(issuerKind, issuerName);
            }
        }
        List<String> allowed = network == null ? List.of()
                : network.strings("allowedNamespaces", true, FieldShape.DNS_LABEL);
        ClusterEgress egress = egress(network);
        boolean failed = top.problemCount() > before;
        // A malformed digest is recorded here and again (once) by the image check, which still runs with the
        // other images so that one run lists every image problem.
        ImageSettings images = ImageSettings.read(top.child("images", false));
        if (failed || monitoringNamespace == null || prometheusRules == null || thresholds == null) {
            return null;
        }
        return new Cluster(allowed, images, monitoringNamespace, issuer, prometheusRules, ruleLabels,
                thresholds, egress);
    }

    /**
     * {@code monitoring.thresholds}: overrides of {@link AlertThresholds}' defaults; percentages as integers,
     * durations as {@code 30s}, {@code 5m} or {@code 1h}.
     */
    private static AlertThresholds thresholds(EnvironmentReader r) {
        if (r == null) {
            return AlertThresholds.defaults();
        }
        AlertThresholds thresholds = AlertThresholdsReader.read(r);
        r.rejectUnknownKeys();
        return thresholds;
    }

    /**
     * The Bitnami Cache Store's fields of a {@code cache} section (the caller may read others first, e.g.
     * {@code service}); rejects unknown keys.
     *
     * @param namespaceRequired true when {@code namespace} must be written out (else {@code redis-cache})
     * @return the settings, or {@code null} after recording problems
     */
    public static KubernetesSettings.Cache readCache(EnvironmentReader r, boolean namespaceRequired) {
        if (r == null) {
            return null;
        }
        String namespace = r.dnsLabel("namespace", "redis-cache", namespaceRequired);
        String release = r.dnsLabel("releaseName", "redis-cache", false);
        String chartVersion = r.string("chartVersion", BitnamiRedisCacheStoreProps.DEFAULT_CHART_VERSION, false);
        String preset = r.choice("size", "small", false, SIZES);
        StoreSize size = KubernetesSettingsReader.size(r, preset, SizePreset::cache, null);
        Integer nodes = r.integer("nodes", 3, 1, 15);
        Boolean sentinel = r.bool("sentinel", true);
        String eviction = r.choice("evictionPolicy", "allkeys-lru", false, List.of("allkeys-lru", "volatile-lru"));
        String user = r.aclUsername("aclUsername", "suprsend-cache");
        String tag = r.shaped("redisImageTag", null, false, FieldShape.IMAGE_TAG);
        String tls = r.secretName("tlsSecretName", null, false);
        String passwords = r.secretName("passwordSecretName", null, false);
        Boolean monitor = r.bool("serviceMonitor", false);
        CredentialRotation rotation = CredentialsSection.read(r);
        r.rejectUnknownKeys();
        if (namespace == null || release == null || size == null || nodes == null || sentinel == null
                || eviction == null || monitor == null) {
            return null;
        }
        return KubernetesSettings.Cache.builder().namespace(namespace).releaseName(release).chartVersion(chartVersion)
                .sizePreset(preset).size(size).nodes(nodes).sentinel(sentinel)
                .evictionPolicy(EvictionPolicy.fromRedisName(eviction)).aclUsername(user).redisImageTag(tag)
                .tlsSecretName(tls).passwordSecretName(passwords).serviceMonitor(monitor).rotation(rotation).build();
    }

    /**
     * When the stack creates a store's namespace, Secrets the store needs cannot exist before the first apply:
     * a TLS Secret needs {@code certManager.issuer}, a password Secret cannot be named.
     */
    public static void requireCreatableSecrets(EnvironmentReader top, String store, String tlsSecretName,
                                               String passwordSecretName, CertificateIssuer issuer,
                                               boolean createNamespaces) {
        if (!createNamespaces) {
            return;
        }
        if (tlsSecretName != null && issuer == null) {
            top.problem(store + ".tlsSecretName", "'" + tlsSecretName + "' must exist before the first apply,"
                    + " but this stack creates the namespace; add certManager.issuer (kvstores then requests"
                    + " the certificate from cert-manager), or set kubernetes.createNamespaces: false and"
                    + " create the namespace and the Secret first");
        }
        if (passwordSecretName != null) {
            top.problem(store + ".passwordSecretName", "'" + passwordSecretName + "' must exist before the first"
                    + " apply, but this stack creates the namespace; set kubernetes.createNamespaces: false"
                    + " and create the namespace and the Secret first, or remove it to generate passwords");
        }
    }

    /** Configures the Helm provider for the cluster the connection Secret goes to. */
    public static void helmProvider(PlatformStack stack, KubernetesAccess access) {
        ClusterProviders.helm(stack, access.configPath(), access.configContext());
    }

    static BitnamiImages images(Cluster cluster, String redisTag) {
        return cluster.images().forStore(redisTag);
    }

    /**
     * The images the cache of {@code c} runs, as {@link ImagePolicy} checks them: Redis (tag from
     * {@code cache.redisImageTag} when set), the exporter, and with Sentinel failover Sentinel and kubectl (the
     * sidecar that moves the {@code -master} Service). The charts' os-shell init containers are off: not run.
     */
    public static List<ImagePolicy.Use> cacheImages(Cluster cluster, KubernetesSettings.Cache c) {
        return redisImages(cluster.images(), "cache", c.redisImageTag(), c.sentinel() && c.nodes() > 1, false);
    }

    static List<ImagePolicy.Use> redisImages(ImageSettings images, String section, String redisTag,
                                             boolean sentinel, boolean redisCluster) {
        BitnamiImages store = images.forStore(redisTag);
        String override = redisTag == null ? null : section + ".redisImageTag";
        List<ImagePolicy.Use> uses = new ArrayList<>();
        uses.add(images.use(redisCluster ? "redisCluster" : "redis", store, override, "redis"));
        if (sentinel) {
            uses.add(images.use("redisSentinel", store, override, "redis"));
            uses.add(images.use("kubectl", store, null, null));
        }
        uses.add(images.use("redisExporter", store, null, "redis_exporter"));
        return uses;
    }

    /**
     * Checks {@code uses} (duplicates by field and reference counted once): refusals (production, or a malformed
     * digest) go to {@code top}.
     */
    public static void checkImages(EnvironmentReader top, ImageSettings images, List<ImagePolicy.Use> uses,
                                   boolean production) {
        imageCheck(images, uses, production).problems().forEach(f -> top.problemOnce(f.field(), f.message()));
    }

    /** {@link ImagePolicy} over {@code uses}, each field and reference once. */
    public static ImagePolicy.Result imageCheck(ImageSettings images, List<ImagePolicy.Use> uses,
                                                boolean production) {
        Map<String, ImagePolicy.Use> distinct = new java.util.LinkedHashMap<>();
        uses.forEach(u -> distinct.putIfAbsent(u.field() + " " + u.reference(), u));
        return images.check(List.copyOf(distinct.values()), production);
    }

    /** The report's image lines and the development warnings of {@code uses}. */
    public static void reportImages(PlatformStack stack, ImageSettings images, List<ImagePolicy.Use> uses,
                                    boolean production) {
        ImagePolicy.Result result = imageCheck(images, uses, production);
        stack.reportImages(result.report(), result.warnings());
    }

    /** The Cache Store as a Bitnami {@code redis} release (child ID {@code Cache}). */
    public static BitnamiRedisCacheStore cache(PlatformStack stack, Environment environment, Cluster cluster,
                                               KubernetesSettings.Cache c, boolean createNamespace) {
        return new BitnamiRedisCacheStore(stack, "Cache", BitnamiRedisCacheStoreProps.builder()
                .namespace(c.namespace())
                .allowedNamespaces(cluster.allowedNamespaces())
                .releaseName(c.releaseName())
                .chartVersion(c.chartVersion())
                .images(images(cluster, c.redisImageTag()))
                .nodes(c.nodes())
                .sentinelEnabled(c.sentinel())
                .size(c.size())
                .evictionPolicy(c.evictionPolicy())
                .aclUsername(c.aclUsername())
                .tlsSecretName(c.tlsSecretName())
                .passwordSecretName(c.passwordSecretName())
                .serviceMonitorEnabled(c.serviceMonitor() || cluster.prometheusRules())
                .serviceMonitorLabels(cluster.ruleLabels())
                .haExemptionReason(environment.highAvailabilityRelaxation("cache"))
                .monitoringNamespace(cluster.monitoringNamespace())
                .createNamespace(createNamespace)
                .tlsIssuer(cluster.certificateIssuer())
                .credentialRotation(c.rotation())
                .egress(cluster.egress())
                .build());
    }

    /** The report line of a store whose exporter nobody scrapes ({@code monitoring.prometheusRules} off). */
    public static void reportMonitoringOff(PlatformStack stack, StoreRole role) {
        stack.reportMonitoring(role, List.of("alerts: none (monitoring.prometheusRules is off; the exporters on port"
                + " 9121 are not scraped by a ServiceMonitor of kvstores)"));
    }

    /**
     * With {@code monitoring.prometheusRules}: the store's PrometheusRule and dashboard (from what the store knows,
     * plus the cluster's rule labels and thresholds), listed in the report.
     */
    public static <S extends Construct & MonitoredStore> void watch(PlatformStack stack, Cluster cluster, S store) {
        StoreMonitoringProps props = store.monitoring().ruleLabels(cluster.ruleLabels())
                .thresholds(cluster.alertThresholds()).build();
        StoreAlerts alerts = StoreAlerts.of(store, props);
        StoreDashboard.of(store, props);
        List<String> lines = new ArrayList<>();
        lines.add("alerts: PrometheusRule `" + props.namespace() + "/" + props.storeName() + "-alerts`, notifying"
                + " through the Alertmanager of namespace `" + cluster.monitoringNamespace() + "` (route by label"
                + " severity: page / warn / info); ServiceMonitor on the exporter (port 9121); Grafana dashboard"
                + " ConfigMap `" + props.namespace() + "/" + props.storeName() + "-dashboard`");
        alerts.describe().forEach(line -> lines.add("  - " + line));
        stack.reportMonitoring(props.role(), lines);
    }
}
