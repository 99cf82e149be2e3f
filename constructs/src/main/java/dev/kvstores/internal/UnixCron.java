package dev.kvstores.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A five-field unix-cron expression ({@code minute hour day-of-month month day-of-week}), as Cloud Scheduler and
 * Kubernetes CronJobs read it, evaluated in UTC: {@code *}, numbers, ranges {@code a-b}, lists {@code a,b}, steps
 * {@code *}{@code /n} and {@code a-b/n}, month names {@code JAN}-{@code DEC} and day names {@code SUN}-{@code SAT};
 * day-of-week 0 and 7 are Sunday. When both day fields are restricted (neither starts with {@code *}) a day
 * matches either, as in cron(8). Internal: used by the backup constructs to validate a schedule at synthesis and
 * to state how far apart two runs can be.
 */
public final class UnixCron {

    /** The format Cloud Scheduler documents (https://cloud.google.com/scheduler/docs/configuring/cron-job-schedules). */
    public static final String FORMAT = "five fields 'minute hour day-of-month month day-of-week', UTC";

    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final String[] FIELD_NAMES = {"minute", "hour", "day-of-month", "month", "day-of-week"};
    /** Eight years: every day-of-month/day-of-week combination and two 29 Februaries. */
    private static final int SCAN_DAYS = 8 * 366;

    private final String expression;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean domRestricted;
    private final boolean dowRestricted;

    private UnixCron(String expression, BitSet[] fields, boolean domRestricted, boolean dowRestricted) {
        this.expression = expression;
        this.minutes = fields[0];
        this.hours = fields[1];
        this.daysOfMonth = fields[2];
        this.months = fields[3];
        this.daysOfWeek = fields[4];
        this.domRestricted = domRestricted;
        this.dowRestricted = dowRestricted;
    }

    /**
     * Parses {@code expression}.
     *
     * @throws IllegalArgumentException naming the field and the value that is wrong, and what is allowed
     */
    public static UnixCron parse(String expression) {
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
        return new UnixCron(expression.trim(), fields, !parts[2].startsWith("*"), !parts[4].startsWith("*"));
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

    /** True when a run starts on {@code day} (UTC) in the hour from {@code hourUtc}:00 to {@code hourUtc}:59. */
    public boolean startsWithin(DayOfWeek day, int hourUtc) {
        if (!hours.get(hourUtc) || minutes.isEmpty()) {
            return false;
        }
        for (int d = 0; d < SCAN_DAYS; d++) {
            LocalDate date = LocalDate.of(2024, 1, 1).plusDays(d);
            if (date.getDayOfWeek() == day && firesOn(date)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The longest time between two consecutive runs, over eight years from 2024 (every calendar pattern, leap days
     * included); {@code null} when it runs at most once in that time.
     */
    public Duration longestGap() {
        long previous = -1;
        long longest = 0;
        LocalDate start = LocalDate.of(2024, 1, 1);
        for (int d = 0; d < SCAN_DAYS; d++) {
            LocalDate date = start.plusDays(d);
            if (!firesOn(date)) {
                continue;
            }
            for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
                for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
                    long minute = d * 1440L + h * 60L + m;
                    if (previous >= 0) {
                        longest = Math.max(longest, minute - previous);
                    }
                    previous = minute;
                }
            }
        }
        return longest == 0 ? null : Duration.ofMinutes(longest);
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

    @Override
    public String toString() {
        return expression;
    }
}
