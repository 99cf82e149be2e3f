package dev.kvstores.policy.rules.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.azurerm.provider.AzurermProvider;
import com.hashicorp.cdktf.providers.azurerm.provider.AzurermProviderConfig;
import com.hashicorp.cdktf.providers.azurerm.provider.AzurermProviderFeatures;
import dev.kvstores.azure.AzureManagedRedisWorkerStateStore;
import dev.kvstores.azure.AzureManagedRedisWorkerStateStoreProps;
import dev.kvstores.azure.AzurePlacement;
import dev.kvstores.azure.ManagedRedisBackupProps;
import dev.kvstores.policy.Compliance;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.Finding;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.exemption.PolicyExemption;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.policy.PolicyReport;
import dev.kvstores.policy.PolicyRule;
import dev.kvstores.policy.SynthesizedResource;
import dev.kvstores.policy.rules.WorkerStateBackupRequired;
import dev.kvstores.testing.SynthJson;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The backup rules: KVS-BACKUP-REQUIRED over a synthesized Managed Redis store with and without its export (and with
 * each part of the export broken), and the storage account rules on compliant, non-compliant and absent attributes.
 */
class AzureBackupRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PolicyContext PRODUCTION = new PolicyContext("azure-test", true);
    private static final String SA = "azurerm_storage_account";

    private static JsonNode synthesized(boolean backup) {
        TerraformStack stack = SynthJson.stack();
        new AzurermProvider(stack, "Azure", AzurermProviderConfig.builder()
                .features(List.of(AzurermProviderFeatures.builder().build())).build());
        String sub = "/subscriptions/00000000-0000-0000-0000-000000000000";
        new AzureManagedRedisWorkerStateStore(stack, "WorkerState", AzureManagedRedisWorkerStateStoreProps.builder()
                .name("suprsend-state")
                .placement(new AzurePlacement("rg", "westeurope", sub + "/resourceGroups/net/providers"
                        + "/Microsoft.Network/virtualNetworks/aks/subnets/pe", sub + "/resourceGroups/net/providers"
                        + "/Microsoft.Network/virtualNetworks/aks", null))
                .backup(backup ? ManagedRedisBackupProps.builder().environmentName("azure-test")
                        .storageAccountName("acmestatebackups")
                        .keyVaultId(sub + "/resourceGroups/keys/providers/Microsoft.KeyVault/vaults/acme").build() : null)
                .build());
        return SynthJson.synth(stack);
    }

    private static Evaluation backupRule(JsonNode json, PolicyContext context) {
        List<SynthesizedResource> resources = PolicyPack.resources(json);
        SynthesizedResource redis = resources.stream().filter(r -> r.type().equals("azurerm_managed_redis"))
                .findFirst().orElseThrow();
        return new ManagedRedisBackupRequired().evaluate(redis, context, resources);
    }

    /** {@code json} with {@code change} applied to the first resource of {@code type}. */
    private static JsonNode with(JsonNode json, String type, Consumer<ObjectNode> change) {
        JsonNode copy = json.deepCopy();
        ObjectNode resource = (ObjectNode) copy.path("resource").path(type).elements().next();
        change.accept(resource);
        return copy;
    }

    @Nested
    class BackupRequired {
        private final JsonNode withBackup = synthesized(true);

        @Test
        void a_production_store_with_its_scheduled_cmk_encrypted_export_passes() {
            assertEquals(Compliance.COMPLIANT, backupRule(withBackup, PRODUCTION).compliance());
        }

        @Test
        void fails_a_production_store_without_an_export_and_names_the_field() {
            Evaluation e = backupRule(synthesized(false), PRODUCTION);
            assertEquals(Compliance.NON_COMPLIANT, e.compliance());
            assertEquals("Managed Redis 'suprsend-state' has no scheduled export (no Logic App action POSTs to its"
                    + " /databases/default/export); add workerState.backup (or an exemption with a reason,"
                    + " workerState.backupExemptionReason)", e.detail());
        }

        @Test
        void does_not_apply_outside_production() {
            assertEquals(Compliance.NOT_APPLICABLE, backupRule(synthesized(false),
                    new PolicyContext("azure-dev", false)).compliance());
        }

        @Test
        void fails_when_the_workflow_is_disabled() {
            Evaluation e = backupRule(with(withBackup, "azurerm_logic_app_workflow", w -> w.put("enabled", false)),
                    PRODUCTION);
            assertEquals(Compliance.NON_COMPLIANT, e.compliance());
            assertTrue(e.detail().endsWith("is disabled: the export never runs"), e.detail());
        }

        @Test
        void fails_when_nothing_triggers_the_workflow() {
            JsonNode copy = withBackup.deepCopy();
            ((ObjectNode) copy.path("resource")).remove("azurerm_logic_app_trigger_recurrence");
            Evaluation e = backupRule(copy, PRODUCTION);
            assertEquals(Compliance.NON_COMPLIANT, e.compliance());
            assertTrue(e.detail().endsWith("has no recurrence trigger: the export never runs on a schedule"));
        }

        @Test
        void fails_when_the_storage_account_has_no_customer_managed_key() {
            JsonNode copy = withBackup.deepCopy();
            ((ObjectNode) copy.path("resource")).remove("azurerm_storage_account_customer_managed_key");
            Evaluation e = backupRule(copy, PRODUCTION);
            assertEquals(Compliance.NON_COMPLIANT, e.compliance());
            assertTrue(e.detail().contains("has no customer-managed key"), e.detail());
        }

        @Test
        void fails_when_the_export_targets_another_instance() throws Exception {
            JsonNode copy = withBackup.deepCopy();
            for (JsonNode action : copy.path("resource").path("azurerm_logic_app_action_custom")) {
                ((ObjectNode) action).put("body", action.path("body").asText()
                        .replace("${azurerm_managed_redis.", "${azurerm_managed_redis.other_"));
            }
            assertEquals(Compliance.NON_COMPLIANT, backupRule(copy, PRODUCTION).compliance());
        }

        @Test
        void an_exemption_with_a_reason_covers_a_store_without_backup() {
            PolicyReport report = PolicyPack.defaults().evaluate(synthesized(false), PRODUCTION, List.of(
                    new PolicyExemption(WorkerStateBackupRequired.ID, "", "dev-like state that workflows rebuild")));
            Finding f = report.findings().stream().filter(x -> x.ruleId().equals(WorkerStateBackupRequired.ID))
                    .findFirst().orElseThrow();
            assertEquals(Compliance.NON_COMPLIANT, f.evaluation().compliance());
            assertEquals("dev-like state that workflows rebuild", f.exemptionReason());
            assertTrue(report.violations().stream().noneMatch(v -> v.ruleId().equals(WorkerStateBackupRequired.ID)));
        }

        @Test
        void the_synthesized_backup_account_passes_every_storage_rule_but_the_two_it_exempts() {
            PolicyReport report = PolicyPack.defaults().evaluate(withBackup, PRODUCTION, List.of());
            List<String> failed = report.violations().stream().filter(v -> v.address().startsWith(SA + "."))
                    .map(Finding::ruleId).sorted().toList();
            assertEquals(List.of("CKV2_AZURE_40", "CKV_AZURE_59"), failed);
        }
    }

    static Stream<Arguments> storageCases() {
        return Stream.of(
                Arguments.of(new CkvAzure3StorageHttpsOnly(), "{}", Compliance.COMPLIANT, ""),
                Arguments.of(new CkvAzure3StorageHttpsOnly(), "{'https_traffic_only_enabled':false}", Compliance.NON_COMPLIANT, "https_traffic_only_enabled is false: plain HTTP is accepted"),
                Arguments.of(new CkvAzure3StorageHttpsOnly(), "{'enable_https_traffic_only':false}", Compliance.NON_COMPLIANT, "enable_https_traffic_only is false: plain HTTP is accepted"),
                Arguments.of(new CkvAzure44StorageMinimumTls12(), "{'min_tls_version':'TLS1_2'}", Compliance.COMPLIANT, ""),
                Arguments.of(new CkvAzure44StorageMinimumTls12(), "{}", Compliance.NON_COMPLIANT, "min_tls_version is absent"),
                Arguments.of(new CkvAzure44StorageMinimumTls12(), "{'min_tls_version':'TLS1_1'}", Compliance.NON_COMPLIANT, "min_tls_version is 'TLS1_1'"),
                Arguments.of(new CkvAzure190StorageBlobsNotPublic(), "{'allow_nested_items_to_be_public':false}", Compliance.COMPLIANT, ""),
                Arguments.of(new CkvAzure190StorageBlobsNotPublic(), "{}", Compliance.NON_COMPLIANT, "allow_nested_items_to_be_public is null: containers can be made readable by anyone"),
                Arguments.of(new CkvAzure190StorageBlobsNotPublic(), "{'allow_nested_items_to_be_public':true}", Compliance.NON_COMPLIANT, "allow_nested_items_to_be_public is true: containers can be made readable by anyone"),
                Arguments.of(new CkvAzure59StoragePublicNetworkDisabled(), "{'public_network_access_enabled':false}", Compliance.COMPLIANT, ""),
                Arguments.of(new CkvAzure59StoragePublicNetworkDisabled(), "{'network_rules':[{'default_action':'Deny'}]}", Compliance.NON_COMPLIANT, "public_network_access_enabled is null: the account's public endpoint is open (a firewall that denies by default does not count)"),
                Arguments.of(new CkvAzure59StoragePublicNetworkDisabled(), "{}", Compliance.NON_COMPLIANT, "public_network_access_enabled is null: the account's public endpoint is open (a firewall that denies by default does not count)"),
                Arguments.of(new CkvAzure59StoragePublicNetworkDisabled(), "{'public_network_access_enabled':true,'network_rules':{'default_action':'Allow'}}", Compliance.NON_COMPLIANT, "public_network_access_enabled is true: the account's public endpoint is open (a firewall that denies by default does not count)"),
                Arguments.of(new Ckv2Azure40StorageSharedKeyDisabled(), "{'shared_access_key_enabled':false}", Compliance.COMPLIANT, ""),
                Arguments.of(new Ckv2Azure40StorageSharedKeyDisabled(), "{}", Compliance.NON_COMPLIANT, "shared_access_key_enabled is null: account keys and the SAS they sign are accepted"),
                Arguments.of(new StorageBlobVersioning(), "{'blob_properties':[{'versioning_enabled':true,'delete_retention_policy':[{'days':7}]}]}", Compliance.COMPLIANT, ""),
                Arguments.of(new StorageBlobVersioning(), "{}", Compliance.NON_COMPLIANT, "blob_properties.versioning_enabled is null: an overwritten export is gone"),
                Arguments.of(new StorageBlobVersioning(), "{'blob_properties':{'versioning_enabled':true}}", Compliance.NON_COMPLIANT, "blob_properties.delete_retention_policy.days is 0: a deleted export is gone at once"),
                Arguments.of(new Ckv2Azure1StorageCustomerManagedKey(), "{'customer_managed_key':{'key_vault_key_id':'k','user_assigned_identity_id':'i'}}", Compliance.COMPLIANT, ""),
                Arguments.of(new Ckv2Azure1StorageCustomerManagedKey(), "{}", Compliance.NON_COMPLIANT, "no customer_managed_key and no azurerm_storage_account_customer_managed_key for this account: Microsoft-managed keys"));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("storageCases")
    void storage_rules(PolicyRule rule, String body, Compliance expected, String detail) throws Exception {
        Evaluation e = rule.evaluate(new SynthesizedResource(SA, "backups", JSON.readTree(body.replace('\'', '"'))),
                PRODUCTION);
        assertEquals(expected, e.compliance());
        if (expected == Compliance.NON_COMPLIANT) {
            assertEquals(detail, e.detail());
        }
    }

    @Test
    void the_cmk_rule_accepts_the_separate_key_resource_of_this_account_only() throws Exception {
        SynthesizedResource account = new SynthesizedResource(SA, "backups", JSON.readTree("{}"));
        SynthesizedResource mine = new SynthesizedResource("azurerm_storage_account_customer_managed_key", "k",
                JSON.readTree("{\"storage_account_id\":\"${azurerm_storage_account.backups.id}\"}"));
        SynthesizedResource other = new SynthesizedResource("azurerm_storage_account_customer_managed_key", "k2",
                JSON.readTree("{\"storage_account_id\":\"${azurerm_storage_account.other.id}\"}"));
        Ckv2Azure1StorageCustomerManagedKey rule = new Ckv2Azure1StorageCustomerManagedKey();
        assertEquals(Compliance.COMPLIANT, rule.evaluate(account, PRODUCTION, List.of(account, mine)).compliance());
        assertEquals(Compliance.NON_COMPLIANT, rule.evaluate(account, PRODUCTION, List.of(account, other)).compliance());
    }
}
