package dev.kvstores.stacks.environment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Suggests the number a whole-number field wants when its value was written with a unit: the field's unit is its
 * name's suffix ({@code memoryMebibytes}, {@code storageGibibytes}, {@code memorySizeGb}, {@code cpuMillicores},
 * {@code retentionDays}, {@code replicationLagSeconds}).
 */
final class NumberUnits {

    /** A number with a size unit: 4GB, 4 GiB, 4Gi, 512Mi, 1.5T, 1024k. */
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kKmMgGtT])(i?)[bB]?");
    private static final Pattern CORES = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(m|cores?|cpus?)?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(d|days?|h|hours?|m|min|minutes?|s|sec|seconds?)");

    private NumberUnits() {
    }

    /** {@code "the field is in MiB: write 4096 (4GB)"}, or {@code null} when nothing sensible can be suggested. */
    static String suggestion(String key, String text) {
        String value = text.strip();
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.endsWith("mebibytes") || lower.endsWith("mb")) {
            return size(key, value, 2, "MiB");
        }
        if (lower.endsWith("gibibytes") || lower.endsWith("gb")) {
            return size(key, value, 3, "GiB");
        }
        if (lower.endsWith("millicores")) {
            Matcher m = CORES.matcher(value);
            if (m.matches()) {
                BigDecimal cores = new BigDecimal(m.group(1));
                BigDecimal millicores = "m".equals(m.group(2)) ? cores : cores.multiply(BigDecimal.valueOf(1000));
                return write(key, millicores, "millicores");
            }
            return null;
        }
        if (lower.endsWith("days") || lower.endsWith("seconds")) {
            Matcher m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                return null;
            }
            long seconds = Long.parseLong(m.group(1)) * switch (m.group(2).charAt(0)) {
                case 'd' -> 86_400L;
                case 'h' -> 3_600L;
                case 'm' -> 60L;
                default -> 1L;
            };
            boolean days = lower.endsWith("days");
            return write(key, BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(days ? 86_400 : 1), 3,
                    RoundingMode.HALF_UP), days ? "days" : "seconds");
        }
        return null;
    }

    /** {@code power}: the field's unit as a power of 1024 bytes (2 = MiB, 3 = GiB). */
    private static String size(String key, String value, int power, String unit) {
        Matcher m = SIZE.matcher(value);
        if (!m.matches()) {
            return null;
        }
        int from = "kmgt".indexOf(Character.toLowerCase(m.group(2).charAt(0))) + 1;
        BigDecimal amount = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(Math.max(0, from - power)))
                .divide(BigDecimal.valueOf(1024).pow(Math.max(0, power - from)), 3, RoundingMode.HALF_UP);
        return write(key, amount, unit);
    }

    private static String write(String key, BigDecimal amount, String unit) {
        BigDecimal whole = amount.stripTrailingZeros();
        if (whole.scale() > 0) {
            return key + " is a whole number of " + unit + "; give one, e.g. "
                    + amount.setScale(0, RoundingMode.CEILING).toPlainString();
        }
        return key + " is a whole number of " + unit + ": write " + whole.toPlainString();
    }
}
