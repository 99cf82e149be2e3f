package dev.kvstores.stacks.platform;

import dev.kvstores.role.CredentialRotation;
import dev.kvstores.stacks.environment.CredentialsSection;
import dev.kvstores.stacks.environment.EnvironmentReader;

/**
 * The fields of the {@code workerState} section that the managed-cloud platforms (AWS, Azure) share, read once by
 * {@link #read} and composed into their worker state settings, whose accessors come from {@link Part}.
 *
 * @param <B>                   the platform's backup (its props, or their builder)
 * @param preventDestroy        {@code workerState.preventDestroy}: Terraform {@code prevent_destroy} on the store.
 *                              Default: true
 * @param rotation              {@code workerState.credentials.rotation}: a staged rotation of the platform's
 *                              credential, or {@code null}
 * @param backup                {@code workerState.backup}: the nightly off-store backup, or {@code null}
 * @param backupExemptionReason {@code workerState.backupExemptionReason}: the written reason for a production store
 *                              without a backup (or with a schedule less often than daily), or {@code null}
 */
public record WorkerStateSection<B>(boolean preventDestroy, CredentialRotation rotation, B backup,
                                    String backupExemptionReason) {

    /** Reads the platform's {@code workerState.backup}, knowing its {@code backupExemptionReason}. */
    @FunctionalInterface
    public interface BackupReader<B> {
        /**
         * @param workerState the {@code workerState} mapping
         * @param exemption   its {@code backupExemptionReason}, or {@code null}
         * @return the backup, or {@code null} when absent or invalid (problems recorded)
         */
        B read(EnvironmentReader workerState, String exemption, boolean production);
    }

    /**
     * Reads {@code preventDestroy}, {@code credentials}, {@code backupExemptionReason} and {@code backup} (with
     * {@code backup}) of the {@code workerState} mapping {@code r}, in this order (the order of its problems).
     *
     * @return the section, or {@code null} when {@code preventDestroy} is invalid (problems recorded); an invalid
     *         backup is {@code null} in it
     */
    public static <B> WorkerStateSection<B> read(EnvironmentReader r, boolean production, BackupReader<B> backup) {
        Boolean preventDestroy = r.bool("preventDestroy", true);
        CredentialRotation rotation = CredentialsSection.read(r);
        String exemption = r.reason("backupExemptionReason", null, false);
        B read = backup.read(r, exemption, production);
        return preventDestroy == null ? null : new WorkerStateSection<>(preventDestroy, rotation, read, exemption);
    }

    /** Read access to the shared fields of a platform's worker state settings that compose them. */
    public interface Part<B> {
        /** The composed shared fields. */
        WorkerStateSection<B> section();

        default boolean preventDestroy() { return section().preventDestroy(); }
        default CredentialRotation rotation() { return section().rotation(); }
        default B backup() { return section().backup(); }
        default String backupExemptionReason() { return section().backupExemptionReason(); }
    }
}
