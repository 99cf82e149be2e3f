package dev.kvstores.e2e.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The positional-parameter rule of docs/architecture.md ("Records, constructors and builders") holds for the main
 * sources (records, constructors, methods and {@code new}), and the check catches each kind of break.
 */
class PositionalParametersTest {

    private static final Path PROJECT = Path.of(System.getProperty("kvstores.projectDir", ".")).toAbsolutePath()
            .normalize();

    @Test
    void mainSourcesPassAtMostEightPositionalParameters() {
        Map<String, String> sources = ImportLayers.sources(PROJECT);
        assertTrue(sources.size() > 100, "found only " + sources.size() + " source files under " + PROJECT);
        List<PositionalParameters.Violation> violations = PositionalParameters.check(sources);
        if (!violations.isEmpty()) {
            fail(violations.size() + " declarations or calls break the positional-parameter rule"
                    + " (docs/architecture.md, \"Records, constructors and builders\"): give the record a nested"
                    + " Builder and build it through it, or compose it (or a method's parameters) from named parts:\n"
                    + violations.stream().map(Object::toString).collect(Collectors.joining("\n")));
        }
    }

    @Test
    void aRecordOverEightComponentsWithoutABuilderIsReportedWithFileAndLine() {
        List<PositionalParameters.Violation> found = PositionalParameters.check("x/Alarm.java", """
                package x;

                /** Nine components, one of them generic: Map<String, String> is one. */
                public record Alarm(String a, String b, String c, Map<String, String> d, int e, int f,
                                    boolean g, boolean h, String i) {
                }
                """);
        assertEquals(1, found.size(), found.toString());
        assertEquals(new PositionalParameters.Violation("x/Alarm.java", 4, "record Alarm (no nested Builder)", 9),
                found.get(0));
    }

    @Test
    void aRecordWithANestedBuilderPassesAndItsOwnBuildMayCallTheConstructor() {
        assertEquals(List.of(), PositionalParameters.check("x/Alarm.java", """
                package x;

                public record Alarm(String a, String b, String c, String d, int e, int f, boolean g, boolean h,
                                    String i) {

                    public static final class Builder {
                        public Alarm build() {
                            return new Alarm(a, b, c, d, e, f, g, h, i);
                        }
                    }
                }
                """));
    }

    @Test
    void aBuilderOfANestedRecordDoesNotCountForItsOuterRecord() {
        List<PositionalParameters.Violation> found = PositionalParameters.check("x/Settings.java", """
                package x;

                public record Settings(String a, String b, String c, String d, String e, String f, String g,
                                       String h, Cache i) {

                    public record Cache(String name) {
                        public static final class Builder {
                        }
                    }
                }
                """);
        assertEquals(1, found.size(), found.toString());
        assertEquals("record Settings (no nested Builder)", found.get(0).what());
    }

    @Test
    void aConstructorOverEightParametersIsReported() {
        List<PositionalParameters.Violation> found = PositionalParameters.check("x/Alerts.java", """
                package x;

                public final class Alerts extends Construct {
                    public Alerts(Construct scope, String id, StoreRole role, boolean managed, boolean replicas,
                                  String name, String resourceId, String group, Map<String, String> tags) {
                        super(scope, id);
                    }

                    Alerts(Construct scope, String id, Target target) {
                        this(scope, id, target.role(), false, true, "n", "r", "g", Map.of());
                    }
                }
                """);
        assertEquals(1, found.size(), found.toString());
        assertEquals(new PositionalParameters.Violation("x/Alerts.java", 4, "constructor Alerts", 9), found.get(0));
    }

    @Test
    void aMethodOverEightParametersIsReportedWhateverItsModifiers() {
        List<PositionalParameters.Violation> found = PositionalParameters.check("x/Alarms.java", """
                package x;

                final class Alarms {
                    private void alarm(String id, String name, String metric, int period, String comparison,
                                       double threshold, String missing, String description, int periods) {
                    }

                    @Override
                    public static <T> List<Map<String, T>> rows(T a, T b, T c, Map<String, T> d, T e, T f, T g,
                                                                T h, T i) throws IOException {
                        alarm("a", "b", "c", 1, "d", 2.0, "e", "f", 3);
                        return List.of(f(a, b, c, d, e, f, g, h, i));
                    }

                    interface Sink {
                        void accept(int a, int b, int c, int d, int e, int f, int g, int h, int i);

                        default void eight(int a, int b, int c, int d, int e, int f, int g, int h) {
                        }
                    }
                }
                """);
        assertEquals(List.of(
                new PositionalParameters.Violation("x/Alarms.java", 4, "method alarm", 9),
                new PositionalParameters.Violation("x/Alarms.java", 9, "method rows", 9),
                new PositionalParameters.Violation("x/Alarms.java", 16, "method accept", 9)), found);
    }

    @Test
    void aCallPassingNineArgumentsToAnotherFilesTypeIsReported() {
        List<PositionalParameters.Violation> found = PositionalParameters.check("x/Reader.java", """
                package x;

                final class Reader {
                    static Alarm read(String a) {
                        // new Alarm(1, 2, 3, 4, 5, 6, 7, 8, 9) in a comment does not count
                        String text = "new Alarm(1, 2, 3, 4, 5, 6, 7, 8, 9)";
                        List<String> eight = List.of(a, "x, y", "(", ")", f(1, 2), g(3, 4), a, a);
                        return new Alarm.Cache(a, a + "," + a, List.of(1, 2), a, 1, 2, true,
                                false, a);
                    }
                }
                """);
        assertEquals(List.of(new PositionalParameters.Violation("x/Reader.java", 8, "new Alarm.Cache", 9)), found);
    }
}
