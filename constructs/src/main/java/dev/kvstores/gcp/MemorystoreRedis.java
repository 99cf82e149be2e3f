package dev.kvstores.gcp;

import com.hashicorp.cdktf.Fn;
import com.hashicorp.cdktf.ITerraformDependable;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.google.data_google_project.DataGoogleProject;
import com.hashicorp.cdktf.providers.google.data_google_project.DataGoogleProjectConfig;
import com.hashicorp.cdktf.providers.google.kms_crypto_key_iam_member.KmsCryptoKeyIamMember;
import com.hashicorp.cdktf.providers.google.kms_crypto_key_iam_member.KmsCryptoKeyIamMemberConfig;
import com.hashicorp.cdktf.providers.google.redis_instance.RedisInstance;
import com.hashicorp.cdktf.providers.google.redis_instance.RedisInstanceConfig;
import com.hashicorp.cdktf.providers.google.redis_instance.RedisInstanceMaintenancePolicy;
import com.hashicorp.cdktf.providers.google.redis_instance.RedisInstanceMaintenancePolicyWeeklyMaintenanceWindow;
import com.hashicorp.cdktf.providers.google.redis_instance.RedisInstanceMaintenancePolicyWeeklyMaintenanceWindowStartTime;
import com.hashicorp.cdktf.providers.google.redis_instance.RedisInstancePersistenceConfig;
import dev.kvstores.StoreConfigException;
import dev.kvstores.StoreProblems;
import dev.kvstores.naming.GcpLabels;
import dev.kvstores.role.ConnectionInfo;
import dev.kvstores.role.Durability;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.RedisRoleConfig;
import dev.kvstores.role.StoreRole;
import dev.kvstores.role.StoreSize;
import dev.kvstores.role.StoreSpec;
import dev.kvstores.role.Topology;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.constructs.Construct;

/**
 * What the two Memorystore for Redis stores share: the role-contract facts, validation, the
 * {@code google_redis_instance} and its connection facts. Package-private.
 */
final class MemorystoreRedis {

    /** Port a Memorystore for Redis instance listens on with {@code transit_encryption_mode = SERVER_AUTHENTICATION}. */
    static final int TLS_PORT = 6378;
    /** Port without TLS (never used: TLS is required). */
    static final int PLAIN_PORT = 6379;

    /** Role the Memorystore service agent needs on a customer-managed key. */
    static final String KEY_ROLE = "roles/cloudkms.cryptoKeyEncrypterDecrypter";

