package dev.kvstores.role;

import dev.kvstores.StoreConfigException;

/**
 * A staged, zero-downtime rotation of the platform's credential of one store, declared in the environment file
 * ({@code <store>.credentials.rotation: {generation: <n>, phase: add|retire}}) and carried out one
 * {@code cdktf deploy} per phase.
 *
 * <ol>
 *   <li>{@link Phase#ADD}: generation {@code n} gets a new password; the store accepts the passwords of
 *       generations {@code n-1} and {@code n}; the connection Secret switches to generation {@code n} (and carries
 *       {@code reloader.stakater.com/match: "true"}, so Stakater Reloader restarts the platform's pods).</li>
 *   <li>{@link Phase#RETIRE}: after the platform's pods have restarted onto the new URL, the password of
 *       generation {@code n-1} is removed. {@code {generation: n, phase: retire}} is also the steady state until
 *       the next rotation ({@code {generation: n+1, phase: add}}).</li>
 * </ol>
 *
 * <p>Generation 0 is the password created with the store (no {@code credentials.rotation}); generation
 * {@code n >= 1} is a {@code random_password} of its own ({@code keepers = {generation = n}}), so the previous
 * generation's resource stays in state under its own construct ID until retire.
 *
 * @param generation the generation the store is moving to (add) or has moved to (retire); at least 1
 * @param phase      {@link Phase#ADD} or {@link Phase#RETIRE}
 */
public record CredentialRotation(int generation, Phase phase) {

    /** The phase a rotation is in. */
    public enum Phase {
        /** The store accepts the old and the new password; the connection Secret holds the new one. */
        ADD,
        /** The store accepts only the new password. */
        RETIRE;

        /** As written in the environment file. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public CredentialRotation {
        if (phase == null) {
            throw new StoreConfigException("RotationPhase", "credentials.rotation.phase must be add or retire");
        }
        if (generation < 1) {
            throw new StoreConfigException("RotationGeneration", "credentials.rotation.generation must be at least 1"
                    + " (generation 0 is the password the store was created with), got " + generation);
        }
    }

    public static CredentialRotation add(int generation) {
        return new CredentialRotation(generation, Phase.ADD);
    }

    public static CredentialRotation retire(int generation) {
        return new CredentialRotation(generation, Phase.RETIRE);
    }

    /** The generation whose password the store still accepts during {@link Phase#ADD}. */
    public int previousGeneration() {
        return generation - 1;
    }

    /** As written in the environment file, e.g. {@code {generation: 2, phase: add}}. */
    public String label() {
        return "{generation: " + generation + ", phase: " + phase.label() + "}";
    }

    /**
     * Report lines for a store: which phase it is in, what the next {@code cdktf deploy} does, and what the user
     * must do in between. {@code rotation} may be {@code null} (no rotation declared).
     *
     * @param accepts  what the store accepts in this phase, in the backend's words
     * @param retires  what the retire deploy removes, in the backend's words
     */
    public static java.util.List<String> report(CredentialRotation rotation, String accepts, String retires) {
        if (rotation == null) {
            return java.util.List.of("credentials: generation 0, no rotation declared; to rotate, set"
                    + " credentials.rotation: {generation: 1, phase: add} and deploy");
        }
        int n = rotation.generation();
        if (rotation.phase() == Phase.ADD) {
            return java.util.List.of(
                    "credentials: rotation " + rotation.label() + ", phase add: " + accepts
                            + "; the connection Secret holds generation " + n,
                    "  - this deploy: adds generation " + n + " to the store first, then switches the Secret"
                            + " (annotation reloader.stakater.com/match: \"true\": Stakater Reloader restarts the"
                            + " platform's Deployments annotated reloader.stakater.com/search: \"true\")",
                    "  - before the next deploy: check that every platform pod restarted after this deploy"
                            + " (kubectl rollout status; without Reloader: kubectl rollout restart)",
                    "  - next deploy: set phase: retire; it removes generation " + (n - 1) + " (" + retires + ")");
        }
        return java.util.List.of(
                "credentials: rotation " + rotation.label() + ", phase retire: only generation " + n
                        + " is accepted (" + retires + ")",
                "  - next deploy: no credential change; to rotate again set credentials.rotation: {generation: "
                        + (n + 1) + ", phase: add}");
    }
}
