package dev.kvstores.stacks.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstores.stacks.EnvironmentLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Item 5 of issue 12: regions and IDs are checked against each cloud's names and formats. */
class CloudNamesTest {

    private static final String GUID = "00000000-0000-0000-0000-000000000000";
    private static final String AWS = """
            platform: aws
            profile: production
            stateBackend: {type: s3, bucket: tf-state, key: kvstores/test.tfstate, region: eu-west-1, kmsKeyId: arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000, useLockfile: true}
            aws: {region: eu-west-1}
            kubernetes: {configContext: prod}
            connectionSecret: {namespace: suprsend}
            network:
              vpcId: vpc-0123456789abcdef0
              privateSubnetIds: [subnet-0123456a, subnet-0123456b]
              allowedSecurityGroupIds: [sg-0123456e]
            cache: {}
            workerState: {backend: elasticache}
            """;
    private static final String GCP = """
            platform: gcp
            profile: production
            stateBackend: {type: s3, bucket: tf-state, key: kvstores/test.tfstate, region: eu-west-1, kmsKeyId: arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000, useLockfile: true}
            gcp:
              project: acme-prod
              region: us-central1
              network: projects/acme-prod/global/networks/platform
              zone: us-central1-a
              alternativeZone: us-central1-b
            kubernetes: {configContext: gke-prod}
            connectionSecret: {namespace: suprsend}
            cache: {}
            workerState: {}
            """;
    private static final String AZURE = """
            platform: azure
            profile: production
            stateBackend: {type: s3, bucket: tf-state, key: kvstores/test.tfstate, region: eu-west-1, kmsKeyId: arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000, useLockfile: true}
            images: {registry: registry.example.com, repositoryPrefix: bitnami, redis: {tag: 8.2.9-debian-12-r0, digest: "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}, redisSentinel: {tag: 8.2.9-debian-12-r0, digest: "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}, redisCluster: {tag: 8.2.9-debian-12-r0, digest: "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"}, redisExporter: {tag: 1.76.0-debian-12-r0, digest: "sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"}, kubectl: {tag: 1.33.4-debian-12-r0, digest: "sha256:eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"}}
            kubernetes: {configContext: prod-aks}
            azure: {resourceGroupName: rg, location: westeurope}
            connectionSecret: {namespace: suprsend}
            network:
              allowedNamespaces: [suprsend]
              apiServerCidrs: [10.0.0.15/32]
              privateEndpointSubnetId: /subscriptions/%1$s/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/aks/subnets/pe
              virtualNetworkId: /subscriptions/%1$s/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/aks
            cache: {}
            workerState: {}
            """.formatted(GUID);

    @TempDir
    Path dir;

