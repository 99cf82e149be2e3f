package dev.kvstores.gcp;

import java.time.DayOfWeek;
import java.util.Locale;
import java.util.Objects;

/**
 * Weekly maintenance window of a Memorystore instance ({@code maintenance_policy.weekly_maintenance_window}):
 * Google applies updates in the hour starting at {@code startHourUtc} on {@code day}.
 *
 * @param day          day of the week; required
 * @param startHourUtc hour the window starts, in UTC; 0-23
 */
public record MaintenanceWindow(DayOfWeek day, int startHourUtc) {

    /** Sunday 03:00 UTC, the default of both stores. */
    public static final MaintenanceWindow DEFAULT = new MaintenanceWindow(DayOfWeek.SUNDAY, 3);

    public MaintenanceWindow {
        Objects.requireNonNull(day, "day");
        if (startHourUtc < 0 || startHourUtc > 23) {
            throw new IllegalArgumentException("startHourUtc must be between 0 and 23, got " + startHourUtc);
        }
    }

    /** The day as the provider spells it, e.g. {@code SUNDAY}. */
    public String terraformDay() {
        return day.name().toUpperCase(Locale.ROOT);
    }
}
