package dev.kvstores.policy.rules.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvstores.policy.Compliance;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.policy.PolicyRule;
import dev.kvstores.policy.SynthesizedResource;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each Azure rule on compliant and non-compliant fixtures, with the missing-attribute semantics of the table. */
class AzureRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLASSIC = "azurerm_redis_cache";
    private static final String MANAGED = "azurerm_managed_redis";
    private static final String ENDPOINT = "azurerm_private_endpoint";

    private static Evaluation run(PolicyRule rule, String type, String body, boolean production) throws Exception {
        return rule.evaluate(new SynthesizedResource(type, "r", JSON.readTree(body.replace('\'', '"'))),
                new PolicyContext("test", production));
    }

    static Stream<Arguments> cases() {
        String pe = "{'private_service_connection':{'private_connection_resource_id':'${azurerm_redis_cache.c.id}',"
                + "'is_manual_connection':false,'subresource_names':['redisCache']},"
                + "'private_dns_zone_group':{'name':'default','private_dns_zone_ids':['${azurerm_private_dns_zone.z.id}']}}";
        return Stream.of(
                // CKV_AZURE_91: absent passes; v3 and v4 names both fail when true
                Arguments.of(new CkvAzure91NonSslPortDisabled(), CLASSIC, "{}", true, Compliance.COMPLIANT, ""),
                Arguments.of(new CkvAzure91NonSslPortDisabled(), CLASSIC, "{'non_ssl_port_enabled':true}", true, Compliance.NON_COMPLIANT, "non_ssl_port_enabled is true"),
                Arguments.of(new CkvAzure91NonSslPortDisabled(), CLASSIC, "{'enable_non_ssl_port':true}", true, Compliance.NON_COMPLIANT, "enable_non_ssl_port is true"),
                // CKV_AZURE_148: absent fails
                Arguments.of(new CkvAzure148MinimumTls12(), CLASSIC, "{'minimum_tls_version':'1.2'}", true, Compliance.COMPLIANT, ""),
                Arguments.of(new CkvAzure148MinimumTls12(), CLASSIC, "{}", true, Compliance.NON_COMPLIANT, "minimum_tls_version is absent"),
                Arguments.of(new CkvAzure148MinimumTls12(), CLASSIC, "{'minimum_tls_version':'1.0'}", true, Compliance.NON_COMPLIANT, "minimum_tls_version is '1.0'"),
                // CKV_AZURE_89: absent fails
                Arguments.of(new CkvAzure89PublicNetworkAccessDisabled(), CLASSIC, "{'public_network_access_enabled':false}", true, Compliance.COMPLIANT, ""),
                Arguments.of(new CkvAzure89PublicNetworkAccessDisabled(), CLASSIC, "{}", true, Compliance.NON_COMPLIANT, "public_network_access_enabled is null"),
                // CKV_AZURE_230
                Arguments.of(new CkvAzure230StandardOrPremiumSku(), CLASSIC, "{'sku_name':'Standard'}", true, Compliance.COMPLIANT, ""),
                Arguments.of(new CkvAzure230StandardOrPremiumSku(), CLASSIC, "{'sku_name':'Basic'}", true, Compliance.NON_COMPLIANT, "sku_name is Basic"),
                // 22bee202
                Arguments.of(new AzurePolicySecureConnectionsOnly(), CLASSIC, "{'non_ssl_port_enabled':false}", true, Compliance.COMPLIANT, ""),
                Arguments.of(new AzurePolicySecureConnectionsOnly(), CLASSIC, "{'non_ssl_port_enabled':true}", true, Compliance.NON_COMPLIANT, "the non-TLS port 6379 is enabled"),
                // 470baccb on both services
                Arguments.of(new AzurePolicyPublicNetworkAccessDisabled(), MANAGED, "{'public_network_access':'Disabled'}", true, Compliance.COMPLIANT, ""),
                Arguments.of(new AzurePolicyPublicNetworkAccessDisabled(), MANAGED, "{}", true, Compliance.NON_COMPLIANT, "public_network_access is null"),
                Arguments.of(new AzurePolicyPublicNetworkAccessDisabled(), CLASSIC, "{'public_network_access_enabled':true}", true, Compliance.NON_COMPLIANT, "public_network_access_enabled is true"),
                // 7803067c on private endpoints
                Arguments.of(new AzurePolicyPrivateLink(), ENDPOINT, pe, true, Compliance.COMPLIANT, ""),
                Arguments.of(new AzurePolicyPrivateLink(), ENDPOINT, pe.replace("'is_manual_connection':false", "'is_manual_connection':true"), true, Compliance.NON_COMPLIANT, "is_manual_connection is true: the connection waits for approval"),
                Arguments.of(new AzurePolicyPrivateLink(), ENDPOINT, pe.replace("azurerm_redis_cache", "azurerm_managed_redis"), true, Compliance.NON_COMPLIANT, "subresource_names is [\"redisCache\"], expected [\"redisEnterprise\"]"),
                Arguments.of(new AzurePolicyPrivateLink(), ENDPOINT, pe.replace("'private_dns_zone_ids':['${azurerm_private_dns_zone.z.id}']", "'private_dns_zone_ids':[]"), true, Compliance.NON_COMPLIANT, "no private_dns_zone_group: clients would resolve the public name"),
                Arguments.of(new AzurePolicyPrivateLink(), ENDPOINT, pe.replace("azurerm_redis_cache", "azurerm_storage_account"), true, Compliance.NOT_APPLICABLE, ""),
                // 7d092e0a
                Arguments.of(new AzurePolicyVirtualNetwork(), CLASSIC, "{'subnet_id':'/s'}", true, Compliance.COMPLIANT, ""),
                Arguments.of(new AzurePolicyVirtualNetwork(), CLASSIC, "{}", true, Compliance.NON_COMPLIANT, "subnet_id is absent (not VNet-injected)"),
                // 3827af20: classic absent fails, managed absent passes
                Arguments.of(new AzurePolicyNoAccessKeys(), CLASSIC, "{}", true, Compliance.NON_COMPLIANT, "access_keys_authentication_enabled is null"),
                Arguments.of(new AzurePolicyNoAccessKeys(), CLASSIC, "{'access_keys_authentication_enabled':false}", true, Compliance.COMPLIANT, ""),
                Arguments.of(new AzurePolicyNoAccessKeys(), MANAGED, "{'default_database':{}}", true, Compliance.COMPLIANT, ""),
                Arguments.of(new AzurePolicyNoAccessKeys(), MANAGED, "{'default_database':[{'access_keys_authentication_enabled':true}]}", true, Compliance.NON_COMPLIANT, "default_database.access_keys_authentication_enabled is true"),
                // 09aa11bb
                Arguments.of(new AzurePolicyEnterpriseCustomerManagedKey(), MANAGED, "{'customer_managed_key':{'key_vault_key_id':'k'}}", true, Compliance.COMPLIANT, ""),
                Arguments.of(new AzurePolicyEnterpriseCustomerManagedKey(), MANAGED, "{}", true, Compliance.NON_COMPLIANT, "customer_managed_key is absent (platform-managed keys)"),
                // Deny-Redis-http
                Arguments.of(new AlzDenyRedisHttp(), CLASSIC, "{'non_ssl_port_enabled':false,'minimum_tls_version':'1.2'}", true, Compliance.COMPLIANT, ""),
                Arguments.of(new AlzDenyRedisHttp(), CLASSIC, "{'non_ssl_port_enabled':false}", true, Compliance.NON_COMPLIANT, "minimum_tls_version is null"),
                Arguments.of(new AlzDenyRedisHttp(), CLASSIC, "{'non_ssl_port_enabled':true,'minimum_tls_version':'1.2'}", true, Compliance.NON_COMPLIANT, "the non-TLS port is enabled"),
                // KVS-AZURE-AMR-TLS
                Arguments.of(new ManagedRedisEncryptedProtocol(), MANAGED, "{'default_database':{'client_protocol':'Encrypted'}}", true, Compliance.COMPLIANT, ""),
                Arguments.of(new ManagedRedisEncryptedProtocol(), MANAGED, "{'default_database':{'client_protocol':'Plaintext'}}", true, Compliance.NON_COMPLIANT, "default_database.client_protocol is Plaintext"),
                // KVS-AZURE-HA: production only
                Arguments.of(new AzureHighAvailability(), CLASSIC, "{'sku_name':'Premium','zones':['1','2']}", true, Compliance.COMPLIANT, ""),
                Arguments.of(new AzureHighAvailability(), CLASSIC, "{'sku_name':'Standard'}", true, Compliance.NON_COMPLIANT, "sku_name is Standard: only Premium spreads across zones"),
                Arguments.of(new AzureHighAvailability(), CLASSIC, "{'sku_name':'Premium','zones':['1']}", true, Compliance.NON_COMPLIANT, "zones is [\"1\"], need at least 2"),
                Arguments.of(new AzureHighAvailability(), CLASSIC, "{'sku_name':'Standard'}", false, Compliance.NOT_APPLICABLE, ""),
                Arguments.of(new AzureHighAvailability(), MANAGED, "{}", true, Compliance.COMPLIANT, ""),
                Arguments.of(new AzureHighAvailability(), MANAGED, "{'high_availability_enabled':false}", true, Compliance.NON_COMPLIANT, "high_availability_enabled is false"),
                // KVS-AZURE-ROLE-PERSISTENCE
                Arguments.of(new AzureRolePersistence(), CLASSIC, "{'tags':{'kvstores-role':'cache'},'redis_configuration':{'maxmemory_policy':'allkeys-lru','maxmemory_reserved':1536}}", true, Compliance.COMPLIANT, ""),
                Arguments.of(new AzureRolePersistence(), CLASSIC, "{'tags':{'kvstores-role':'cache'},'redis_configuration':{'maxmemory_policy':'allkeys-lru','maxmemory_reserved':1536,'rdb_backup_enabled':true}}", true, Compliance.NON_COMPLIANT, "the cache has RDB or AOF backup enabled"),
                Arguments.of(new AzureRolePersistence(), CLASSIC, "{'tags':{'kvstores-role':'cache'},'redis_configuration':{'maxmemory_policy':'noeviction','maxmemory_reserved':1}}", true, Compliance.NON_COMPLIANT, "redis_configuration.maxmemory_policy is noeviction"),
                Arguments.of(new AzureRolePersistence(), CLASSIC, "{'tags':{'kvstores-role':'cache'},'redis_configuration':{'maxmemory_policy':'volatile-lru'}}", true, Compliance.NON_COMPLIANT, "redis_configuration.maxmemory_reserved is absent (75% for data)"),
                Arguments.of(new AzureRolePersistence(), MANAGED, "{'tags':{'kvstores-role':'cache'}}", true, Compliance.NON_COMPLIANT, "the cache is on Azure Managed Redis, which has no DB numbers"),
                Arguments.of(new AzureRolePersistence(), MANAGED, "{'tags':{'kvstores-role':'worker-state'},'default_database':{'persistence_append_only_file_backup_frequency':'1s','eviction_policy':'NoEviction'}}", true, Compliance.COMPLIANT, ""),
                Arguments.of(new AzureRolePersistence(), MANAGED, "{'tags':{'kvstores-role':'worker-state'},'default_database':{'eviction_policy':'NoEviction'}}", true, Compliance.NON_COMPLIANT, "default_database.persistence_append_only_file_backup_frequency is null, expected 1s"),
                Arguments.of(new AzureRolePersistence(), MANAGED, "{'tags':{'kvstores-role':'worker-state'},'default_database':{'persistence_append_only_file_backup_frequency':'1s','eviction_policy':'VolatileLRU'}}", true, Compliance.NON_COMPLIANT, "default_database.eviction_policy is VolatileLRU"),
                Arguments.of(new AzureRolePersistence(), CLASSIC, "{'tags':{'kvstores-role':'worker-state'},'redis_configuration':{'aof_backup_enabled':true,'maxmemory_policy':'noeviction'}}", true, Compliance.COMPLIANT, ""),
                Arguments.of(new AzureRolePersistence(), CLASSIC, "{'tags':{'kvstores-role':'worker-state'},'redis_configuration':{'maxmemory_policy':'noeviction'}}", true, Compliance.NON_COMPLIANT, "the worker state cache has neither AOF nor RDB backup"),
                Arguments.of(new AzureRolePersistence(), CLASSIC, "{}", true, Compliance.NOT_APPLICABLE, ""),
                // KVS-AZURE-TAGS: the tag limitations page (AzureTags.RULES_PAGE)
                Arguments.of(new AzureTagsValid(), CLASSIC, "{'tags':{'kvstores-role':'cache','kvstores-environment':'prod'}}", true, Compliance.COMPLIANT, ""),
                Arguments.of(new AzureTagsValid(), ENDPOINT, "{'tags':{'kvstores.dev/role':'cache'}}", true, Compliance.NON_COMPLIANT,
                        "tag name 'kvstores.dev/role' contains /, which Azure tag names may not contain (< > % & \\ ? /); use letters, digits and '-', e.g. 'kvstores-dev-role'"),
                Arguments.of(new AzureTagsValid(), MANAGED, "{'tags':{'a<b>':'x','c%d&e?f\\\\g':'y'}}", true, Compliance.NON_COMPLIANT,
                        "tag name 'a<b>' contains < >, which Azure tag names may not contain (< > % & \\ ? /); use letters, digits and '-', e.g. 'a-b-'; "
                                + "tag name 'c%d&e?f\\g' contains % & ? \\, which Azure tag names may not contain (< > % & \\ ? /); use letters, digits and '-', e.g. 'c-d-e-f-g'"),
                Arguments.of(new AzureTagsValid(), CLASSIC, "{'tags':{'Owner':'a','owner':'b'}}", true, Compliance.NON_COMPLIANT,
                        "tag name 'owner' differs from another only in case; Azure tag names are case-insensitive"),
                Arguments.of(new AzureTagsValid(), CLASSIC, "{'tags':{'note':'" + "v".repeat(257) + "'}}", true, Compliance.NON_COMPLIANT,
                        "tag 'note' has a value of 257 characters; Azure allows at most 256"),
                Arguments.of(new AzureTagsValid(), CLASSIC, "{'tags':{'env':'${var.environment}'}}", true, Compliance.COMPLIANT, ""),
                Arguments.of(new AzureTagsValid(), CLASSIC, "{}", true, Compliance.NOT_APPLICABLE, ""));
    }

    @ParameterizedTest(name = "{0} on {2} (production {3}) is {4}")
    @MethodSource("cases")
    void evaluates(PolicyRule rule, String type, String body, boolean production, Compliance expected, String detail)
            throws Exception {
        assertTrue(rule.resourceTypes().contains(type), rule.id() + " looks at " + type);
        Evaluation evaluation = run(rule, type, body, production);
        assertEquals(expected, evaluation.compliance(), evaluation.detail());
        assertEquals(detail, evaluation.detail());
    }

    @Test
    void every_azure_row_of_the_table_is_in_the_default_pack_with_its_id() {
        List<String> ids = PolicyPack.defaults().rules().stream().map(PolicyRule::id).toList();
        assertTrue(ids.containsAll(List.of("CKV_AZURE_91", "CKV_AZURE_148", "CKV_AZURE_89", "CKV_AZURE_230",
                "22bee202-a82f-4305-9a2a-6d7f44d4dedb", "470baccb-7e51-4549-8b1a-3e5be069f663",
                "7803067c-7d34-46e3-8c79-0ca68fc4036d", "7d092e0a-7acd-40d2-a975-dca21cae48c4",
                "3827af20-8f80-4b15-8300-6db0873ec901", "09aa11bb-87ec-409f-bf0b-49b7c1561a87", "Deny-Redis-http",
                "KVS-AZURE-AMR-TLS", "KVS-AZURE-HA", "KVS-AZURE-ROLE-PERSISTENCE", "KVS-AZURE-TAGS")), ids.toString());
    }
}
