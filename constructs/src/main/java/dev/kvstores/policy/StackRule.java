package dev.kvstores.policy;

import java.util.List;

/**
 * A {@link PolicyRule} whose verdict on one resource depends on the rest of the stack (a graph check such as
 * Checkov's CKV2 rules: "this security group is attached to something"). {@link PolicyPack} hands it every
 * resource of the stack.
 */
public interface StackRule extends PolicyRule {

    /** Verdict on {@code resource}, looking at every resource and data source of the stack. */
    Evaluation evaluate(SynthesizedResource resource, PolicyContext context, List<SynthesizedResource> stack);

    /** Evaluates against a stack that holds only {@code resource}. */
    @Override
    default Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        return evaluate(resource, context, List.of(resource));
    }
}
