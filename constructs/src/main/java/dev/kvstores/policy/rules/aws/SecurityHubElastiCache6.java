package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** SecurityHub-ElastiCache.6: a replication group with an engine version before 6.0 uses an AUTH token (later versions: not applicable). Re-implemented from AWS Security Hub control ElastiCache.6 (Medium). */
public final class SecurityHubElastiCache6 extends AwsRule {
    @Override public String id() { return "SecurityHub-ElastiCache.6"; }
    @Override public String source() { return "AWS Security Hub control ElastiCache.6 (Medium)"; }
    @Override public String description() { return "a replication group with an engine version before 6.0 uses an AUTH token (later versions: not applicable)"; }
    @Override public Set<String> resourceTypes() { return Set.of(REPLICATION_GROUP); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        String version = text(r, "engine_version");
        if (version == null || !version.matches("[0-9]+(\\..*)?") || Integer.parseInt(version.split("\\.")[0]) >= 6) {
            return Evaluation.notApplicable();
        }
        return Evaluation.check(present(r, "auth_token"), "engine_version " + version + " without auth_token");
    }
}
