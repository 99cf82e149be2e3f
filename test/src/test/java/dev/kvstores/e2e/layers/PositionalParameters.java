package dev.kvstores.e2e.layers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The positional-parameter rule of docs/architecture.md ("Records, constructors and builders"), checked on Java
 * source text: a record with more than {@value #MAX} components declares a nested {@code Builder} class; a class
 * constructor and a method (static or instance, any visibility, abstract or not) take at most {@value #MAX}
 * parameters; and outside the file that declares a type, no {@code new} passes it more than {@value #MAX} arguments
 * (a record with a builder is built through it).
 */
final class PositionalParameters {

    /** The most positional parameters a record, constructor, method or {@code new} may have. */
    static final int MAX = 8;

    private static final Pattern RECORD = Pattern.compile("\\brecord\\s+(\\w+)\\s*(<[^>{;]*>)?\\s*\\(");
    private static final Pattern TYPE = Pattern.compile("\\b(class|enum|interface|record)\\s+(\\w+)");
    private static final Pattern NEW = Pattern.compile("\\bnew\\s+([\\w.]+)\\s*(<[^>(;]*>)?\\s*\\(");
    private static final Pattern BUILDER = Pattern.compile("\\bclass\\s+Builder\\b");
    /**
     * A method header up to its opening parenthesis: annotations, modifiers, type parameters, the return type
     * (qualified, generic, array) and the name. Statements that look alike ({@code return f(}, {@code new T(}) are
     * told apart by {@link #NOT_A_TYPE} and by what follows the closing parenthesis.
     */
    private static final Pattern METHOD = Pattern.compile("(?m)^[ \\t]*(?:@[\\w.]+(?:\\([^()]*\\))?\\s+)*"
            + "(?:(?:public|protected|private|static|final|abstract|synchronized|native|default|strictfp)\\s+)*"
            + "(?:<[^;{()]*?>\\s+)?([\\w.$]+(?:\\s*<[^;{()=]*?>)?(?:\\s*\\[\\s*\\])*)\\s+(\\w+)\\s*\\(");
    /** Words that start statements or declarations, never a method's return type. */
    private static final Set<String> NOT_A_TYPE = Set.of("return", "new", "throw", "else", "case", "yield", "record",
            "class", "interface", "enum", "public", "protected", "private", "static", "final", "abstract",
            "synchronized", "native", "default", "strictfp", "assert", "package", "import");

    /** A declaration or call that breaks the rule. */
    record Violation(String file, int line, String what, int count) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + what + " has " + count + " positional parameters (more than " + MAX
                    + ")";
        }
    }

    private PositionalParameters() {
    }

    /** Every violation in {@code sources} (path to Java text), sorted by file and line. */
    static List<Violation> check(Map<String, String> sources) {
        List<Violation> out = new ArrayList<>();
        sources.forEach((file, text) -> out.addAll(check(file, text)));
        out.sort(Comparator.comparing(Violation::file).thenComparingInt(Violation::line));
        return out;
    }

    /** The violations in one file. */
    static List<Violation> check(String file, String text) {
        String code = blankCommentsAndLiterals(text);
        List<Violation> out = new ArrayList<>();
        Set<String> declared = new HashSet<>();
        Set<String> records = new HashSet<>();
        Matcher type = TYPE.matcher(code);
        while (type.find()) {
            declared.add(type.group(2));
            if ("record".equals(type.group(1))) {
                records.add(type.group(2));
            }
        }
        Matcher record = RECORD.matcher(code);
        while (record.find()) {
            int close = closing(code, record.end() - 1);
            int count = count(code, record.end(), close, true);
            if (count > MAX && !hasNestedBuilder(code, close)) {
                out.add(new Violation(file, line(code, record.start()), "record " + record.group(1)
                        + " (no nested Builder)", count));
            }
        }
        for (String name : declared) {
            if (records.contains(name)) {
                continue;
            }
            Matcher ctor = Pattern.compile("(?m)^[ \\t]*(?:(?:public|protected|private)\\s+)?" + name + "\\s*\\(")
                    .matcher(code);
            while (ctor.find()) {
                int open = ctor.end() - 1;
                int close = closing(code, open);
                String after = code.substring(close + 1, Math.min(code.length(), close + 200)).strip();
                if (!after.matches("(?s)(throws\\s+[\\w.,\\s]+)?\\{.*")) {
                    continue;
                }
                int count = count(code, open + 1, close, true);
                if (count > MAX) {
                    out.add(new Violation(file, line(code, ctor.start()), "constructor " + name, count));
                }
            }
        }
        Matcher method = METHOD.matcher(code);
        while (method.find()) {
            if (NOT_A_TYPE.contains(method.group(1)) || NOT_A_TYPE.contains(method.group(2))) {
                continue;
            }
            int open = method.end() - 1;
            int close = closing(code, open);
            String after = code.substring(close + 1, Math.min(code.length(), close + 200)).strip();
            if (!after.matches("(?s)(throws\\s+[\\w.,\\s]+)?[{;].*")) {
                continue;
            }
            int count = count(code, open + 1, close, true);
            if (count > MAX) {
                out.add(new Violation(file, line(code, method.start(2)), "method " + method.group(2), count));
            }
        }
        Matcher call = NEW.matcher(code);
        while (call.find()) {
            String name = call.group(1).substring(call.group(1).lastIndexOf('.') + 1);
            if (declared.contains(name)) {
                continue;
            }
            int open = call.end() - 1;
            int count = count(code, open + 1, closing(code, open), false);
            if (count > MAX) {
                out.add(new Violation(file, line(code, call.start()), "new " + call.group(1), count));
            }
        }
        return out;
    }

    /** Whether the body after a record header (its closing parenthesis at {@code close}) declares a Builder. */
    private static boolean hasNestedBuilder(String code, int close) {
        int open = code.indexOf('{', close);
        if (open < 0) {
            return false;
        }
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return false;
            } else if (depth == 1 && c == 'c' && BUILDER.matcher(code).region(i, code.length()).lookingAt()
                    && (i == 0 || !Character.isJavaIdentifierPart(code.charAt(i - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** The index of the parenthesis closing the one at {@code open}. */
    private static int closing(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return code.length() - 1;
    }

    /**
     * The number of comma-separated items between {@code from} and {@code to} at the top level; generic
     * arguments ({@code Map<String, String>}) count as nesting only in declarations, where {@code <} is no
     * comparison.
     */
    private static int count(String code, int from, int to, boolean declaration) {
        int depth = 0;
        int commas = 0;
        boolean any = false;
        for (int i = from; i < to; i++) {
            char c = code.charAt(i);
            if (c == '(' || c == '{' || c == '[' || declaration && c == '<') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']' || declaration && c == '>') {
                depth--;
            } else if (c == ',' && depth == 0) {
                commas++;
            }
            any |= !Character.isWhitespace(c);
        }
        return any ? commas + 1 : 0;
    }

    private static int line(String code, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The text with comments, strings, text blocks and char literals blanked (newlines kept). */
    static String blankCommentsAndLiterals(String text) {
        StringBuilder out = new StringBuilder(text);
        int i = 0;
        while (i < text.length()) {
            int end;
            if (text.startsWith("//", i)) {
                end = text.indexOf('\n', i);
                end = end < 0 ? text.length() : end;
            } else if (text.startsWith("/*", i)) {
                end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
            } else if (text.startsWith("\"\"\"", i)) {
                end = text.indexOf("\"\"\"", i + 3);
                while (end > 0 && text.charAt(end - 1) == '\\') {
                    end = text.indexOf("\"\"\"", end + 1);
                }
                end = end < 0 ? text.length() : end + 3;
            } else if (text.charAt(i) == '"' || text.charAt(i) == '\'') {
                char quote = text.charAt(i);
                end = i + 1;
                while (end < text.length() && text.charAt(end) != quote) {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(text.length(), end + 1);
            } else {
                i++;
                continue;
            }
            for (int k = i; k < end; k++) {
                if (out.charAt(k) != '\n') {
                    out.setCharAt(k, ' ');
                }
            }
            i = end;
        }
        return out.toString();
    }
}
