package dev.kvstores.policy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every finding of a policy run over one stack.
 *
 * @param stackName the stack
 * @param findings  one per (rule, resource) pair evaluated, in rule then address order
 */
public record PolicyReport(String stackName, List<Finding> findings) {

    public PolicyReport {
        findings = List.copyOf(findings);
    }

    /** Non-compliant findings without an exemption. */
    public List<Finding> violations() {
        return findings.stream().filter(Finding::isViolation).toList();
    }

    /** Non-compliant findings covered by an exemption. */
    public List<Finding> exempted() {
        return findings.stream().filter(f -> f.exemptionReason() != null).toList();
    }

    /** Count of findings per compliance outcome. */
    public Map<Compliance, Long> counts() {
        return findings.stream().collect(Collectors.groupingBy(f -> f.evaluation().compliance(), TreeMap::new,
                Collectors.counting()));
    }

    /** Readable lines for the synthesis report and error messages. */
    public String render() {
        StringBuilder out = new StringBuilder();
        Map<Compliance, Long> counts = counts();
        out.append("policy: ").append(counts.getOrDefault(Compliance.COMPLIANT, 0L)).append(" compliant, ")
                .append(counts.getOrDefault(Compliance.NON_COMPLIANT, 0L)).append(" non-compliant (")
                .append(exempted().size()).append(" exempted), ")
                .append(counts.getOrDefault(Compliance.NOT_APPLICABLE, 0L)).append(" not applicable\n");
        for (Finding f : violations()) {
            out.append("  FAIL ").append(f.ruleId()).append(' ').append(f.address()).append(": ")
                    .append(f.evaluation().detail()).append('\n');
        }
        for (Finding f : exempted()) {
            out.append("  EXEMPT ").append(f.ruleId()).append(' ').append(f.address()).append(": ")
                    .append(f.evaluation().detail()).append(" -- reason: ").append(f.exemptionReason()).append('\n');
        }
        return out.toString();
    }
}
