package dev.kvstores.azure;

import dev.kvstores.role.CredentialRotation;
import java.util.List;

/**
 * A {@link CredentialRotation} on Azure: the caches have a primary and a secondary access key, both always valid,
 * and the pinned azurerm provider (14.23.1 bindings) has no resource that regenerates one; Terraform reads both
 * keys on every refresh. So the rotation alternates the key the connection Secret carries (generation {@code n}:
 * the secondary key when {@code n} is odd, the primary when even), and the user regenerates keys out of band:
 * the key about to be used before phase add (it is unused then), the retired one after phase retire.
 * Internal to the Azure stores.
 */
final class AccessKeyRotation {

    private AccessKeyRotation() {
    }

    /** True when the connection Secret carries the secondary key. */
    static boolean secondary(CredentialRotation rotation) {
        return rotation != null && rotation.generation() % 2 == 1;
    }

    private static String key(int generation) {
        return generation % 2 == 1 ? "Secondary" : "Primary";
    }

    /**
     * Report lines: phase, what the next deploy does, and the out-of-band commands in between.
     *
     * @param regenerate the CLI command regenerating a key, with {@code %s} for {@code Primary}/{@code Secondary}
     */
    static List<String> report(CredentialRotation rotation, String regenerate) {
        if (rotation == null) {
            return List.of("credentials: generation 0, the URL uses the primary access key; to rotate: run `"
                    + String.format(regenerate, "Secondary") + "` (unused key), then set credentials.rotation:"
                    + " {generation: 1, phase: add} and deploy");
        }
        int n = rotation.generation();
        String current = key(n);
        String previous = key(n - 1);
        if (rotation.phase() == CredentialRotation.Phase.ADD) {
            return List.of(
                    "credentials: rotation " + rotation.label() + ", phase add: the URL uses the " + current
                            + " access key; the " + previous + " key stays valid (Azure keeps both keys valid)",
                    "  - before this deploy: `" + String.format(regenerate, current) + "` (the " + current
                            + " key is unused until this deploy; Terraform reads the new value on refresh)",
                    "  - this deploy: switches the connection Secret to the " + current + " key (annotation"
                            + " reloader.stakater.com/match: \"true\": Stakater Reloader restarts the platform)",
                    "  - before the next deploy: check that every platform pod restarted after this deploy",
                    "  - next deploy: set phase: retire, deploy (no change to Azure), then run `"
                            + String.format(regenerate, previous) + "`: the old key stops working");
        }
        return List.of(
                "credentials: rotation " + rotation.label() + ", phase retire: the URL uses the " + current
                        + " access key",
                "  - after this deploy: `" + String.format(regenerate, previous) + "` retires the old key (Terraform"
                        + " cannot: no key-regeneration resource in the pinned azurerm provider)",
                "  - next rotation: `" + String.format(regenerate, previous) + "` if not done, then"
                        + " credentials.rotation: {generation: " + (n + 1) + ", phase: add}");
    }
}
