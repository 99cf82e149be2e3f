package dev.kvstores.aws;

import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.aws.cloudwatch_log_group.CloudwatchLogGroup;
import com.hashicorp.cdktf.providers.aws.cloudwatch_log_group.CloudwatchLogGroupConfig;
import com.hashicorp.cdktf.providers.aws.data_aws_caller_identity.DataAwsCallerIdentity;
import com.hashicorp.cdktf.providers.aws.data_aws_partition.DataAwsPartition;
import com.hashicorp.cdktf.providers.aws.data_aws_region.DataAwsRegion;
import com.hashicorp.cdktf.providers.aws.kms_key.KmsKey;
import com.hashicorp.cdktf.providers.aws.kms_key.KmsKeyConfig;
import com.hashicorp.cdktf.providers.aws.security_group.SecurityGroup;
import com.hashicorp.cdktf.providers.aws.security_group.SecurityGroupConfig;
import com.hashicorp.cdktf.providers.aws.vpc_security_group_ingress_rule.VpcSecurityGroupIngressRule;
import com.hashicorp.cdktf.providers.aws.vpc_security_group_ingress_rule.VpcSecurityGroupIngressRuleConfig;
import com.hashicorp.cdktf.providers.random_provider.password.Password;
import com.hashicorp.cdktf.providers.random_provider.password.PasswordConfig;
import dev.kvstores.StoreConfigException;
import dev.kvstores.naming.AwsTags;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.constructs.Construct;

/** Validation and companion resources shared by the AWS stores (KMS key, security group, logs, alarms). */
final class AwsResources {

