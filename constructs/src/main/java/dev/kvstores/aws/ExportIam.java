package dev.kvstores.aws;

import static dev.kvstores.aws.PolicyDocuments.array;
import static dev.kvstores.aws.PolicyDocuments.policy;
import static dev.kvstores.aws.PolicyDocuments.statement;

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
        ObjectNode trust = policy();
        ObjectNode assume = statement(trust, "TrustedService", "Allow");
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
        ObjectNode doc = policy();
        ObjectNode snapshots = statement(doc, "StoreSnapshots", "Allow");
        if (source.service() == ExportDefinition.Service.ELASTICACHE) {
            String base = arnPrefix + "elasticache:" + region + ":" + accountId + ":";
            array(snapshots, "Action", List.of("elasticache:CreateSnapshot", "elasticache:DescribeSnapshots",
                    "elasticache:CopySnapshot", "elasticache:DeleteSnapshot"));
            array(snapshots, "Resource", List.of(base + "replicationgroup:" + store, base + "cluster:" + store + "-*",
                    base + "snapshot:" + store + "-kvs-*"));
        } else {
            String base = arnPrefix + "memorydb:" + region + ":" + accountId + ":";
            array(snapshots, "Action", List.of("memorydb:CreateSnapshot", "memorydb:DescribeSnapshots",
                    "memorydb:CopySnapshot", "memorydb:DeleteSnapshot"));
            array(snapshots, "Resource", List.of(base + "cluster/" + store, base + "snapshot/" + store + "-kvs-*"));
        }
        // The caller of CopySnapshot needs s3:ListAllMyBuckets, which S3 cannot scope below all buckets
        // ("Exporting a backup", step 3); every other S3 action is scoped to the two buckets.
        ObjectNode list = statement(doc, "ExportCallerListsBuckets", "Allow");
        array(list, "Action", List.of("s3:ListAllMyBuckets"));
        array(list, "Resource", List.of(arnPrefix + "s3:::*"));
        ObjectNode exportBucketAccess = statement(doc, "ExportBucket", "Allow");
        array(exportBucketAccess, "Action", List.of("s3:GetBucketLocation", "s3:ListBucket"));
        array(exportBucketAccess, "Resource", List.of(exportBucketArn));
        ObjectNode exportObjects = statement(doc, "ExportFiles", "Allow");
        array(exportObjects, "Action", List.of("s3:PutObject", "s3:GetObject", "s3:DeleteObject"));
        array(exportObjects, "Resource", List.of(exportBucketArn + "/*"));
        ObjectNode archive = statement(doc, "ArchiveCopies", "Allow");
        array(archive, "Action", List.of("s3:PutObject", "s3:AbortMultipartUpload"));
        array(archive, "Resource", List.of(archiveArn + "/" + store + "/*"));
        ObjectNode archiveKey = statement(doc, "ArchiveKeyThroughS3", "Allow");
        array(archiveKey, "Action", List.of("kms:GenerateDataKey", "kms:Decrypt"));
        array(archiveKey, "Resource", List.of(archiveKeyArn));
        archiveKey.putObject("Condition").putObject("StringEquals").put("kms:ViaService",
                "s3." + region + ".amazonaws.com");
        // The snapshot and its export are encrypted with the store's key; the service uses it through grants.
        String via = (source.service() == ExportDefinition.Service.ELASTICACHE ? "elasticache." : "memorydb.")
                + region + ".amazonaws.com";
        ObjectNode storeKey = statement(doc, "StoreKeyDescribe", "Allow");
        array(storeKey, "Action", List.of("kms:DescribeKey"));
        array(storeKey, "Resource", List.of(source.storeKmsKeyArn()));
        ObjectNode storeGrant = statement(doc, "StoreKeyGrantsForTheService", "Allow");
        array(storeGrant, "Action", List.of("kms:CreateGrant"));
        array(storeGrant, "Resource", List.of(source.storeKmsKeyArn()));
        ObjectNode condition = storeGrant.putObject("Condition");
        condition.putObject("Bool").put("kms:GrantIsForAWSResource", "true");
        condition.putObject("StringEquals").put("kms:ViaService", via);
        return doc.toString();
    }
}