    private static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]{0,38}[a-z0-9])?");
    private static final Pattern REGION = Pattern.compile("[a-z]+-[a-z]+[0-9]+");
    private static final Pattern NETWORK = Pattern.compile("projects/[^/]+/global/networks/[^/]+");
    private static final Pattern KMS_KEY = Pattern.compile(
            "projects/[^/]+/locations/([^/]+)/keyRings/[^/]+/cryptoKeys/[^/]+");

    private MemorystoreRedis() {
    }

    static String who(StoreRole role, InstanceSpec s) {
        return role.label() + " store (" + s.service().backendName() + ")";
    }

    /** The backend-neutral facts {@link dev.kvstores.role.RoleContract} checks. */
    static StoreSpec storeSpec(StoreRole role, InstanceSpec s, EvictionPolicy eviction) {
        Topology topology = s.service().clusterMode() ? Topology.CLUSTER
                : s.tier() == MemorystoreTier.STANDARD_HA ? Topology.REPLICATED : Topology.STANDALONE;
        Durability durability = s.rdbSnapshotPeriod() == null ? Durability.NONE : Durability.RDB_SNAPSHOTS;
        return StoreSpec.builder(role, s.service().backendName()).topology(topology).nodes(s.tier().nodes(), 2)
                .zoneSpread(s.tier() == MemorystoreTier.STANDARD_HA).haExemptionReason(s.haExemptionReason())
                .tlsEnabled(s.transitEncryptionEnabled()).authEnabled(s.authEnabled())
                .privateNetworking(s.authorizedNetwork() != null).evictionPolicy(eviction).durability(durability)
                .build();
    }

    /** Backend checks, after the role contract: one exception naming every problem. */
    static void validate(StoreRole role, InstanceSpec s) {
        String who = who(role, s);
        StoreProblems problems = new StoreProblems(who);
        if (!s.service().passwordAuthentication()) {
            problems.add("MemorystoreAuthMode", who + ": service " + s.service() + " ("
                    + s.service().resourceType() + ") cannot serve the platform's connection URL: the provider"
                    + " schema offers only " + s.service().authorizationModes() + "; IAM authentication expects a"
                    + " short-lived IAM access token (one hour) as the AUTH password, which a URL written once into"
                    + " the connection Secret cannot carry, and disabled authentication breaks the auth requirement;"
                    + " use service REDIS (Memorystore for Redis with auth_enabled and its AUTH string)");
        }
        if (!NAME.matcher(s.name()).matches()) {
            problems.add("InstanceName", who + ": name must be 1-40 lowercase letters, digits or"
                    + " hyphens, starting with a letter and not ending with a hyphen, got '" + s.name() + "'");
        }
        boolean regionValid = REGION.matcher(s.region()).matches();
        if (!regionValid) {
            problems.add("Region", who + ": region must be a GCP region such as us-central1,"
                    + " got '" + s.region() + "'");
        }
        if (!Token.isUnresolved(s.authorizedNetwork()) && !NETWORK.matcher(s.authorizedNetwork()).matches()) {
            problems.add("AuthorizedNetwork", who + ": authorizedNetwork must be the full name of"
                    + " the environment's VPC, projects/<project>/global/networks/<network>, got '"
                    + s.authorizedNetwork() + "'; only that VPC can reach the store");
        }
        problems.check(() -> validateZones(who, s, regionValid));
        if (s.memorySizeGb() < 1 || s.memorySizeGb() > 300) {
            problems.add("MemorySize", who + ": memorySizeGb must be between 1 and 300, got "
                    + s.memorySizeGb());
        }
        String key = s.customerManagedKey();
        if (key != null && !Token.isUnresolved(key)) {
            Matcher m = KMS_KEY.matcher(key);
            if (!m.matches()) {
                problems.add("CustomerManagedKey", who + ": customerManagedKey must be a KMS key"
                        + " name, projects/<p>/locations/<region>/keyRings/<ring>/cryptoKeys/<key>, got '" + key + "'");
            } else if (regionValid && !m.group(1).equals(s.region())) {
                problems.add("CustomerManagedKey", who + ": customerManagedKey must be in the"
                        + " instance's region " + s.region() + ", got a key in " + m.group(1)
                        + "; create the key ring in " + s.region());
            }
        }
        List<String> labelProblems = GcpLabels.problems(labels(role, s));
        if (!labelProblems.isEmpty()) {
            problems.add("Labels", who + ": labels: " + String.join("; ", labelProblems) + " (rules: "
                    + GcpLabels.RULES_PAGE + ")");
        }
        problems.throwIfAny();
    }

    /** The zone rules, first problem only (they build on each other); zones are checked against a valid region only. */
    private static void validateZones(String who, InstanceSpec s, boolean regionValid) {
        String primary = s.locationId();
        String alternative = s.alternativeLocationId();
        if (alternative != null && s.tier() != MemorystoreTier.STANDARD_HA) {
            throw new StoreConfigException("AlternativeZone", who + ": alternativeLocationId applies only to tier"
                    + " STANDARD_HA, got tier " + s.tier() + "; remove it or use STANDARD_HA");
        }
        if (alternative != null && primary == null) {
            throw new StoreConfigException("AlternativeZone", who + ": alternativeLocationId '" + alternative
                    + "' needs locationId (the primary's zone); set both or neither");
        }
        for (String zone : new String[] {primary, alternative}) {
            if (regionValid && zone != null && !zone.startsWith(s.region() + "-")) {
                throw new StoreConfigException("Zone", who + ": zone '" + zone + "' is not in region "
                        + s.region() + "; use zones such as " + s.region() + "-a");
            }
        }
        if (primary != null && primary.equals(alternative)) {
            throw new StoreConfigException("AlternativeZone", who + ": alternativeLocationId must be a different"
                    + " zone from locationId, got " + primary + " for both; the replica must survive a zone outage");
        }
    }

    /** The user's labels plus the role and managed-by labels ({@link GcpLabels}). */
    static Map<String, String> labels(StoreRole role, InstanceSpec s) {
        Map<String, String> labels = new TreeMap<>(s.labels());
        labels.put(GcpLabels.ROLE, role.label());
        labels.put(GcpLabels.MANAGED_BY, "kvstores");
        return labels;
    }

    /**
     * {@code redis_configs} from the role's {@code redis.conf} directives: {@code maxmemory-policy} as is,
     * {@code maxmemory} as {@code maxmemory-gb} (cache 75%, worker 50% of the capacity: the worker's RDB snapshots fork
     * under write load, for which Google's "General best practices" say to lower maxmemory to 50%). {@code appendonly}/{@code save} map to
     * {@code persistence_config}; {@code timeout} is not a Memorystore-settable parameter (Memorystore keeps
     * idle connections open, as {@code timeout 0} asks).
     */
    static Map<String, String> redisConfigs(RedisRoleConfig config, int memorySizeGb) {
        Map<String, String> out = new TreeMap<>();
        out.put("maxmemory-policy", config.directives().get("maxmemory-policy"));
        out.put("maxmemory-gb", maxmemoryGb(config.role(), memorySizeGb));
        return out;
    }

    /**
     * The role's share of the instance's memory ({@link StoreSize#maxmemoryPercent}) in GB, without trailing zeros:
     * cache 4 -> {@code 3}, 5 -> {@code 3.75}; worker 8 -> {@code 4}.
     */
    static String maxmemoryGb(StoreRole role, int memorySizeGb) {
        return BigDecimal.valueOf(memorySizeGb).multiply(BigDecimal.valueOf(StoreSize.maxmemoryPercent(role)))
                .divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN).stripTrailingZeros().toPlainString();
    }

    static RedisInstance create(Construct scope, StoreRole role, InstanceSpec s, Map<String, String> redisConfigs,
                                boolean preventDestroy) {
        Map<String, String> labels = labels(role, s);
        RedisInstancePersistenceConfig persistence = s.rdbSnapshotPeriod() == null
                ? RedisInstancePersistenceConfig.builder().persistenceMode("DISABLED").build()
                : RedisInstancePersistenceConfig.builder().persistenceMode("RDB")
                        .rdbSnapshotPeriod(s.rdbSnapshotPeriod().name()).build();
        RedisInstanceConfig.Builder config = RedisInstanceConfig.builder()
                .name(s.name())
                .displayName("suprsend " + role.label() + " store")
                .project(s.project())
                .region(s.region())
                .tier(s.tier().name())
                .memorySizeGb(s.memorySizeGb())
                .redisVersion(s.redisVersion().terraformName())
                .locationId(s.locationId())
                .alternativeLocationId(s.alternativeLocationId())
                .authorizedNetwork(s.authorizedNetwork())
                .connectMode("PRIVATE_SERVICE_ACCESS")
                .reservedIpRange(s.reservedIpRange())
                .authEnabled(s.authEnabled())
                .transitEncryptionMode(s.transitEncryptionEnabled() ? "SERVER_AUTHENTICATION" : "DISABLED")
                .redisConfigs(redisConfigs)
                .persistenceConfig(persistence)
                .customerManagedKey(s.customerManagedKey())
                .maintenancePolicy(RedisInstanceMaintenancePolicy.builder()
                        .description("kvstores: weekly window for Google's updates")
                        .weeklyMaintenanceWindow(List.of(RedisInstanceMaintenancePolicyWeeklyMaintenanceWindow.builder()
                                .day(s.maintenanceWindow().terraformDay())
                                .startTime(RedisInstanceMaintenancePolicyWeeklyMaintenanceWindowStartTime.builder()
                                        .hours(s.maintenanceWindow().startHourUtc()).minutes(0).seconds(0).nanos(0)
                                        .build())
                                .build()))
                        .build())
                .labels(labels);
        if (preventDestroy) {
            config.lifecycle(TerraformResourceLifecycle.builder().preventDestroy(true).build());
        }
        if (s.customerManagedKey() != null) {
            config.dependsOn(List.of(keyGrant(scope, s.project(), s.customerManagedKey())));
        }
        return new RedisInstance(scope, "Resource", config.build());
    }

    /**
     * The grant Memorystore needs before it can create an instance encrypted with a customer-managed key: its
     * service agent {@code service-<project-number>@cloud-redis.iam.gserviceaccount.com} gets {@value #KEY_ROLE} on
     * the key (a {@code google_kms_crypto_key_iam_member}; the project number comes from a {@code google_project}
     * data source of the instance's project, the provider's when {@code project} is {@code null}). One grant per
     * stack, key and project, at the stack's top level (IDs {@code MemorystoreKeyGrant<hash>} and
     * {@code MemorystoreProject<hash>}), so that two stores on one key share it instead of managing the same binding
     * twice.
     */
    static ITerraformDependable keyGrant(Construct scope, String project, String key) {
        TerraformStack stack = TerraformStack.of(scope);
        String projectKey = project == null ? "(provider project)" : project;
        String grantId = "MemorystoreKeyGrant" + shortHash(projectKey + "|" + key);
        Object existing = stack.getNode().tryFindChild(grantId);
        if (existing instanceof ITerraformDependable grant) {
            return grant;
        }
        DataGoogleProject data = projectData(scope, project);
        return new KmsCryptoKeyIamMember(stack, grantId, KmsCryptoKeyIamMemberConfig.builder()
                .cryptoKeyId(key)
                .role(KEY_ROLE)
                .member("serviceAccount:service-" + data.getNumber() + "@cloud-redis.iam.gserviceaccount.com")
                .build());
    }

    /**
     * The {@code google_project} data source of {@code project} (the provider's when {@code null}), one per stack and
     * project at the stack's top level ({@code MemorystoreProject<hash>}), shared by the key grants and the backups.
     */
    static DataGoogleProject projectData(Construct scope, String project) {
        TerraformStack stack = TerraformStack.of(scope);
        String projectId = "MemorystoreProject" + shortHash(project == null ? "(provider project)" : project);
        return stack.getNode().tryFindChild(projectId) instanceof DataGoogleProject found ? found
                : new DataGoogleProject(stack, projectId, DataGoogleProjectConfig.builder().projectId(project).build());
    }

    /** First 8 hex digits of the SHA-256 of {@code text}: a stable construct ID suffix. */
    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Host and port the instance reports ({@code port} is 6378 with TLS), the {@code default} user with the
     * instance's AUTH string (a sensitive attribute reference; Memorystore runs Redis 6+, where the AUTH string is
     * the default user's password) and every server CA certificate it lists (all of them, so a CA rotation keeps
     * clients connecting).
     */
    static ConnectionInfo connectionInfo(RedisInstance instance, boolean tls) {
        String ca = tls ? Fn.join("\n", Token.asList(instance.interpolationForAttribute("server_ca_certs[*].cert")))
                : null;
        return new ConnectionInfo(instance.getHost(), tls ? TLS_PORT : PLAIN_PORT, tls, ConnectionInfo.DEFAULT_USER,
                instance.getAuthString(), ca, false, Token.asString(instance.getPort()));
    }

    /** Shared part of {@code description()}. */
    static String describe(StoreRole role, InstanceSpec s, String eviction) {
        StringBuilder out = new StringBuilder("Memorystore for Redis ").append(s.name()).append(" (")
                .append(s.redisVersion().terraformName()).append(", ").append(s.tier());
        if (s.tier() == MemorystoreTier.STANDARD_HA) {
            out.append(": primary + replica");
            if (s.locationId() != null) {
                out.append(" in ").append(s.locationId());
                if (s.alternativeLocationId() != null) {
                    out.append(" / ").append(s.alternativeLocationId());
                }
            }
            out.append(", automatic failover");
        } else {
            out.append(": one node, no failover");
        }
        out.append(") in ").append(s.region()).append(", ").append(s.memorySizeGb()).append(" GB, maxmemory-gb ")
                .append(maxmemoryGb(role, s.memorySizeGb())).append(' ').append(eviction)
                .append(", TLS on port ").append(TLS_PORT).append(" with the instance's server CA, AUTH string")
                .append(", private service access from ").append(s.authorizedNetwork())
                .append(s.customerManagedKey() == null ? ", Google-managed encryption key"
                        : ", CMEK " + s.customerManagedKey());
        return out.toString();
    }
}
