package dev.kvstores.internal;

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
 * Generated passwords of one in-cluster store, kept in Kubernetes Secrets in the store's namespace so the
 * chart reads them via {@code existingSecret} (never a literal in values or synthesized JSON).
 *
 * <p>Children: {@code AdminPassword} + {@code AdminSecret} ({@code <release>-auth}, key
 * {@value #ADMIN_PASSWORD_KEY}); with an ACL user, {@code AppPassword} + {@code AclUsersSecret}
 * ({@code <release>-acl-users}, key = user name). Internal: not part of the public API.
 */
public final class StorePasswords extends Construct {

    /** Key of the admin ({@code default} user) password, as the Bitnami charts expect. */
    public static final String ADMIN_PASSWORD_KEY = "redis-password";

    private final Password admin;
    private final Password app;
    private final String adminSecretName;
    private final String aclUsersSecretName;
    private final List<SecretV1> secrets = new ArrayList<>();

    public StorePasswords(Construct scope, String id, String namespace, String releaseName, String aclUsername,
                          Map<String, String> labels) {
        super(scope, id);
        this.admin = password("AdminPassword");
        this.adminSecretName = releaseName + "-auth";
        secret("AdminSecret", namespace, adminSecretName, Map.of(ADMIN_PASSWORD_KEY, admin.getResult()), labels);
        if (aclUsername != null) {
            this.app = password("AppPassword");
            this.aclUsersSecretName = releaseName + "-acl-users";
            secret("AclUsersSecret", namespace, aclUsersSecretName, Map.of(aclUsername, app.getResult()), labels);
        } else {
            this.app = null;
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
        return admin.getResult();
    }

    /** Terraform expression of the password clients use: the ACL user's, else the admin password. */
    public String clientPassword() {
        return app != null ? app.getResult() : admin.getResult();
    }

    public String adminSecretName() {
        return adminSecretName;
    }

    /** Secret with one key per ACL user, or {@code null} without an ACL user. */
    public String aclUsersSecretName() {
        return aclUsersSecretName;
    }
}
