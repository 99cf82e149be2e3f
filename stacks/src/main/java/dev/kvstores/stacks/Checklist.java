package dev.kvstores.stacks;

import dev.kvstores.gcp.MemorystoreBackup;
import dev.kvstores.gcp.MemorystoreWorkerStateStore;
import dev.kvstores.kubernetes.BackupRetention;
import dev.kvstores.kubernetes.BackupStorageType;
import dev.kvstores.kubernetes.WorkerStateBackup;
import dev.kvstores.kubernetes.WorkerStateBackupProps;
import dev.kvstores.role.KeyValueStore;
import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.environment.KubernetesAccess;
import dev.kvstores.stacks.environment.PlatformSettings;
import dev.kvstores.stacks.platform.aws.AwsSettings;
import dev.kvstores.stacks.platform.azure.AzureSettings;
import dev.kvstores.stacks.platform.gcp.GcpSettings;
import dev.kvstores.stacks.platform.kubernetes.KubernetesSettings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The report's "Before the first apply" / "After apply" / "Warnings" lists, derived from the environment's
 * settings and the stores this stack built: only what this stack needs and does not create itself.
 */
final class Checklist {

    /** What must exist, or be allowed, before {@code cdktf deploy <stack>}. */
    final List<String> beforeApply = new ArrayList<>();
    /** How to read and use what the apply made. */
    final List<String> afterApply = new ArrayList<>();
    /** Settings that synthesize but deserve a second look. */
    final List<String> warnings = new ArrayList<>();

    Checklist(EnvironmentStack stack) {
        Environment env = stack.environment();
        stateBackend(env);
        Object settings = env.settings(PlatformSettings.class);
        if (settings instanceof KubernetesSettings k) {
            kubernetes(stack, k);
        } else if (settings instanceof AwsSettings a) {
            aws(env, a);
        } else if (settings instanceof GcpSettings g) {
            gcp(env, g);
            gcpBackup(stack, g);
        } else if (settings instanceof AzureSettings z) {
            azure(env, z);
        }
        if (env.production() && stack.runsImages()) {
            beforeApply.add("the images listed under \"Images\" exist in your registry at those digests and the"
                    + " cluster's nodes may pull them (mirror or build them: " + dev.kvstores.images.ImagePolicy.DOCS
                    + ")");
        }
        warnings.addAll(stack.imageWarnings());
        String dir = "cdktf.out/stacks/" + env.name();
        afterApply.add("read the URLs: `cd " + dir + " && terraform output -raw cache_connection_url` and"
                + " `terraform output -raw worker_state_connection_url` (sensitive: not printed by apply)");
        afterApply.add("check the Secret: `kubectl" + context(env) + " -n " + env.secretNamespace()
                + " get secret " + stack.connectionSecret().secretName() + " -o jsonpath='{.data}'` lists "
                + String.join(", ", stack.connectionSecretKeys()));
        afterApply.add("merge `" + dir + "/suprsend-values.yaml` into the platform's Helm values and upgrade the"
                + " platform's release");
    }

