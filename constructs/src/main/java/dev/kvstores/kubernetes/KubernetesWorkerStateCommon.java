package dev.kvstores.kubernetes;

import dev.kvstores.StoreProblems;
import java.util.Objects;

/**
 * The durability fields both in-cluster worker state stores (Bitnami, KVRocks) share, defined once and composed into
 * their props; the props' builders delegate to {@link Builder}.
 *
 * @param storageClass   StorageClass of the data volumes; required (an SSD-backed class)
 * @param preventDestroy Terraform {@code prevent_destroy} on the release or StatefulSet. Default: true
 * @param backup         nightly encrypted backup to object storage ({@link WorkerStateBackup}). Default: none (the
 *                       policy rule KVS-BACKUP-REQUIRED fails a production store without one)
 */
public record KubernetesWorkerStateCommon(String storageClass, boolean preventDestroy,
                                          WorkerStateBackupProps backup) {

    public KubernetesWorkerStateCommon {
        Objects.requireNonNull(storageClass, "storageClass");
    }

    /** Validates {@code storageClass} (a DNS label) into {@code problems}; the one place for it. */
    void check(String who, StoreProblems problems) {
        problems.check(() -> KubernetesNames.requireDnsLabel(who, "storageClass", storageClass));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().storageClass(storageClass).preventDestroy(preventDestroy).backup(backup);
    }

    /** Read access to the worker state fields of a props record that composes them. */
    public interface Part {
        /** The composed worker state fields. */
        KubernetesWorkerStateCommon workerState();

        default String storageClass() { return workerState().storageClass(); }
        default boolean preventDestroy() { return workerState().preventDestroy(); }
        default WorkerStateBackupProps backup() { return workerState().backup(); }
    }

    /** Builder of {@link KubernetesWorkerStateCommon}; unset fields take the documented defaults. */
    public static final class Builder {
        private String storageClass;
        private boolean preventDestroy = true;
        private WorkerStateBackupProps backup;

        private Builder() {
        }

        public Builder storageClass(String value) { this.storageClass = value; return this; }
        public Builder preventDestroy(boolean value) { this.preventDestroy = value; return this; }
        public Builder backup(WorkerStateBackupProps value) { this.backup = value; return this; }

        public KubernetesWorkerStateCommon build() {
            return new KubernetesWorkerStateCommon(storageClass, preventDestroy, backup);
        }
    }
}
