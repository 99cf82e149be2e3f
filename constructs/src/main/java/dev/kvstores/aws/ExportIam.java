package dev.kvstores.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRoleConfig;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The IAM of a {@link WorkerStateExport}: service roles with confused-deputy conditions, and the state machine's
 * least-privilege policy (this store's snapshots, the two buckets, the two keys).
 */
final class ExportIam {

    private ExportIam() {
    }

    /** A role {@code id} only {@code service} may assume, for {@code sourceArn} of this account. */
    static IamRole role(Construct scope, String id, String name, String service, String accountId, String sourceArn,
                        String description, Map<String, String> tags) {
        ObjectNode trust = PolicyDocuments.policy();
        ObjectNode assume = PolicyDocuments.statement(trust, "TrustedService", "Allow");
        assume.putObject("Principal").put("Service", service);
        assume.put("Action", "sts:AssumeRole");
        ServiceGrantConditions.trust(assume, accountId, sourceArn);
        return new IamRole(scope, id, IamRoleConfig.builder().name(name).description(description)
                .assumeRolePolicy(trust.toString()).tags(tags).build());
    }

    /** Least privilege for the run: this store's snapshots, the two buckets, the two keys. */
    static String machinePolicy(WorkerStateExport.Source source, String exportBucketArn, String arnPrefix,
                                String region, String accountId, String archiveArn, String archiveKeyArn) {
        String store = source.storeName();
        ObjectNode doc = PolicyDocuments.policy();
        ObjectNode snapshots = PolicyDocuments.statement(doc, "StoreSnapshots", "Allow");
        if (source.service() == ExportDefinition.Service.ELASTICACHE) {
            String base = arnPrefix + "elasticache:" + region + ":" + accountId + ":";
            PolicyDocuments.array(snapshots, "Action", List.of("elasticache:CreateSnapshot", "elasticache:DescribeSnapshots",
                    "elasticache:CopySnapshot", "elasticache:DeleteSnapshot"));
            PolicyDocuments.array(snapshots, "Resource", List.of(base + "replicationgroup:" + store, base + "cluster:" + store + "-*",
                    base + "snapshot:" + store + "-kvs-*"));
        } else {
            String base = arnPrefix + "memorydb:" + region + ":" + accountId + ":";
            PolicyDocuments.array(snapshots, "Action", List.of("memorydb:CreateSnapshot", "memorydb:DescribeSnapshots",
                    "memorydb:CopySnapshot", "memorydb:DeleteSnapshot"));
            PolicyDocuments.array(snapshots, "Resource", List.of(base + "cluster/" + store, base + "snapshot/" + store + "-kvs-*"));
        }
        // The caller of CopySnapshot needs s3:ListAllMyBuckets, which S3 cannot scope below all buckets
        // ("Exporting a backup", step 3); every other S3 action is scoped to the two buckets.
        ObjectNode list = PolicyDocuments.statement(doc, "ExportCallerListsBuckets", "Allow");
        PolicyDocuments.array(list, "Action", List.of("s3:ListAllMyBuckets"));
        PolicyDocuments.array(list, "Resource", List.of(arnPrefix + "s3:::*"));
        ObjectNode exportBucketAccess = PolicyDocuments.statement(doc, "ExportBucket", "Allow");
        PolicyDocuments.array(exportBucketAccess, "Action", List.of("s3:GetBucketLocation", "s3:ListBucket"));
        PolicyDocuments.array(exportBucketAccess, "Resource", List.of(exportBucketArn));
        ObjectNode exportObjects = PolicyDocuments.statement(doc, "ExportFiles", "Allow");
        PolicyDocuments.array(exportObjects, "Action", List.of("s3:PutObject", "s3:GetObject", "s3:DeleteObject"));
        PolicyDocuments.array(exportObjects, "Resource", List.of(exportBucketArn + "/*"));
        ObjectNode archive = PolicyDocuments.statement(doc, "ArchiveCopies", "Allow");
        PolicyDocuments.array(archive, "Action", List.of("s3:PutObject", "s3:AbortMultipartUpload"));
        PolicyDocuments.array(archive, "Resource", List.of(archiveArn + "/" + store + "/*"));
        ObjectNode archiveKey = PolicyDocuments.statement(doc, "ArchiveKeyThroughS3", "Allow");
        PolicyDocuments.array(archiveKey, "Action", List.of("kms:GenerateDataKey", "kms:Decrypt"));
        PolicyDocuments.array(archiveKey, "Resource", List.of(archiveKeyArn));
        archiveKey.putObject("Condition").putObject("StringEquals").put("kms:ViaService",
                "s3." + region + ".amazonaws.com");
        // The snapshot and its export are encrypted with the store's key; the service uses it through grants.
        String via = (source.service() == ExportDefinition.Service.ELASTICACHE ? "elasticache." : "memorydb.")
                + region + ".amazonaws.com";
        ObjectNode storeKey = PolicyDocuments.statement(doc, "StoreKeyDescribe", "Allow");
        PolicyDocuments.array(storeKey, "Action", List.of("kms:DescribeKey"));
        PolicyDocuments.array(storeKey, "Resource", List.of(source.storeKmsKeyArn()));
        ObjectNode storeGrant = PolicyDocuments.statement(doc, "StoreKeyGrantsForTheService", "Allow");
        PolicyDocuments.array(storeGrant, "Action", List.of("kms:CreateGrant"));
        PolicyDocuments.array(storeGrant, "Resource", List.of(source.storeKmsKeyArn()));
        ObjectNode condition = storeGrant.putObject("Condition");
        condition.putObject("Bool").put("kms:GrantIsForAWSResource", "true");
        condition.putObject("StringEquals").put("kms:ViaService", via);
        return doc.toString();
    }
}
