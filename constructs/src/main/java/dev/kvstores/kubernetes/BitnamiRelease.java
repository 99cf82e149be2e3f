package dev.kvstores.kubernetes;

import static dev.kvstores.kubernetes.BitnamiReleaseSettings.APP_USER_COMMANDS;
import static dev.kvstores.kubernetes.BitnamiReleaseSettings.MONITORING_USERNAME;

import com.hashicorp.cdktf.Fn;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.helm.release.Release;
import com.hashicorp.cdktf.providers.helm.release.ReleaseConfig;
import com.hashicorp.cdktf.providers.helm.release.ReleaseSetSensitive;
import com.hashicorp.cdktf.providers.kubernetes.data_kubernetes_secret_v1.DataKubernetesSecretV1;
import com.hashicorp.cdktf.providers.kubernetes.data_kubernetes_secret_v1.DataKubernetesSecretV1Config;
import com.hashicorp.cdktf.providers.kubernetes.data_kubernetes_secret_v1.DataKubernetesSecretV1Metadata;
import dev.kvstores.internal.CertificateNames;
import dev.kvstores.internal.StorePasswords;
import dev.kvstores.internal.Values;
import dev.kvstores.kubernetes.BitnamiReleaseSpec.Chart;
import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.StoreRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * One Bitnami {@code redis} or {@code redis-cluster} Helm release with its namespace (Pod Security
 * {@code restricted}), passwords passed as sensitive values (a changed password upgrades the release and rolls
 * the pods), TLS (optionally a cert-manager certificate), NetworkPolicies admitting only the allowed namespaces
 * on Redis and only the monitoring namespace on the exporter, egress limited to the release's pods, DNS and the
 * Kubernetes API, the redis-exporter, PDB, anti-affinity and zone spread. Shared by the in-cluster Redis
 * backends; the chart values are assembled by {@link ReleaseValues}, the fixed ports and ACL rules are
 * {@link BitnamiReleaseSettings}.
 *
 * <p>Children: {@code Namespace} (unless adopted), {@code Certificate} (with an issuer), {@code Passwords},
 * {@code Release} (the {@code helm_release}), {@code CaCertificate} (data source reading the CA of the server
 * certificate after install), and the backup and monitoring users' passwords (see {@link UserPassword}).
 */
final class BitnamiRelease extends Construct {

    private final BitnamiReleaseSpec spec;
    private final StorePasswords passwords;
    private final UserPassword backupPassword;
    private final UserPassword monitoringPassword;
    private final Release release;
    private final String caCertificate;

    BitnamiRelease(Construct scope, String id, BitnamiReleaseSpec spec) {
        super(scope, id);
        this.spec = spec;
        Map<String, String> labels = labels(spec);
        this.passwords = new StorePasswords(this, "Passwords", spec.namespace(), spec.aclUsername(),
                spec.passwordSecretName(), spec.credentialRotation());
        this.backupPassword = spec.backupUsername() == null ? null
                : UserPassword.create(this, "Backup", spec, spec.backupUsername(), labels);
        this.monitoringPassword = UserPassword.create(this, "Monitoring", spec, MONITORING_USERNAME, labels);
        Values values = new ReleaseValues(spec, passwords.clientPassword(), backupPassword, monitoringPassword)
                .values(labels);

        ReleaseConfig.Builder config = ReleaseConfig.builder()
                .name(spec.releaseName())
                .namespace(spec.namespace())
                .repository(spec.chartRepository())
                .chart(spec.chart() == Chart.REDIS ? "redis" : "redis-cluster")
                .version(spec.chartVersion())
                .values(List.of(values.toYaml()))
                .setSensitive(sensitiveValues())
                .atomic(true)
                .cleanupOnFail(true)
                .timeout(900);
        if (spec.preventDestroy()) {
            config.lifecycle(TerraformResourceLifecycle.builder().preventDestroy(true).build());
        }
        if (spec.tlsIssuer() != null) {
            ServerCertificate certificate = new ServerCertificate(this, "Certificate", spec.namespace(),
                    spec.certificateSecret(), spec.tlsIssuer(), certificateNames(), labels);
            config.dependsOn(List.of(certificate.resource()));
        }
        this.release = new Release(this, "Release", config.build());

        DataKubernetesSecretV1 ca = new DataKubernetesSecretV1(this, "CaCertificate",
                DataKubernetesSecretV1Config.builder()
                        .metadata(DataKubernetesSecretV1Metadata.builder()
                                .name(spec.certificateSecret()).namespace(spec.namespace()).build())
                        .dependsOn(List.of(release))
                        .build());
        this.caCertificate = Token.asString(Fn.lookup(ca.getData(), "ca.crt", ""));
        if (spec.createNamespace()) {
            new StoreNamespace(this, "Namespace", spec.namespace(), labels).precede(this);
        }
    }