    /** The remote state backend must exist before the first apply; a local state file must stay private. */
    private void stateBackend(Environment env) {
        Environment.StateBackend backend = env.stateBackend();
        Map<String, String> a = backend.attributes();
        String docs = " (create it once: " + EnvironmentLoader.STATE_BACKEND_DOCS + ")";
        switch (backend.type()) {
            case "s3" -> beforeApply.add("state backend: S3 bucket `" + a.get("bucket") + "` in " + a.get("region")
                    + " with versioning on and public access blocked"
                    + (a.containsKey("kmsKeyId") ? ", KMS key `" + a.get("kmsKeyId") + "` (stateBackend.kmsKeyId)"
                    + " that the deploying identity may use" : "")
                    + (a.containsKey("dynamodbTable") ? ", DynamoDB lock table `" + a.get("dynamodbTable") + "`" : "")
                    + "; only the deploying identities may read `" + a.get("key") + "`" + docs);
            case "gcs" -> beforeApply.add("state backend: GCS bucket `" + a.get("bucket") + "` with versioning,"
                    + " uniform bucket-level access and public access prevention"
                    + (a.containsKey("kmsEncryptionKey") ? ", Cloud KMS key `" + a.get("kmsEncryptionKey") + "`" : "")
                    + "; only the deploying identities may read prefix `" + a.get("prefix") + "`" + docs);
            case "azurerm" -> beforeApply.add("state backend: storage account `" + a.get("storageAccountName")
                    + "` (resource group `" + a.get("resourceGroupName") + "`) with container `"
                    + a.get("containerName") + "`, blob versioning and soft delete, no public blob access; only the"
                    + " deploying identities may read blob `" + a.get("key") + "`" + docs);
            case "remote" -> beforeApply.add("state backend: HCP Terraform workspace `" + a.get("workspace")
                    + "` in organization `" + a.get("organization") + "` (" + a.get("hostname") + "), execution"
                    + " mode local or a runner that can reach the cluster");
            default -> warnings.add("the Terraform state is the local file " + a.get("path") + " at the project root:"
                    + " Terraform writes it readable by every user of the machine (0644) and it holds every"
                    + " generated password in plain text; keep it private (`chmod 600`, never commit or share it)"
                    + " and use a remote backend before production" + docs.replace("create it once", "how"));
        }
    }

    private static String context(Environment env) {
        Object settings = env.settings(PlatformSettings.class);
        KubernetesAccess access = settings instanceof KubernetesSettings k ? k.kubernetes()
                : settings instanceof AwsSettings a ? a.kubernetes()
                : settings instanceof GcpSettings g ? g.kubernetes()
                : settings instanceof AzureSettings z ? z.kubernetes() : null;
        return access == null || access.configContext() == null ? "" : " --context " + access.configContext();
    }

    private void secretNamespace(Environment env, Set<String> created) {
        if (!created.contains(env.secretNamespace())) {
            beforeApply.add("namespace `" + env.secretNamespace() + "` (connectionSecret.namespace) exists in the"
                    + " cluster of kube context" + context(env).replace(" --context", ""));
        }
    }

    private void kubernetes(EnvironmentStack stack, KubernetesSettings k) {
        Environment env = stack.environment();
        Set<String> created = new LinkedHashSet<>();
        if (k.createNamespaces()) {
            created.add(k.cache().namespace());
            created.add(k.workerState().namespace());
        } else {
            for (String ns : new LinkedHashSet<>(List.of(k.cache().namespace(), k.workerState().namespace()))) {
                beforeApply.add("namespace `" + ns + "` exists (kubernetes.createNamespaces is false)");
            }
        }
        secretNamespace(env, created);
        KeyValueStore[] stores = {stack.cacheStore(), stack.workerStateStore()};
        String[] tls = {k.cache().tlsSecretName(), k.workerState().tlsSecretName()};
        String[] ns = {k.cache().namespace(), k.workerState().namespace()};
        String[] pw = {k.cache().passwordSecretName(), k.workerState().passwordSecretName()};
        String[] section = {"cache", "workerState"};
        for (int i = 0; i < 2; i++) {
            List<String> names = stores[i] == null ? List.of() : stores[i].certificateSubjectAltNames();
            if (tls[i] != null) {
                beforeApply.add("TLS Secret `" + ns[i] + "/" + tls[i] + "` (" + section[i] + ".tlsSecretName, keys"
                        + " tls.crt, tls.key, ca.crt) whose certificate covers: " + String.join(", ", names));
            }
            if (pw[i] != null) {
                beforeApply.add("password Secret `" + ns[i] + "/" + pw[i] + "` (" + section[i]
                        + ".passwordSecretName)");
            }
        }
        if (k.certificateIssuer() != null) {
            beforeApply.add("cert-manager is installed and " + k.certificateIssuer().kind() + " `"
                    + k.certificateIssuer().name() + "` (certManager.issuer) is ready"
                    + ("Issuer".equals(k.certificateIssuer().kind()) ? " in each store's namespace" : "")
                    + "; it signs the server certificates for the names listed above");
        }
        if (k.workerState().storageClass() != null) {
            beforeApply.add("StorageClass `" + k.workerState().storageClass() + "` (workerState.storageClass)"
                    + " exists and is SSD-backed");
        }
        if (k.prometheusRules()) {
            beforeApply.add("the Prometheus Operator CRDs (PrometheusRule, ServiceMonitor) are installed and namespace `"
                    + k.monitoringNamespace() + "` (monitoring.namespace) exists"
                    + (k.ruleLabels().isEmpty() ? "" : "; Prometheus selects rules labelled " + k.ruleLabels()));
        } else if (env.production()) {
            warnings.add("production without monitoring.prometheusRules: no alert fires when a store fails");
        }
        if (k.workerState().backup() != null && k.workerState().backup().props() != null) {
            kubernetesBackup(env, k.workerState());
        }
    }

