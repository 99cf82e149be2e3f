package dev.kvstores.policy.rules.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;

/**
 * KVS-AZURE-STORAGE-VERSIONING: a storage account kvstores writes backups to keeps what is overwritten or deleted:
 * {@code blob_properties.versioning_enabled = true} and a {@code delete_retention_policy} of at least one day (blob
 * soft delete, as Checkov CKV2_AZURE_38 asks). A leaked SAS, a bad export or a mistaken delete then cannot destroy the
 * last good copy. Source: Azure Storage "Blob versioning" and "Soft delete for blobs",
 * https://learn.microsoft.com/azure/storage/blobs/versioning-overview,
 * https://learn.microsoft.com/azure/storage/blobs/soft-delete-blob-overview.
 */
public final class StorageBlobVersioning extends StorageAccountRule {
    @Override public String id() { return "KVS-AZURE-STORAGE-VERSIONING"; }
    @Override public String source() { return "Azure Storage blob versioning and soft delete (CKV2_AZURE_38 for soft delete)"; }
    @Override public String description() { return "storage account keeps blob versions and soft-deleted blobs"; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        JsonNode blob = block(resource.body(), "blob_properties");
        if (!isTrue(blob, "versioning_enabled")) {
            return Evaluation.nonCompliant("blob_properties.versioning_enabled is " + text(blob, "versioning_enabled")
                    + ": an overwritten export is gone");
        }
        int days = block(blob, "delete_retention_policy").path("days").asInt(0);
        return Evaluation.check(days >= 1, "blob_properties.delete_retention_policy.days is " + days
                + ": a deleted export is gone at once");
    }
}