    /** Tag naming the store's role on every resource ({@code cache} or {@code worker-state}). */
    static final String ROLE_TAG = AwsTags.ROLE;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern USERNAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]*");
    private static final Pattern CIDR = Pattern.compile("[0-9a-fA-F:.]+/[0-9]{1,3}");
    private static final Pattern DAILY = Pattern.compile("([01][0-9]|2[0-3]):([0-5][0-9])-([01][0-9]|2[0-3]):([0-5][0-9])");
    private static final Pattern WEEKLY = Pattern.compile(
            "(sun|mon|tue|wed|thu|fri|sat):([01][0-9]|2[0-3]):([0-5][0-9])-(sun|mon|tue|wed|thu|fri|sat):([01][0-9]|2[0-3]):([0-5][0-9])");
    private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
    private static final int WEEK = 7 * 1440;

    private AwsResources() {
    }

    static void requireName(String who, String name) {
        if (name == null || name.length() > 30 || !NAME.matcher(name).matches()) {
            throw new StoreConfigException("Name", who + ": name must be 1-30 lowercase letters, digits and single"
                    + " hyphens, starting with a letter, got '" + name + "'; it prefixes the replication group,"
                    + " user and log group names");
        }
    }

    static void requireUsername(String who, String username) {
        if (username == null || "default".equals(username) || !USERNAME.matcher(username).matches()) {
            throw new StoreConfigException("AclUsername", who + ": aclUsername must start with a letter and"
                    + " contain only letters, digits and hyphens, and must not be 'default', got '" + username
                    + "'; the default user is switched off");
        }
    }

    private static final Pattern KMS_KEY_ARN = Pattern.compile(
            "arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]{1,128}");

    /**
     * A customer-managed KMS key's ARN ({@code arn:aws:kms:<region>:<account>:key/<id>}): it is the log groups' and
     * the store's key and the {@code Resource} of the backup role's grant statements, where an alias, a name or
     * {@code *} would grant on other keys or none. A token (e.g. a {@code aws_kms_key}'s ARN) is taken as it is. The
     * one place this rule is checked.
     *
     * @param code the problem's code ({@code KmsKey} for the store's key, {@code BackupKey} for the backup's)
     */
    static void requireKmsKeyArn(String who, String field, String code, String arn) {
        if (arn != null && !KMS_KEY_ARN.matcher(arn).matches() && !Token.isUnresolved(arn)) {
            throw new StoreConfigException(code, who + ": " + field + " must be a KMS key ARN"
                    + " (arn:aws:kms:<region>:<account>:key/<id>), got '" + arn + "'");
        }
    }

    static void requirePort(String who, int port) {
        if (port < 1024 || port > 65535) {
            throw new StoreConfigException("Port", who + ": port must be between 1024 and 65535, got " + port);
        }
    }

    static void requireNetwork(String who, AwsNetwork network, boolean multiAz) {
        if (network.vpcId().isBlank()) {
            throw new StoreConfigException("Network", who + ": network.vpcId must not be blank");
        }
        int minimum = multiAz ? 2 : 1;
        if (network.privateSubnetIds().size() < minimum) {
            throw new StoreConfigException("Network", who + ": network.privateSubnetIds needs at least " + minimum
                    + " private subnet(s)" + (multiAz ? " in different Availability Zones for Multi-AZ" : "")
                    + ", got " + network.privateSubnetIds().size());
        }
        if (network.allowedSecurityGroupIds().isEmpty() && network.allowedCidrs().isEmpty()) {
            throw new StoreConfigException("PrivateNetworking", who + ": no client is admitted; list the platform's"
                    + " security groups in network.allowedSecurityGroupIds or its CIDRs in network.allowedCidrs");
        }
        for (String cidr : network.allowedCidrs()) {
            if (!CIDR.matcher(cidr).matches()) {
                throw new StoreConfigException("PrivateNetworking", who + ": network.allowedCidrs entry '" + cidr
                        + "' is not a CIDR block; write it as 10.0.0.0/16");
            }
            if (isOpen(cidr)) {
                throw new StoreConfigException("PrivateNetworking", who + ": network.allowedCidrs contains " + cidr
                        + ", which admits the whole internet; list the platform's VPC or subnet CIDRs instead");
            }
        }
    }

    /** True for CIDRs that admit every address ({@code 0.0.0.0/0}, {@code ::/0}). */
    static boolean isOpen(String cidr) {
        return cidr.endsWith("/0");
    }

    static int requireRetention(String who, String field, int days, int min, int max) {
        if (days < min || days > max) {
            throw new StoreConfigException("SnapshotRetention", who + ": " + field + " must be between " + min
                    + " and " + max + " days, got " + days);
        }
        return days;
    }

    /** [start, end) minutes of the day of a daily window {@code hh:mm-hh:mm}; end may exceed 1440. */
    static int[] dailyWindow(String who, String field, String window) {
        Matcher m = window == null ? null : DAILY.matcher(window);
        if (m == null || !m.matches()) {
            throw new StoreConfigException("Window", who + ": " + field + " must look like 03:00-04:00 (UTC),"
                    + " got '" + window + "'");
        }
        int start = minutes(m.group(1), m.group(2));
        int end = minutes(m.group(3), m.group(4));
        if (end <= start) {
            end += 1440;
        }
        requireHour(who, field, window, end - start);
        return new int[] {start, end};
    }

    /** [start, end) minutes of the week of a weekly window {@code ddd:hh:mm-ddd:hh:mm}; end may exceed a week. */
    static int[] weeklyWindow(String who, String field, String window) {
        Matcher m = window == null ? null : WEEKLY.matcher(window);
        if (m == null || !m.matches()) {
            throw new StoreConfigException("Window", who + ": " + field + " must look like sun:05:00-sun:06:00"
                    + " (UTC), got '" + window + "'");
        }
        int start = DAYS.indexOf(m.group(1)) * 1440 + minutes(m.group(2), m.group(3));
        int end = DAYS.indexOf(m.group(4)) * 1440 + minutes(m.group(5), m.group(6));
        if (end <= start) {
            end += WEEK;
        }
        requireHour(who, field, window, end - start);
        return new int[] {start, end};
    }

    private static void requireHour(String who, String field, String window, int length) {
        if (length < 60) {
            throw new StoreConfigException("Window", who + ": " + field + " must be at least 60 minutes long, got '"
                    + window + "' (" + length + " minutes)");
        }
    }

    /** Refuses a daily snapshot window that overlaps the weekly maintenance window. */
    static void requireNoOverlap(String who, String snapshotWindow, String maintenanceWindow) {
        int[] snapshot = dailyWindow(who, "snapshotWindow", snapshotWindow);
        int[] maintenance = weeklyWindow(who, "maintenanceWindow", maintenanceWindow);
        for (int day = -1; day <= 7; day++) {
            int s = day * 1440 + snapshot[0];
            int e = day * 1440 + snapshot[1];
            for (int shift = -WEEK; shift <= WEEK; shift += WEEK) {
                if (s < maintenance[1] + shift && maintenance[0] + shift < e) {
                    throw new StoreConfigException("WindowOverlap", who + ": snapshotWindow " + snapshotWindow
                            + " overlaps maintenanceWindow " + maintenanceWindow + "; move one of them so they do"
                            + " not share any minute");
                }
            }
        }
    }

    private static int minutes(String hours, String minutes) {
        return Integer.parseInt(hours) * 60 + Integer.parseInt(minutes);
    }

    private static final Pattern RDB_ARN = Pattern.compile(
            "arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/[A-Za-z0-9!_.*'()/-]+\\.rdb");

    /**
     * Refuses {@code restoreFrom} entries that are not S3 ARNs of {@code .rdb} files. The seeding pages
     * (ElastiCache "Seeding a new cluster with an externally created backup", MemoryDB "Seeding a new cluster with an
     * externally created snapshot") take {@code arn:aws:s3:::<bucket>/<path>.rdb}, one per file.
     */
    static void requireRestoreArns(String who, List<String> arns) {
        for (String arn : arns) {
            if (arn == null || !RDB_ARN.matcher(arn).matches()) {
                throw new StoreConfigException("RestoreFrom", who + ": restoreFrom entry '" + arn + "' is not the S3"
                        + " ARN of an .rdb file; write it as arn:aws:s3:::<bucket>/<path>.rdb (the bucket in the"
                        + " store's region, the object encrypted with SSE-S3)");
            }
        }
    }

    /** Refuses a backup of a store with data tiering: neither service exports such snapshots to S3. */
    static void requireExportable(String who, boolean dataTiering, WorkerStateExportProps backup) {
        if (dataTiering && backup != null) {
            throw new StoreConfigException("BackupDataTiering", who + ": backup is not possible with"
                    + " dataTieringEnabled: exporting a snapshot to S3 is not supported for clusters using data"
                    + " tiering (ElastiCache 'Exporting a backup', MemoryDB 'Exporting a snapshot'); turn data tiering"
                    + " off or drop backup and give backupExemptionReason");
        }
    }

    /** Refuses tags AWS would refuse at apply ({@link AwsTags}), with the store's role and name tags added. */
    static void requireTags(String who, Map<String, String> tags, String role, String name) {
        List<String> problems = AwsTags.problems(tags(tags, role, name));
        if (!problems.isEmpty()) {
            throw new StoreConfigException("Tags", who + ": tags: " + String.join("; ", problems) + " (rules: "
                    + AwsTags.RULES_PAGE + ")");
        }
    }

    static Map<String, String> tags(Map<String, String> tags, String role, String name) {
        Map<String, String> out = new TreeMap<>(tags);
        out.put(ROLE_TAG, role);
        out.put("Name", name);
        return out;
    }

    /** 32 alphanumerics (~190 bits): valid for ElastiCache/MemoryDB passwords and AUTH tokens. */
    static Password password(Construct scope, String id) {
        return new Password(scope, id, PasswordConfig.builder().length(32).special(false).build());
    }

    /**
     * The supplied KMS key ARN, or a new customer-managed key with yearly rotation whose policy lets the
     * account administer it and CloudWatch Logs use it for this store's log groups.
     */
    static String kmsKey(Construct scope, String name, String logGroupPrefix, String suppliedArn,
                         Map<String, String> tags) {
        if (suppliedArn != null) {
            return suppliedArn;
        }
        // each reference read once: an attribute read is a round trip to the jsii kernel
        String account = new DataAwsCallerIdentity(scope, "Account").getAccountId();
        String partition = new DataAwsPartition(scope, "Partition").getPartition();
        String region = new DataAwsRegion(scope, "Region").getRegion();
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"AccountAdministration\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:"
                + partition + ":iam::" + account + ":root\"},\"Action\":\"kms:*\","
                + "\"Resource\":\"*\"},"
                + "{\"Sid\":\"CloudWatchLogs\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"logs."
                + region + ".amazonaws.com\"},\"Action\":[\"kms:Encrypt*\",\"kms:Decrypt*\","
                + "\"kms:ReEncrypt*\",\"kms:GenerateDataKey*\",\"kms:Describe*\"],\"Resource\":\"*\","
                + "\"Condition\":{\"ArnLike\":{\"kms:EncryptionContext:aws:logs:arn\":\"arn:"
                + partition + ":logs:" + region + ":" + account
                + ":log-group:" + logGroupPrefix + "*\"}}}]}";
        return new KmsKey(scope, "Key", KmsKeyConfig.builder()
                .description("kvstores " + name + ": encryption at rest, snapshots and logs")
                .enableKeyRotation(true)
                .deletionWindowInDays(30)
                .policy(policy)
                .tags(tags)
                .build()).getArn();
    }

    /**
     * A security group admitting only the listed groups and CIDRs on {@code port}, with no egress rule; returns its
     * ID (a reference).
     */
    static String securityGroup(Construct scope, String name, String roleLabel, AwsNetwork network, int port,
                                       Map<String, String> tags) {
        SecurityGroup group = new SecurityGroup(scope, "SecurityGroup", SecurityGroupConfig.builder()
                .name(name)
                .description("kvstores " + roleLabel + " store " + name + ": clients on TCP " + port + " only")
                .vpcId(network.vpcId())
                .revokeRulesOnDelete(true)
                .tags(tags)
                .build());
        String groupId = group.getId(); // read once: each read is a round trip to the jsii kernel
        for (String sg : network.allowedSecurityGroupIds()) {
            ingressFrom(scope, groupId, sg, port, tags);
        }
        for (String cidr : network.allowedCidrs()) {
            VpcSecurityGroupIngressRuleConfig.Builder rule = VpcSecurityGroupIngressRuleConfig.builder()
                    .securityGroupId(groupId)
                    .description("clients in " + cidr)
                    .ipProtocol("tcp").fromPort(port).toPort(port)
                    .tags(tags);
            if (cidr.contains(":")) {
                rule.cidrIpv6(cidr);
            } else {
                rule.cidrIpv4(cidr);
            }
            new VpcSecurityGroupIngressRule(scope, "Ingress-" + cidr.replace('/', '_').replace(':', '-'), rule.build());
        }
        return groupId;
    }

    /** Admits the members of security group {@code sourceGroupId} on {@code port}. Child ID {@code Ingress-<id>}. */
    static void ingressFrom(Construct scope, String groupId, String sourceGroupId, int port, Map<String, String> tags) {
        new VpcSecurityGroupIngressRule(scope, "Ingress-" + sourceGroupId, VpcSecurityGroupIngressRuleConfig.builder()
                .securityGroupId(groupId)
                .description("clients in " + sourceGroupId)
                .ipProtocol("tcp").fromPort(port).toPort(port)
                .referencedSecurityGroupId(sourceGroupId)
                .tags(tags)
                .build());
    }

    static CloudwatchLogGroup logGroup(Construct scope, String id, String name, AwsMonitoring monitoring,
                                       String kmsKeyArn, Map<String, String> tags) {
        return new CloudwatchLogGroup(scope, id, CloudwatchLogGroupConfig.builder()
                .name(name)
                .retentionInDays(monitoring.logRetentionDays())
                .kmsKeyId(kmsKeyArn)
                .tags(tags)
                .build());
    }

    static void requireLogRetention(String who, AwsMonitoring monitoring) {
        if (!AwsMonitoring.RETENTION_DAYS.contains(monitoring.logRetentionDays())) {
            throw new StoreConfigException("LogRetention", who + ": monitoring.logRetentionDays must be one of "
                    + AwsMonitoring.RETENTION_DAYS + ", got " + monitoring.logRetentionDays());
        }
    }
}
