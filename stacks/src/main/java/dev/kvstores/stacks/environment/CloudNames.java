package dev.kvstores.stacks.environment;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Region names and resource-ID formats of the three clouds, checked while an environment file is read so that a
 * zone given as a region, a misspelt region or a truncated ID fails at synthesis instead of at apply.
 *
 * <p>The region lists are static, as each cloud published them when the pinned providers were released
 * (cdktf-provider-aws 21.22.1 = terraform-provider-aws 6.x, cdktf-provider-google 16.12.1 = google 6.50.0,
 * cdktf-provider-azurerm 14.23.1 = azurerm 4.55; December 2025). Sources: AWS, the {@code partitions.json} /
 * {@code endpoints.json} region table of the AWS SDK (aws-sdk-go-v2) the provider embeds; GCP,
 * {@code gcloud compute regions list} / cloud.google.com/compute/docs/regions-zones; Azure,
 * {@code az account list-locations --query "[].name"} (public, US Government and China clouds). A region opened
 * after that date is refused with a message saying how to add it here.
 */
public final class CloudNames {

    /** AWS regions (commercial, GovCloud, China, European Sovereign Cloud). */
    public static final Set<String> AWS_REGIONS = Set.copyOf(List.of(
            "us-east-1", "us-east-2", "us-west-1", "us-west-2",
            "af-south-1",
            "ap-east-1", "ap-east-2", "ap-south-1", "ap-south-2",
            "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
            "ap-southeast-6", "ap-southeast-7",
            "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
            "ca-central-1", "ca-west-1",
            "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3",
            "eu-south-1", "eu-south-2", "eu-north-1",
            "il-central-1", "me-south-1", "me-central-1", "mx-central-1", "sa-east-1",
            "us-gov-east-1", "us-gov-west-1", "cn-north-1", "cn-northwest-1", "eusc-de-east-1"));

    /** Google Cloud regions. */
    public static final Set<String> GCP_REGIONS = Set.copyOf(List.of(
            "africa-south1",
            "asia-east1", "asia-east2", "asia-northeast1", "asia-northeast2", "asia-northeast3",
            "asia-south1", "asia-south2", "asia-southeast1", "asia-southeast2",
            "australia-southeast1", "australia-southeast2",
            "europe-central2", "europe-north1", "europe-north2", "europe-southwest1",
            "europe-west1", "europe-west2", "europe-west3", "europe-west4", "europe-west6", "europe-west8",
            "europe-west9", "europe-west10", "europe-west12",
            "me-central1", "me-central2", "me-west1",
            "northamerica-northeast1", "northamerica-northeast2", "northamerica-south1",
            "southamerica-east1", "southamerica-west1",
            "us-central1", "us-east1", "us-east4", "us-east5", "us-south1",
            "us-west1", "us-west2", "us-west3", "us-west4"));

    /** Azure locations, by their programmatic name (azurerm also accepts the display name, e.g. West Europe). */
    public static final Set<String> AZURE_LOCATIONS = Set.copyOf(List.of(
            "eastus", "eastus2", "southcentralus", "westus2", "westus3", "australiaeast", "southeastasia",
            "northeurope", "swedencentral", "uksouth", "westeurope", "centralus", "southafricanorth",
            "centralindia", "eastasia", "japaneast", "koreacentral", "canadacentral", "francecentral",
            "germanywestcentral", "italynorth", "norwayeast", "polandcentral", "spaincentral", "switzerlandnorth",
            "mexicocentral", "uaenorth", "brazilsouth", "israelcentral", "qatarcentral", "northcentralus",
            "westus", "japanwest", "westcentralus", "southafricawest", "australiacentral", "australiacentral2",
            "australiasoutheast", "jioindiacentral", "jioindiawest", "koreasouth", "southindia", "westindia",
            "canadaeast", "francesouth", "germanynorth", "norwaywest", "switzerlandwest", "ukwest", "uaecentral",
            "brazilsoutheast", "newzealandnorth", "indonesiacentral", "malaysiawest", "chilecentral",
            "austriaeast", "belgiumcentral", "swedensouth",
            "usgovvirginia", "usgovarizona", "usgovtexas", "usdodeast", "usdodcentral",
            "chinaeast", "chinaeast2", "chinaeast3", "chinanorth", "chinanorth2", "chinanorth3"));