    /**
     * The in-cluster backup never deletes: the destination keeps each copy (lock / retention policy / immutability
     * and a lifecycle rule), and the job's identity may only create objects. Prints the commands per provider.
     */
    private void kubernetesBackup(Environment env, KubernetesSettings.WorkerState w) {
        WorkerStateBackupProps props = w.backup().props().environmentName(env.name()).build();
        String ns = w.namespace();
        beforeApply.add(props.encryptionRecipient() != null
                ? "the backup's key: the stack writes Secret `" + ns + "/" + props.encryptionKeySecretName()
                        + "` from workerState.backup.encryptionRecipient; keep the matching age private key offline"
                        + " (two people, two places) and test a restore with it"
                        : "the backup's Secret `" + ns + "/" + props.encryptionKeySecretName() + "` with key recipient"
                        + " (an age public key): NOT pinned, anyone who can edit Secrets in `" + ns + "` can swap it;"
                        + " set workerState.backup.encryptionRecipient");
        if (props.credentialsSecretName() != null) {
            beforeApply.add("Secret `" + ns + "/" + props.credentialsSecretName() + "` (workerState.backup"
                    + ".credentialsSecretName) with credentials that may only create objects ("
                    + BackupRetention.writerPermissionsSummary(props.destination().type()) + ")");
        }
        String store = w.releaseName();
        beforeApply.add("the backup bucket keeps every copy " + props.retentionDays() + " days and nothing this"
                + " stack runs can delete it (the job never deletes; its identity needs only: "
                + BackupRetention.writerPermissionsSummary(props.destination().type()) + "). Once, in order: "
                + String.join(" ; ", WorkerStateBackup.destinationSetup(props, store)));
        if (props.destination().type() == BackupStorageType.AZURE_BLOB && props.credentialsSecretName() != null) {
            warnings.add("the backup job authenticates with a storage account key (workerState.backup"
                    + ".credentialsSecretName): an account key can delete and overwrite; only the container's"
                    + " immutability policy stops it. Use workload identity with the writer role instead");
        }
    }

    private static Environment env(EnvironmentStack stack) {
        return stack.environment();
    }

