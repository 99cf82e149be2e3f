package dev.kvstores.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.exemption.PolicyExemption;
import dev.kvstores.policy.rules.CacheNotClusterMode;
import dev.kvstores.policy.rules.CloudAlertBaseline;
import dev.kvstores.policy.rules.InClusterAlertBaseline;
import dev.kvstores.policy.rules.ConnectionSecretComplete;
import dev.kvstores.policy.rules.RotationKeepsPassword;
import dev.kvstores.policy.rules.ContainerHardening;
import dev.kvstores.policy.rules.HelmAntiAffinity;
import dev.kvstores.policy.rules.HelmAuthEnabled;
import dev.kvstores.policy.rules.HelmChartVersionPinned;
import dev.kvstores.policy.rules.HelmDisruptionBudget;
import dev.kvstores.policy.rules.HelmImageTagPinned;
import dev.kvstores.policy.rules.HelmNetworkPolicyRestricted;
import dev.kvstores.policy.rules.HelmRolePersistence;
import dev.kvstores.policy.rules.HelmTlsCertificateManaged;
import dev.kvstores.policy.rules.HelmTlsEnabled;
import dev.kvstores.policy.rules.NamespaceNotDefault;
import dev.kvstores.policy.rules.NetworkPolicyEgressNotOpen;
import dev.kvstores.policy.rules.NetworkPolicyIngressNotOpen;
import dev.kvstores.policy.rules.SecretDataNotLiteral;
import dev.kvstores.policy.rules.SecretsNotInEnvironment;
import dev.kvstores.policy.rules.WorkerStateBackupRequired;
import dev.kvstores.policy.rules.azure.AlzDenyRedisHttp;
import dev.kvstores.policy.rules.azure.AzureHighAvailability;
import dev.kvstores.policy.rules.azure.AzurePolicyEnterpriseCustomerManagedKey;
import dev.kvstores.policy.rules.azure.AzurePolicyNoAccessKeys;
import dev.kvstores.policy.rules.azure.AzurePolicyPrivateLink;
import dev.kvstores.policy.rules.azure.AzurePolicyPublicNetworkAccessDisabled;
import dev.kvstores.policy.rules.azure.AzurePolicySecureConnectionsOnly;
import dev.kvstores.policy.rules.azure.AzurePolicyVirtualNetwork;
import dev.kvstores.policy.rules.azure.AzureRolePersistence;
import dev.kvstores.policy.rules.azure.AzureTagsValid;
import dev.kvstores.policy.rules.azure.Ckv2Azure1StorageCustomerManagedKey;
import dev.kvstores.policy.rules.azure.Ckv2Azure40StorageSharedKeyDisabled;
import dev.kvstores.policy.rules.azure.CkvAzure190StorageBlobsNotPublic;
import dev.kvstores.policy.rules.azure.CkvAzure3StorageHttpsOnly;
import dev.kvstores.policy.rules.azure.CkvAzure44StorageMinimumTls12;
import dev.kvstores.policy.rules.azure.CkvAzure59StoragePublicNetworkDisabled;
import dev.kvstores.policy.rules.azure.ManagedRedisBackupRequired;
import dev.kvstores.policy.rules.azure.StorageBlobVersioning;
import dev.kvstores.policy.rules.azure.CkvAzure148MinimumTls12;
import dev.kvstores.policy.rules.azure.CkvAzure230StandardOrPremiumSku;
import dev.kvstores.policy.rules.azure.CkvAzure89PublicNetworkAccessDisabled;
import dev.kvstores.policy.rules.azure.CkvAzure91NonSslPortDisabled;
import dev.kvstores.policy.rules.azure.ManagedRedisEncryptedProtocol;
import dev.kvstores.policy.rules.gcp.GcpLabelsValid;
import dev.kvstores.policy.rules.gcp.MemorystoreAuthEnabled;
import dev.kvstores.policy.rules.gcp.MemorystoreBackupRequired;
import dev.kvstores.policy.rules.gcp.MemorystoreCustomerManagedKey;
import dev.kvstores.policy.rules.gcp.MemorystoreHighAvailability;
import dev.kvstores.policy.rules.gcp.MemorystorePrivateAccess;
import dev.kvstores.policy.rules.gcp.MemorystoreRolePersistence;
import dev.kvstores.policy.rules.gcp.MemorystoreTransitEncryption;
import dev.kvstores.policy.rules.gcp.StorageBucketCustomerManagedKey;
import dev.kvstores.policy.rules.gcp.StorageBucketPublicAccessPrevention;
import dev.kvstores.policy.rules.gcp.StorageBucketUniformAccess;
import dev.kvstores.policy.rules.gcp.StorageBucketVersioning;
import dev.kvstores.policy.rules.aws.AwsRules;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A set of rules run over a synthesized stack ({@code cdk.tf.json}), with exemptions.
 *
 * <pre>{@code
 * PolicyReport report = PolicyPack.defaults().evaluate(stackJson, context, exemptions);
 * if (!report.violations().isEmpty()) { ... }
 * }</pre>
 */
public final class PolicyPack {

    private final List<PolicyRule> rules;

