package dev.kvstores.stacks.platform;

import dev.kvstores.exemption.PolicyExemption;
import dev.kvstores.role.CacheStore;
import dev.kvstores.role.WorkerStateStore;
import java.util.List;

/**
 * What a platform built: the two stores and any written policy exemptions they need.
 *
 * @param cache            the Cache Store, or {@code null} when it failed to build (the problem is recorded)
 * @param workerState      the Worker State Store, or {@code null} likewise
 * @param policyExemptions exemptions with reasons (e.g. "cache snapshots off by design")
 */
public record Stores(CacheStore cache, WorkerStateStore workerState, List<PolicyExemption> policyExemptions) {

    public Stores {
        policyExemptions = List.copyOf(policyExemptions);
    }
}
