package dev.kvstores.azure;

import static dev.kvstores.testing.SynthJson.all;
import static dev.kvstores.testing.SynthJson.single;
import static dev.kvstores.testing.SynthJson.synth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.TerraformStack;
import dev.kvstores.StoreConfigException;
import dev.kvstores.naming.AzureTags;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ManagedRedisBackupTest {

    static final String VAULT = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/keys/providers"
            + "/Microsoft.KeyVault/vaults/acme-keys";
    static final String GROUP = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ops/providers"
            + "/microsoft.insights/actionGroups/oncall";
    private static final ObjectMapper JSON = new ObjectMapper();

    static ManagedRedisBackupProps.Builder backup() {
        return ManagedRedisBackupProps.builder().environmentName("azure-test").storageAccountName("acmestatebackups")
                .keyVaultId(VAULT);
    }

    private static AzureManagedRedisWorkerStateStore store(TerraformStack stack, ManagedRedisBackupProps backup) {
        return new AzureManagedRedisWorkerStateStore(stack, "WorkerState", AzureManagedRedisWorkerStateStoreProps
                .builder().name("suprsend-state").placement(AzureTesting.placement()).backup(backup).build());
    }

    /** The synthesized resource name of the only resource of {@code type}, for {@code ${type.name.attr}}. */
    private static String ref(JsonNode json, String type, String attribute) {
        Iterator<String> names = json.path("resource").path(type).fieldNames();
        String name = names.next();
        assertFalse(names.hasNext(), type);
        return "${" + type + "." + name + "." + attribute + "}";
    }

    private static JsonNode action(JsonNode json, String name) throws Exception {
        for (JsonNode a : all(json, "azurerm_logic_app_action_custom")) {
            if (a.path("name").asText().equals(name)) {
                return JSON.readTree(a.path("body").asText());
            }
        }
        throw new AssertionError("no action " + name);
    }

    @Nested
    class Defaults {
        private final TerraformStack stack = AzureTesting.stack();
        private final AzureManagedRedisWorkerStateStore store = store(stack, backup().actionGroupId(GROUP).build());
        private final JsonNode json = synth(stack);

        @Test
        void creates_a_storage_account_that_takes_only_https_tls12_and_no_anonymous_reads() {
            JsonNode account = single(json, "azurerm_storage_account");
            assertEquals("acmestatebackups", account.path("name").asText());
            assertEquals("StorageV2", account.path("account_kind").asText());
            assertEquals("ZRS", account.path("account_replication_type").asText());
            assertEquals("TLS1_2", account.path("min_tls_version").asText());
            assertTrue(account.path("https_traffic_only_enabled").asBoolean());
            assertFalse(account.path("allow_nested_items_to_be_public").asBoolean(true));
            assertTrue(account.path("infrastructure_encryption_enabled").asBoolean());
            assertFalse(account.path("cross_tenant_replication_enabled").asBoolean(true));
            assertFalse(account.path("local_user_enabled").asBoolean(true));
            assertEquals("AAD", account.path("allowed_copy_scope").asText());
            assertTrue(account.path("default_to_oauth_authentication").asBoolean());
            // by design (the export takes only a SAS; Managed Redis is no trusted service): see the exemptions
            assertTrue(account.path("public_network_access_enabled").asBoolean());
            assertTrue(account.path("shared_access_key_enabled").asBoolean());
            assertEquals("0.05:00:00", account.path("sas_policy").path("expiration_period").asText());
            assertTrue(account.path("lifecycle").path("prevent_destroy").asBoolean());
            assertEquals("customer_managed_key", account.path("lifecycle").path("ignore_changes").get(0).asText());
        }

        @Test
        void every_blob_version_is_immutable_for_the_retention_unlocked_by_default() {
            JsonNode policy = single(json, "azurerm_storage_account").path("immutability_policy");
            assertEquals(14, policy.path("period_since_creation_in_days").asInt());
            assertEquals("Unlocked", policy.path("state").asText());
            assertFalse(policy.path("allow_protected_append_writes").asBoolean(true));
            assertTrue(single(json, "azurerm_storage_account").path("blob_properties").path("versioning_enabled")
                    .asBoolean(), "version-level immutability needs versioning");
        }

        @Test
        void keeps_versions_and_deleted_blobs_and_expires_exports_after_the_retention() {
            JsonNode blob = single(json, "azurerm_storage_account").path("blob_properties");
            assertTrue(blob.path("versioning_enabled").asBoolean());
            assertEquals(7, blob.path("delete_retention_policy").path("days").asInt());
            assertEquals(7, blob.path("container_delete_retention_policy").path("days").asInt());
            JsonNode rule = single(json, "azurerm_storage_management_policy").path("rule").get(0);
            assertEquals(ref(json, "azurerm_storage_account", "id"),
                    single(json, "azurerm_storage_management_policy").path("storage_account_id").asText());
            assertTrue(rule.path("enabled").asBoolean());
            assertEquals("[\"blockBlob\"]", rule.path("filters").path("blob_types").toString());
            assertEquals("[\"worker-state-backups/kvstores/\"]", rule.path("filters").path("prefix_match").toString());
            JsonNode actions = rule.path("actions");
            assertEquals(14, actions.path("base_blob").path("delete_after_days_since_creation_greater_than").asInt());
            assertEquals(14, actions.path("version").path("delete_after_days_since_creation").asInt());
            assertEquals(14, actions.path("snapshot").path("delete_after_days_since_creation_greater_than").asInt());
            JsonNode container = single(json, "azurerm_storage_container");
            assertEquals("worker-state-backups", container.path("name").asText());
            assertEquals("private", container.path("container_access_type").asText());
        }

        @Test
        void encrypts_with_a_created_key_through_an_identity_that_may_only_use_that_key() {
            JsonNode key = single(json, "azurerm_key_vault_key");
            assertEquals("acmestatebackups-backup", key.path("name").asText());
            assertEquals(VAULT, key.path("key_vault_id").asText());
            assertEquals("RSA", key.path("key_type").asText());
            assertEquals(3072, key.path("key_size").asInt());
            assertEquals("[\"unwrapKey\",\"wrapKey\"]", key.path("key_opts").toString());
            assertEquals("P365D", key.path("rotation_policy").path("automatic").path("time_after_creation").asText());
            assertTrue(key.path("lifecycle").path("prevent_destroy").asBoolean());
            JsonNode cmk = single(json, "azurerm_storage_account_customer_managed_key");
            assertEquals(ref(json, "azurerm_storage_account", "id"), cmk.path("storage_account_id").asText());
            assertEquals(VAULT, cmk.path("key_vault_id").asText());
            assertEquals("acmestatebackups-backup", cmk.path("key_name").asText());
            assertEquals(ref(json, "azurerm_user_assigned_identity", "id"), cmk.path("user_assigned_identity_id").asText());
            JsonNode identity = single(json, "azurerm_storage_account").path("identity");
            assertEquals("UserAssigned", identity.path("type").asText());
            assertEquals(ref(json, "azurerm_user_assigned_identity", "id"), identity.path("identity_ids").get(0).asText());
            JsonNode keyAccess = assignment(ref(json, "azurerm_user_assigned_identity", "principal_id"));
            assertEquals(ManagedRedisBackup.KEY_ROLE, keyAccess.path("role_definition_name").asText());
            assertEquals(ref(json, "azurerm_key_vault_key", "resource_versionless_id"), keyAccess.path("scope").asText());
            assertTrue(cmk.path("depends_on").toString().contains("azurerm_role_assignment."), cmk.toString());
        }

        @Test
        void runs_a_logic_app_on_the_cron_schedule_in_utc() {
            JsonNode workflow = single(json, "azurerm_logic_app_workflow");
            assertEquals("suprsend-state-backup", workflow.path("name").asText());
            assertTrue(workflow.path("enabled").asBoolean());
            assertEquals("SystemAssigned", workflow.path("identity").path("type").asText());
            JsonNode trigger = single(json, "azurerm_logic_app_trigger_recurrence");
            assertEquals(ref(json, "azurerm_logic_app_workflow", "id"), trigger.path("logic_app_id").asText());
            assertEquals("Day", trigger.path("frequency").asText());
            assertEquals(1, trigger.path("interval").asInt());
            assertEquals("UTC", trigger.path("time_zone").asText());
            assertEquals("[3]", trigger.path("schedule").path("at_these_hours").toString());
            assertEquals("[17]", trigger.path("schedule").path("at_these_minutes").toString());
            assertTrue(trigger.path("schedule").path("on_these_days").isMissingNode());
        }

        @Test
        void the_workflow_has_exactly_two_actions_both_calling_arm_with_its_managed_identity() throws Exception {
            assertEquals(2, all(json, "azurerm_logic_app_action_custom").size());
            assertTrue(json.path("resource").path("azurerm_logic_app_action_http").isMissingNode());
            for (JsonNode a : all(json, "azurerm_logic_app_action_custom")) {
                assertEquals(ref(json, "azurerm_logic_app_workflow", "id"), a.path("logic_app_id").asText());
                JsonNode body = JSON.readTree(a.path("body").asText());
                assertEquals("Http", body.path("type").asText());
                assertEquals("POST", body.path("inputs").path("method").asText());
                assertEquals("{\"type\":\"ManagedServiceIdentity\",\"audience\":\"https://management.azure.com/\"}",
                        body.path("inputs").path("authentication").toString());
            }
        }

        @Test
        void lists_a_container_sas_that_writes_for_four_hours_over_https_and_hides_it_from_run_history()
                throws Exception {
            JsonNode sas = action(json, "ListServiceSas");
            assertEquals("https://management.azure.com" + ref(json, "azurerm_storage_account", "id")
                    + "/listServiceSas?api-version=2023-05-01", sas.path("inputs").path("uri").asText());
            assertEquals("{\"canonicalizedResource\":\"/blob/acmestatebackups/worker-state-backups\","
                    + "\"signedResource\":\"c\",\"signedPermission\":\"racwd\",\"signedProtocol\":\"https\","
                    + "\"signedExpiry\":\"@{addHours(utcNow(), 4)}\",\"keyToSign\":\"key1\"}",
                    sas.path("inputs").path("body").toString());
            assertEquals("{}", sas.path("runAfter").toString());
            assertEquals("[\"outputs\"]", sas.path("runtimeConfiguration").path("secureData").path("properties")
                    .toString());
        }

        @Test
        void exports_the_default_database_with_api_2025_07_01_into_a_dated_directory() throws Exception {
            JsonNode export = action(json, "ExportDatabase");
            assertEquals("https://management.azure.com" + ref(json, "azurerm_managed_redis", "id")
                    + "/databases/default/export?api-version=2025-07-01", export.path("inputs").path("uri").asText());
            JsonNode body = export.path("inputs").path("body");
            assertEquals(List.of("sasUri"), fieldNames(body));
            assertEquals(ref(json, "azurerm_storage_account", "primary_blob_endpoint")
                    + "worker-state-backups/kvstores/azure-test/suprsend-state/"
                    + "@{formatDateTime(utcNow(), 'yyyy-MM-ddTHHmmssZ')}?@{body('ListServiceSas')?['serviceSasToken']}",
                    body.path("sasUri").asText());
            assertEquals("{\"ListServiceSas\":[\"Succeeded\"]}", export.path("runAfter").toString());
            assertEquals("PT3H", export.path("limit").path("timeout").asText());
            assertEquals("[\"inputs\"]", export.path("runtimeConfiguration").path("secureData").path("properties")
                    .toString());
            // the container exists before the first run can write into it
            JsonNode resource = all(json, "azurerm_logic_app_action_custom").stream()
                    .filter(a -> a.path("name").asText().equals("ExportDatabase")).findFirst().orElseThrow();
            assertTrue(resource.path("depends_on").toString().contains("azurerm_storage_container."));
        }

        @Test
        void grants_the_workflow_only_list_sas_export_and_operation_status() {
            String principal = ref(json, "azurerm_logic_app_workflow", "identity[0].principal_id");
            Map<String, List<String>> actionsByScope = new TreeMap<>();
            for (JsonNode role : all(json, "azurerm_role_definition")) {
                JsonNode permissions = role.path("permissions");
                assertEquals(1, permissions.size());
                List<String> actions = new ArrayList<>();
                permissions.get(0).path("actions").forEach(a -> actions.add(a.asText()));
                actions.forEach(a -> assertFalse(a.contains("*"), a));
                assertTrue(permissions.get(0).path("data_actions").isMissingNode());
                assertEquals(1, role.path("assignable_scopes").size());
                actionsByScope.put(role.path("assignable_scopes").get(0).asText(), actions);
            }
            String subscription = "${join(\"/\", slice(split(\"/\", " + ref(json, "azurerm_managed_redis", "id")
                    .replace("${", "").replace("}", "") + "), 0, 3))}";
            assertEquals(Map.of(
                    ref(json, "azurerm_storage_account", "id"), List.of(ManagedRedisBackup.LIST_SAS_ACTION),
                    ref(json, "azurerm_managed_redis", "id"), List.of(ManagedRedisBackup.EXPORT_ACTION),
                    subscription, ManagedRedisBackup.STATUS_ACTIONS), actionsByScope);
            List<JsonNode> workflowAssignments = all(json, "azurerm_role_assignment").stream()
                    .filter(a -> a.path("principal_id").asText().equals(principal)).toList();
            assertEquals(3, workflowAssignments.size());
            assertEquals(actionsByScope.keySet(), new java.util.TreeSet<>(workflowAssignments.stream()
                    .map(a -> a.path("scope").asText()).toList()));
            assertEquals(4, all(json, "azurerm_role_assignment").size(), "3 for the workflow, 1 for the key");
        }

        @Test
        void alerts_the_action_group_on_a_failed_run() {
            JsonNode alert = all(json, "azurerm_monitor_metric_alert").stream()
                    .filter(a -> a.path("name").asText().equals("suprsend-state-backup-failed")).findFirst().orElseThrow();
            assertEquals(ref(json, "azurerm_logic_app_workflow", "id"), alert.path("scopes").get(0).asText());
            JsonNode c = alert.path("criteria").get(0);
            assertEquals("Microsoft.Logic/workflows", c.path("metric_namespace").asText());
            assertEquals("RunsFailed", c.path("metric_name").asText());
            assertEquals("Total", c.path("aggregation").asText());
            assertEquals("GreaterThan", c.path("operator").asText());
            assertEquals(0, c.path("threshold").asInt());
            assertEquals(GROUP, alert.path("action").get(0).path("action_group_id").asText());
        }

        @Test
        void tags_every_taggable_backup_resource_with_the_store_role() {
            for (String type : List.of("azurerm_storage_account", "azurerm_key_vault_key",
                    "azurerm_user_assigned_identity", "azurerm_logic_app_workflow")) {
                assertEquals("worker-state", single(json, type).path("tags").path(AzureTags.ROLE).asText(), type);
            }
        }

        @Test
        void says_in_the_durability_line_when_where_with_which_key_how_long_and_the_recovery_point() {
            String line = store.durabilityDescription();
            assertTrue(line.contains("export daily at 03:17 UTC (Logic App `suprsend-state-backup`, cron `17 3 * * *`)"), line);
            assertTrue(line.contains("`acmestatebackups/worker-state-backups/kvstores/azure-test/suprsend-state/<UTC stamp>/`"), line);
            assertTrue(line.contains("key `acmestatebackups-backup` (created, RSA 3072, rotated yearly) in Key Vault `acme-keys`"), line);
            assertTrue(line.contains("kept 14 days"), line);
            assertTrue(line.contains("recovery point: at most 24 h from the last export, plus the AOF"), line);
        }

        private JsonNode assignment(String principal) {
            return all(json, "azurerm_role_assignment").stream()
                    .filter(a -> a.path("principal_id").asText().equals(principal)).findFirst().orElseThrow();
        }
    }

    @Nested
    class Configuration {
        @Test
        void uses_a_given_key_by_its_vault_scope_and_creates_none() {
            TerraformStack stack = AzureTesting.stack();
            store(stack, backup().keyName("worker-backups").retentionDays(35).replicationType("GZRS")
                    .preventDestroy(false).build());
            JsonNode json = synth(stack);
            assertTrue(json.path("resource").path("azurerm_key_vault_key").isMissingNode());
            assertEquals("worker-backups", single(json, "azurerm_storage_account_customer_managed_key")
                    .path("key_name").asText());
            assertTrue(all(json, "azurerm_role_assignment").stream().anyMatch(a -> a.path("scope").asText()
                    .equals(VAULT + "/keys/worker-backups")
                    && a.path("role_definition_name").asText().equals(ManagedRedisBackup.KEY_ROLE)));
            assertEquals("GZRS", single(json, "azurerm_storage_account").path("account_replication_type").asText());
            assertFalse(single(json, "azurerm_storage_account").path("lifecycle").path("prevent_destroy").asBoolean());
            assertEquals(35, single(json, "azurerm_storage_management_policy").path("rule").get(0).path("actions")
                    .path("base_blob").path("delete_after_days_since_creation_greater_than").asInt());
        }

        @Test
        void a_locked_policy_and_the_minimal_sas_are_chosen_explicitly() throws Exception {
            TerraformStack stack = AzureTesting.stack();
            ManagedRedisBackup backup = store(stack, backup().lockImmutability(true).minimalExportSas(true).build())
                    .backup().orElseThrow();
            JsonNode json = synth(stack);
            assertEquals("Locked", single(json, "azurerm_storage_account").path("immutability_policy").path("state")
                    .asText());
            assertEquals("cw", action(json, "ListServiceSas").path("inputs").path("body").path("signedPermission")
                    .asText());
            assertTrue(backup.description().contains("LOCKED: nobody can shorten or disable it"),
                    backup.description());
            assertTrue(backup.description().contains("the export SAS: create/write only"), backup.description());
        }

        @Test
        void a_weekday_schedule_becomes_a_weekly_recurrence() {
            TerraformStack stack = AzureTesting.stack();
            AzureManagedRedisWorkerStateStore s = store(stack, backup().schedule("0,30 2 * * 1,fri").build());
            JsonNode trigger = single(synth(stack), "azurerm_logic_app_trigger_recurrence");
            assertEquals("Week", trigger.path("frequency").asText());
            assertEquals("[\"Monday\",\"Friday\"]", trigger.path("schedule").path("on_these_days").toString());
            assertEquals("[0,30]", trigger.path("schedule").path("at_these_minutes").toString());
            assertTrue(s.durabilityDescription().contains("export Monday, Friday at 02:00, 02:30 UTC"));
        }

        @Test
        void without_an_action_group_the_alert_fires_in_the_portal_only() {
            TerraformStack stack = AzureTesting.stack();
            store(stack, backup().build());
            JsonNode alert = single(synth(stack), "azurerm_monitor_metric_alert");
            assertTrue(alert.path("action").isMissingNode(), alert.toString());
        }

        @Test
        void without_backup_props_the_store_says_it_has_no_off_store_backup() {
            TerraformStack stack = AzureTesting.stack();
            AzureManagedRedisWorkerStateStore s = store(stack, null);
            JsonNode json = synth(stack);
            assertTrue(json.path("resource").path("azurerm_storage_account").isMissingNode());
            assertTrue(s.backup().isEmpty());
            assertTrue(s.durabilityDescription().endsWith("no off-store backup (workerState.backup)"));
        }
    }

    @Nested
    class Validation {
        static Stream<Arguments> invalid() {
            return Stream.of(
                    Arguments.of("storage account with upper case", (UnaryOperator<ManagedRedisBackupProps.Builder>)
                            b -> b.storageAccountName("AcmeBackups"), "storageAccountName must be 3-24 lowercase letters and digits (unique in Azure), got 'AcmeBackups'"),
                    Arguments.of("storage account too long", (UnaryOperator<ManagedRedisBackupProps.Builder>)
                            b -> b.storageAccountName("a".repeat(25)), "storageAccountName must be 3-24"),
                    Arguments.of("container with double hyphen", (UnaryOperator<ManagedRedisBackupProps.Builder>)
                            b -> b.containerName("worker--state"), "containerName must be 3-63 lowercase letters, digits and single hyphens"),
                    Arguments.of("prefix with a space", (UnaryOperator<ManagedRedisBackupProps.Builder>)
                            b -> b.prefix("my backups"), "prefix must be path segments"),
                    Arguments.of("prefix that leaves its folder", (UnaryOperator<ManagedRedisBackupProps.Builder>)
                            b -> b.prefix("../prod"), "each starting with a letter or digit, got '../prod'"),
                    Arguments.of("retention above ten years", (UnaryOperator<ManagedRedisBackupProps.Builder>)
                            b -> b.retentionDays(3651), "retentionDays must be between 1 and 3650, got 3651"),
                    Arguments.of("unknown replication", (UnaryOperator<ManagedRedisBackupProps.Builder>)
                            b -> b.replicationType("Premium_LRS"), "replicationType must be one of [GRS, GZRS, LRS, RAGRS, RAGZRS, ZRS], got 'Premium_LRS'"),
                    Arguments.of("vault URI instead of the resource ID", (UnaryOperator<ManagedRedisBackupProps.Builder>)
                            b -> b.keyVaultId("https://acme-keys.vault.azure.net/"), "keyVaultId must be the Key Vault's resource ID"),
                    Arguments.of("key name with a dot", (UnaryOperator<ManagedRedisBackupProps.Builder>)
                            b -> b.keyName("backup.key"), "keyName must be 1-127 letters, digits and hyphens, got 'backup.key'"),
                    Arguments.of("day of month", (UnaryOperator<ManagedRedisBackupProps.Builder>)
                            b -> b.schedule("0 3 1 * *"), "schedule '0 3 1 * *' restricts the day of month or the"
                                    + " month, which a Logic Apps recurrence cannot (it runs daily or on weekdays)"),
                    Arguments.of("hour out of range", (UnaryOperator<ManagedRedisBackupProps.Builder>)
                            b -> b.schedule("0 24 * * *"), "hour field has 24, outside 0-23"),
                    Arguments.of("unknown weekday", (UnaryOperator<ManagedRedisBackupProps.Builder>)
                            b -> b.schedule("0 3 * * mo"), "day-of-week field has 'mo'"),
                    Arguments.of("never runs", (UnaryOperator<ManagedRedisBackupProps.Builder>)
                            b -> b.schedule("17 3 31 2 *"), "schedule '17 3 31 2 *' never runs"),
                    Arguments.of("four fields", (UnaryOperator<ManagedRedisBackupProps.Builder>)
                            b -> b.schedule("0 3 * *"), "has 4 fields"));
        }

        @ParameterizedTest(name = "fails on {0}")
        @MethodSource("invalid")
        void fails_with_a_message_naming_the_field_and_the_value(String description,
                                                                UnaryOperator<ManagedRedisBackupProps.Builder> change,
                                                                String message) {
            StoreConfigException e = assertThrows(StoreConfigException.class,
                    () -> store(AzureTesting.stack(), change.apply(backup()).build()));
            assertTrue(e.getMessage().contains(message), e.getMessage());
            assertTrue(e.getMessage().startsWith("worker-state backup (azure-managed-redis): "), e.getMessage());
        }

        @Test
        void reports_every_problem_at_once() {
            StoreConfigException e = assertThrows(StoreConfigException.class, () -> store(AzureTesting.stack(),
                    backup().storageAccountName("X").schedule("bad").retentionDays(9999).build()));
            assertEquals(3, e.parts().size(), e.getMessage());
        }
    }

    @Nested
    class Schedule {
        @Test
        void parses_lists_and_sunday_as_0_or_7_once() {
            dev.kvstores.internal.CronSchedule.Recurrence s = ManagedRedisBackup.recurrenceOf("45,15 23,1 * * 0,7,SUN")
                    .logicAppRecurrence();
            assertEquals("Week", s.frequency());
            assertEquals(List.of(15, 45), s.minutes());
            assertEquals(List.of(1, 23), s.hours());
            assertEquals(List.of("Sunday"), s.weekDays());
            assertEquals("Sunday at 01:15, 01:45, 23:15, 23:45 UTC", s.describe());
        }

        @Test
        void steps_and_ranges_become_lists_of_minutes_hours_and_weekdays() {
            dev.kvstores.internal.CronSchedule.Recurrence s = ManagedRedisBackup.recurrenceOf("*/20 1-3 * * MON-WED")
                    .logicAppRecurrence();
            assertEquals("Week", s.frequency());
            assertEquals(List.of(0, 20, 40), s.minutes());
            assertEquals(List.of(1, 2, 3), s.hours());
            assertEquals(List.of("Monday", "Tuesday", "Wednesday"), s.weekDays());
        }

        @Test
        void the_default_is_the_kubernetes_backups_default() {
            assertEquals(dev.kvstores.kubernetes.WorkerStateBackupProps.DEFAULT_SCHEDULE,
                    ManagedRedisBackupProps.DEFAULT_SCHEDULE);
            assertEquals(dev.kvstores.kubernetes.BackupDestination.DEFAULT_PREFIX, ManagedRedisBackupProps.DEFAULT_PREFIX);
            assertEquals(dev.kvstores.kubernetes.WorkerStateBackupProps.DEFAULT_RETENTION_DAYS,
                    ManagedRedisBackupProps.DEFAULT_RETENTION_DAYS);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
