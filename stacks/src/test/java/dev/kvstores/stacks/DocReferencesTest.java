package dev.kvstores.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 22, item 7: every Markdown link of README.md and docs/*.md (a file, and a section by its GitHub anchor) and
 * every README / docs reference in a shipped environment file's comments ({@code docs/x.md, "Section"}) points at a
 * file and section that exist.
 */
class DocReferencesTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile("(?m)^\\s*\\[[^\\]]+\\]:\\s*(\\S+)");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\b(README(?:\\.md)?|docs/[A-Za-z0-9_./-]+\\.md)");
    private static final Pattern QUOTED_SECTION = Pattern.compile("^[,:]?\\s*\"([^\"]+)\"");
    private static final Pattern ANCHOR = Pattern.compile("^#([\\w-]+)");
    private static final Pattern UNQUOTED_SECTION = Pattern.compile("^([,:]\\s*|\\s+)[A-Z][A-Za-z]");

    private final Map<Path, Headings> headings = new HashMap<>();

    /** A Markdown file's headings: their text and their GitHub anchors. */
    private record Headings(Set<String> titles, Set<String> anchors) {
    }

    @Test
    void every_markdown_link_of_the_readme_and_docs_points_at_a_file_and_section_that_exist() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path file : files) {
            String text = withoutCode(Files.readString(file));
            List<String> targets = new ArrayList<>();
            LINK.matcher(text).results().forEach(m -> targets.add(m.group(1)));
            REFERENCE_DEFINITION.matcher(text).results().forEach(m -> targets.add(m.group(1)));
            for (String target : targets) {
                if (target.matches("^[a-z][a-z+.-]*:.*")) {
                    continue; // https:, mailto: ... (not this repository's files)
                }
                links++;
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                String where = ROOT.relativize(file) + ": (" + target + ")";
                if (!Files.exists(resolved)) {
                    broken.add(where + ": no file " + ROOT.relativize(resolved));
                } else if (hash >= 0 && !headingsOf(resolved).anchors().contains(target.substring(hash + 1))) {
                    broken.add(where + ": " + ROOT.relativize(resolved) + " has no section with anchor #"
                            + target.substring(hash + 1) + "; anchors: " + headingsOf(resolved).anchors());
                }
            }
        }
        assertTrue(broken.isEmpty(), String.join("\n", broken));
        assertTrue(links >= 20, "only " + links + " links found");
    }

    @Test
    void every_readme_and_docs_reference_in_a_shipped_environment_file_points_at_a_section_that_exists()
            throws IOException {
        List<String> broken = new ArrayList<>();
        int references = 0;
        try (Stream<Path> list = Files.list(ROOT.resolve("stacks/environments"))) {
            for (Path file : list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = ENV_REFERENCE.matcher(lines.get(i));
                    while (m.find()) {
                        references++;
                        String where = ROOT.relativize(file) + ":" + (i + 1) + ": " + m.group();
                        String problem = referenceProblem(m.group(1), lines.get(i).substring(m.end()));
                        if (problem != null) {
                            broken.add(where + ": " + problem);
                        }
                    }
                }
            }
        }
        assertTrue(broken.isEmpty(), String.join("\n", broken));
        assertTrue(references >= 5, "only " + references + " references found");
    }

    @Test
    void anchors_are_made_as_github_makes_them() {
        assertEquals(List.of("platform-kubernetes-platform-kubernetes", "backups-and-restore-gcp", "aws-platform-aws",
                        "why-this-shape-checked-against-the-pinned-azurerm-455-and-the-cloud-docs", "policy", "policy-1"),
                List.copyOf(headings("# Platform: Kubernetes (`platform: kubernetes`)\n## Backups and restore (GCP)\n"
                        + "### AWS (`platform: aws`)\n```\n# not a heading\n```\n"
                        + "### Why this shape (checked against the pinned azurerm 4.55 and the cloud docs)\n"
                        + "#### Policy\n## Policy\n").anchors()));
    }

    /** Why a reference that follows {@code target} in a comment does not resolve, or {@code null}. */
    private String referenceProblem(String target, String after) {
        Path file = ROOT.resolve(target.startsWith("README") ? "README.md" : target);
        if (!Files.isRegularFile(file)) {
            return "no file " + ROOT.relativize(file);
        }
        Matcher quoted = QUOTED_SECTION.matcher(after);
        if (quoted.find()) {
            return headingsOf(file).titles().contains(quoted.group(1)) ? null
                    : ROOT.relativize(file) + " has no section \"" + quoted.group(1) + "\"; sections: "
                            + headingsOf(file).titles();
        }
        Matcher anchor = ANCHOR.matcher(after);
        if (anchor.find()) {
            return headingsOf(file).anchors().contains(anchor.group(1)) ? null
                    : ROOT.relativize(file) + " has no anchor #" + anchor.group(1);
        }
        if (UNQUOTED_SECTION.matcher(after).find()) {
            return "a section written without quotes; write " + target + ", \"<section title>\"";
        }
        return null;
    }

    private Headings headingsOf(Path file) {
        return headings.computeIfAbsent(file, f -> {
            try {
                return headings(Files.readString(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Headings outside fenced code, with GitHub's anchors: lowercase, punctuation dropped, spaces to '-', -1... */
    private static Headings headings(String markdown) {
        Set<String> titles = new LinkedHashSet<>();
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
                fenced = !fenced;
                continue;
            }
            Matcher h = HEADING.matcher(line);
            if (fenced || !h.matches()) {
                continue;
            }
            String title = h.group(2);
            titles.add(title);
            titles.add(title.replace("`", ""));
            String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\s_-]", "").replace(' ', '-');
            int n = seen.merge(slug, 1, Integer::sum) - 1;
            anchors.add(n == 0 ? slug : slug + "-" + n);
        }
        return new Headings(titles, anchors);
    }

    /** The Markdown without fenced code blocks and inline code spans (links there are examples, not links). */
    private static String withoutCode(String markdown) {
        StringBuilder out = new StringBuilder();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
                fenced = !fenced;
                continue;
            }
            if (!fenced) {
                out.append(line.replaceAll("`[^`]*`", "``")).append('\n');
            }
        }
        return out.toString();
    }
}
