package dev.kvstores.stacks.platform;

import dev.kvstores.internal.CronSchedule;
import dev.kvstores.stacks.environment.EnvironmentReader;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Reads {@code workerState.backup.schedule} the same way on every platform: the one schedule type
 * ({@link CronSchedule}) checks the fields and that the schedule runs, the platform's conversion says whether its
 * scheduler can express it, and production backs up at least every 24 hours unless
 * {@code workerState.backupExemptionReason} says why less often is enough (then it is the written exemption of
 * KVS-BACKUP-REQUIRED, printed in the report). Problems name the file, the full field path, the value and the fix.
 */
public final class BackupScheduleReader {

    /** The scheduler that runs the backup, with its conversion. */
    public enum Scheduler {
        KUBERNETES_CRONJOB("a Kubernetes CronJob", CronSchedule::kubernetesCronJob),
        EVENTBRIDGE_SCHEDULER("EventBridge Scheduler", CronSchedule::eventBridgeScheduler),
        CLOUD_SCHEDULER("Cloud Scheduler", CronSchedule::cloudScheduler),
        LOGIC_APP_RECURRENCE("a Logic Apps recurrence", CronSchedule::logicAppRecurrence);

        private final String label;
        private final Consumer<CronSchedule> conversion;

        Scheduler(String label, Consumer<CronSchedule> conversion) {
            this.label = label;
            this.conversion = conversion;
        }
    }

    /** The shortest time between two backup runs: a run exports the whole store. */
    static final int MINIMUM_GAP_MINUTES = 60;

    private BackupScheduleReader() {
    }

    /**
     * The shortest time between two starts of {@code schedule}, in minutes, over a week; {@link Integer#MAX_VALUE}
     * when it starts fewer than twice a week.
     */
    static int shortestGapMinutes(CronSchedule schedule) {
        TreeSet<Integer> starts = schedule.startsInWeek();
        if (starts.size() < 2) {
            return Integer.MAX_VALUE;
        }
        int shortest = starts.first() + 7 * 1440 - starts.last();
        Integer previous = null;
        for (int start : starts) {
            if (previous != null) {
                shortest = Math.min(shortest, start - previous);
            }
            previous = start;
        }
        return shortest;
    }

    /**
     * Reads {@code schedule} of {@code backup} (default {@code defaultSchedule}) and checks it; {@code worker} is
     * the {@code workerState} mapping, {@code exemption} its {@code backupExemptionReason} ({@code null}: none).
     *
     * @return the schedule as written, or {@code null} after recording a problem
     */
    public static String read(EnvironmentReader worker, EnvironmentReader backup, String defaultSchedule,
                              boolean production, String exemption, Scheduler scheduler) {
        String text = backup.string("schedule", defaultSchedule, false);
        if (text == null) {
            return null;
        }
        String[] parts = defaultSchedule.split(" ");
        String fix = "; give a cron expression such as '" + defaultSchedule + "' (" + String.format("%02d:%02d",
                Integer.parseInt(parts[1]), Integer.parseInt(parts[0])) + " UTC every night)";
        CronSchedule schedule;
        try {
            schedule = CronSchedule.parse(text);
        } catch (IllegalArgumentException e) {
            backup.problem("schedule", "is '" + text + "', which " + e.getMessage() + fix);
            return null;
        }
        try {
            scheduler.conversion.accept(schedule);
        } catch (CronSchedule.Unsupported e) {
            backup.problem("schedule", "is '" + text + "', which " + scheduler.label + " cannot run: it "
                    + e.getMessage() + fix);
            return null;
        }
        int shortest = shortestGapMinutes(schedule);
        if (shortest < MINIMUM_GAP_MINUTES) {
            backup.problem("schedule", "is '" + text + "', which starts a backup " + (shortest == 1 ? "every minute"
                    : shortest + " minutes after another") + ": each run exports the whole store (and keeps the copy"
                    + " for retentionDays), so runs that close pile up on each other and multiply the stored copies;"
                    + " run at most once an hour" + fix);
            return null;
        }
        String problem = schedule.backupProblem(production, exemption);
        if (problem != null) {
            backup.problem("schedule", "is '" + text + "', which " + problem);
            return null;
        }
        if (exemption != null && schedule.backupProblem(production, null) == null) {
            worker.problem("backupExemptionReason", "is set together with backup; remove one of them (with a backup"
                    + " it is only for a production schedule that runs less often than daily" + (production ? ", and '"
                    + text + "' runs at least every " + CronSchedule.words(schedule.longestGap()) : "") + ")");
        }
        return text;
    }
}