    private void aws(Environment env, AwsSettings a) {
        secretNamespace(env, Set.of());
        dev.kvstores.aws.WorkerStateExportProps backup = a.workerState() == null ? null : a.workerState().backup();
        if (backup != null && backup.bucketName() != null) {
            beforeApply.add("backup bucket `" + backup.bucketName() + "` (workerState.backup.bucketName) was created"
                    + " with S3 Object Lock and has a default retention of at least " + backup.retentionDays()
                    + " days (`aws s3api get-object-lock-configuration --bucket " + backup.bucketName() + "`): kvstores"
                    + " cannot add it to a bucket it did not create");
        } else if (backup != null && env.production()
                && backup.objectLockMode() == dev.kvstores.aws.WorkerStateExportProps.ObjectLockMode.GOVERNANCE) {
            warnings.add("the backup archive's Object Lock is GOVERNANCE: an identity allowed"
                    + " s3:BypassGovernanceRetention can delete copies early; production should use"
                    + " workerState.backup.objectLockMode: COMPLIANCE");
        }
        beforeApply.add("VPC `" + a.network().vpcId() + "` with subnets " + a.network().privateSubnetIds()
                + " in " + a.region() + " (network), reachable from the EKS nodes"
                + (a.network().allowedSecurityGroupIds().isEmpty() ? ""
                        : "; security groups " + a.network().allowedSecurityGroupIds() + " are the clients'"));
        if (a.kmsKeyArn() != null) {
            beforeApply.add("the key policy of `" + a.kmsKeyArn() + "` (encryption.kmsKeyArn) lets ElastiCache"
                    + (a.workerState().memoryDb() ? " and MemoryDB" : "") + " use the key");
        }
        if (a.monitoring() != null && a.monitoring().alarmsEnabled() && a.monitoring().alarmTopicArn() == null) {
            // The stack creates the topic the alarms notify (AwsPlatform); nobody hears it until someone subscribes.
            afterApply.add("subscribe your pager to SNS topic `kvstores-" + env.name() + "-alerts` (created by this"
                    + " stack; the alarms and ElastiCache/MemoryDB events notify it): `aws sns subscribe --region "
                    + a.region() + " --topic-arn arn:aws:sns:" + a.region() + ":<account>:kvstores-" + env.name()
                    + "-alerts --protocol email --notification-endpoint <address>`, or set"
                    + " monitoring.notificationTopicArn to an existing topic");
        }
    }

    private void gcp(Environment env, GcpSettings g) {
        secretNamespace(env, Set.of());
        beforeApply.add("the Memorystore for Redis API is enabled in project `" + g.project()
                + "` (`gcloud services enable redis.googleapis.com --project " + g.project() + "`)");
        beforeApply.add("VPC `" + g.network() + "` (gcp.network) has a private services access connection"
                + " (servicenetworking)" + (g.reservedIpRange() == null ? ""
                        : " with the allocated range `" + g.reservedIpRange() + "` (gcp.reservedIpRange)"));
        if (g.customerManagedKey() != null) {
            beforeApply.add("key `" + g.customerManagedKey() + "` (gcp.customerManagedKey) exists in " + g.region()
                    + "; this stack grants the Memorystore service agent roles/cloudkms.cryptoKeyEncrypterDecrypter"
                    + " on it, so the identity running Terraform needs cloudkms.cryptoKeys.setIamPolicy there");
        }
    }

    /** The Worker State export (workerState.backup): APIs, the applying identity's rights, a first run. */
    private void gcpBackup(EnvironmentStack stack, GcpSettings g) {
        if (!(stack.workerStateStore() instanceof MemorystoreWorkerStateStore store) || store.backup() == null) {
            return;
        }
        MemorystoreBackup b = store.backup();
        beforeApply.add("the Cloud KMS, Cloud Storage, Workflows and Cloud Scheduler APIs are enabled (`gcloud services"
                + " enable cloudkms.googleapis.com storage.googleapis.com workflows.googleapis.com"
                + " cloudscheduler.googleapis.com --project " + g.project() + "`); the identity running Terraform may"
                + " create service accounts and custom roles, set IAM on the project, the bucket and the key, and"
                + " act as the two backup service accounts (iam.serviceAccounts.actAs)");
        if (b.keyName() == null) {
            beforeApply.add("bucket `" + b.bucketName() + "` (workerState.backup.destination.bucket) exists with a"
                    + " default customer-managed key, a retention policy, uniform bucket-level access and public"
                    + " access prevention (the plan stops otherwise), in " + g.region());
        }
        if (env(stack).production() && b.props().createBucket() && !b.props().lockRetention()) {
            warnings.add("the backup bucket's retention policy is unlocked: a project owner could remove it and then"
                    + " delete exports; lock it deliberately (workerState.backup.destination.lockRetention: true, or"
                    + " `gcloud storage buckets update gs://" + b.bucketName() + " --lock-retention-period`), which is"
                    + " irreversible");
        }
        afterApply.add("run the first backup now instead of waiting for '" + b.schedule() + "': `gcloud workflows run "
                + b.workflowName() + " --location=" + g.region() + " --project " + g.project() + "`, then `gcloud"
                + " storage ls gs://" + b.bucketName() + "/" + b.objectPrefix() + "`");
    }

