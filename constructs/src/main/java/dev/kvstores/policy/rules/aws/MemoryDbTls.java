package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** KVS-AWS-MEMORYDB-TLS: MemoryDB cluster sets tls_enabled to true (absent fails). Re-implemented from vendor guide, Security: TLS: enable TLS at the endpoint (the MemoryDB counterpart of CKV_AWS_30). */
public final class MemoryDbTls extends AwsRule {
    @Override public String id() { return "KVS-AWS-MEMORYDB-TLS"; }
    @Override public String source() { return "vendor guide, Security: \"TLS: enable TLS at the endpoint\" (the MemoryDB counterpart of CKV_AWS_30)"; }
    @Override public String description() { return "MemoryDB cluster sets tls_enabled to true (absent fails)"; }
    @Override public Set<String> resourceTypes() { return Set.of(MEMORYDB_CLUSTER); }

    @Override
    public Evaluation evaluate(SynthesizedResource r, PolicyContext context) {
        return Evaluation.check(isTrue(r, "tls_enabled"), shown(r, "tls_enabled"));
    }
}
