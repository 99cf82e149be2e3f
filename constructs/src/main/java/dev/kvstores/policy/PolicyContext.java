package dev.kvstores.policy;

/**
 * What the rules know about the stack under evaluation.
 *
 * @param stackName  the stack (environment) name
 * @param production true when every invariant must hold (PDB, anti-affinity and the like are enforced)
 */
public record PolicyContext(String stackName, boolean production) {
}
