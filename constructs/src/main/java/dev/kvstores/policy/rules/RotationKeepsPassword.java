package dev.kvstores.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.StackRule;
import dev.kvstores.policy.SynthesizedResource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * KVS-ROTATION-PASSWORD: no phase of a credential rotation leaves a store without a password.
 *
 * <ul>
 *   <li>{@code aws_elasticache_user} / {@code aws_memorydb_user}: authentication type {@code password} with one
 *       or two non-empty passwords (two only while a rotation adds a generation).</li>
 *   <li>{@code aws_elasticache_replication_group}: {@code auth_token_update_strategy = ROTATE} only with an
 *       {@code auth_token} of a rotation's new generation ({@code random_password} with
 *       {@code keepers.generation = n}) whose previous generation is in the stack too: ROTATE on a group that had
 *       no token accepts clients without one, and ROTATE kept for good keeps the old token valid.</li>
 *   <li>{@code helm_release}: every password given as a sensitive value is non-empty (the chart writes
 *       {@code nopass} otherwise), and an ACL user given an extra {@code #<sha256>} rule (rotation, phase add)
 *       also has its own password.</li>
 * </ul>
 */
public final class RotationKeepsPassword implements StackRule {

    /** Stable rule ID. */
    public static final String ID = "KVS-ROTATION-PASSWORD";
    private static final Pattern REFERENCE = Pattern.compile("^\\$\\{random_password\\.([^.}]+)\\.result}$");
    private static final Pattern GENERATION_NAME = Pattern.compile("^(.*)Gen(\\d+)_[^_]+$");
    private static final Pattern USER_COMMANDS = Pattern.compile("^auth\\.acl\\.users\\[(\\d+)]\\.commands$");

    @Override public String id() { return ID; }
    @Override public String source() { return "project rule (issue 13: staged credential rotation)"; }
    @Override public String description() { return "a credential rotation phase never leaves a store without a password"; }
    @Override public Set<String> resourceTypes() {
        return Set.of("aws_elasticache_user", "aws_memorydb_user", "aws_elasticache_replication_group", "helm_release");
    }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context, List<SynthesizedResource> stack) {
        return switch (resource.type()) {
            case "aws_elasticache_user", "aws_memorydb_user" -> user(resource);
            case "aws_elasticache_replication_group" -> replicationGroup(resource, stack);
            default -> helmRelease(resource);
        };
    }

    private static Evaluation user(SynthesizedResource resource) {
        JsonNode mode = SynthesizedResource.block(resource.body(), "authentication_mode");
        if (mode.isMissingNode()) {
            return Evaluation.nonCompliant("no authentication_mode: the user would have no password");
        }
        if (!"password".equals(mode.path("type").asText())) {
            return Evaluation.nonCompliant("authentication_mode.type is '" + mode.path("type").asText()
                    + "'; the platform's URL needs a password user");
        }
        JsonNode passwords = mode.path("passwords");
        int count = passwords.isArray() ? passwords.size() : 0;
        if (count < 1 || count > 2) {
            return Evaluation.nonCompliant("authentication_mode.passwords has " + count + " entries; allowed: 1,"
                    + " or 2 while a rotation adds a generation");
        }
        for (JsonNode password : passwords) {
            if (password.asText("").isEmpty()) {
                return Evaluation.nonCompliant("authentication_mode.passwords holds an empty password");
            }
        }
        return Evaluation.compliant();
    }

    private static Evaluation replicationGroup(SynthesizedResource resource, List<SynthesizedResource> stack) {
        if (!"ROTATE".equals(resource.text("auth_token_update_strategy"))) {
            return Evaluation.notApplicable();
        }
        String token = resource.text("auth_token");
        Matcher reference = REFERENCE.matcher(token == null ? "" : token);
        if (!reference.matches()) {
            return Evaluation.nonCompliant("auth_token_update_strategy ROTATE without a generated auth_token of a"
                    + " rotation (credentials.rotation phase add)");
        }
        String name = reference.group(1);
        SynthesizedResource password = find(stack, "random_password", name);
        Matcher generation = GENERATION_NAME.matcher(name);
        String keeper = password == null ? "" : password.body().path("keepers").path("generation").asText("");
        if (!generation.matches() || !keeper.equals(generation.group(2))) {
            return Evaluation.nonCompliant("auth_token_update_strategy ROTATE with an auth_token that is not a new"
                    + " rotation generation: the group keeps (or, without a previous token, opens) access with the"
                    + " old credential; ROTATE belongs to credentials.rotation phase add only");
        }
        int previous = Integer.parseInt(generation.group(2)) - 1;
        String previousPrefix = generation.group(1) + (previous == 0 ? "_" : "Gen" + previous + "_");
        for (SynthesizedResource other : stack) {
            if ("random_password".equals(other.type()) && other.name().startsWith(previousPrefix)
                    && !GENERATION_NAME.matcher(other.name()).matches() == (previous == 0)) {
                return Evaluation.compliant();
            }
        }
        return Evaluation.nonCompliant("auth_token_update_strategy ROTATE, but the previous generation's token ("
                + previous + ") is not in the stack: the group had no token to rotate from");
    }

    private static Evaluation helmRelease(SynthesizedResource resource) {
        Set<String> passwords = new HashSet<>();
        Set<String> extraHashes = new HashSet<>();
        for (JsonNode value : resource.body().path("set_sensitive")) {
            String name = value.path("name").asText();
            if (name.equals("password") || name.endsWith(".password")) {
                if (value.path("value").asText("").isEmpty()) {
                    return Evaluation.nonCompliant(name + " is empty: the chart would write nopass");
                }
                passwords.add(name);
            }
            Matcher commands = USER_COMMANDS.matcher(name);
            if (commands.matches() && value.path("value").asText().contains("#")) {
                extraHashes.add("auth.acl.users[" + commands.group(1) + "].password");
            }
        }
        for (String needed : extraHashes) {
            if (!passwords.contains(needed)) {
                return Evaluation.nonCompliant(needed + " is missing next to the previous password's #<sha256>: the"
                        + " user would keep only the old password");
            }
        }
        return passwords.isEmpty() ? Evaluation.notApplicable() : Evaluation.compliant();
    }

    private static SynthesizedResource find(List<SynthesizedResource> stack, String type, String name) {
        for (SynthesizedResource r : stack) {
            if (type.equals(r.type()) && name.equals(r.name())) {
                return r;
            }
        }
        return null;
    }
}
