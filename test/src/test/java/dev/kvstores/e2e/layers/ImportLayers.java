package dev.kvstores.e2e.layers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The import rule of docs/architecture.md ("Layers"), as code: which package may use which. It reads Java source
 * text (package line, {@code import} lines, and fully qualified {@code dev.kvstores...Type} references outside
 * comments and strings); no compiler, no dependency.
 *
 * <p>A package belongs to one component of one layer. A component may use components of lower layers; of its own
 * layer only where the layer allows it, and never in a cycle; never of a higher layer. A package under
 * {@code dev.kvstores} that no layer lists is refused too, so a new package is placed on purpose.
 */
final class ImportLayers {

    /**
     * One layer, lowest first.
     *
     * @param name              its name in messages and in docs/architecture.md
     * @param packages          its components: {@code a.b} is that package alone, {@code a.b.**} that package with
     *                          its subpackages as one component, {@code a.b.*} each subpackage of {@code a.b} (with
     *                          its own subpackages) as a component of its own
     * @param siblingsMayImport whether its components may use each other (still never in a cycle)
     * @param why               what the layer holds, for messages
     */
    record Layer(String name, List<String> packages, boolean siblingsMayImport, String why) {
    }

    /** The layers, lowest first; docs/architecture.md explains each. */
    static final List<Layer> LAYERS = List.of(
            new Layer("role contract", List.of("dev.kvstores", "dev.kvstores.role.**"), true,
                    "what every store is and must do, whatever runs it"),
            new Layer("shared building blocks", List.of("dev.kvstores.internal.**", "dev.kvstores.connection.**",
                    "dev.kvstores.images.**", "dev.kvstores.exemption.**", "dev.kvstores.naming.**"), true,
                    "pieces several backends or the policy rules use"),
            new Layer("backends and policy rules", List.of("dev.kvstores.aws.**", "dev.kvstores.gcp.**",
                    "dev.kvstores.azure.**", "dev.kvstores.kubernetes.**", "dev.kvstores.policy.**"), false,
                    "one backend per platform, and the rules that read synthesized resources; each stands alone"),
            new Layer("environment model", List.of("dev.kvstores.stacks.environment.**"), true,
                    "environment files read into values, knowing no platform"),
            new Layer("platform contract", List.of("dev.kvstores.stacks.platform"), true,
                    "what a platform of the stacks implements and receives"),
            new Layer("platforms", List.of("dev.kvstores.stacks.platform.*"), true,
                    "one stacks platform per backend"),
            new Layer("stacks", List.of("dev.kvstores.stacks"), true,
                    "the environment stack, the platform registry and the loader that ties them together"),
            new Layer("app", List.of("dev.kvstores.app.**"), true, "the cdktf app"));

    /** The main sources the rule covers, relative to the project root. */
    static final List<String> SOURCE_ROOTS = List.of("constructs/src/main/java", "stacks/src/main/java",
            "main/src/main/java");

