package dev.kvstores.aws;

import dev.kvstores.StoreProblems;
import java.util.List;
import java.util.Objects;

/**
 * The durability fields the two AWS worker state stores (ElastiCache, MemoryDB) share, defined once and composed
 * into their props; the props' builders delegate to {@link Builder}.
 *
 * @param shards                 shards / node groups (1-500). Default: 1
 * @param snapshotRetentionLimit days of daily snapshots (1-35). Default: {@value #DEFAULT_SNAPSHOT_RETENTION_LIMIT}
 *                               (the strictest rule, HIPAA/NIST)
 * @param snapshotWindow         daily UTC window {@code hh:mm-hh:mm}, at least 60 minutes, not overlapping the
 *                               maintenance window. Default: {@value #DEFAULT_SNAPSHOT_WINDOW}
 * @param dataTieringEnabled     keep cold data on the node's SSD (r6gd node types only). Default: false
 * @param preventDestroy         Terraform {@code prevent_destroy} on the store. Default: true
 * @param backup                 the nightly, encrypted, off-store backup ({@link WorkerStateExport}). Default: none
 *                               (production requires it or a written exemption, policy rule KVS-BACKUP-REQUIRED)
 * @param restoreFrom            S3 ARNs of {@code .rdb} files ({@code arn:aws:s3:::<bucket>/<key>.rdb}) the new
 *                               store is seeded from ({@code snapshot_arns}; create-only). Default: none
 */
public record AwsWorkerStateCommon(
        int shards,
        int snapshotRetentionLimit,
        String snapshotWindow,
        boolean dataTieringEnabled,
        boolean preventDestroy,
        WorkerStateExportProps backup,
        List<String> restoreFrom) {

    public static final String DEFAULT_SNAPSHOT_WINDOW = "03:00-04:00";
    public static final int DEFAULT_SNAPSHOT_RETENTION_LIMIT = 15;

    public AwsWorkerStateCommon {
        snapshotWindow = Objects.requireNonNullElse(snapshotWindow, DEFAULT_SNAPSHOT_WINDOW);
        restoreFrom = List.copyOf(Objects.requireNonNullElse(restoreFrom, List.of()));
    }

    /**
     * Validates the shared fields into {@code problems}: shards 1-500, snapshot retention 1-35 days, a snapshot
     * window apart from the maintenance window, a backup the store can export, and the restore ARNs. The one place
     * these rules are checked for AWS worker state stores.
     */
    void check(String who, StoreProblems problems, String maintenanceWindow) {
        if (shards < 1 || shards > 500) {
            problems.add("Shards", who + ": shards must be between 1 and 500, got " + shards);
        }
        problems.check(() -> AwsResources.requireRetention(who, "snapshotRetentionLimit", snapshotRetentionLimit,
                1, 35));
        problems.check(() -> AwsResources.requireNoOverlap(who, snapshotWindow, maintenanceWindow));
        problems.check(() -> AwsResources.requireExportable(who, dataTieringEnabled, backup));
        if (backup != null) {
            WorkerStateExport.validate(who, backup, snapshotWindow, maintenanceWindow, problems);
        }
        problems.check(() -> AwsResources.requireRestoreArns(who, restoreFrom));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().shards(shards).snapshotRetentionLimit(snapshotRetentionLimit)
                .snapshotWindow(snapshotWindow).dataTieringEnabled(dataTieringEnabled).preventDestroy(preventDestroy)
                .backup(backup).restoreFrom(restoreFrom);
    }

    /** Read access to the worker state fields of a props record that composes them (e.g. {@code props.shards()}). */
    public interface Part {
        /** The composed worker state fields. */
        AwsWorkerStateCommon workerState();

        default int shards() { return workerState().shards(); }
        default int snapshotRetentionLimit() { return workerState().snapshotRetentionLimit(); }
        default String snapshotWindow() { return workerState().snapshotWindow(); }
        default boolean dataTieringEnabled() { return workerState().dataTieringEnabled(); }
        default boolean preventDestroy() { return workerState().preventDestroy(); }
        default WorkerStateExportProps backup() { return workerState().backup(); }
        default List<String> restoreFrom() { return workerState().restoreFrom(); }
    }

    /** Builder of {@link AwsWorkerStateCommon}; unset fields take the documented defaults. */
    public static final class Builder {
        private int shards = 1;
        private int snapshotRetentionLimit = DEFAULT_SNAPSHOT_RETENTION_LIMIT;
        private String snapshotWindow;
        private boolean dataTieringEnabled;
        private boolean preventDestroy = true;
        private WorkerStateExportProps backup;
        private List<String> restoreFrom = List.of();

        private Builder() {
        }

        public Builder shards(int value) { this.shards = value; return this; }
        public Builder snapshotRetentionLimit(int value) { this.snapshotRetentionLimit = value; return this; }
        public Builder snapshotWindow(String value) { this.snapshotWindow = value; return this; }
        public Builder dataTieringEnabled(boolean value) { this.dataTieringEnabled = value; return this; }
        public Builder preventDestroy(boolean value) { this.preventDestroy = value; return this; }
        public Builder backup(WorkerStateExportProps value) { this.backup = value; return this; }
        public Builder restoreFrom(List<String> value) { this.restoreFrom = value; return this; }

        public AwsWorkerStateCommon build() {
            return new AwsWorkerStateCommon(shards, snapshotRetentionLimit, snapshotWindow, dataTieringEnabled,
                    preventDestroy, backup, restoreFrom);
        }
    }
}
