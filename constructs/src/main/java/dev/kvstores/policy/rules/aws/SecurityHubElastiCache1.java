package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** SecurityHub-ElastiCache.1: cache cluster (Redis/Valkey) and replication group have automatic backups (snapshot_retention_limit of at least 1). Re-implemented from AWS Security Hub control ElastiCache.1 (High), doc_source/elasticache-controls.md. */
public final class SecurityHubElastiCache1 extends AwsRule {
    @Override public String id() { return "SecurityHub-ElastiCache.1"; }
    @Override public String source() { return "AWS Security Hub control ElastiCache.1 (High), doc_source/elasticache-controls.md"; }
    @Override public String description() { return "cache cluster (Redis/Valkey) and replication group have automatic backups (snapshot_retention_limit of at least 1)"; }
    @Override public Set<String> resourceTypes() { return Set.of(CACHE_CLUSTER, REPLICATION_GROUP); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        if ("memcached".equals(text(r, "engine"))) {
            return Evaluation.notApplicable();
        }
        Integer days = number(r, "snapshot_retention_limit");
        return Evaluation.check(days != null && days >= 1, shown(r, "snapshot_retention_limit"));
    }
}
