package dev.kvstores.e2e.ownapp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of the project docs/own-app.md shows, read from the Markdown itself: each is a line
 * {@code **`relative/path`**} followed by a fenced code block, whose text is the file's content.
 */
final class OwnAppDoc {

    private static final Pattern FILE_LINE = Pattern.compile("^\\*\\*`([^`]+)`\\*\\*\\s*$");

    private OwnAppDoc() {
    }

    /** Relative path to content, in the order of the page. */
    static Map<String, String> files(Path markdown) throws IOException {
        List<String> lines = Files.readAllLines(markdown);
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = FILE_LINE.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            int fence = i + 1;
            if (fence >= lines.size() || !lines.get(fence).startsWith("```")) {
                throw new IllegalStateException(markdown + ":" + (i + 1) + ": " + m.group(1)
                        + " is not followed by a fenced code block on the next line");
            }
            StringBuilder content = new StringBuilder();
            int j = fence + 1;
            for (; j < lines.size() && !lines.get(j).equals("```"); j++) {
                content.append(lines.get(j)).append('\n');
            }
            if (j == lines.size()) {
                throw new IllegalStateException(markdown + ":" + (fence + 1) + ": the code block of " + m.group(1)
                        + " is not closed");
            }
            if (files.put(m.group(1), content.toString()) != null) {
                throw new IllegalStateException(markdown + ": " + m.group(1) + " is shown twice");
            }
            i = j;
        }
        return files;
    }

    /** Writes {@code files} under {@code dir}. */
    static void write(Map<String, String> files, Path dir) throws IOException {
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path file = dir.resolve(e.getKey());
            Files.createDirectories(file.getParent() == null ? dir : file.getParent());
            Files.writeString(file, e.getValue());
        }
    }
}
