package dev.kvstores.stacks.platform.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.Testing;
import dev.kvstores.exemption.PolicyExemption;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.policy.PolicyReport;
import dev.kvstores.stacks.EnvironmentStack;
import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.environment.EnvironmentException;
import dev.kvstores.stacks.EnvironmentLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code workerState.backup} and {@code backupExemptionReason} on {@code platform: azure}: reading, building, policy. */
class AzureBackupSettingsTest {

    private static final String SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
    private static final String VAULT = SUB + "/resourceGroups/ops/providers/Microsoft.KeyVault/vaults/prod-keys";
    private static final String FILE = """
            platform: azure
            profile: production
            stateBackend: {type: s3, bucket: tf-state, key: kvstores/test.tfstate, region: eu-west-1, kmsKeyId: arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000, useLockfile: true}
            images: {registry: registry.example.com, repositoryPrefix: bitnami, redis: {tag: 8.2.9-debian-12-r0, digest: "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}, redisSentinel: {tag: 8.2.9-debian-12-r0, digest: "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}, redisCluster: {tag: 8.2.9-debian-12-r0, digest: "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"}, redisExporter: {tag: 1.76.0-debian-12-r0, digest: "sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"}, kubectl: {tag: 1.33.4-debian-12-r0, digest: "sha256:eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"}}
            kubernetes: {configContext: prod-aks}
            azure: {resourceGroupName: rg, location: westeurope}
            connectionSecret: {namespace: suprsend}
            certManager: {issuer: internal-ca}
            monitoring: {prometheusRules: true, actionGroupId: %s/resourceGroups/ops/providers/microsoft.insights/actionGroups/oncall}
            network:
              allowedNamespaces: [suprsend]
              apiServerCidrs: [10.0.0.15/32]
              privateEndpointSubnetId: %s/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/aks/subnets/pe
              virtualNetworkId: %s/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/aks
            cache: {}
            workerState:
              name: prod-state
              backup:
                schedule: "5 2 * * *"
                retentionDays: 21
                keyVaultId: %s
                destination: {account: prodstatebackups}
            """.formatted(SUB, SUB, SUB, VAULT);

    @TempDir
    Path dir;

    private Environment load(String yaml) throws IOException {
        return EnvironmentLoader.loadFile(Files.writeString(dir.resolve("env.yaml"), yaml), dir);
    }

    private PolicyReport policy(EnvironmentStack stack) throws IOException {
        return PolicyPack.defaults().evaluate(new ObjectMapper().readTree(Testing.synth(stack)),
                stack.policyContext(), stack.policyExemptions());
    }

    @Test
    void builds_the_export_with_the_files_schedule_retention_key_vault_and_account() throws IOException {
        EnvironmentStack stack = new EnvironmentStack(Testing.app(), load(FILE));
        assertEquals(List.of(), stack.problems());
        JsonNode json = new ObjectMapper().readTree(Testing.synth(stack));
        JsonNode account = json.path("resource").path("azurerm_storage_account").elements().next();
        assertEquals("prodstatebackups", account.path("name").asText());
        assertEquals("ZRS", account.path("account_replication_type").asText());
        // What the report's "kept 21 days and immutable as long (..., unlocked ...)" stands on.
        JsonNode immutability = account.path("immutability_policy");
        assertEquals(21, immutability.path("period_since_creation_in_days").asInt(), account.toString());
        assertEquals("Unlocked", immutability.path("state").asText(), account.toString());
        JsonNode trigger = json.path("resource").path("azurerm_logic_app_trigger_recurrence").elements().next();
        assertEquals("[2]", trigger.path("schedule").path("at_these_hours").toString());
        assertEquals("[5]", trigger.path("schedule").path("at_these_minutes").toString());
        JsonNode rule = json.path("resource").path("azurerm_storage_management_policy").elements().next()
                .path("rule").get(0);
        assertEquals(21, rule.path("actions").path("base_blob").path("delete_after_days_since_creation_greater_than")
                .asInt());
        assertEquals(VAULT, json.path("resource").path("azurerm_key_vault_key").elements().next()
                .path("key_vault_id").asText());
        JsonNode alert = json.path("resource").path("azurerm_monitor_metric_alert").get(
                json.path("resource").path("azurerm_monitor_metric_alert").fieldNames().next());
        assertTrue(json.path("resource").path("azurerm_monitor_metric_alert").toString()
                .contains(SUB + "/resourceGroups/ops/providers/microsoft.insights/actionGroups/oncall"), alert::toString);
    }