    public PolicyPack(List<PolicyRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Every rule this library ships: the Kubernetes and AWS rows of the scanner table and the project rules. */
    public static PolicyPack defaults() {
        List<PolicyRule> rules = new ArrayList<>(List.of(
                new NamespaceNotDefault(),
                new SecretsNotInEnvironment(),
                new ContainerHardening(),
                new NetworkPolicyIngressNotOpen(),
                new NetworkPolicyEgressNotOpen(),
                new HelmChartVersionPinned(),
                new HelmImageTagPinned(),
                new HelmTlsEnabled(),
                new HelmTlsCertificateManaged(),
                new HelmAuthEnabled(),
                new HelmNetworkPolicyRestricted(),
                new HelmDisruptionBudget(),
                new HelmAntiAffinity(),
                new HelmRolePersistence(),
                new CacheNotClusterMode(),
                new SecretDataNotLiteral(),
                new ConnectionSecretComplete(),
                new WorkerStateBackupRequired(),
                new RotationKeepsPassword(),
                new CloudAlertBaseline(),
                new InClusterAlertBaseline(),
                // Azure (policy-rules.md, Azure rows) and the Azure project rules
                new CkvAzure91NonSslPortDisabled(),
                new CkvAzure148MinimumTls12(),
                new CkvAzure89PublicNetworkAccessDisabled(),
                new CkvAzure230StandardOrPremiumSku(),
                new AzurePolicySecureConnectionsOnly(),
                new AzurePolicyPublicNetworkAccessDisabled(),
                new AzurePolicyPrivateLink(),
                new AzurePolicyVirtualNetwork(),
                new AzurePolicyNoAccessKeys(),
                new AzurePolicyEnterpriseCustomerManagedKey(),
                new AlzDenyRedisHttp(),
                new ManagedRedisEncryptedProtocol(),
                new AzureHighAvailability(),
                new AzureRolePersistence(),
                new AzureTagsValid(),
                // Azure Managed Redis backups (KVS-BACKUP-REQUIRED) and the backup storage account
                new ManagedRedisBackupRequired(),
                new CkvAzure3StorageHttpsOnly(),
                new CkvAzure44StorageMinimumTls12(),
                new CkvAzure190StorageBlobsNotPublic(),
                new CkvAzure59StoragePublicNetworkDisabled(),
                new Ckv2Azure1StorageCustomerManagedKey(),
                new Ckv2Azure40StorageSharedKeyDisabled(),
                new StorageBlobVersioning(),
                // GCP (policy-rules.md, GCP rows) and the GCP project rules
                new MemorystoreAuthEnabled(),
                new MemorystoreTransitEncryption(),
                new MemorystoreCustomerManagedKey(),
                new MemorystoreHighAvailability(),
                new MemorystorePrivateAccess(),
                new MemorystoreRolePersistence(),
                new GcpLabelsValid(),
                // GCP Worker State backups (issue 14): the backup rule and the backup bucket's scanner rows
                new MemorystoreBackupRequired(),
                new StorageBucketCustomerManagedKey(),
                new StorageBucketVersioning(),
                new StorageBucketPublicAccessPrevention(),
                new StorageBucketUniformAccess()));
        rules.addAll(AwsRules.all());
        return new PolicyPack(rules);
    }

    /** The rules, in evaluation order. */
    public List<PolicyRule> rules() {
        return rules;
    }

    /**
     * Runs every rule over every resource and data source of the stack.
     *
     * @param stackJson  the parsed {@code cdk.tf.json}
     * @param context    stack facts
     * @param exemptions written exemptions; a non-compliant finding they cover is reported, not failed
     */
    public PolicyReport evaluate(JsonNode stackJson, PolicyContext context, List<PolicyExemption> exemptions) {
        List<SynthesizedResource> resources = resources(stackJson);
        List<Finding> findings = new ArrayList<>();
        for (PolicyRule rule : rules) {
            for (SynthesizedResource resource : resources) {
                if (!rule.resourceTypes().contains(resource.type())) {
                    continue;
                }
                Evaluation evaluation = rule instanceof StackRule stackRule
                        ? stackRule.evaluate(resource, context, resources) : rule.evaluate(resource, context);
                String reason = null;
                if (evaluation.compliance() == Compliance.NON_COMPLIANT) {
                    reason = exemptions.stream().filter(e -> e.covers(rule.id(), resource.address()))
                            .map(PolicyExemption::reason).findFirst().orElse(null);
                }
                findings.add(new Finding(rule.id(), resource.address(), evaluation, reason));
            }
        }
        return new PolicyReport(context.stackName(), findings);
    }

    /** All resources and data sources of a synthesized stack, sorted by type then name. */
    public static List<SynthesizedResource> resources(JsonNode stackJson) {
        List<SynthesizedResource> out = new ArrayList<>();
        collect(stackJson.path("resource"), "", out);
        collect(stackJson.path("data"), "data.", out);
        out.sort((a, b) -> a.address().compareTo(b.address()));
        return out;
    }

    private static void collect(JsonNode block, String prefix, List<SynthesizedResource> out) {
        Iterator<Map.Entry<String, JsonNode>> types = block.fields();
        while (types.hasNext()) {
            Map.Entry<String, JsonNode> type = types.next();
            Iterator<Map.Entry<String, JsonNode>> names = type.getValue().fields();
            while (names.hasNext()) {
                Map.Entry<String, JsonNode> name = names.next();
                out.add(new SynthesizedResource(prefix + type.getKey(), name.getKey(), name.getValue()));
            }
        }
    }
}
