package dev.kvstores.internal;

import com.hashicorp.cdktf.Fn;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.kubernetes.data_kubernetes_secret_v1.DataKubernetesSecretV1;
import com.hashicorp.cdktf.providers.kubernetes.data_kubernetes_secret_v1.DataKubernetesSecretV1Config;
import com.hashicorp.cdktf.providers.kubernetes.data_kubernetes_secret_v1.DataKubernetesSecretV1Metadata;
import com.hashicorp.cdktf.providers.random_provider.password.Password;
import com.hashicorp.cdktf.providers.random_provider.password.PasswordConfig;
import dev.kvstores.role.CredentialRotation;
import software.constructs.Construct;

/**
 * Passwords of one in-cluster store, as Terraform expressions (never literals in synthesized JSON): generated
 * ({@code random_password}), or read on every plan from a Secret the user manages (keys
 * {@value #ADMIN_PASSWORD_KEY} and, with an ACL user, the user's name). The release passes them to the chart as
 * sensitive values, so a changed password changes the release and rolls the pods, and {@code helm template}
 * renders the same users as a real install (no {@code lookup}).
 *
 * <p>Children when generated: {@code AdminPassword} and, with an ACL user, {@code AppPassword} (generation 0)
 * or {@code AppPasswordGen<n>} (see {@link GenerationPasswords}). With an existing
 * Secret: {@code ExistingSecret} (data source). Internal: not part of the public API.
 */
public final class StorePasswords extends Construct {

    /** Key of the admin ({@code default} user) password, as the Bitnami charts name it. */
    public static final String ADMIN_PASSWORD_KEY = "redis-password";

    private final String adminPassword;
    private final String clientPassword;
    private String previousClientPassword;

    /**
     * @param existingSecretName a Secret in {@code namespace} holding the passwords, or {@code null} to generate
     * @param rotation           staged rotation of the ACL user's generated password ({@code AppPassword},
     *                           {@code AppPasswordGen<n>}), or {@code null}; needs an ACL user and generated
     *                           passwords (the store validates this first)
     */
    public StorePasswords(Construct scope, String id, String namespace, String aclUsername,
                          String existingSecretName, CredentialRotation rotation) {
        super(scope, id);
        if (existingSecretName != null) {
            DataKubernetesSecretV1 existing = new DataKubernetesSecretV1(this, "ExistingSecret",
                    DataKubernetesSecretV1Config.builder().metadata(DataKubernetesSecretV1Metadata.builder()
                            .name(existingSecretName).namespace(namespace).build()).build());
            this.adminPassword = Token.asString(Fn.lookup(existing.getData(), ADMIN_PASSWORD_KEY));
            this.clientPassword = aclUsername == null ? adminPassword
                    : Token.asString(Fn.lookup(existing.getData(), aclUsername));
            return;
        }
        this.adminPassword = password("AdminPassword").getResult();
        if (aclUsername == null) {
            this.clientPassword = adminPassword;
            return;
        }
        GenerationPasswords app = GenerationPasswords.of(this, "AppPassword", rotation);
        this.clientPassword = app.current();
        this.previousClientPassword = app.previous();
    }

    private Password password(String id) {
        // 32 alphanumerics (~190 bits): no characters that break the charts' shell scripts.
        return new Password(this, id, PasswordConfig.builder().length(32).special(false).build());
    }

    /** Terraform expression of the admin ({@code default} user) password. */
    public String adminPassword() {
        return adminPassword;
    }

    /**
     * Terraform expression of the ACL user's previous password, still accepted during a rotation's add phase;
     * {@code null} otherwise.
     */
    public String previousClientPassword() {
        return previousClientPassword;
    }

    /** Terraform expression of the password clients use: the ACL user's, else the admin password. */
    public String clientPassword() {
        return clientPassword;
    }
}
