package dev.kvstores.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The two HTTP actions of the export workflow, as the JSON bodies of {@code azurerm_logic_app_action_custom} (the
 * Workflow Definition Language action objects). Both call Azure Resource Manager with the Logic App's
 * system-assigned managed identity ({@code authentication.type = ManagedServiceIdentity}); neither holds a secret.
 *
 * <ol>
 *   <li>{@value #LIST_SAS}: {@code POST <storage account>/listServiceSas} (Microsoft.Storage
 *       {@value #STORAGE_API_VERSION}): a service SAS for the backup container only, HTTPS only, permissions
 *       {@value #SAS_PERMISSIONS}, valid {@value #SAS_VALID_HOURS} h (Managed Redis refuses a SAS that ends within
 *       the hour). Its output is marked secure, so the token is not kept in the run history.</li>
 *   <li>{@value #EXPORT}: {@code POST <managed redis>/databases/default/export} (Microsoft.Cache
 *       {@value #REDIS_API_VERSION}, the version azurerm 4.55 manages {@code azurerm_managed_redis} with), body
 *       {@code {"sasUri": "<blob endpoint><container>/<directory>/<UTC stamp>?<token>"}}. ARM answers 202 and the
 *       action follows the {@code Location} header until the export ends; a failed export fails the action and the
 *       run. Its inputs are marked secure (they carry the token).</li>
 * </ol>
 *
 * <p>Sources: the Microsoft.Cache REST specification, azure-rest-api-specs
 * {@code specification/redisenterprise/resource-manager/Microsoft.Cache/RedisEnterprise/stable/2025-07-01/redisenterprise.json}
 * ({@code Databases_Export}, body {@code ExportClusterParameters {sasUri}}: "SAS URI for the target directory to export
 * to"; no managed-identity option); "Import and Export data in Azure Managed Redis",
 * https://learn.microsoft.com/azure/redis/how-to-import-export-data (SAS end at least 1 h ahead, the SAS
 * permissions, exports are .gz block blobs);
 * Storage Accounts - List Service SAS,
 * https://learn.microsoft.com/rest/api/storagerp/storage-accounts/list-service-sas; Logic Apps HTTP action with a
 * managed identity, https://learn.microsoft.com/azure/logic-apps/authenticate-with-managed-identity; secure inputs
 * and outputs, https://learn.microsoft.com/azure/logic-apps/logic-apps-securing-a-logic-app#secure-data-in-run-history.
 * Internal.
 */
final class ExportWorkflowActions {

    /** Azure Resource Manager, the audience of the managed identity's token. */
    static final String ARM = "https://management.azure.com";
    static final String STORAGE_API_VERSION = "2023-05-01";
    static final String REDIS_API_VERSION = "2025-07-01";
    static final String LIST_SAS = "ListServiceSas";
    static final String EXPORT = "ExportDatabase";
    /**
     * read, add, create, write, delete: the letters {@code listServiceSas} documents of those Managed Redis asks for
     * (its FAQ also lists tag and move, which the Storage RP's {@code Permissions} enum does not have).
     */
    static final String SAS_PERMISSIONS = "racwd";
    /** Create and write only: what writing new blobs needs ({@code ManagedRedisBackupProps#minimalExportSas}). */
    static final String MINIMAL_SAS_PERMISSIONS = "cw";
    static final int SAS_VALID_HOURS = 4;
    /** How long the export action waits for the export to finish. */
    static final String EXPORT_TIMEOUT = "PT3H";
    /** The dated directory of one export, in the .NET custom format of {@code formatDateTime}. */
    static final String STAMP_EXPRESSION = "formatDateTime(utcNow(), 'yyyy-MM-ddTHHmmssZ')";
    /** The token from the first action's response body ({@code {"serviceSasToken": "sv=...&sig=..."}}). */
    static final String TOKEN_EXPRESSION = "body('" + LIST_SAS + "')?['serviceSasToken']";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExportWorkflowActions() {
    }

    /**
     * @param storageAccountId   the account's resource ID (a Terraform reference)
     * @param storageAccountName its name
     * @param containerName      the backup container
     */
    static String listServiceSas(String storageAccountId, String storageAccountName, String containerName) {
        return listServiceSas(storageAccountId, storageAccountName, containerName, SAS_PERMISSIONS);
    }

    /** As {@link #listServiceSas(String, String, String)} with the SAS's permission letters. */
    static String listServiceSas(String storageAccountId, String storageAccountName, String containerName,
                                 String permissions) {
        ObjectNode action = JSON.createObjectNode();
        action.put("type", "Http");
        ObjectNode inputs = action.putObject("inputs");
        inputs.put("method", "POST");
        inputs.put("uri", ARM + storageAccountId + "/listServiceSas?api-version=" + STORAGE_API_VERSION);
        ObjectNode body = inputs.putObject("body");
        body.put("canonicalizedResource", "/blob/" + storageAccountName + "/" + containerName);
        body.put("signedResource", "c");
        body.put("signedPermission", permissions);
        body.put("signedProtocol", "https");
        body.put("signedExpiry", "@{addHours(utcNow(), " + SAS_VALID_HOURS + ")}");
        body.put("keyToSign", "key1");
        authentication(inputs);
        action.putObject("runAfter");
        action.putObject("runtimeConfiguration").putObject("secureData").putArray("properties").add("outputs");
        return write(action);
    }

    /**
     * @param redisId      the Managed Redis resource ID (a Terraform reference)
     * @param blobEndpoint the account's primary blob endpoint, ending in {@code /} (a Terraform reference)
     * @param directory    {@code <container>/<prefix>/<environment>/<store>}
     */
    static String export(String redisId, String blobEndpoint, String directory) {
        ObjectNode action = JSON.createObjectNode();
        action.put("type", "Http");
        ObjectNode inputs = action.putObject("inputs");
        inputs.put("method", "POST");
        inputs.put("uri", ARM + redisId + "/databases/default/export?api-version=" + REDIS_API_VERSION);
        inputs.putObject("body").put("sasUri", sasUri(blobEndpoint, directory));
        authentication(inputs);
        action.putObject("runAfter").putArray(LIST_SAS).add("Succeeded");
        action.putObject("limit").put("timeout", EXPORT_TIMEOUT);
        action.putObject("runtimeConfiguration").putObject("secureData").putArray("properties").add("inputs");
        return write(action);
    }

    /** The {@code sasUri} the export writes to: one dated directory per run, the container SAS after {@code ?}. */
    static String sasUri(String blobEndpoint, String directory) {
        return blobEndpoint + directory + "/@{" + STAMP_EXPRESSION + "}?@{" + TOKEN_EXPRESSION + "}";
    }

    private static void authentication(ObjectNode inputs) {
        ObjectNode auth = inputs.putObject("authentication");
        auth.put("type", "ManagedServiceIdentity");
        auth.put("audience", ARM + "/");
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
