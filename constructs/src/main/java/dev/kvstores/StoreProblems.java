package dev.kvstores;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Collects the {@link StoreConfigException}s of one store, so that one run reports all of its problems.
 *
 * <p>Messages are full messages, as a {@link StoreConfigException} carries them ({@code "<who>: ..."}).
 * {@link #throwIfAny()} throws the first problem's code with every further message appended as
 * {@code "; and <message without the '<who>: ' prefix>"}.
 */
public final class StoreProblems {

    private final String who;
    private final List<StoreConfigException> problems = new ArrayList<>();

    /** @param who the store the messages start with, e.g. {@code cache store (elasticache)} */
    public StoreProblems(String who) {
        this.who = Objects.requireNonNull(who, "who");
    }

    /** Records a problem. */
    public void add(String code, String message) {
        problems.add(new StoreConfigException(code, message));
    }

    /** Runs a throwing check and records its problem; returns whether it passed. */
    public boolean check(Runnable check) {
        try {
            check.run();
            return true;
        } catch (StoreConfigException e) {
            problems.add(e);
            return false;
        }
    }

    /** Runs a throwing check that returns a value; records its problem and returns {@code null} when it fails. */
    public <T> T check(Supplier<T> check) {
        try {
            return check.get();
        } catch (StoreConfigException e) {
            problems.add(e);
            return null;
        }
    }

    /** True when no problem has been recorded. */
    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Throws one exception naming every recorded problem (the first one's code); does nothing when there is none. */
    public void throwIfAny() {
        if (problems.isEmpty()) {
            return;
        }
        String prefix = who + ": ";
        StringBuilder message = new StringBuilder(problems.get(0).getMessage());
        for (StoreConfigException more : problems.subList(1, problems.size())) {
            String text = more.getMessage();
            message.append("; and ").append(text.startsWith(prefix) ? text.substring(prefix.length()) : text);
        }
        List<StoreConfigException> parts = new ArrayList<>();
        problems.forEach(p -> parts.addAll(p.parts()));
        throw new StoreConfigException(problems.get(0).code(), message.toString(), parts);
    }
}
