package dev.kvstores.role;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kvstores.StoreConfigException;
import org.junit.jupiter.api.Test;

class StoreBasicsTest {

    @Test
    void an_exemption_reason_shorter_than_ten_characters_is_refused_with_the_store_and_the_value() {
        StoreConfigException e = assertThrows(StoreConfigException.class,
                () -> StoreBasics.requireExemptionReason("cache store (test)", "  dev   "));
        assertEquals("ExemptionReason", e.code());
        assertEquals("cache store (test): the high-availability exemption needs a reason of at least 10"
                + " characters, got '  dev   '", e.getMessage());
    }

    @Test
    void no_exemption_or_a_written_reason_is_accepted() {
        assertDoesNotThrow(() -> StoreBasics.requireExemptionReason("cache store (test)", null));
        assertDoesNotThrow(() -> StoreBasics.requireExemptionReason("cache store (test)", "dev has one node"));
    }

    @Test
    void the_role_contract_applies_the_same_rule_to_an_exempted_store() {
        StoreSpec spec = StoreSpec.builder(StoreRole.CACHE, "test").topology(Topology.STANDALONE).nodes(1, 2)
                .tlsEnabled(true).authEnabled(true).privateNetworking(true).evictionPolicy(EvictionPolicy.ALLKEYS_LRU)
                .durability(Durability.NONE).haExemptionReason("short").build();
        assertEquals("ExemptionReason",
                assertThrows(StoreConfigException.class, () -> RoleContract.enforce(spec)).code());
    }

    @Test
    void the_default_name_fills_only_an_unset_name() {
        assertEquals("role-default", StoreBasics.defaults().withDefaultName("role-default").name());
        StoreBasics named = StoreBasics.builder().name("mine").haExemptionReason("dev has one node").build();
        assertEquals("mine", named.withDefaultName("role-default").name());
        assertEquals("dev has one node", named.withDefaultName("role-default").haExemptionReason());
        assertNull(StoreBasics.defaults().haExemptionReason());
    }

    @Test
    void to_builder_round_trips() {
        StoreBasics basics = StoreBasics.builder().name("mine").haExemptionReason("dev has one node").build();
        assertEquals(basics, basics.toBuilder().build());
    }
}