    private List<String> problems(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("bad-env.yaml"), yaml);
        return assertThrows(EnvironmentException.class, () -> EnvironmentLoader.loadFile(file, dir)).problems();
    }

    private void loads(String yaml) throws IOException {
        EnvironmentLoader.loadFile(Files.writeString(dir.resolve("good-env.yaml"), yaml), dir);
    }

    @Nested
    class Regions {
        @Test
        void an_aws_availability_zone_given_as_region_is_named_a_zone_with_its_region() throws IOException {
            assertEquals(List.of("bad-env.yaml: aws.region: is 'us-east-2a', an Availability Zone; give its region:"
                    + " us-east-2"), problems(AWS.replace("region: eu-west-1", "region: us-east-2a")));
        }

        @Test
        void a_misspelt_aws_region_gets_a_did_you_mean() throws IOException {
            List<String> problems = problems(AWS.replace("region: eu-west-1", "region: eu-wst-1"));
            assertEquals(1, problems.size(), problems::toString);
            assertTrue(problems.get(0).startsWith("bad-env.yaml: aws.region: is 'eu-wst-1', not an AWS region;"
                    + " did you mean 'eu-west-1'?"), problems.get(0));
            assertTrue(problems.get(0).contains("CloudNames.java"), "says where to add a newer region");
        }

        @Test
        void a_misspelt_gcp_region_gets_a_did_you_mean_and_zones_outside_it_are_refused() throws IOException {
            List<String> problems = problems(GCP.replace("region: us-central1", "region: us-centrl1"));
            assertTrue(problems.get(0).startsWith("bad-env.yaml: gcp.region: is 'us-centrl1', not a Google Cloud"
                    + " region; did you mean 'us-central1'?"), problems.toString());
            assertEquals(1, problems.size(), "zones are not checked against an unknown region: " + problems);
            assertEquals(List.of("bad-env.yaml: gcp.alternativeZone: is 'europe-west1-b', a zone of europe-west1,"
                    + " not of the region us-central1; give e.g. us-central1-a"),
                    problems(GCP.replace("alternativeZone: us-central1-b", "alternativeZone: europe-west1-b")));
        }

        @Test
        void a_hyphenated_azure_location_gets_a_did_you_mean_and_display_names_pass() throws IOException {
            List<String> problems = problems(AZURE.replace("location: westeurope", "location: north-europe"));
            assertEquals(1, problems.size(), problems::toString);
            assertTrue(problems.get(0).startsWith("bad-env.yaml: azure.location: is 'north-europe', not an Azure"
                    + " location; did you mean 'northeurope'?"), problems.get(0));
            loads(AZURE.replace("location: westeurope", "location: West Europe"));
        }

        @Test
        void a_name_far_from_every_region_lists_the_regions_instead() {
            assertEquals(Optional.empty(), CloudNames.closest("mars-north-9", CloudNames.AWS_REGIONS));
        }
    }

    @Nested
    class Ids {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "vpcId: vpc-0123456789abcdef0|vpcId: vpc-123|network.vpcId: is 'vpc-123', not a vpc ID; give vpc-"
                        + " followed by 8 or 17 hexadecimal digits, e.g. vpc-0123456789abcdef0",
                "subnet-0123456b]|subnet-xyz]|network.privateSubnetIds[1]: is 'subnet-xyz', not a subnet ID; give"
                        + " subnet- followed by 8 or 17 hexadecimal digits, e.g. subnet-0123456789abcdef0",
                "[sg-0123456e]|[vpc-0123456e]|network.allowedSecurityGroupIds[0]: is 'vpc-0123456e', not a sg ID;"
                        + " give sg- followed by 8 or 17 hexadecimal digits, e.g. sg-0123456789abcdef0"})
        void malformed_aws_ids_are_refused_with_the_expected_shape(String from, String to, String message)
                throws IOException {
            assertEquals(List.of("bad-env.yaml: " + message), problems(AWS.replace(from, to)));
        }

        @Test
        void a_gcp_network_must_be_a_network_path_or_self_link() throws IOException {
            loads(GCP.replace("network: projects", "network: https://www.googleapis.com/compute/v1/projects"));
            List<String> problems = problems(GCP.replace("network: projects/acme-prod/global/networks/platform",
                    "network: platform"));
            assertEquals(List.of("bad-env.yaml: gcp.network: is 'platform'; give projects/<project>/global/networks"
                    + "/<vpc> or its self-link https://www.googleapis.com/compute/v1/projects/<project>/global"
                    + "/networks/<vpc>"), problems);
        }

        @Test
        void an_azure_subnet_id_without_its_subscription_guid_is_refused() throws IOException {
            List<String> problems = problems(AZURE.replace("/subscriptions/" + GUID + "/resourceGroups/n/providers"
                    + "/Microsoft.Network/virtualNetworks/aks/subnets/pe", "/subscriptions/x/resourceGroups/n/subnets/pe"));
            assertEquals(1, problems.size(), problems::toString);
            assertTrue(problems.get(0).startsWith("bad-env.yaml: network.privateEndpointSubnetId: is"
                    + " '/subscriptions/x/resourceGroups/n/subnets/pe', not a subnet resource ID; give /subscriptions/"
                    + "<subscription GUID>/"), problems.get(0));
        }

        @Test
        void every_bad_region_and_id_in_a_file_is_reported_in_one_run() throws IOException {
            List<String> problems = problems(AWS.replace("region: eu-west-1", "region: eu-wst-1")
                    .replace("vpc-0123456789abcdef0", "vpc-1").replace("sg-0123456e", "sg-eks"));
            assertEquals(3, problems.size(), problems::toString);
        }
    }

    @ParameterizedTest
    @CsvSource({"eu-west-1,eu-west-1,0", "eu-wst-1,eu-west-1,1", "us-centrl1,us-central1,1", "abc,abd,1"})
    void edit_distance_counts_insertions_deletions_and_substitutions(String a, String b, int expected) {
        assertEquals(expected, CloudNames.distance(a, b));
    }
}
