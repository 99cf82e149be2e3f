package dev.kvstores.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kvstores.StoreConfigException;
import dev.kvstores.StoreProblems;
import dev.kvstores.role.StoreRole;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared Azure part validates its own fields, once for both Azure stores. */
class AzureStoreCommonTest {

    private static final String WHO = "cache store (test)";

    private static List<String> codes(AzureStoreCommon common, String name) {
        StoreProblems problems = new StoreProblems(WHO);
        common.check(WHO, problems, StoreRole.CACHE, name, 61, "its private endpoint must be at most 64 characters");
        if (problems.isEmpty()) {
            return List.of();
        }
        return assertThrows(StoreConfigException.class, problems::throwIfAny).parts().stream()
                .map(StoreConfigException::code).toList();
    }

    @Test
    void a_valid_name_placement_and_tags_pass() {
        assertEquals(List.of(), codes(AzureStoreCommon.builder().placement(AzureTesting.placement())
                .putTag("team", "platform").build(), "suprsend-cache"));
    }

    @Test
    void a_bad_name_is_reported_with_the_stores_other_problems() {
        List<String> codes = codes(AzureStoreCommon.builder().placement(AzureTesting.placement())
                .putTag("bad<key", "x").build(), "-bad-");
        assertEquals(2, codes.size(), codes.toString());
    }

    @Test
    void a_name_longer_than_the_stores_limit_is_reported_with_the_limits_reason() {
        AzureStoreCommon common = AzureStoreCommon.builder().placement(AzureTesting.placement()).build();
        assertEquals(List.of(), codes(common, "c".repeat(61)));
        assertEquals(List.of("Name"), codes(common, "c".repeat(62)));
    }

    @Test
    void the_placement_is_required() {
        assertThrows(NullPointerException.class, () -> AzureStoreCommon.builder().build());
    }
}
