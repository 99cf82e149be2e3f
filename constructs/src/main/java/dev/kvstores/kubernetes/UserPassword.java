package dev.kvstores.kubernetes;

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
import java.util.Locale;
import java.util.Map;
import software.constructs.Construct;

/**
 * The password of one of a release's own ACL users (the backup job's, the exporter's) and the Secret the pod that
 * uses it mounts.
 *
 * @param value     Terraform expression of the password
 * @param secretName Secret holding it
 * @param key       its key in that Secret
 */
record UserPassword(String value, String secretName, String key) {

    /**
     * Generated ({@code <purpose>Password}) into a Secret {@code <release>-<purpose>-password} written here
     * ({@code <purpose>PasswordSecret}, key {@value BitnamiReleaseSettings#BACKUP_PASSWORD_KEY}), or, with
     * {@code passwordSecretName}, the key named after the user in that Secret ({@code <purpose>PasswordSource}).
     * The children are created in {@code release}, under the ids above.
     */
    static UserPassword create(Construct release, String purpose, BitnamiReleaseSpec spec, String username,
                               Map<String, String> labels) {
        if (spec.passwordSecretName() != null) {
            DataKubernetesSecretV1 existing = new DataKubernetesSecretV1(release, purpose + "PasswordSource",
                    DataKubernetesSecretV1Config.builder().metadata(DataKubernetesSecretV1Metadata.builder()
                            .name(spec.passwordSecretName()).namespace(spec.namespace()).build()).build());
            return new UserPassword(Token.asString(Fn.lookup(existing.getData(), username)),
                    spec.passwordSecretName(), username);
        }
        String password = new Password(release, purpose + "Password",
                PasswordConfig.builder().length(32).special(false).build()).getResult();
        String secretName = spec.releaseName() + "-" + purpose.toLowerCase(Locale.ROOT) + "-password";
        new SecretV1(release, purpose + "PasswordSecret", SecretV1Config.builder()
                .metadata(SecretV1Metadata.builder().name(secretName).namespace(spec.namespace())
                        .labels(labels).build())
                .data(Map.of(BitnamiReleaseSettings.BACKUP_PASSWORD_KEY, password))
                .build());
        return new UserPassword(password, secretName, BitnamiReleaseSettings.BACKUP_PASSWORD_KEY);
    }
}
