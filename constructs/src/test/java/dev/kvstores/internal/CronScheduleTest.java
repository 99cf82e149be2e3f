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

class CronScheduleTest {

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
            assertEquals(gap, CronSchedule.parse(cron).longestGap());
        }

        @Test
        void a_schedule_that_never_runs_is_refused() {
            assertEquals("never runs (no day 31 in month 2 exists)",
                    assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("17 3 31 2 *")).getMessage());
            assertEquals("never runs (no day 30 in month FEB exists)",
                    assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("0 0 30 FEB *")).getMessage());
        }
    }

    @Nested
    class Windows {
        @Test
        void a_nightly_run_starts_in_the_hour_it_names_on_every_day() {
            CronSchedule cron = CronSchedule.parse("30 4 * * *");
            assertTrue(cron.startsWithin(DayOfWeek.SUNDAY, 4));
            assertFalse(cron.startsWithin(DayOfWeek.SUNDAY, 3));
        }

        @Test
        void a_weekday_run_does_not_start_on_sunday() {
            CronSchedule cron = CronSchedule.parse("10 3 * * 1-5");
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
            assertEquals(message, assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse(cron))
                    .getMessage());
        }

        @Test
        void accepts_names_lists_ranges_and_steps() {
            CronSchedule cron = CronSchedule.parse(" 0,30 1-5/2 * JAN,jul mon-fri ");
            assertEquals("0,30 1-5/2 * JAN,jul mon-fri", cron.expression());
            assertTrue(cron.startsWithin(DayOfWeek.MONDAY, 3));
            assertFalse(cron.startsWithin(DayOfWeek.MONDAY, 2));
            assertFalse(cron.startsWithin(DayOfWeek.SUNDAY, 1));
        }
    }

    @Nested
    class Rules {
        @Test
        void production_backs_up_at_least_daily_unless_a_reason_is_written() {
            CronSchedule weekly = CronSchedule.parse("0 3 * * 0");
            assertTrue(weekly.backupProblem(true, null).startsWith("leaves up to 7 days between two backups"));
            assertTrue(weekly.backupProblem(true, null).contains("workerState.backupExemptionReason"));
            assertNull(weekly.backupProblem(false, null));
            assertNull(weekly.backupProblem(true, "weekly is enough: the queue is rebuilt from Kafka"));
            assertTrue(weekly.backupProblem(true, "short") != null, "a reason of under 10 characters is none");
            assertNull(CronSchedule.parse("17 3 * * *").backupProblem(true, null));
            assertNull(CronSchedule.parse("0 */6 * * *").backupProblem(true, null));
        }

        @Test
        void the_policy_rules_read_the_synthesized_schedule_with_the_same_rule() {
            assertNull(CronSchedule.productionScheduleProblem("17 3 * * *"));
            assertEquals("schedule '0 3 * * 1-5' leaves up to 3 days between backups; production needs one at least"
                    + " every 24 h (nightly)", CronSchedule.productionScheduleProblem("0 3 * * 1-5"));
            assertEquals("schedule '17 3 31 2 *' never runs (no day 31 in month 2 exists)",
                    CronSchedule.productionScheduleProblem("17 3 31 2 *"));
            assertEquals("schedule '61 25 * * *' minute field has 61, outside 0-59",
                    CronSchedule.productionScheduleProblem("61 25 * * *"));
        }
    }

    @Nested
    class Conversions {
        @Test
        void kubernetes_and_cloud_scheduler_take_the_expression_with_sunday_as_0() {
            assertEquals("17 3 * * *", CronSchedule.parse("17 3 * * *").kubernetesCronJob());
            assertEquals("0,30 1-5/2 * JAN,jul mon-fri", CronSchedule.parse("0,30 1-5/2 * JAN,jul mon-fri")
                    .kubernetesCronJob());
            assertEquals("0 3 * * 0,5", CronSchedule.parse("0 3 * * 5,7").kubernetesCronJob());
            assertEquals("0 3 * * 0", CronSchedule.parse("0 3 * * 7").cloudScheduler());
        }

        @Test
        void eventbridge_scheduler_gets_six_fields_with_one_day_field_unset() {
            assertEquals("cron(0 1 * * ? *)", CronSchedule.parse("0 1 * * *").eventBridgeScheduler());
            assertEquals("cron(0 1,13 * * ? *)", CronSchedule.parse("0 1,13 * * *").eventBridgeScheduler());
            assertEquals("cron(0,15,30,45 * * * ? *)", CronSchedule.parse("*/15 * * * *").eventBridgeScheduler());
            assertEquals("cron(0 2 ? * MON-FRI *)", CronSchedule.parse("0 2 * * 1-5").eventBridgeScheduler());
            assertEquals("cron(0 2 ? * SUN,SAT *)", CronSchedule.parse("0 2 * * 6,7").eventBridgeScheduler());
            assertEquals("cron(0 2 1 1-3 ? *)", CronSchedule.parse("0 2 1 JAN-MAR *").eventBridgeScheduler());
            assertTrue(assertThrows(CronSchedule.Unsupported.class,
                    () -> CronSchedule.parse("0 2 1 * MON").eventBridgeScheduler()).getMessage()
                    .contains("EventBridge Scheduler takes only one of them"));
        }

        @Test
        void a_logic_app_recurrence_has_minutes_hours_and_weekdays_only() {
            CronSchedule.Recurrence daily = CronSchedule.parse("17 3 * * *").logicAppRecurrence();
            assertEquals(new CronSchedule.Recurrence("Day", java.util.List.of(17), java.util.List.of(3),
                    java.util.List.of()), daily);
            assertEquals("daily at 03:17 UTC", daily.describe());
            assertTrue(assertThrows(CronSchedule.Unsupported.class,
                    () -> CronSchedule.parse("0 3 1 * *").logicAppRecurrence()).getMessage()
                    .contains("a Logic Apps recurrence cannot"));
        }

        @Test
        void starts_in_week_counts_from_sunday_midnight() {
            assertEquals(java.util.List.of(1440 + 120), java.util.List.copyOf(CronSchedule.parse("0 2 * * MON")
                    .startsInWeek()));
            assertEquals(7, CronSchedule.parse("30 4 * * *").startsInWeek().size());
        }
    }
}
