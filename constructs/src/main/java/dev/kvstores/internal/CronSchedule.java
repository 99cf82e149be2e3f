package dev.kvstores.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The one schedule type of the library: a five-field cron expression ({@code minute hour day-of-month month
 * day-of-week}) evaluated in UTC, with every platform's conversion and the backup rules. Accepted: {@code *},
 * numbers, ranges {@code a-b}, lists {@code a,b}, steps {@code *}{@code /n}, {@code a/n} and {@code a-b/n}, month
 * names {@code JAN}-{@code DEC} and day names {@code SUN}-{@code SAT} (any case); day-of-week 0 and 7 are Sunday.
 * When both day fields are restricted (neither starts with {@code *}) a day matches either, as in cron(8) and
 * Kubernetes. Not accepted: {@code ?}, {@code L}, {@code W}, {@code #} and macros such as {@code @daily}.
 *
 * <p>Rules ({@link #parse}): every field in range, and a schedule that runs at all ({@code 17 3 31 2 *} never
 * does); {@link #backupProblem} adds the production rule (at least one run every 24 hours, unless a written
 * reason is given). Conversions: {@link #kubernetesCronJob()}, {@link #cloudScheduler()},
 * {@link #eventBridgeScheduler()} and {@link #logicAppRecurrence()}; a platform that cannot express a schedule
 * refuses it with the reason ({@link Unsupported}). The recovery point of a backup on this schedule is
 * {@link #longestGap()}.
 */
public final class CronSchedule {

    /** What a schedule looks like, for error messages. */
    public static final String FORMAT = "five fields 'minute hour day-of-month month day-of-week', UTC";
    /** The most time production allows between two backups. */
    public static final Duration PRODUCTION_BACKUP_GAP = Duration.ofHours(24);

    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final List<String> WEEKDAY_NAMES = List.of("Sunday", "Monday", "Tuesday", "Wednesday",
            "Thursday", "Friday", "Saturday");
    private static final String[] FIELD_NAMES = {"minute", "hour", "day-of-month", "month", "day-of-week"};
    /** Eight years: every day-of-month/day-of-week combination and two 29 Februaries. */
    private static final int SCAN_DAYS = 8 * 366;
    private static final LocalDate SCAN_START = LocalDate.of(2024, 1, 1);

    private final String expression;
    private final String[] fieldTexts;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean domRestricted;
    private final boolean dowRestricted;
    private final Duration longestGap;

    private CronSchedule(String expression, String[] fieldTexts, BitSet[] fields) {
        this.expression = expression;
        this.fieldTexts = fieldTexts;
        this.minutes = fields[0];
        this.hours = fields[1];
        this.daysOfMonth = fields[2];
        this.months = fields[3];
        this.daysOfWeek = fields[4];
        this.domRestricted = !fieldTexts[2].startsWith("*");
        this.dowRestricted = !fieldTexts[4].startsWith("*");
        this.longestGap = computeLongestGap();
    }

    /** A schedule a platform cannot express; the message says why. */
    public static final class Unsupported extends IllegalArgumentException {
        Unsupported(String message) {
            super(message);
        }
    }

    /**
     * Parses {@code expression} and checks that it runs.
     *
     * @throws IllegalArgumentException naming the field and the value that is wrong, and what is allowed, or
     *                                  saying that the schedule never runs
     */
    public static CronSchedule parse(String expression) {
        Objects.requireNonNull(expression, "expression");
        String[] parts = expression.trim().split("\\s+");
        if (expression.isBlank() || parts.length != 5) {
            throw new IllegalArgumentException("has " + (expression.isBlank() ? 0 : parts.length) + " fields; a cron"
                    + " expression has " + FORMAT);
        }
        int[][] ranges = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};
        BitSet[] fields = new BitSet[5];
        for (int i = 0; i < 5; i++) {
            fields[i] = field(FIELD_NAMES[i], parts[i], ranges[i][0], ranges[i][1], i == 3 ? MONTHS : i == 4 ? DAYS
                    : List.of(), i == 3 ? 1 : 0);
        }
        if (fields[4].get(7)) {
            fields[4].set(0);
            fields[4].clear(7);
        }
        CronSchedule schedule = new CronSchedule(expression.trim(), parts, fields);
        if (!schedule.runsInScan()) {
            throw new IllegalArgumentException("never runs (no " + schedule.dayText() + " exists)");
        }
        return schedule;
    }

    private static BitSet field(String name, String text, int min, int max, List<String> names, int firstName) {
        BitSet out = new BitSet(max + 1);
        for (String item : text.split(",", -1)) {
            String range = item;
            int step = 1;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                step = number(name, item, item.substring(slash + 1), 1, max - min + 1, List.of(), 0);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max == 7 ? 6 : max;
            } else if (range.contains("-")) {
                int dash = range.indexOf('-');
                from = number(name, item, range.substring(0, dash), min, max, names, firstName);
                to = number(name, item, range.substring(dash + 1), min, max, names, firstName);
                if (to < from) {
                    throw new IllegalArgumentException(name + " field '" + text + "': range '" + range
                            + "' ends before it starts");
                }
            } else {
                from = number(name, item, range, min, max, names, firstName);
                to = slash >= 0 ? (max == 7 ? 6 : max) : from;
            }
            for (int v = from; v <= to; v += step) {
                out.set(v);
            }
        }
        return out;
    }

    private static int number(String name, String item, String text, int min, int max, List<String> names,
                              int firstName) {
        int index = names.indexOf(text.toUpperCase(Locale.ROOT));
        if (index >= 0) {
            return index + firstName;
        }
        if (!text.matches("[0-9]{1,2}")) {
            throw new IllegalArgumentException(name + " field has '" + item + "'; allowed: numbers " + min + "-" + max
                    + (names.isEmpty() ? "" : " or " + names.get(0) + "-" + names.get(names.size() - 1))
                    + ", '*', ranges a-b, lists a,b and steps */n (no '?', 'L', 'W', '#')");
        }
        int value = Integer.parseInt(text);
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " field has " + value + ", outside " + min + "-" + max);
        }
        return value;
    }

    /** The expression as given (trimmed). */
    public String expression() {
        return expression;
    }

    // ---- rules ----

    /**
     * The backup rule on top of {@link #parse}: in production a backup runs at least every
     * {@link #PRODUCTION_BACKUP_GAP} unless {@code lessOftenReason} (a written reason, 10+ characters) says why not.
     *
     * @return {@code null}, or the problem with its fix (no field name: the caller names the field)
     */
    public String backupProblem(boolean production, String lessOftenReason) {
        if (!production || longestGap.compareTo(PRODUCTION_BACKUP_GAP) <= 0) {
            return null;
        }
        if (lessOftenReason != null && lessOftenReason.strip().length() >= 10) {
            return null;
        }
        return "leaves up to " + words(longestGap) + " between two backups, so a restore could lose that much;"
                + " production backs up at least every 24 h: give a daily time such as '17 3 * * *' (03:17 UTC"
                + " every night), or write why less often is enough in workerState.backupExemptionReason";
    }

    /**
     * The production rule as the policy rules apply it to a synthesized schedule: {@code null} when {@code cron}
     * parses and runs at least every 24 hours, else what is wrong (for KVS-BACKUP-REQUIRED).
     */
    public static String productionScheduleProblem(String cron) {
        try {
            Duration gap = parse(cron == null ? "" : cron).longestGap();
            return gap.compareTo(PRODUCTION_BACKUP_GAP) <= 0 ? null : "schedule '" + cron + "' leaves up to "
                    + words(gap) + " between backups; production needs one at least every 24 h (nightly)";
        } catch (IllegalArgumentException e) {
            return "schedule '" + cron + "' " + e.getMessage();
        }
    }

    // ---- evaluation ----

    /** True when a run starts on {@code day} (UTC) in the hour from {@code hourUtc}:00 to {@code hourUtc}:59. */
    public boolean startsWithin(DayOfWeek day, int hourUtc) {
        if (!hours.get(hourUtc) || minutes.isEmpty()) {
            return false;
        }
        for (int d = 0; d < SCAN_DAYS; d++) {
            LocalDate date = SCAN_START.plusDays(d);
            if (date.getDayOfWeek() == day && firesOn(date)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every start time as minutes after Sunday 00:00 UTC (0 .. 10079), over every calendar pattern: for checks
     * against weekly and daily windows.
     */
    public TreeSet<Integer> startsInWeek() {
        BitSet weekdays = new BitSet(7);
        for (int d = 0; d < SCAN_DAYS && weekdays.cardinality() < 7; d++) {
            LocalDate date = SCAN_START.plusDays(d);
            if (firesOn(date)) {
                weekdays.set(date.getDayOfWeek().getValue() % 7);
            }
        }
        TreeSet<Integer> out = new TreeSet<>();
        for (int w = weekdays.nextSetBit(0); w >= 0; w = weekdays.nextSetBit(w + 1)) {
            for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
                for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
                    out.add(w * 1440 + h * 60 + m);
                }
            }
        }
        return out;
    }

    /**
     * The longest time between two consecutive runs over eight years from 2024 (every calendar pattern, leap days
     * included): the recovery point of a backup on this schedule.
     */
    public Duration longestGap() {
        return longestGap;
    }

    private Duration computeLongestGap() {
        long first = -1;
        long previous = -1;
        long longest = 0;
        for (int d = 0; d < SCAN_DAYS; d++) {
            LocalDate date = SCAN_START.plusDays(d);
            if (!firesOn(date)) {
                continue;
            }
            for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
                for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
                    long minute = d * 1440L + h * 60L + m;
                    if (previous >= 0) {
                        longest = Math.max(longest, minute - previous);
                    } else {
                        first = minute;
                    }
                    previous = minute;
                }
            }
        }
        if (previous < 0) {
            return null;
        }
        if (previous == first) {
            // one run in eight years cannot happen with five fields, but say "eight years" rather than nothing
            return Duration.ofDays(SCAN_DAYS);
        }
        return Duration.ofMinutes(longest);
    }

    private boolean runsInScan() {
        return longestGap != null;
    }

    private boolean firesOn(LocalDate date) {
        if (!months.get(date.getMonthValue())) {
            return false;
        }
        boolean dom = daysOfMonth.get(date.getDayOfMonth());
        boolean dow = daysOfWeek.get(date.getDayOfWeek().getValue() % 7);
        if (domRestricted && dowRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    private String dayText() {
        return "day " + fieldTexts[2] + " in month " + fieldTexts[3]
                + ("*".equals(fieldTexts[4]) ? "" : " on day-of-week " + fieldTexts[4]);
    }

    // ---- conversions ----

    /**
     * The {@code schedule} of a Kubernetes CronJob (robfig/cron: day-of-week 0-6, so a 7 is written as 0); the
     * expression as given otherwise.
     */
    public String kubernetesCronJob() {
        return sundayAsZero();
    }

    /** The {@code schedule} of a Cloud Scheduler job (unix-cron; a day-of-week 7 is written as 0). */
    public String cloudScheduler() {
        return sundayAsZero();
    }

    private String sundayAsZero() {
        if (!fieldTexts[4].matches(".*(^|[^0-9])7([^0-9]|$).*")) {
            return expression;
        }
        return String.join(" ", fieldTexts[0], fieldTexts[1], fieldTexts[2], fieldTexts[3], list(daysOfWeek, 0, 6,
                null));
    }

    /**
     * EventBridge Scheduler's six-field {@code cron(minutes hours day-of-month month day-of-week year)} (time zone
     * set separately to UTC), e.g. {@code cron(0 1 * * ? *)}. EventBridge needs {@code ?} in one day field, so a
     * schedule restricting both day-of-month and day-of-week is refused; day-of-week is written as names.
     *
     * @throws Unsupported when EventBridge Scheduler cannot express the schedule
     */
    public String eventBridgeScheduler() {
        boolean domAll = daysOfMonth.cardinality() == 31;
        boolean dowAll = daysOfWeek.cardinality() == 7;
        if (!domAll && !dowAll) {
            throw new Unsupported("restricts both day-of-month and day-of-week, and EventBridge Scheduler takes"
                    + " only one of them (the other must be '?'); keep one day field '*'");
        }
        String dom = dowAll ? list(daysOfMonth, 1, 31, null) : "?";
        String dow = dowAll ? "?" : list(daysOfWeek, 0, 6, DAYS);
        return "cron(" + list(minutes, 0, 59, null) + " " + list(hours, 0, 23, null) + " " + dom + " "
                + list(months, 1, 12, null) + " " + dow + " *)";
    }

    /**
     * A Logic Apps recurrence ({@code azurerm_logic_app_trigger_recurrence}): listed minutes of listed hours,
     * every day ({@code Day}) or on listed weekdays ({@code Week}), time zone UTC. A recurrence has no day-of-month
     * or month, so a schedule restricting them is refused.
     *
     * @throws Unsupported when a Logic Apps recurrence cannot express the schedule
     */
    public Recurrence logicAppRecurrence() {
        if (daysOfMonth.cardinality() != 31 || months.cardinality() != 12) {
            throw new Unsupported("restricts the day of month or the month, which a Logic Apps recurrence cannot"
                    + " (it runs daily or on weekdays); keep day-of-month and month '*'");
        }
        List<String> weekDays = new ArrayList<>();
        if (daysOfWeek.cardinality() != 7) {
            daysOfWeek.stream().forEach(d -> weekDays.add(WEEKDAY_NAMES.get(d)));
        }
        return new Recurrence(weekDays.isEmpty() ? "Day" : "Week", minutes.stream().boxed().toList(),
                hours.stream().boxed().toList(), weekDays);
    }

    /**
     * A Logic Apps recurrence.
     *
     * @param frequency {@code Day} or {@code Week}
     * @param minutes   0-59, sorted
     * @param hours     0-23, sorted
     * @param weekDays  {@code Sunday} .. {@code Saturday}, empty with {@code Day}
     */
    public record Recurrence(String frequency, List<Integer> minutes, List<Integer> hours, List<String> weekDays) {

        /** The recurrence's time zone: schedules are UTC, like the CronJobs' {@code Etc/UTC}. */
        public static final String TIME_ZONE = "UTC";

        public Recurrence {
            minutes = List.copyOf(minutes);
            hours = List.copyOf(hours);
            weekDays = List.copyOf(weekDays);
        }

        /** E.g. {@code daily at 03:17 UTC} or {@code Monday, Thursday at 03:17, 15:17 UTC}. */
        public String describe() {
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

    /** The set as {@code *} when full, else a list of values and ranges ({@code 1-5,7}), with names if given. */
    private static String list(BitSet set, int min, int max, List<String> names) {
        if (set.cardinality() == max - min + 1 && set.nextSetBit(0) == min) {
            return "*";
        }
        List<String> out = new ArrayList<>();
        for (int v = set.nextSetBit(min); v >= 0 && v <= max; ) {
            int end = v;
            while (end + 1 <= max && set.get(end + 1)) {
                end++;
            }
            String a = names == null ? String.valueOf(v) : names.get(v - min);
            String b = names == null ? String.valueOf(end) : names.get(end - min);
            out.add(end - v >= 2 ? a + "-" + b : end == v ? a : a + "," + b);
            v = set.nextSetBit(end + 1);
        }
        return String.join(",", out);
    }

    /** A duration in words: {@code 24 h}, {@code 3 days}, {@code 6 h 30 min}. */
    public static String words(Duration gap) {
        long minutes = gap.toMinutes();
        if (minutes % 1440 == 0) {
            return minutes / 1440 == 1 ? "24 h" : (minutes / 1440) + " days";
        }
        if (minutes < 60) {
            return minutes + " min";
        }
        return minutes % 60 == 0 ? (minutes / 60) + " h" : (minutes / 60) + " h " + (minutes % 60) + " min";
    }

    @Override
    public String toString() {
        return expression;
    }
}
