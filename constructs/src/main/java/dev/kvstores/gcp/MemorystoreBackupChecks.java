package dev.kvstores.gcp;

import dev.kvstores.StoreProblems;
import dev.kvstores.internal.CronSchedule;
import dev.kvstores.naming.ObjectStoreNames;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The synthesis-time checks of a {@link MemorystoreBackup}'s props: schedule, names, retention, key, channels. */
final class MemorystoreBackupChecks {

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]");
    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9]([a-z0-9-]{0,28}[a-z0-9])?");
    private static final Pattern KMS_KEY = Pattern.compile(
            "projects/[^/]+/locations/([^/]+)/keyRings/[^/]+/cryptoKeys/[^/]+");
    private static final Pattern CHANNEL = Pattern.compile("projects/[^/]+/notificationChannels/[^/]+");

    private MemorystoreBackupChecks() {
    }

    /**
     * Checks {@code props} against {@code target} and returns the parsed schedule; throws one
     * {@link dev.kvstores.StoreConfigException} naming every problem.
     */
    static CronSchedule validate(MemorystoreBackupProps props, MemorystoreBackup.Target target) {
        String who = "worker-state store (memorystore-redis backup)";
        StoreProblems problems = new StoreProblems(who);
        CronSchedule[] cron = new CronSchedule[1];
        try {
            cron[0] = CronSchedule.parse(props.schedule());
            MaintenanceWindow w = target.maintenanceWindow();
            if (w != null && cron[0].startsWithin(w.day(), w.startHourUtc())) {
                problems.add("BackupSchedule", who + ": schedule '" + props.schedule() + "' starts exports in the"
                        + " maintenance window (" + w.terraformDay() + " " + String.format("%02d:00", w.startHourUtc())
                        + "-" + String.format("%02d:00", (w.startHourUtc() + 1) % 24) + " UTC); an export and"
                        + " maintenance block each other, so pick another hour, e.g. '"
                        + MemorystoreBackupProps.DEFAULT_SCHEDULE + "'");
            }
        } catch (IllegalArgumentException e) {
            problems.add("BackupSchedule", who + ": schedule '" + props.schedule() + "' " + e.getMessage()
                    + ", e.g. '" + MemorystoreBackupProps.DEFAULT_SCHEDULE + "'");
        }
        if (!SEGMENT.matcher(props.environmentName()).matches()) {
            problems.add("BackupEnvironment", who + ": the environment name (environmentName) '"
                    + props.environmentName() + "' must be 1-30 lowercase letters, digits or hyphens: it names the"
                    + " key ring and a path segment");
        }
        String bucket = props.bucketName();
        if (!BUCKET.matcher(bucket).matches() || bucket.startsWith("goog") || bucket.contains("google")) {
            problems.add("BackupBucket", who + ": the bucket name (bucketName) '" + bucket + "' is not one Cloud"
                    + " Storage accepts: use 3-63 lowercase letters, digits, '-' or '_', starting and ending with a"
                    + " letter or digit, without 'goog' at the start or 'google' in it");
        }
        if (!ObjectStoreNames.isFolderPath(props.prefix())) {
            problems.add("BackupPrefix", who + ": the prefix '" + props.prefix() + "' must be path segments of"
                    + " letters, digits, '.', '_', '-' separated by '/', without a leading or trailing '/'; each"
                    + " starts with a letter or digit");
        }
        if (!props.createBucket() && props.retentionDays() != 0) {
            problems.add("BackupRetention", who + ": a retention (retentionDays) applies to a bucket kvstores"
                    + " creates; with an existing bucket its own lifecycle rules keep the exports: remove it");
        } else if (props.retentionDays() < 0 || props.retentionDays() > 3650) {
            problems.add("BackupRetention", who + ": the retention (retentionDays) must be 1 to 3650 days, got "
                    + props.retentionDays());
        }
        if (!props.createBucket() && props.lockRetention()) {
            problems.add("BackupRetentionLock", who + ": lockRetention applies to a bucket kvstores creates; lock an"
                    + " existing bucket's policy yourself (gcloud storage buckets update gs://" + props.bucketName()
                    + " --lock-retention-period) and remove it");
        }
        String key = props.kmsKeyName();
        if (key != null) {
            Matcher m = KMS_KEY.matcher(key);
            if (!props.createBucket()) {
                problems.add("BackupKey", who + ": a key (kmsKeyName) applies to a bucket kvstores creates; an"
                        + " existing bucket's own default key is checked at plan: remove it");
            } else if (!m.matches()) {
                problems.add("BackupKey", who + ": the key (kmsKeyName) '" + key + "' is not a KMS key name,"
                        + " projects/<p>/locations/<region>/keyRings/<r>/cryptoKeys/<k>");
            } else if (!m.group(1).equals(target.region())) {
                problems.add("BackupKey", who + ": the key (kmsKeyName) is in " + m.group(1) + "; Cloud Storage"
                        + " needs a key in the bucket's location, " + target.region());
            }
        }
        for (String channel : props.notificationChannelIds()) {
            if (!CHANNEL.matcher(channel).matches()) {
                problems.add("NotificationChannel", who + ": notification channel must be"
                        + " projects/<project>/notificationChannels/<id>, got '" + channel + "'");
            }
        }
        problems.throwIfAny();
        return cron[0];
    }
}
