package dev.kvstores.e2e.ownapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 22 item 6: docs/own-app.md shows the whole project of examples/own-app (the build in
 * {@link OwnAppOutsideBuildTest} compiles the page's text), and its code needs no provider class.
 */
class OwnAppDocTest {

    static final Path PROJECT = Path.of(System.getProperty("kvstores.projectDir", "..")).toAbsolutePath().normalize();
    static final Path PAGE = PROJECT.resolve("docs/own-app.md");
    static final Path EXAMPLE = PROJECT.resolve("examples/own-app");

    /** Split so that the default build's rewrite of provider imports (to the lean packages) leaves it alone. */
    private static final String OFFICIAL_PROVIDERS = "com.hashicorp.cdktf" + ".providers.";
    private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?([\\w.]+)");

    @Test
    void the_page_shows_every_file_of_the_example_exactly() throws IOException {
        Map<String, String> shown = OwnAppDoc.files(PAGE);
        Set<String> example = new TreeSet<>();
        try (Stream<Path> files = Files.walk(EXAMPLE)) {
            files.filter(Files::isRegularFile).map(f -> EXAMPLE.relativize(f).toString())
                    .filter(f -> !f.startsWith("target/") && !f.startsWith("cdktf.out/"))
                    .forEach(example::add);
        }
        assertEquals(example, new TreeSet<>(shown.keySet()), "files of examples/own-app vs. files shown in " + PAGE);
        for (Map.Entry<String, String> e : shown.entrySet()) {
            assertEquals(Files.readString(EXAMPLE.resolve(e.getKey())), e.getValue(),
                    e.getKey() + " differs between docs/own-app.md and examples/own-app");
        }
    }

    @Test
    void the_shown_code_imports_no_provider_binding_class() throws IOException {
        List<String> foreign = new ArrayList<>();
        for (Map.Entry<String, String> e : OwnAppDoc.files(PAGE).entrySet()) {
            if (!e.getKey().endsWith(".java")) {
                continue;
            }
            Matcher m = IMPORT.matcher(e.getValue());
            while (m.find()) {
                String name = m.group(1);
                boolean allowed = Stream.of("dev.kvstores.", "com.hashicorp.cdktf.", "software.constructs.", "java.",
                                "org.junit.", "com.fasterxml.jackson.").anyMatch(name::startsWith)
                        && !name.startsWith(OFFICIAL_PROVIDERS) && !name.startsWith("dev.kvstores.lean.");
                if (!allowed) {
                    foreign.add(e.getKey() + ": " + name);
                }
            }
        }
        assertEquals(List.of(), foreign);
        assertTrue(OwnAppDoc.files(PAGE).containsKey("pom.xml"), "the page shows no pom.xml");
    }
}
