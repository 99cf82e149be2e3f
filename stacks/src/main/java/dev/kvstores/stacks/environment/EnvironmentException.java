package dev.kvstores.stacks.environment;

import java.util.List;

/**
 * One or more problems in environment files, each naming the file, the field path, the value and the fix.
 * The message lists them all, one per line.
 */
public final class EnvironmentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public EnvironmentException(List<String> problems) {
        super(problems.size() + " problem(s) in environment files:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as {@code file: field: message}. */
    public List<String> problems() {
        return problems;
    }
}