    /**
     * Passwords as {@code set_sensitive} values: the chart writes the admin password into its own Secret and the
     * ACL users' SHA-256 into {@code users.acl}; both are checksummed into the pod templates, so a new password
     * upgrades the release and rolls the pods.
     */
    private List<ReleaseSetSensitive> sensitiveValues() {
        List<ReleaseSetSensitive> values = new ArrayList<>();
        values.add(ReleaseSetSensitive.builder()
                .name(spec.chart() == Chart.REDIS ? "auth.password" : "password")
                .value(passwords.adminPassword()).type("string").build());
        int user = 0;
        if (spec.chart() == Chart.REDIS && spec.aclUsername() != null) {
            if (passwords.previousClientPassword() != null) {
                // Rotation, phase add: the chart renders one #<sha256> per user, but its commands field is free
                // text, and a #<sha256> there is one more valid ACL rule: the user accepts both passwords. The
                // hash is Terraform's sha256() of the previous generation, never a literal.
                values.add(ReleaseSetSensitive.builder().name("auth.acl.users[" + user + "].commands")
                        .value(APP_USER_COMMANDS + " #" + Fn.sha256(passwords.previousClientPassword()))
                        .type("string").build());
            }
            values.add(ReleaseSetSensitive.builder().name("auth.acl.users[" + user++ + "].password")
                    .value(passwords.clientPassword()).type("string").build());
        }
        if (spec.chart() == Chart.REDIS && spec.backupUsername() != null) {
            values.add(ReleaseSetSensitive.builder().name("auth.acl.users[" + user++ + "].password")
                    .value(backupPassword.value()).type("string").build());
        }
        if (spec.chart() == Chart.REDIS) {
            // Last in the list, so the backup user keeps its index.
            values.add(ReleaseSetSensitive.builder().name("auth.acl.users[" + user + "].password")
                    .value(monitoringPassword.value()).type("string").build());
        }
        return values;
    }

    /**
     * What the chart's own service identities may do in the cluster beyond serving data, for the report: with
     * Sentinel, the chart's Role (list and patch on every pod of the namespace) that kvstores cannot narrow.
     */
    List<String> clusterAccessNotes() {
        if (!(spec.chart() == Chart.REDIS && spec.sentinel() && spec.nodes() > 1)) {
            return List.of();
        }
        return List.of("Kubernetes API: the ServiceAccount of release " + spec.releaseName() + " may list and patch"
                + " every pod of namespace " + spec.namespace() + " (the chart's Role; not narrowed to the release's"
                + " pods: the chart needs rbac.create for its -master Service, and a Role of ours could only add"
                + " rights); only the kubectl-shared sidecar mounts its token, its egress reaches only"
                + " network.apiServerCidrs; keep this namespace to this release (docs/platform-kubernetes.md)");
    }

    /**
     * Report lines on the ACL user's staged rotation: phase add puts the new and the previous password's
     * {@code #<sha256>} into {@code users.acl}, retire keeps only the new one; each change rolls the pods.
     */
    List<String> credentialsReport() {
        return CredentialRotation.report(spec.credentialRotation(), "ACL user " + spec.aclUsername()
                + " accepts both passwords (two #<sha256> in users.acl; the pods roll)",
                "users.acl keeps only the new #<sha256>; the pods roll again");
    }

    /** The names the server certificate must cover (see {@link CertificateNames}). */
    CertificateNames certificateNames() {
        String release = spec.releaseName();
        List<String> services = spec.chart() == Chart.REDIS
                ? List.of(release + "-master", release)
                : List.of(release);
        return CertificateNames.of(spec.namespace(), release + "-headless", services);
    }

    private static Map<String, String> labels(BitnamiReleaseSpec spec) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/part-of", "suprsend");
        labels.put("app.kubernetes.io/managed-by-tool", "kvstores");
        labels.put(StoreRole.LABEL_KEY, spec.role().label());
        return labels;
    }

    /** The {@code helm_release}. */
    Release release() {
        return release;
    }

    /** Terraform expression of the previous password still accepted (rotation phase add), or {@code null}. */
    String previousClientPassword() {
        return passwords.previousClientPassword();
    }

    /** Terraform expression of the password clients use. */
    String clientPassword() {
        return passwords.clientPassword();
    }

    /** Secret the backup job reads its password from, or {@code null} without a backup. */
    String backupPasswordSecret() {
        return backupPassword == null ? null : backupPassword.secretName();
    }

    /** Key of the backup password in {@link #backupPasswordSecret()}. */
    String backupPasswordKey() {
        return backupPassword == null ? null : backupPassword.key();
    }

    /** The Secret holding the server certificate and its {@code ca.crt}. */
    String certificateSecretName() {
        return spec.certificateSecret();
    }

    /** Terraform expression of the PEM CA that signed the server certificate. */
    String caCertificate() {
        return caCertificate;
    }

    /** In-cluster DNS name of a Service of this release. */
    String serviceHost(String serviceName) {
        return serviceName + "." + spec.namespace() + ".svc.cluster.local";
    }
}
