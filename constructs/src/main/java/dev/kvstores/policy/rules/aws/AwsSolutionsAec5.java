package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** AwsSolutions-AEC5: port is set and not the engine default (6379 for redis, also applied to valkey and to a group without engine; 11211 for memcached). Re-implemented from cdk-nag src/rules/elasticache/ElastiCacheClusterNonDefaultPort.ts (AwsSolutions pack, ERROR). */
public final class AwsSolutionsAec5 extends AwsRule {
    @Override public String id() { return "AwsSolutions-AEC5"; }
    @Override public String source() { return "cdk-nag src/rules/elasticache/ElastiCacheClusterNonDefaultPort.ts (AwsSolutions pack, ERROR)"; }
    @Override public String description() { return "port is set and not the engine default (6379 for redis, also applied to valkey and to a group without engine; 11211 for memcached)"; }
    @Override public Set<String> resourceTypes() { return Set.of(CACHE_CLUSTER, REPLICATION_GROUP); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        Integer port = number(r, "port");
        if (port == null) {
            return Evaluation.nonCompliant(shown(r, "port"));
        }
        String engine = text(r, "engine");
        int defaultPort = "memcached".equals(engine) ? 11211 : 6379;
        return Evaluation.check(port != defaultPort, "port is the default " + defaultPort);
    }
}