    @Test
    void passes_the_policy_pack_printing_the_two_storage_exemptions_with_their_reasons() throws IOException {
        EnvironmentStack stack = new EnvironmentStack(Testing.app(), load(FILE));
        PolicyReport report = policy(stack);
        assertEquals(List.of(), stack.policyProblems(report));
        assertEquals(List.of("CKV2_AZURE_40", "CKV_AZURE_59"), report.exempted().stream()
                .filter(f -> f.address().startsWith("azurerm_storage_account.")).map(f -> f.ruleId()).sorted().toList());
        assertTrue(report.render().contains(AzurePlatform.BACKUP_PUBLIC_ENDPOINT_REASON), report.render());
        assertTrue(report.render().contains(AzurePlatform.BACKUP_SHARED_KEY_REASON), report.render());
    }

    @Test
    void the_report_names_schedule_container_key_retention_recovery_point_and_the_failure_alert() throws IOException {
        String report = new EnvironmentStack(Testing.app(), load(FILE)).report();
        String durability = report.lines().filter(l -> l.startsWith("- durability: AOF") && l.contains("backup:"))
                .findFirst().orElseThrow(() -> new AssertionError(report));
        assertTrue(durability.contains("export daily at 02:05 UTC (Logic App `prod-state-backup`, cron `5 2 * * *`)"), durability);
        assertTrue(durability.contains("`prodstatebackups/worker-state-backups/kvstores/env/prod-state/<UTC stamp>/`"), durability);
        assertTrue(durability.contains("key `prodstatebackups-backup` (created, RSA 3072, rotated yearly) in Key Vault `prod-keys`"), durability);
        assertTrue(durability.contains("kept 21 days and immutable as long (version-level WORM, unlocked: an account"
                + " Owner / Storage Account Contributor could shorten or remove it; workerState.backup.lockImmutability"
                + " locks it, irreversibly; the export SAS: the documented read/add/create/write/delete, whose delete"
                + " leaves an immutable version); recovery point: at most 24 h from the last export, plus the AOF"),
                durability);
        assertTrue(report.contains("  - prod-state-backup-failed [page]: Microsoft.Logic/workflows RunsFailed Total > 0 over PT1H"), report);
        assertTrue(report.contains("Key Vault `" + VAULT + "` (workerState.backup.keyVaultId) has soft delete, purge"
                + " protection and Azure RBAC authorization"), report);
        assertTrue(report.contains("run the Logic App `prod-state-backup` from the portal"), report);
    }

