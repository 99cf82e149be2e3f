package dev.kvstores.policy.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvstores.StoreConfigException;
import dev.kvstores.aws.AuthMode;
import dev.kvstores.aws.AuthTokenUpdateStrategy;
import dev.kvstores.aws.AwsNetwork;
import dev.kvstores.aws.ElastiCacheCacheStore;
import dev.kvstores.aws.ElastiCacheCacheStoreProps;
import dev.kvstores.kubernetes.BitnamiRedisWorkerStateStore;
import dev.kvstores.kubernetes.BitnamiRedisWorkerStateStoreProps;
import dev.kvstores.policy.Compliance;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.policy.SynthesizedResource;
import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.Topology;
import dev.kvstores.testing.SynthJson;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** KVS-ROTATION-PASSWORD: a rotation phase never leaves a store without a password. */
class RotationKeepsPasswordTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PolicyContext CONTEXT = new PolicyContext("test", true);
    private final RotationKeepsPassword rule = new RotationKeepsPassword();

    private static SynthesizedResource resource(String type, String name, String body) throws Exception {
        return new SynthesizedResource(type, name, JSON.readTree(body.replace('\'', '"')));
    }

    private static AwsNetwork network() {
        return AwsNetwork.builder().vpcId("vpc-0123456789abcdef0")
                .privateSubnetIds(List.of("subnet-0123456789abcdef0", "subnet-0123456789abcdef1"))
                .allowedCidrs(List.of("10.0.0.0/16")).build();
    }

    @Nested
    class Noncompliance {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "user with zero passwords|{'authentication_mode':{'type':'password','passwords':[]}}",
            "user with three passwords|{'authentication_mode':{'type':'password','passwords':['a','b','c']}}",
            "user without a password|{'authentication_mode':{'type':'no-password-required'}}",
            "user with an empty password|{'authentication_mode':{'type':'password','passwords':['']}}"})
        void users(String description, String body) throws Exception {
            assertEquals(Compliance.NON_COMPLIANT, rule.evaluate(resource("aws_elasticache_user", "u", body),
                    CONTEXT, List.of()).compliance(), description);
        }

        @Test
        void rotate_on_a_group_with_a_token_that_is_no_rotation_generation() throws Exception {
            SynthesizedResource group = resource("aws_elasticache_replication_group", "g", "{'auth_token':"
                    + "'${random_password.Cache_AuthToken_1A2B3C4D.result}','auth_token_update_strategy':'ROTATE'}");
            SynthesizedResource token = resource("random_password", "Cache_AuthToken_1A2B3C4D", "{'length':32}");
            assertEquals(Compliance.NON_COMPLIANT, rule.evaluate(group, CONTEXT, List.of(group, token)).compliance());
        }

        @Test
        void rotate_on_a_group_that_had_no_token() throws Exception {
            SynthesizedResource group = resource("aws_elasticache_replication_group", "g", "{'auth_token':"
                    + "'${random_password.Cache_AuthTokenGen1_5E6F7A8B.result}','auth_token_update_strategy':'ROTATE'}");
            SynthesizedResource token = resource("random_password", "Cache_AuthTokenGen1_5E6F7A8B",
                    "{'length':32,'keepers':{'generation':'1'}}");
            assertTrue(rule.evaluate(group, CONTEXT, List.of(group, token)).detail().contains("previous"));
        }

        @Test
        void an_extra_hash_without_the_users_own_password() throws Exception {
            SynthesizedResource release = resource("helm_release", "r", "{'set_sensitive':[{'name':'auth.password',"
                    + "'value':'${random_password.a.result}'},{'name':'auth.acl.users[0].commands','value':"
                    + "'+@all -@admin #${sha256(random_password.b.result)}'}]}");
            assertEquals(Compliance.NON_COMPLIANT, rule.evaluate(release, CONTEXT, List.of(release)).compliance());
        }

        @Test
        void rotate_outside_a_rotation_is_refused_by_the_construct() {
            StoreConfigException e = assertThrows(StoreConfigException.class, () -> new ElastiCacheCacheStore(
                    SynthJson.stack(), "Cache", ElastiCacheCacheStoreProps.builder().network(network())
                            .authMode(AuthMode.AUTH_TOKEN).authTokenUpdateStrategy(AuthTokenUpdateStrategy.ROTATE)
                            .build()));
            assertTrue(e.getMessage().contains("authTokenUpdateStrategy ROTATE outside a credentials rotation"),
                    e.getMessage());
        }

        @Test
        void the_in_cluster_stores_refuse_what_they_cannot_stage() {
            BitnamiRedisWorkerStateStoreProps.Builder props = BitnamiRedisWorkerStateStoreProps.builder()
                    .namespace("redis-state").addAllowedNamespace("suprsend").storageClass("premium-rwo")
                    .credentialRotation(CredentialRotation.add(1));
            StoreConfigException cluster = assertThrows(StoreConfigException.class, () ->
                    new BitnamiRedisWorkerStateStore(SynthJson.stack(), "W", props.topology(Topology.CLUSTER).build()));
            assertTrue(cluster.getMessage().contains("'default' user"), cluster.getMessage());
            StoreConfigException secret = assertThrows(StoreConfigException.class, () ->
                    new BitnamiRedisWorkerStateStore(SynthJson.stack(), "W", props.topology(Topology.REPLICATED)
                            .createNamespace(false).passwordSecretName("state-passwords").build()));
            assertTrue(secret.getMessage().contains("passwordSecretName is 'state-passwords'"), secret.getMessage());
        }
    }

    @Nested
    class Compliance_ {
        @Test
        void every_phase_of_a_synthesized_auth_token_rotation() {
            for (CredentialRotation rotation : new CredentialRotation[] {null, CredentialRotation.add(1),
                    CredentialRotation.retire(1), CredentialRotation.add(2)}) {
                var stack = SynthJson.stack();
                new com.hashicorp.cdktf.providers.aws.provider.AwsProvider(stack, "Aws",
                        com.hashicorp.cdktf.providers.aws.provider.AwsProviderConfig.builder().region("eu-west-1")
                                .build());
                new ElastiCacheCacheStore(stack, "Cache", ElastiCacheCacheStoreProps.builder().network(network())
                        .authMode(AuthMode.AUTH_TOKEN).credentialRotation(rotation).build());
                JsonNode json = SynthJson.synth(stack);
                var resources = PolicyPack.resources(json);
                for (SynthesizedResource r : resources) {
                    if (rule.resourceTypes().contains(r.type())) {
                        assertTrue(rule.evaluate(r, CONTEXT, resources).compliance() != Compliance.NON_COMPLIANT,
                                rotation + ": " + r.address() + " " + rule.evaluate(r, CONTEXT, resources));
                    }
                }
                String strategy = SynthJson.single(json, "aws_elasticache_replication_group")
                        .path("auth_token_update_strategy").asText();
                boolean add = rotation != null && rotation.phase() == CredentialRotation.Phase.ADD;
                assertEquals(add ? "ROTATE" : "SET", strategy, String.valueOf(rotation));
                if (add) {
                    SynthesizedResource group = resources.stream()
                            .filter(r -> r.type().equals("aws_elasticache_replication_group")).findFirst().orElseThrow();
                    assertEquals(Compliance.COMPLIANT, rule.evaluate(group, CONTEXT, resources).compliance());
                }
            }
        }
    }
}
