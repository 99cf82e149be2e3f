package dev.kvstores.stacks.environment;

import dev.kvstores.role.CredentialRotation;
import java.util.List;

/**
 * {@code <store>.credentials}: {@code rotation: {generation: <n>, phase: add|retire}}, a staged rotation of the
 * platform's credential (see {@link CredentialRotation} and the README, "Rotating credentials").
 */
public final class CredentialsSection {

    private CredentialsSection() {
    }

    /**
     * Reads {@code credentials} of a store section; {@code null} when absent or invalid (problems recorded).
     */
    public static CredentialRotation read(EnvironmentReader store) {
        EnvironmentReader credentials = store.child("credentials", false);
        if (credentials == null) {
            return null;
        }
        EnvironmentReader rotation = credentials.child("rotation", true);
        credentials.rejectUnknownKeys();
        if (rotation == null) {
            return null;
        }
        Integer generation = rotation.integer("generation", null, 1, 1_000_000);
        if (generation == null && !rotation.has("generation")) {
            rotation.problem("generation", "is missing; add it, e.g. 1 (bump it by one to start a new rotation)");
        }
        String phase = rotation.choice("phase", "add", true, List.of("add", "retire"));
        rotation.rejectUnknownKeys();
        if (generation == null || phase == null) {
            return null;
        }
        return new CredentialRotation(generation, "add".equals(phase)
                ? CredentialRotation.Phase.ADD : CredentialRotation.Phase.RETIRE);
    }
}