    private static final String ROOT_PACKAGE = "dev.kvstores";
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;",
            Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])dev\\.kvstores((?:\\.[a-z_][a-z0-9_]*)*)"
            + "\\.[A-Z]\\w*");

    /** A component: a layer and the package name it is known by. */
    record Component(int layer, String name) {
    }

    /** One use of a package by another: the file, its line, what it says, and the components. */
    record Use(String file, int line, String text, Component from, Component to) {
    }

    /** A use that breaks the rule, and which rule. */
    record Violation(String file, int line, String text, String rule) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + text + "\n    " + rule;
        }
    }

    private ImportLayers() {
    }

    /** Every {@code *.java} file under the source roots of {@code projectRoot}, by path relative to it. */
    static Map<String, String> sources(Path projectRoot) {
        Map<String, String> out = new TreeMap<>();
        for (String root : SOURCE_ROOTS) {
            Path dir = projectRoot.resolve(root);
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException(dir + " is missing: run the test from the project (kvstores.projectDir)");
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    out.put(projectRoot.relativize(file).toString().replace('\\', '/'), Files.readString(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** The component {@code pkg} belongs to, or {@code null} when no layer lists it. */
    static Component componentOf(String pkg) {
        Component best = null;
        for (int i = 0; i < LAYERS.size(); i++) {
            for (String pattern : LAYERS.get(i).packages()) {
                String name = null;
                if (pattern.endsWith(".**")) {
                    String base = pattern.substring(0, pattern.length() - 3);
                    name = pkg.equals(base) || pkg.startsWith(base + ".") ? base : null;
                } else if (pattern.endsWith(".*")) {
                    String base = pattern.substring(0, pattern.length() - 2);
                    if (pkg.startsWith(base + ".")) {
                        String rest = pkg.substring(base.length() + 1);
                        int dot = rest.indexOf('.');
                        name = base + "." + (dot < 0 ? rest : rest.substring(0, dot));
                    }
                } else if (pkg.equals(pattern)) {
                    name = pattern;
                }
                if (name != null && (best == null || name.length() > best.name().length())) {
                    best = new Component(i, name);
                }
            }
        }
        return best;
    }

    /** Every violation in {@code sources} (path to Java text), sorted by file and line. */
    static List<Violation> check(Map<String, String> sources) {
        List<Violation> out = new ArrayList<>();
        List<Use> allowedSameLayer = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            String file = source.getKey();
            String code = codeOnly(source.getValue());
            Matcher p = PACKAGE.matcher(code);
            if (!p.find()) {
                continue;
            }
            String pkg = p.group(1);
            if (!inProject(pkg)) {
                continue;
            }
            Component from = componentOf(pkg);
            if (from == null) {
                out.add(new Violation(file, lineOf(code, p.start(1)), "package " + pkg, unlisted(pkg)));
                continue;
            }
            for (Use use : uses(file, code, from)) {
                String rule = rule(use);
                if (rule != null) {
                    out.add(new Violation(use.file(), use.line(), use.text(), rule));
                } else if (use.to().layer() == from.layer()) {
                    allowedSameLayer.add(use);
                }
            }
        }
        out.addAll(cycles(allowedSameLayer));
        out.sort(Comparator.comparing(Violation::file).thenComparingInt(Violation::line)
                .thenComparing(Violation::text));
        return out;
    }

    private static boolean inProject(String pkg) {
        return pkg.equals(ROOT_PACKAGE) || pkg.startsWith(ROOT_PACKAGE + ".");
    }

    private static String unlisted(String pkg) {
        return "package " + pkg + " is in no layer: place it in a layer of docs/architecture.md (\"Layers\") and in"
                + " ImportLayers.LAYERS";
    }

    /** The uses of other components in one file: its imports and fully qualified references. */
    private static List<Use> uses(String file, String code, Component from) {
        List<Use> out = new ArrayList<>();
        Matcher m = IMPORT.matcher(code);
        StringBuilder rest = new StringBuilder(code);
        while (m.find()) {
            String target = packageOf(m.group(2));
            String text = "import " + (m.group(1) == null ? "" : "static ") + m.group(2);
            add(out, file, lineOf(code, m.start(2)), text, from, target);
            for (int i = m.start(); i < m.end(); i++) {
                rest.setCharAt(i, ' ');
            }
        }
        Matcher pm = PACKAGE.matcher(rest);
        if (pm.find()) {
            for (int i = pm.start(); i < pm.end(); i++) {
                rest.setCharAt(i, ' ');
            }
        }
        Matcher q = QUALIFIED.matcher(rest);
        while (q.find()) {
            add(out, file, lineOf(code, q.start()), "reference " + q.group(), from, ROOT_PACKAGE + q.group(1));
        }
        return out;
    }

    private static void add(List<Use> out, String file, int line, String text, Component from, String target) {
        if (!inProject(target)) {
            return;
        }
        Component to = componentOf(target);
        if (to == null) {
            to = new Component(-1, target);
        }
        if (!to.name().equals(from.name())) {
            out.add(new Use(file, line, text, from, to));
        }
    }

    /** The package of an imported name: its segments before the first one that starts with a capital. */
    static String packageOf(String name) {
        String[] parts = name.split("\\.");
        StringBuilder pkg = new StringBuilder();
        for (String part : parts) {
            if (part.equals("*") || Character.isUpperCase(part.charAt(0))) {
                break;
            }
            pkg.append(pkg.length() == 0 ? "" : ".").append(part);
        }
        return pkg.toString();
    }

    /** The rule {@code use} breaks, or {@code null}. */
    private static String rule(Use use) {
        Component from = use.from();
        Component to = use.to();
        if (to.layer() < 0) {
            return unlisted(to.name());
        }
        Layer fromLayer = LAYERS.get(from.layer());
        Layer toLayer = LAYERS.get(to.layer());
        if (to.layer() > from.layer()) {
            return "points up: " + from.name() + " (" + fromLayer.name() + ") uses " + to.name() + " ("
                    + toLayer.name() + ", a higher layer); a layer uses only the layers below it: move what both"
                    + " need down, or pass it in from above";
        }
        if (to.layer() == from.layer() && !fromLayer.siblingsMayImport()) {
            return "sideways: " + from.name() + " uses " + to.name() + ", both " + fromLayer.name() + " ("
                    + fromLayer.why() + "); move what both need to a lower layer";
        }
        return null;
    }

    /** The uses that close a cycle between components of one layer (each use on the cycle is reported). */
    private static List<Violation> cycles(List<Use> uses) {
        Map<String, Map<String, List<Use>>> graph = new TreeMap<>();
        for (Use use : uses) {
            graph.computeIfAbsent(use.from().name(), k -> new TreeMap<>())
                    .computeIfAbsent(use.to().name(), k -> new ArrayList<>()).add(use);
            graph.computeIfAbsent(use.to().name(), k -> new TreeMap<>());
        }
        List<Violation> out = new ArrayList<>();
        for (List<String> scc : stronglyConnected(graph)) {
            if (scc.size() < 2) {
                continue;
            }
            TreeSet<String> members = new TreeSet<>(scc);
            for (String from : members) {
                for (Map.Entry<String, List<Use>> edge : graph.get(from).entrySet()) {
                    if (!members.contains(edge.getKey())) {
                        continue;
                    }
                    for (Use use : edge.getValue()) {
                        out.add(new Violation(use.file(), use.line(), use.text(), "cycle: " + String.join(", ",
                                members) + " use each other (" + LAYERS.get(use.from().layer()).name()
                                + "); packages of one layer may use each other only one way: move what both"
                                + " need to the lower one, or into a lower layer"));
                    }
                }
            }
        }
        return out;
    }

    /** Tarjan's strongly connected components. */
    private static List<List<String>> stronglyConnected(Map<String, Map<String, List<Use>>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String node : graph.keySet()) {
            if (!index.containsKey(node)) {
                connect(node, graph, index, low, stack, out, counter);
            }
        }
        return out;
    }

    private static void connect(String node, Map<String, Map<String, List<Use>>> graph, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, List<List<String>> out,
                                int[] counter) {
        index.put(node, counter[0]);
        low.put(node, counter[0]);
        counter[0]++;
        stack.push(node);
        for (String next : graph.get(node).keySet()) {
            if (!index.containsKey(next)) {
                connect(next, graph, index, low, stack, out, counter);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (stack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            List<String> scc = new ArrayList<>();
            String member;
            do {
                member = stack.pop();
                scc.add(member);
            } while (!member.equals(node));
            out.add(scc);
        }
    }

    private static int lineOf(CharSequence text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * {@code source} with comments, string and character literals and text blocks blanked (newlines kept, so
     * offsets and lines stay), so that only code is searched.
     */
    static String codeOnly(String source) {
        StringBuilder out = new StringBuilder(source);
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                int end = source.indexOf('\n', i);
                end = end < 0 ? n : end;
                blank(out, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(out, i, end);
                i = end;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = i + 3;
                while (end < n && !source.startsWith("\"\"\"", end)) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 3);
                blank(out, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < n && source.charAt(end) != c && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
                blank(out, i, end);
                i = end;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(StringBuilder out, int from, int to) {
        for (int i = from; i < to && i < out.length(); i++) {
            if (out.charAt(i) != '\n') {
                out.setCharAt(i, ' ');
            }
        }
    }
}