    private static final String HOW_TO_ADD = "if the region opened after December 2025, add it to"
            + " stacks/src/main/java/dev/kvstores/stacks/environment/CloudNames.java";

    private static final Pattern AWS_ZONE = Pattern.compile("([a-z]{2}(-gov)?-[a-z]+-\\d)[a-z]");
    private static final Pattern AWS_ID = Pattern.compile("(vpc|subnet|sg)-([0-9a-f]{8}|[0-9a-f]{17})");
    private static final Pattern GCP_ZONE = Pattern.compile("([a-z]+-[a-z]+\\d+)-[a-z]");
    private static final Pattern GCP_PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
    private static final Pattern GCP_NETWORK = Pattern.compile(
            "(https://www\\.googleapis\\.com/compute/v1/)?projects/([^/]+)/global/networks/[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern GCP_KMS_KEY = Pattern.compile(
            "projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+");
    private static final String GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final String AZURE_RG = "/subscriptions/" + GUID + "/resourceGroups/[^/]+";

    /** Azure resource ID shapes by what the field holds. */
    public enum AzureId {
        SUBNET("/providers/Microsoft.Network/virtualNetworks/[^/]+/subnets/[^/]+",
                "/subscriptions/<subscription GUID>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/"
                        + "<vnet>/subnets/<subnet>"),
        VIRTUAL_NETWORK("/providers/Microsoft.Network/virtualNetworks/[^/]+",
                "/subscriptions/<subscription GUID>/resourceGroups/<rg>/providers/Microsoft.Network/"
                        + "virtualNetworks/<vnet>"),
        PRIVATE_DNS_ZONE("/providers/Microsoft.Network/privateDnsZones/[^/]+",
                "/subscriptions/<subscription GUID>/resourceGroups/<rg>/providers/Microsoft.Network/"
                        + "privateDnsZones/<zone>"),
        USER_ASSIGNED_IDENTITY("/providers/Microsoft.ManagedIdentity/userAssignedIdentities/[^/]+",
                "/subscriptions/<subscription GUID>/resourceGroups/<rg>/providers/Microsoft.ManagedIdentity/"
                        + "userAssignedIdentities/<name>");

        private final Pattern pattern;
        private final String example;

        AzureId(String tail, String example) {
            this.pattern = Pattern.compile(AZURE_RG + tail, Pattern.CASE_INSENSITIVE);
            this.example = example;
        }
    }

    private CloudNames() {
    }

    /** Checks {@code key} of {@code r} as an AWS region; a zone (eu-west-1a) is named as such. */
    public static void awsRegion(EnvironmentReader r, String key, String value) {
        if (value == null || AWS_REGIONS.contains(value)) {
            return;
        }
        var zone = AWS_ZONE.matcher(value);
        if (zone.matches() && AWS_REGIONS.contains(zone.group(1))) {
            r.problem(key, "is '" + value + "', an Availability Zone; give its region: " + zone.group(1));
            return;
        }
        r.problem(key, unknown(value, "AWS region", AWS_REGIONS));
    }

    public static void gcpRegion(EnvironmentReader r, String key, String value) {
        if (value == null || GCP_REGIONS.contains(value)) {
            return;
        }
        var zone = GCP_ZONE.matcher(value);
        if (zone.matches() && GCP_REGIONS.contains(zone.group(1))) {
            r.problem(key, "is '" + value + "', a zone; give its region: " + zone.group(1));
            return;
        }
        r.problem(key, unknown(value, "Google Cloud region", GCP_REGIONS));
    }

