package dev.kvstores;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StoreProblemsTest {

    private static final String WHO = "cache store (test)";

    private static void fail(String code, String field) {
        throw new StoreConfigException(code, WHO + ": " + field + " is wrong");
    }

    @Test
    void without_problems_is_empty_and_throws_nothing() {
        StoreProblems problems = new StoreProblems(WHO);
        assertTrue(problems.check(() -> { }));
        assertEquals("value", problems.check(() -> "value"));
        assertTrue(problems.isEmpty());
        assertDoesNotThrow(problems::throwIfAny);
    }

    @Test
    void one_problem_is_thrown_as_it_was_recorded() {
        StoreProblems problems = new StoreProblems(WHO);
        problems.add("Port", WHO + ": port is wrong");
        assertFalse(problems.isEmpty());
        StoreConfigException e = assertThrows(StoreConfigException.class, problems::throwIfAny);
        assertEquals("Port", e.code());
        assertEquals(WHO + ": port is wrong", e.getMessage());
    }

    @Test
    void every_problem_is_named_in_one_exception_with_the_first_code() {
        StoreProblems problems = new StoreProblems(WHO);
        problems.add("Name", WHO + ": name is wrong");
        assertFalse(problems.check(() -> fail("Port", "port")));
        assertNull(problems.check(() -> {
            fail("Window", "maintenanceWindow");
            return "never";
        }));
        StoreConfigException e = assertThrows(StoreConfigException.class, problems::throwIfAny);
        assertEquals("Name", e.code());
        assertEquals(WHO + ": name is wrong; and port is wrong; and maintenanceWindow is wrong", e.getMessage());
    }

    @Test
    void a_message_of_another_subject_is_appended_whole() {
        StoreProblems problems = new StoreProblems(WHO);
        problems.add("SecretNamespace", "connection secret namespace is wrong");
        problems.add("SharedEndpoint", "the cache and worker state stores share the endpoint");
        StoreConfigException e = assertThrows(StoreConfigException.class, problems::throwIfAny);
        assertEquals("SecretNamespace", e.code());
        assertEquals("connection secret namespace is wrong; and the cache and worker state stores share the endpoint",
                e.getMessage());
    }

    @Test
    void only_store_config_problems_are_collected() {
        StoreProblems problems = new StoreProblems(WHO);
        assertThrows(IllegalStateException.class, () -> problems.check(() -> {
            throw new IllegalStateException("a bug, not a configuration problem");
        }));
        assertTrue(problems.isEmpty());
    }
}
