package dev.kvstores.policy;

/** Outcome of one rule on one resource (cdk-nag's three-way result). */
public enum Compliance {
    COMPLIANT,
    NON_COMPLIANT,
    NOT_APPLICABLE
}