    @Test
    void a_production_store_without_backup_fails_at_workerState_backup() throws IOException {
        EnvironmentStack stack = new EnvironmentStack(Testing.app(), load(FILE.replaceAll("(?s)  backup:.*", "")));
        List<String> problems = stack.policyProblems(policy(stack));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("env.yaml: workerState.backup: Managed Redis 'prod-state' has no"
                + " scheduled export"), problems.get(0));
        assertTrue(problems.get(0).contains("[policy KVS-BACKUP-REQUIRED on azurerm_managed_redis."), problems.get(0));
    }

    @Test
    void an_exemption_reason_instead_of_backup_is_honoured_and_printed() throws IOException {
        EnvironmentStack stack = new EnvironmentStack(Testing.app(), load(FILE.replaceAll("(?s)  backup:.*",
                "  backupExemptionReason: state is rebuilt from the event log within minutes\n")));
        PolicyReport report = policy(stack);
        assertEquals(List.of(), stack.policyProblems(report));
        assertEquals(List.of(new PolicyExemption("KVS-BACKUP-REQUIRED", "",
                "state is rebuilt from the event log within minutes")), stack.policyExemptions().stream()
                .filter(e -> e.ruleId().equals("KVS-BACKUP-REQUIRED")).toList());
        assertTrue(report.render().contains("state is rebuilt from the event log within minutes"));
    }

    @Test
    void a_bad_schedule_or_account_is_reported_at_its_field() throws IOException {
        List<String> problems = org.junit.jupiter.api.Assertions.assertThrows(
                dev.kvstores.stacks.environment.EnvironmentException.class, () -> load(FILE.replace("\"5 2 * * *\"",
                        "\"0 3 1 * *\"").replace("account: prodstatebackups", "account: Prod_Backups"))).problems();
        assertTrue(problems.stream().anyMatch(p -> p.equals("env.yaml: workerState.backup.schedule: is '0 3 1 * *',"
                + " which a Logic Apps recurrence cannot run: it restricts the day of month or the month, which a"
                + " Logic Apps recurrence cannot (it runs daily or on weekdays); keep day-of-month and month '*'; give"
                + " a cron expression such as '17 3 * * *' (03:17 UTC every night)")), problems::toString);
        EnvironmentStack stack = new EnvironmentStack(Testing.app(), load(FILE.replace("account: prodstatebackups",
                "account: Prod_Backups")));
        assertTrue(stack.problems().stream().anyMatch(p -> p.startsWith("env.yaml: workerState.backup.destination.account: ")
                && p.contains("got 'Prod_Backups'")), stack.problems()::toString);
    }

    @Test
    void a_weekly_production_schedule_with_a_written_reason_is_the_exemption_in_the_report() throws IOException {
        EnvironmentStack stack = new EnvironmentStack(Testing.app(), load(FILE.replace("\"5 2 * * *\"",
                "\"5 2 * * SUN\"").replace("  backup:\n", "  backupExemptionReason: the queues are replayed from"
                + " the platform database; weekly is enough\n  backup:\n")));
        assertEquals(List.of(), stack.problems());
        assertTrue(stack.policyExemptions().stream().anyMatch(e -> e.ruleId().equals("KVS-BACKUP-REQUIRED")
                && e.reason().startsWith("the queues are replayed")), stack.policyExemptions()::toString);
        assertTrue(stack.report().contains("recovery point: at most 7 days from the last export"), stack.report());
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("backup and an exemption", FILE.replace("  backup:\n",
                                "  backupExemptionReason: no need for backups here at all\n  backup:\n"),
                        "env.yaml: workerState.backupExemptionReason: is set together with backup; remove one of them"
                                + " (with a backup it is only for a production schedule that runs less often than"
                                + " daily, and '5 2 * * *' runs at least every 24 h)"),
                Arguments.of("a weekly production schedule", FILE.replace("\"5 2 * * *\"", "\"5 2 * * SUN\""),
                        "env.yaml: workerState.backup.schedule: is '5 2 * * SUN', which leaves up to 7 days between two"
                                + " backups, so a restore could lose that much; production backs up at least every 24"
                                + " h: give a daily time such as '17 3 * * *' (03:17 UTC every night), or write why"
                                + " less often is enough in workerState.backupExemptionReason"),
                Arguments.of("a schedule that never runs", FILE.replace("\"5 2 * * *\"", "\"17 3 31 2 *\""),
                        "env.yaml: workerState.backup.schedule: is '17 3 31 2 *', which never runs (no day 31 in month"
                                + " 2 exists); give a cron expression such as '17 3 * * *' (03:17 UTC every night)"),
                Arguments.of("fields out of range", FILE.replace("\"5 2 * * *\"", "\"61 25 * * *\""),
                        "env.yaml: workerState.backup.schedule: is '61 25 * * *', which minute field has 61, outside"
                                + " 0-59; give a cron expression such as '17 3 * * *' (03:17 UTC every night)"),
                Arguments.of("no key vault", FILE.replace("    keyVaultId: " + VAULT + "\n", ""),
                        "env.yaml: workerState.backup.keyVaultId: is missing; add it, e.g. /subscriptions/<id>"
                                + "/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<vault>"),
                Arguments.of("no destination", FILE.replace("    destination: {account: prodstatebackups}\n", ""),
                        "env.yaml: workerState.backup.destination: is missing; add the 'destination' section"),
                Arguments.of("an S3 destination", FILE.replace("{account: prodstatebackups}",
                                "{type: s3, account: prodstatebackups}"),
                        "env.yaml: workerState.backup.destination.type: is 's3'; allowed: azureblob"),
                Arguments.of("the Kubernetes job's image", FILE.replace("    retentionDays: 21\n",
                                "    retentionDays: 21\n    image: registry.example.com/backup:1\n"),
                        "env.yaml: workerState.backup.image: does not apply to Azure Managed Redis (no job runs in"
                                + " the cluster: the service exports itself, encrypted with your Key Vault key,"
                                + " keyVaultId); remove it"),
                Arguments.of("zero retention", FILE.replace("retentionDays: 21", "retentionDays: 0"),
                        "env.yaml: workerState.backup.retentionDays: is 0; allowed: 1 to 3650"),
                Arguments.of("an unknown replication", FILE.replace("{account: prodstatebackups}",
                                "{account: prodstatebackups, replication: Premium_LRS}"),
                        "env.yaml: workerState.backup.destination.replication: is 'Premium_LRS'; allowed: LRS, ZRS,"
                                + " GRS, GZRS, RAGRS, RAGZRS"));
    }

    @ParameterizedTest(name = "fails with {0}")
    @MethodSource("badFiles")
    void fails_naming_the_field_and_the_fix(String description, String yaml, String expected) throws IOException {
        Path file = Files.writeString(dir.resolve("env.yaml"), yaml);
        List<String> problems = assertThrows(EnvironmentException.class,
                () -> EnvironmentLoader.loadFile(file, dir)).problems();
        assertTrue(problems.contains(expected), problems::toString);
    }

    @Test
    void without_backup_the_settings_carry_none() throws IOException {
        AzureSettings s = load(FILE.replaceAll("(?s)  backup:.*", "")).settings(AzureSettings.class);
        assertNull(s.workerState().backup());
        assertNull(s.workerState().backupExemptionReason());
    }
}
