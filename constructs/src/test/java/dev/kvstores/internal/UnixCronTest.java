package dev.kvstores.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UnixCronTest {

    @Nested
    class Gaps {
        static Stream<Arguments> schedules() {
            return Stream.of(
                    Arguments.of("30 4 * * *", Duration.ofHours(24)),
                    Arguments.of("0 */6 * * *", Duration.ofHours(6)),
                    Arguments.of("15 1,13 * * *", Duration.ofHours(12)),
                    Arguments.of("0 2 * * 1-5", Duration.ofDays(3)),          // Friday 02:00 -> Monday 02:00
                    Arguments.of("0 2 * * MON-FRI", Duration.ofDays(3)),
                    Arguments.of("0 3 * * 0", Duration.ofDays(7)),
                    Arguments.of("0 3 * * 7", Duration.ofDays(7)),            // 7 is Sunday too
                    Arguments.of("0 3 1 * *", Duration.ofDays(31)),
                    Arguments.of("0 3 1 * 1", Duration.ofDays(7)),            // both day fields: either matches
                    Arguments.of("*/20 * * * *", Duration.ofMinutes(20)),
                    Arguments.of("0 0 29 2 *", Duration.ofDays(4 * 365 + 1)));    // leap days only
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("schedules")
        void the_longest_gap_between_runs_is_read_from_the_calendar(String cron, Duration gap) {
            assertEquals(gap, UnixCron.parse(cron).longestGap());
        }

        @Test
        void a_schedule_that_never_repeats_has_no_gap() {
            assertNull(UnixCron.parse("0 0 31 2 *").longestGap());
        }
    }

    @Nested
    class Windows {
        @Test
        void a_nightly_run_starts_in_the_hour_it_names_on_every_day() {
            UnixCron cron = UnixCron.parse("30 4 * * *");
            assertTrue(cron.startsWithin(DayOfWeek.SUNDAY, 4));
            assertFalse(cron.startsWithin(DayOfWeek.SUNDAY, 3));
        }

        @Test
        void a_weekday_run_does_not_start_on_sunday() {
            UnixCron cron = UnixCron.parse("10 3 * * 1-5");
            assertFalse(cron.startsWithin(DayOfWeek.SUNDAY, 3));
            assertTrue(cron.startsWithin(DayOfWeek.MONDAY, 3));
        }
    }

    @Nested
    class Validation {
        static Stream<Arguments> invalid() {
            return Stream.of(
                    Arguments.of("", "has 0 fields; a cron expression has five fields 'minute hour day-of-month"
                            + " month day-of-week', UTC"),
                    Arguments.of("30 4 * *", "has 4 fields; a cron expression has five fields 'minute hour"
                            + " day-of-month month day-of-week', UTC"),
                    Arguments.of("0 30 4 * * *", "has 6 fields; a cron expression has five fields 'minute hour"
                            + " day-of-month month day-of-week', UTC"),
                    Arguments.of("30 24 * * *", "hour field has 24, outside 0-23"),
                    Arguments.of("60 4 * * *", "minute field has 60, outside 0-59"),
                    Arguments.of("0 4 0 * *", "day-of-month field has 0, outside 1-31"),
                    Arguments.of("0 4 * 13 *", "month field has 13, outside 1-12"),
                    Arguments.of("0 4 * * 8", "day-of-week field has 8, outside 0-7"),
                    Arguments.of("0 4 ? * MON", "day-of-month field has '?'; allowed: numbers 1-31, '*', ranges a-b,"
                            + " lists a,b and steps */n (no '?', 'L', 'W', '#')"),
                    Arguments.of("0 4 * * MON#2", "day-of-week field has 'MON#2'; allowed: numbers 0-7 or SUN-SAT,"
                            + " '*', ranges a-b, lists a,b and steps */n (no '?', 'L', 'W', '#')"),
                    Arguments.of("0 5-2 * * *", "hour field '5-2': range '5-2' ends before it starts"),
                    Arguments.of("*/0 4 * * *", "minute field has 0, outside 1-60"),
                    Arguments.of("@daily", "has 1 fields; a cron expression has five fields 'minute hour"
                            + " day-of-month month day-of-week', UTC"));
        }

        @ParameterizedTest(name = "fails_for ''{0}''")
        @MethodSource("invalid")
        void fails_naming_the_field_and_what_is_allowed(String cron, String message) {
            assertEquals(message, assertThrows(IllegalArgumentException.class, () -> UnixCron.parse(cron))
                    .getMessage());
        }

        @Test
        void accepts_names_lists_ranges_and_steps() {
            UnixCron cron = UnixCron.parse(" 0,30 1-5/2 * JAN,jul mon-fri ");
            assertEquals("0,30 1-5/2 * JAN,jul mon-fri", cron.expression());
            assertTrue(cron.startsWithin(DayOfWeek.MONDAY, 3));
            assertFalse(cron.startsWithin(DayOfWeek.MONDAY, 2));
            assertFalse(cron.startsWithin(DayOfWeek.SUNDAY, 1));
        }
    }
}
