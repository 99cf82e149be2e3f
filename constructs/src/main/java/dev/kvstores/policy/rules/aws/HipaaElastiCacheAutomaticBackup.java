package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** HIPAA.Security-ElastiCacheRedisClusterAutomaticBackup: redis cache cluster and replication group keep snapshots for at least 15 days. Re-implemented from cdk-nag src/rules/elasticache/ElastiCacheRedisClusterAutomaticBackup.ts (HIPAA Security, NIST 800-53 R4/R5 packs, ERROR). */
public final class HipaaElastiCacheAutomaticBackup extends AwsRule {
    @Override public String id() { return "HIPAA.Security-ElastiCacheRedisClusterAutomaticBackup"; }
    @Override public String source() { return "cdk-nag src/rules/elasticache/ElastiCacheRedisClusterAutomaticBackup.ts (HIPAA Security, NIST 800-53 R4/R5 packs, ERROR)"; }
    @Override public String description() { return "redis cache cluster and replication group keep snapshots for at least 15 days"; }
    @Override public Set<String> resourceTypes() { return Set.of(CACHE_CLUSTER, REPLICATION_GROUP); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        if (r.type().equals(CACHE_CLUSTER) && !"redis".equals(text(r, "engine"))) {
            return Evaluation.notApplicable();
        }
        Integer days = number(r, "snapshot_retention_limit");
        return Evaluation.check(days != null && days >= 15, shown(r, "snapshot_retention_limit") + "; at least 15 required");
    }
}