    private void azure(Environment env, AzureSettings z) {
        secretNamespace(env, Set.of());
        if (env.production() && z.workerState() != null && z.workerState().backup() != null
                && !z.workerState().backup().environmentName(env.name()).build().lockImmutability()) {
            warnings.add("the backup account's immutability policy is unlocked: an account Owner could shorten or"
                    + " remove it; lock it deliberately (workerState.backup.lockImmutability: true), which is"
                    + " irreversible");
        }
        beforeApply.add("resource group `" + z.resourceGroupName() + "` (azure.resourceGroupName) exists in "
                + z.location());
        beforeApply.add("subnet `" + z.privateEndpointSubnetId() + "` (network.privateEndpointSubnetId) exists and"
                + " is routable from the AKS nodes");
        // The stack creates the Managed Redis zone (unless given); it creates no classic cache, so no classic zone:
        // an adopted classic cache must already be reachable through its own private endpoint and zone.
        if (z.managedRedisDnsZoneId() != null) {
            beforeApply.add("existing private DNS zone `" + z.managedRedisDnsZoneId() + "`"
                    + " (network.privateDnsZoneIds.managedRedis) is linked to the AKS VNet: this stack creates no"
                    + " link for a zone it did not create");
        } else {
            beforeApply.add("no other `privatelink.redis.azure.net` zone is linked to VNet `" + z.virtualNetworkId()
                    + "` (network.virtualNetworkId): this stack creates that zone and links it; if one is linked"
                    + " already, give its ID in network.privateDnsZoneIds.managedRedis");
        }
        if (z.cache() != null && z.cache().existingCacheName() != null) {
            beforeApply.add("the adopted Azure Cache for Redis `" + z.cache().existingCacheName() + "`"
                    + " (cache.existingCacheName) is reachable from the AKS nodes: its private endpoint and a"
                    + " `privatelink.redis.cache.windows.net` zone linked to VNet `" + z.virtualNetworkId() + "`"
                    + (z.classicDnsZoneId() == null ? "" : " (`" + z.classicDnsZoneId()
                    + "`, network.privateDnsZoneIds.classic)") + "; this stack creates neither for a cache it"
                    + " adopts");
        }
        if (z.workerState() != null && z.workerState().backup() != null) {
            var backup = z.workerState().backup().environmentName(env.name()).build();
            beforeApply.add("Key Vault `" + backup.keyVaultId() + "` (workerState.backup.keyVaultId) has soft delete,"
                    + " purge protection and Azure RBAC authorization; the deploying identity may create role"
                    + " definitions and assignments on the subscription (Owner or User Access Administrator)"
                    + (backup.keyName() == null ? " and keys in the vault (Key Vault Crypto Officer, with network"
                    + " access to the vault)" : "") + "; storage account name `" + backup.storageAccountName()
                    + "` is free in Azure");
            afterApply.add("try the backup once: run the Logic App `" + z.workerState().name() + "-backup` from the"
                    + " portal (Run trigger) and check a dated directory appears under `" + backup.containerName()
                    + "/" + backup.prefix() + "/" + env.name() + "/" + z.workerState().name() + "/`; restore drill:"
                    + " docs/platform-azure.md, Backups and restore");
        }
    }

    /** The three lists as report sections (Markdown); a list without entries is left out. */
    String render() {
        StringBuilder out = new StringBuilder();
        section(out, "Before the first apply", beforeApply);
        section(out, "After apply", afterApply);
        section(out, "Warnings", warnings);
        return out.toString();
    }

    private static void section(StringBuilder out, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out.append("## ").append(title).append("\n\n");
        lines.forEach(l -> out.append("- [ ] ").append(l).append('\n'));
        out.append('\n');
    }
}
