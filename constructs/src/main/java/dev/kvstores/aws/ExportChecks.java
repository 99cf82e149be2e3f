package dev.kvstores.aws;

import dev.kvstores.StoreConfigException;
import dev.kvstores.StoreProblems;
import dev.kvstores.internal.CronSchedule;
import dev.kvstores.naming.ObjectStoreNames;
import java.util.TreeSet;

/** The synthesis-time checks of a {@link WorkerStateExport}'s props against its store's windows. */
final class ExportChecks {

    /** Minutes before a window in which an export must not start either. */
    private static final int LEAD_MINUTES = 30;

    private ExportChecks() {
    }

    /** Checks the props against the store's windows; problems are recorded under {@code who}. */
    static void validate(String who, WorkerStateExportProps props, String snapshotWindow, String maintenanceWindow,
                         StoreProblems problems) {
        CronSchedule schedule = null;
        try {
            schedule = CronSchedule.parse(props.schedule());
            schedule.eventBridgeScheduler();
        } catch (IllegalArgumentException e) {
            schedule = null;
            problems.add("BackupSchedule", who + ": backup.schedule '" + props.schedule() + "' " + e.getMessage()
                    + "; give a cron expression (" + CronSchedule.FORMAT + ") such as '"
                    + WorkerStateExportProps.DEFAULT_SCHEDULE + "' (01:00 UTC every night)");
        }
        if (schedule != null) {
            TreeSet<Integer> starts = schedule.startsInWeek();
            problems.check(() -> requireClearOfWindows(who, props.schedule(), starts, snapshotWindow,
                    maintenanceWindow));
        }
        if (props.retentionDays() < 1 || props.retentionDays() > 3650) {
            problems.add("BackupRetention", who + ": backup.retentionDays must be between 1 and 3650, got "
                    + props.retentionDays());
        }
        if (props.bucketName() != null && !ObjectStoreNames.isS3Bucket(props.bucketName())) {
            problems.add("BackupBucket", who + ": backup.bucketName '" + props.bucketName() + "' is not a valid S3"
                    + " bucket name (3-63 lowercase letters, digits, dots and hyphens, starting and ending with a"
                    + " letter or digit, not an IP address)");
        }
        boolean retentionValid = props.retentionDays() >= 1 && props.retentionDays() <= 3650;
        if (retentionValid && (props.objectLockDays() < 1 || props.objectLockDays() > props.retentionDays())) {
            problems.add("BackupObjectLock", who + ": backup.objectLockDays must be 1 to retentionDays ("
                    + props.retentionDays() + "), got " + props.objectLockDays() + ": a copy locked longer than it is"
                    + " kept would outlive the retention the report states; lower objectLockDays or raise"
                    + " retentionDays");
        }
        problems.check(() -> AwsResources.requireKmsKeyArn(who, "backup.kmsKeyArn", "BackupKey", props.kmsKeyArn()));
    }

    private static void requireClearOfWindows(String who, String schedule, TreeSet<Integer> starts,
                                              String snapshotWindow, String maintenanceWindow) {
        int[] snapshot = AwsResources.dailyWindow(who, "snapshotWindow", snapshotWindow);
        int[] maintenance = AwsResources.weeklyWindow(who, "maintenanceWindow", maintenanceWindow);
        int week = 7 * 1440;
        for (int start : starts) {
            int minuteOfDay = start % 1440;
            for (int day = -1; day <= 1; day++) {
                int s = day * 1440 + snapshot[0] - LEAD_MINUTES;
                int e = day * 1440 + snapshot[1];
                if (minuteOfDay >= s && minuteOfDay < e) {
                    throw new StoreConfigException("BackupSchedule", who + ": backup.schedule '" + schedule
                            + "' starts inside snapshotWindow " + snapshotWindow + " or the " + LEAD_MINUTES
                            + " minutes before it (the store takes one snapshot at a time); start it earlier or"
                            + " later");
                }
            }
            for (int shift = -week; shift <= week; shift += week) {
                if (start >= maintenance[0] - LEAD_MINUTES + shift && start < maintenance[1] + shift) {
                    throw new StoreConfigException("BackupSchedule", who + ": backup.schedule '" + schedule
                            + "' starts inside maintenanceWindow " + maintenanceWindow + " or the "
                            + LEAD_MINUTES + " minutes before it; start it at another hour");
                }
            }
        }
    }
}
