package dev.kvstores.internal;

import com.hashicorp.cdktf.Fn;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.kubernetes.data_kubernetes_secret_v1.DataKubernetesSecretV1;
import com.hashicorp.cdktf.providers.kubernetes.data_kubernetes_secret_v1.DataKubernetesSecretV1Config;
import com.hashicorp.cdktf.providers.kubernetes.data_kubernetes_secret_v1.DataKubernetesSecretV1Metadata;
import com.hashicorp.cdktf.providers.kubernetes.secret_v1.SecretV1;
import com.hashicorp.cdktf.providers.kubernetes.secret_v1.SecretV1Config;
import com.hashicorp.cdktf.providers.kubernetes.secret_v1.SecretV1Metadata;
import com.hashicorp.cdktf.providers.random_provider.password.Password;
import com.hashicorp.cdktf.providers.random_provider.password.PasswordConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.constructs.Construct;

/**
 * Passwords of one in-cluster store, kept in Kubernetes Secrets in the store's namespace so the chart reads
 * them via {@code existingSecret} (never a literal in values or synthesized JSON): generated, or read from a
 * Secret the user manages (keys {@value #ADMIN_PASSWORD_KEY} and, with an ACL user, the user's name).
 *
 * <p>Children when generated: {@code AdminPassword} + {@code AdminSecret} ({@code <release>-auth}, key
 * {@value #ADMIN_PASSWORD_KEY}); with an ACL user, {@code AppPassword} + {@code AclUsersSecret}
 * ({@code <release>-acl-users}, key = user name). With an existing Secret: {@code ExistingSecret} (data
 * source). Internal: not part of the public API.
 */
public final class StorePasswords extends Construct {

    /** Key of the admin ({@code default} user) password, as the Bitnami charts expect. */
    public static final String ADMIN_PASSWORD_KEY = "redis-password";

    private final String adminPassword;
    private final String clientPassword;
    private final String adminSecretName;
    private final String aclUsersSecretName;
    private final List<SecretV1> secrets = new ArrayList<>();

    /**
     * @param existingSecretName a Secret in {@code namespace} holding the passwords, or {@code null} to generate
     */
    public StorePasswords(Construct scope, String id, String namespace, String releaseName, String aclUsername,
                          String existingSecretName, Map<String, String> labels) {
        super(scope, id);
        if (existingSecretName != null) {
            DataKubernetesSecretV1 existing = new DataKubernetesSecretV1(this, "ExistingSecret",
                    DataKubernetesSecretV1Config.builder().metadata(DataKubernetesSecretV1Metadata.builder()
                            .name(existingSecretName).namespace(namespace).build()).build());
            this.adminSecretName = existingSecretName;
            this.aclUsersSecretName = aclUsername == null ? null : existingSecretName;
            this.adminPassword = Token.asString(Fn.lookup(existing.getData(), ADMIN_PASSWORD_KEY));
            this.clientPassword = aclUsername == null ? adminPassword
                    : Token.asString(Fn.lookup(existing.getData(), aclUsername));
            return;
        }
        Password admin = password("AdminPassword");
        this.adminPassword = admin.getResult();
        this.adminSecretName = releaseName + "-auth";
        secret("AdminSecret", namespace, adminSecretName, Map.of(ADMIN_PASSWORD_KEY, adminPassword), labels);
        if (aclUsername != null) {
            Password app = password("AppPassword");
            this.clientPassword = app.getResult();
            this.aclUsersSecretName = releaseName + "-acl-users";
            secret("AclUsersSecret", namespace, aclUsersSecretName, Map.of(aclUsername, clientPassword), labels);
        } else {
            this.clientPassword = adminPassword;
            this.aclUsersSecretName = null;
        }
    }

    private Password password(String id) {
        // 32 alphanumerics (~190 bits): no characters that break the charts' shell scripts.
        return new Password(this, id, PasswordConfig.builder().length(32).special(false).build());
    }

    private void secret(String id, String namespace, String name, Map<String, String> data, Map<String, String> labels) {
        secrets.add(new SecretV1(this, id, SecretV1Config.builder()
                .metadata(SecretV1Metadata.builder().name(name).namespace(namespace).labels(new TreeMap<>(labels)).build())
                .type("Opaque")
                .data(data)
                .build()));
    }

    /** The Secrets holding the passwords; the release depends on them. */
    public List<SecretV1> secrets() {
        return List.copyOf(secrets);
    }

    /** Terraform expression of the admin password. */
    public String adminPassword() {
        return adminPassword;
    }

    /** Terraform expression of the password clients use: the ACL user's, else the admin password. */
    public String clientPassword() {
        return clientPassword;
    }

    public String adminSecretName() {
        return adminSecretName;
    }

    /** Secret with one key per ACL user, or {@code null} without an ACL user. */
    public String aclUsersSecretName() {
        return aclUsersSecretName;
    }
}
