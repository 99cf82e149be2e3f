package dev.kvstores.policy;

import java.util.Objects;

/**
 * A rule's verdict with a one-line explanation.
 *
 * @param compliance the outcome
 * @param detail     what was found, e.g. {@code tls.enabled is false}; empty for compliant results
 */
public record Evaluation(Compliance compliance, String detail) {

    public Evaluation {
        Objects.requireNonNull(compliance, "compliance");
        detail = Objects.requireNonNullElse(detail, "");
    }

    public static Evaluation compliant() {
        return new Evaluation(Compliance.COMPLIANT, "");
    }

    public static Evaluation notApplicable() {
        return new Evaluation(Compliance.NOT_APPLICABLE, "");
    }

    public static Evaluation nonCompliant(String detail) {
        return new Evaluation(Compliance.NON_COMPLIANT, detail);
    }

    /** Compliant when {@code ok}, else non-compliant with {@code detail}. */
    public static Evaluation check(boolean ok, String detail) {
        return ok ? compliant() : nonCompliant(detail);
    }
}