    /** A GCP zone must be {@code <region>-<letter>} of the given region. */
    public static void gcpZone(EnvironmentReader r, String key, String value, String region) {
        if (value == null) {
            return;
        }
        var zone = GCP_ZONE.matcher(value);
        if (!zone.matches()) {
            r.problem(key, "is '" + value + "', not a zone name; give <region>-<letter>, e.g. "
                    + (region == null ? "us-central1" : region) + "-a");
        } else if (region != null && GCP_REGIONS.contains(region) && !zone.group(1).equals(region)) {
            r.problem(key, "is '" + value + "', a zone of " + zone.group(1) + ", not of the region " + region
                    + "; give e.g. " + region + "-a");
        }
    }

    public static void azureLocation(EnvironmentReader r, String key, String value) {
        if (value == null) {
            return;
        }
        String normalized = value.toLowerCase(Locale.ROOT).replace(" ", "");
        if (AZURE_LOCATIONS.contains(normalized)) {
            return;
        }
        r.problem(key, unknown(value, "Azure location", AZURE_LOCATIONS) + " (names as in"
                + " `az account list-locations --query \"[].name\"`, without hyphens)");
    }

    /** {@code vpc-}, {@code subnet-} or {@code sg-} followed by 8 or 17 hexadecimal digits. */
    public static void awsId(EnvironmentReader r, String key, String prefix, String value) {
        if (value != null && !(AWS_ID.matcher(value).matches() && value.startsWith(prefix + "-"))) {
            r.problem(key, "is '" + value + "', not " + article(prefix) + " " + prefix + " ID; give " + prefix
                    + "- followed by 8 or 17 hexadecimal digits, e.g. " + prefix + "-0123456789abcdef0");
        }
    }

    public static void gcpProject(EnvironmentReader r, String key, String value) {
        if (value != null && !GCP_PROJECT.matcher(value).matches()) {
            r.problem(key, "is '" + value + "', not a project ID (6-30 lowercase letters, digits and hyphens,"
                    + " starting with a letter); give the project ID, not its display name or number");
        }
    }

    /** A VPC as {@code projects/P/global/networks/N} or the same as a compute self-link. */
    public static void gcpNetwork(EnvironmentReader r, String key, String value) {
        if (value != null && !GCP_NETWORK.matcher(value).matches()) {
            r.problem(key, "is '" + value + "'; give projects/<project>/global/networks/<vpc> or its self-link"
                    + " https://www.googleapis.com/compute/v1/projects/<project>/global/networks/<vpc>");
        }
    }

    public static void gcpKmsKey(EnvironmentReader r, String key, String value) {
        if (value != null && !GCP_KMS_KEY.matcher(value).matches()) {
            r.problem(key, "is '" + value + "'; give projects/<project>/locations/<region>/keyRings/<ring>"
                    + "/cryptoKeys/<key>");
        }
    }

    public static void azureId(EnvironmentReader r, String key, AzureId kind, String value) {
        if (value != null && !kind.pattern.matcher(value).matches()) {
            r.problem(key, "is '" + value + "', not " + article(kind.name()) + " "
                    + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " resource ID; give " + kind.example);
        }
    }

    public static void azureSubscription(EnvironmentReader r, String key, String value) {
        if (value != null && !value.matches(GUID)) {
            r.problem(key, "is '" + value + "', not a subscription ID; give its GUID"
                    + " (az account show --query id -o tsv)");
        }
    }

    /** The closest name within edit distance 3 (and less than half the value's length), if any. */
    public static Optional<String> closest(String value, Set<String> names) {
        String v = value.toLowerCase(Locale.ROOT);
        int limit = Math.min(3, Math.max(1, v.length() / 2));
        return new TreeSet<>(names).stream()
                .filter(n -> distance(v, n) <= limit)
                .min(Comparator.comparingInt((String n) -> distance(v, n)));
    }

    private static String unknown(String value, String what, Set<String> names) {
        return "is '" + value + "', not " + article(what) + " " + what
                + closest(value, names).map(n -> "; did you mean '" + n + "'?").orElse("; give one of "
                + String.join(", ", new TreeSet<>(names))) + " (" + HOW_TO_ADD + ")";
    }

    private static String article(String word) {
        return "aeiouAEIOU".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
