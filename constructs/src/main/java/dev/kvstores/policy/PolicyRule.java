package dev.kvstores.policy;

import java.util.Set;

/**
 * One policy rule: a pure function from a synthesized resource to an {@link Evaluation}.
 *
 * <p>Rules re-implement scanner checks (Checkov, Trivy, cdk-nag) or project rules from the vendor guide;
 * {@link #source()} says which, so a reader can compare. "Conforms to the listed rules (re-implemented)",
 * not "scanned by" the scanner.
 */
public interface PolicyRule {

    /** Stable ID, the scanner's own where there is one (e.g. {@code CKV_K8S_21}). */
    String id();

    /** Where the rule comes from: scanner and check path, or the vendor guide line. */
    String source();

    /** What compliance means, in one sentence. */
    String description();

    /** Terraform resource types the rule looks at. */
    Set<String> resourceTypes();

    /** Verdict on one resource of a type in {@link #resourceTypes()}. */
    Evaluation evaluate(SynthesizedResource resource, PolicyContext context);
}
