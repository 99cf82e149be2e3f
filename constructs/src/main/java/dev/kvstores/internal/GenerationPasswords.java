package dev.kvstores.internal;

import com.hashicorp.cdktf.providers.random_provider.password.Password;
import com.hashicorp.cdktf.providers.random_provider.password.PasswordConfig;
import dev.kvstores.role.CredentialRotation;
import java.util.Map;
import software.constructs.Construct;

/**
 * The generated passwords of one credential through a {@link CredentialRotation}: generation 0 is
 * {@code random_password} {@code <baseId>} (unchanged, so declaring a rotation replaces nothing), generation
 * {@code n >= 1} is {@code <baseId>Gen<n>} with {@code keepers = {generation = n}}. In phase add both the current
 * and the previous generation exist; in phase retire only the current one. Internal: not part of the public API.
 *
 * @param current  Terraform expression of the password clients use from now on
 * @param previous Terraform expression of the previous generation's password, still accepted; {@code null}
 *                 outside phase add
 */
public record GenerationPasswords(String current, String previous) {

    /** 32 alphanumerics (~190 bits): valid for Redis ACLs, ElastiCache/MemoryDB passwords and AUTH tokens. */
    public static GenerationPasswords of(Construct scope, String baseId, CredentialRotation rotation) {
        if (rotation == null) {
            return new GenerationPasswords(generation(scope, baseId, 0).getResult(), null);
        }
        String current = generation(scope, baseId, rotation.generation()).getResult();
        String previous = rotation.phase() == CredentialRotation.Phase.ADD
                ? generation(scope, baseId, rotation.previousGeneration()).getResult() : null;
        return new GenerationPasswords(current, previous);
    }

    /** Construct ID of a generation's {@code random_password}. */
    public static String id(String baseId, int generation) {
        return generation == 0 ? baseId : baseId + "Gen" + generation;
    }

    private static Password generation(Construct scope, String baseId, int generation) {
        PasswordConfig.Builder config = PasswordConfig.builder().length(32).special(false);
        if (generation > 0) {
            config.keepers(Map.of("generation", String.valueOf(generation)));
        }
        return new Password(scope, id(baseId, generation), config.build());
    }

    /** True while the store accepts two passwords. */
    public boolean dual() {
        return previous != null;
    }
}
