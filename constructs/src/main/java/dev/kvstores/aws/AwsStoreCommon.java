package dev.kvstores.aws;

import dev.kvstores.StoreProblems;
import dev.kvstores.role.CredentialRotation;
import dev.kvstores.role.SizePreset;
import dev.kvstores.role.StoreRole;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The fields every AWS store (ElastiCache cache and worker state, MemoryDB) shares, defined once and composed into
 * their props; the props' builders delegate to {@link Builder}.
 *
 * @param nodes                the node type and parameter group family ({@link AwsNodes})
 * @param port                 TCP port (1024-65535). Default: {@value #DEFAULT_PORT} (not 6379: cdk-nag
 *                             AwsSolutions-AEC5)
 * @param network              VPC, private subnets, admitted security groups / CIDRs; required
 * @param kmsKeyArn            customer-managed KMS key for data at rest and logs, as its ARN
 *                             ({@code arn:aws:kms:<region>:<account>:key/<id>}). Default: a new key with rotation on
 * @param access               the role's ACL user and staged password rotation ({@link AwsAccess})
 * @param maintenanceWindow    weekly UTC window {@code ddd:hh:mm-ddd:hh:mm}, at least 60 minutes. Default:
 *                             {@value #DEFAULT_MAINTENANCE_WINDOW}
 * @param monitoring           log retention and alarms. Default: {@link AwsMonitoring#defaults()}
 * @param tags                 tags on every resource. Default: none
 */
public record AwsStoreCommon(
        AwsNodes nodes,
        int port,
        AwsNetwork network,
        String kmsKeyArn,
        AwsAccess access,
        String maintenanceWindow,
        AwsMonitoring monitoring,
        Map<String, String> tags) {

    public static final String DEFAULT_MAINTENANCE_WINDOW = "sun:05:00-sun:06:00";
    public static final int DEFAULT_PORT = 6380;

    public AwsStoreCommon {
        nodes = Objects.requireNonNullElse(nodes, new AwsNodes(null, null, null));
        Objects.requireNonNull(network, "network");
        access = Objects.requireNonNullElse(access, new AwsAccess(null, null));
        maintenanceWindow = Objects.requireNonNullElse(maintenanceWindow, DEFAULT_MAINTENANCE_WINDOW);
        monitoring = Objects.requireNonNullElse(monitoring, AwsMonitoring.defaults());
        tags = Map.copyOf(new TreeMap<>(Objects.requireNonNullElse(tags, Map.of())));
    }

    /**
     * What the nodes run.
     *
     * @param size                 vendor sizing preset, mapped to a node type by the role. Default:
     *                             {@link SizePreset#SMALL}
     * @param nodeType             explicit node type, overrides {@code size}. Default: from {@code size} (set by the
     *                             role's props)
     * @param parameterGroupFamily explicit parameter group family; must equal the engine's. Default: derived
     */
    public record AwsNodes(SizePreset size, String nodeType, String parameterGroupFamily) {
        public AwsNodes {
            size = Objects.requireNonNullElse(size, SizePreset.SMALL);
        }
    }

    /** The role's ACL user and staged password rotation: one user per role, so the default is the role's. */
    public record AwsAccess(String aclUsername, CredentialRotation credentialRotation) {
    }

    /** This part with the role's defaults filled in where unset: the node type of the size and the ACL user. */
    AwsStoreCommon withRoleDefaults(Function<SizePreset, String> nodeTypeOfSize, String defaultAclUsername) {
        AwsNodes resolved = new AwsNodes(nodes.size(),
                Objects.requireNonNullElse(nodes.nodeType(), nodeTypeOfSize.apply(nodes.size())),
                nodes.parameterGroupFamily());
        return new AwsStoreCommon(resolved, port, network, kmsKeyArn,
                new AwsAccess(Objects.requireNonNullElse(access.aclUsername(), defaultAclUsername),
                        access.credentialRotation()),
                maintenanceWindow, monitoring, tags);
    }

    /**
     * Validates the shared fields into {@code problems}: the store's name (AWS naming), its tags, the port, the KMS
     * key's ARN and,
     * when {@code usernameRequired}, the ACL user name. The one place these rules are checked for AWS stores.
     */
    void check(String who, StoreProblems problems, StoreRole role, String name, boolean usernameRequired) {
        problems.check(() -> AwsResources.requireName(who, name));
        problems.check(() -> AwsResources.requireTags(who, tags, role.label(), name));
        problems.check(() -> AwsResources.requirePort(who, port));
        problems.check(() -> AwsResources.requireKmsKeyArn(who, "kmsKeyArn", "KmsKey", kmsKeyArn));
        if (usernameRequired) {
            problems.check(() -> AwsResources.requireUsername(who, access.aclUsername()));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().size(nodes.size()).nodeType(nodes.nodeType())
                .parameterGroupFamily(nodes.parameterGroupFamily()).port(port)
                .network(network).kmsKeyArn(kmsKeyArn).aclUsername(access.aclUsername())
                .credentialRotation(access.credentialRotation()).maintenanceWindow(maintenanceWindow)
                .monitoring(monitoring);
        b.tags.putAll(tags);
        return b;
    }

    /** Read access to the AWS fields of a props record that composes them (e.g. {@code props.port()}). */
    public interface Part {
        /** The composed AWS fields. */
        AwsStoreCommon aws();

        default SizePreset size() { return aws().nodes().size(); }
        default String nodeType() { return aws().nodes().nodeType(); }
        default String parameterGroupFamily() { return aws().nodes().parameterGroupFamily(); }
        default int port() { return aws().port(); }
        default AwsNetwork network() { return aws().network(); }
        default String kmsKeyArn() { return aws().kmsKeyArn(); }
        default String aclUsername() { return aws().access().aclUsername(); }
        default CredentialRotation credentialRotation() { return aws().access().credentialRotation(); }
        default String maintenanceWindow() { return aws().maintenanceWindow(); }
        default AwsMonitoring monitoring() { return aws().monitoring(); }
        default Map<String, String> tags() { return aws().tags(); }
    }

    /** Builder of {@link AwsStoreCommon}; unset fields take the documented defaults. */
    public static final class Builder {
        private SizePreset size;
        private String nodeType;
        private String parameterGroupFamily;
        private int port = DEFAULT_PORT;
        private AwsNetwork network;
        private String kmsKeyArn;
        private String aclUsername;
        private CredentialRotation credentialRotation;
        private String maintenanceWindow;
        private AwsMonitoring monitoring;
        private final Map<String, String> tags = new TreeMap<>();

        private Builder() {
        }

        /** Also clears an explicit {@code nodeType}, so that the size's node type applies. */
        public Builder size(SizePreset value) { this.size = value; this.nodeType = null; return this; }
        public Builder nodeType(String value) { this.nodeType = value; return this; }
        public Builder parameterGroupFamily(String value) { this.parameterGroupFamily = value; return this; }
        public Builder port(int value) { this.port = value; return this; }
        public Builder network(AwsNetwork value) { this.network = value; return this; }
        public Builder kmsKeyArn(String value) { this.kmsKeyArn = value; return this; }
        public Builder aclUsername(String value) { this.aclUsername = value; return this; }
        public Builder credentialRotation(CredentialRotation value) { this.credentialRotation = value; return this; }
        public Builder maintenanceWindow(String value) { this.maintenanceWindow = value; return this; }
        public Builder monitoring(AwsMonitoring value) { this.monitoring = value; return this; }
        public Builder tags(Map<String, String> value) { tags.clear(); tags.putAll(value); return this; }
        public Builder putTag(String key, String value) { tags.put(key, value); return this; }

        public AwsStoreCommon build() {
            return new AwsStoreCommon(new AwsNodes(size, nodeType, parameterGroupFamily), port, network, kmsKeyArn,
                    new AwsAccess(aclUsername, credentialRotation), maintenanceWindow, monitoring, tags);
        }
    }
}
