package dev.kvstores.azure;

import dev.kvstores.StoreConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A cron expression ({@code M H * * D}, UTC) as a Logic Apps recurrence ({@code azurerm_logic_app_trigger_recurrence}
 * {@code frequency}, {@code schedule{at_these_minutes, at_these_hours, on_these_days}}, {@code time_zone = "UTC"}).
 * The recurrence can fire at listed minutes of listed hours, every day or on listed weekdays; it has no day of
 * month, month or step ({@code *}{@code /5}) fields, so those are refused with the reason. Source: Logic Apps
 * "Schedule and run recurring workflows" (recurrence {@code schedule}: {@code hours}, {@code minutes},
 * {@code weekDays}), https://learn.microsoft.com/azure/connectors/connectors-native-recurrence. Internal.
 *
 * @param frequency {@code Day} or {@code Week}
 * @param minutes   0-59, sorted
 * @param hours     0-23, sorted
 * @param weekDays  {@code Monday} .. {@code Sunday} (cron order, Sunday first), empty with {@code Day}
 */
record RecurrenceSchedule(String frequency, List<Integer> minutes, List<Integer> hours, List<String> weekDays) {

    /** The recurrence's time zone: cron schedules here are UTC, like the CronJobs' {@code Etc/UTC}. */
    static final String TIME_ZONE = "UTC";

    private static final List<String> DAYS = List.of("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday",
            "Friday", "Saturday");
    private static final Map<String, Integer> DAY_NAMES = Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3,
            "thu", 4, "fri", 5, "sat", 6);

    RecurrenceSchedule {
        minutes = List.copyOf(minutes);
        hours = List.copyOf(hours);
        weekDays = List.copyOf(weekDays);
    }

    /**
     * Parses {@code cron}; a {@link StoreConfigException} (code {@code BackupSchedule}) names what a Logic Apps
     * recurrence cannot express.
     */
    static RecurrenceSchedule parse(String who, String cron) {
        String[] f = cron == null ? new String[0] : cron.trim().split("\\s+");
        if (f.length != 5) {
            throw problem(who, cron, "it needs 5 fields (minute hour day-of-month month day-of-week)");
        }
        if (!"*".equals(f[2]) || !"*".equals(f[3])) {
            throw problem(who, cron, "day of month and month must be '*' (a Logic Apps recurrence runs daily or"
                    + " on weekdays)");
        }
        List<Integer> minutes = numbers(who, cron, "minute", f[0], 0, 59);
        List<Integer> hours = numbers(who, cron, "hour", f[1], 0, 23);
        if ("*".equals(f[4])) {
            return new RecurrenceSchedule("Day", minutes, hours, List.of());
        }
        TreeSet<Integer> days = new TreeSet<>();
        for (String part : f[4].split(",", -1)) {
            Integer day = DAY_NAMES.get(part.toLowerCase(Locale.ROOT));
            if (day == null && part.matches("[0-7]")) {
                day = Integer.parseInt(part) % 7;
            }
            if (day == null) {
                throw problem(who, cron, "day of week must be '*' or a list of 0-7 or sun..sat, got '" + f[4] + "'");
            }
            days.add(day);
        }
        List<String> names = new ArrayList<>();
        days.forEach(d -> names.add(DAYS.get(d)));
        return new RecurrenceSchedule("Week", minutes, hours, names);
    }

    private static List<Integer> numbers(String who, String cron, String field, String value, int min, int max) {
        TreeSet<Integer> out = new TreeSet<>();
        for (String part : value.split(",", -1)) {
            if (!part.matches("[0-9]{1,2}") || Integer.parseInt(part) < min || Integer.parseInt(part) > max) {
                throw problem(who, cron, field + " must be a number " + min + "-" + max + " or a list of them"
                        + " (no '*', ranges or steps), got '" + value + "'");
            }
            out.add(Integer.parseInt(part));
        }
        return List.copyOf(out);
    }

    private static StoreConfigException problem(String who, String cron, String why) {
        return new StoreConfigException("BackupSchedule", who + ": schedule must be a cron expression"
                + " 'M H * * D' in UTC that a Logic Apps recurrence can run, got '" + cron + "': " + why + "; e.g. '"
                + ManagedRedisBackupProps.DEFAULT_SCHEDULE + "'");
    }

    /** E.g. {@code daily at 03:17 UTC} or {@code Monday, Thursday at 03:17, 15:17 UTC}. */
    String describe() {
        List<String> times = new ArrayList<>();
        for (int h : hours) {
            for (int m : minutes) {
                times.add(String.format(Locale.ROOT, "%02d:%02d", h, m));
            }
        }
        return (weekDays.isEmpty() ? "daily" : String.join(", ", weekDays)) + " at " + String.join(", ", times)
                + " UTC";
    }
}
