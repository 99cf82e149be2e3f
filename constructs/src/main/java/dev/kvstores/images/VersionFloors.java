package dev.kvstores.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The version-floor table ({@value #RESOURCE}): per engine ({@code redis}, {@code valkey}, {@code kvrocks},
 * {@code redis_exporter}) the advisories with their CVE IDs, severity, fixed versions and URL, the release lines
 * that still receive fixes, the frozen image sources, the managed versions and who patches them, and the date the
 * table was last checked. The floor of a release line is the highest fixed version any advisory names for it.
 */
public final class VersionFloors {

    /** The table's classpath resource. */
    public static final String RESOURCE = "/dev/kvstores/images/version-floors.yaml";

    /** One advisory: its CVEs, severity, the first fixed version per release line, and where it was published. */
    public record Advisory(String published, List<String> cves, String severity, List<String> fixed, String url) {
    }

    /** A managed service's selectable versions and who applies the patch releases. */
    public record Managed(String service, String field, List<String> versions, String patchedBy, String url) {
    }

    /** A frozen image source (a repository path segment, e.g. {@code bitnamilegacy}) and why it is frozen. */
    public record FrozenSource(String prefix, String why) {
    }

    private static final VersionFloors SHIPPED = load();

    private final String lastChecked;
    private final Map<String, List<String>> maintainedLines = new TreeMap<>();
    private final Map<String, List<Advisory>> advisories = new TreeMap<>();
    private final List<FrozenSource> frozen = new ArrayList<>();
    private final List<Managed> managed = new ArrayList<>();

    private VersionFloors(JsonNode root) {
        lastChecked = root.path("lastChecked").asText();
        root.path("frozenSources").forEach(f -> frozen.add(new FrozenSource(f.path("prefix").asText(),
                f.path("why").asText())));
        root.path("engines").fields().forEachRemaining(e -> {
            maintainedLines.put(e.getKey(), strings(e.getValue().path("maintainedLines")));
            List<Advisory> list = new ArrayList<>();
            e.getValue().path("advisories").forEach(a -> list.add(new Advisory(a.path("published").asText(),
                    strings(a.path("cves")), a.path("severity").asText(), strings(a.path("fixed")),
                    a.path("url").asText())));
            advisories.put(e.getKey(), List.copyOf(list));
        });
        root.path("managed").forEach(m -> managed.add(new Managed(m.path("service").asText(),
                m.path("field").asText(), strings(m.path("versions")), m.path("patchedBy").asText(),
                m.path("url").asText())));
    }

    /** The table shipped with this library. */
    public static VersionFloors shipped() {
        return SHIPPED;
    }

    private static VersionFloors load() {
        try (InputStream in = VersionFloors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new VersionFloors(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    /** The date (ISO) the table was last checked against its sources. */
    public String lastChecked() {
        return lastChecked;
    }

    /** The engines of the table. */
    public List<String> engines() {
        return List.copyOf(advisories.keySet());
    }

    /** The advisories of {@code engine}, oldest first. */
    public List<Advisory> advisories(String engine) {
        return advisories.getOrDefault(engine, List.of());
    }

    /** The release lines of {@code engine} that still receive fixes, newest first. */
    public List<String> maintainedLines(String engine) {
        return maintainedLines.getOrDefault(engine, List.of());
    }

    /** The managed services and their versions. */
    public List<Managed> managed() {
        return List.copyOf(managed);
    }

    /** The managed entry of {@code service} that lists {@code version}, if any. */
    public Optional<Managed> managed(String service, String version) {
        return managed.stream().filter(m -> m.service().equals(service) && m.versions().contains(version))
                .findFirst();
    }

    /** The frozen source {@code reference} comes from (a path segment of its repository), if any. */
    public Optional<FrozenSource> frozenSource(ImageReference reference) {
        List<String> segments = Arrays.asList(reference.repository().toLowerCase(Locale.ROOT).split("/"));
        return frozen.stream().filter(f -> segments.contains(f.prefix())).findFirst();
    }

    /** The maintained release line {@code version} belongs to (the longest matching line), or {@code null}. */
    public String line(String engine, String version) {
        String best = null;
        for (String line : maintainedLines(engine)) {
            if ((version.equals(line) || version.startsWith(line + "."))
                    && (best == null || line.length() > best.length())) {
                best = line;
            }
        }
        return best;
    }

    /**
     * The lowest acceptable version of {@code line}: the highest fixed version the advisories name for it, or
     * {@code null} when none names it (a line released after every advisory).
     */
    public String floor(String engine, String line) {
        String floor = null;
        for (Advisory a : advisories(engine)) {
            for (String fixed : a.fixed()) {
                if (line.equals(lineOf(fixed, line)) && (floor == null || compare(fixed, floor) > 0)) {
                    floor = fixed;
                }
            }
        }
        return floor;
    }

    /** The advisories whose fix for {@code line} is newer than {@code version}: what {@code version} lacks. */
    public List<Advisory> missing(String engine, String version) {
        String line = line(engine, version);
        List<Advisory> out = new ArrayList<>();
        for (Advisory a : advisories(engine)) {
            for (String fixed : a.fixed()) {
                if (line != null && line.equals(lineOf(fixed, line)) && compare(version, fixed) < 0) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /**
     * Why {@code version} of {@code engine} is not acceptable (release line without fixes, or below its line's
     * floor, naming the CVEs, severity and advisory), or {@code null} when it is at or above the floor.
     */
    public String problem(String engine, String version) {
        String line = line(engine, version);
        if (line == null) {
            return engine + " " + version + " is of a release line that no longer receives security fixes (lines"
                    + " that do, as of " + lastChecked + ": " + String.join(", ", maintainedLines(engine)) + ")";
        }
        List<Advisory> missing = missing(engine, version);
        if (missing.isEmpty()) {
            return null;
        }
        StringBuilder why = new StringBuilder(engine + " " + version + " is below the floor " + floor(engine, line)
                + " of release line " + line + ": it lacks the fixes for");
        for (Advisory a : missing) {
            why.append(' ').append(String.join(" ", a.cves())).append(" (").append(a.severity()).append("; ")
                    .append(a.url()).append(");");
        }
        why.setLength(why.length() - 1);
        return why.toString();
    }

    /** The line of {@code fixed} at the depth of {@code line} (e.g. {@code 8.2} of {@code 8.2.9} for line {@code 8.2}). */
    private static String lineOf(String fixed, String line) {
        int depth = line.split("\\.").length;
        String[] parts = fixed.split("\\.");
        return String.join(".", Arrays.copyOf(parts, Math.min(depth, parts.length)));
    }

    /** Compares dotted numeric versions ({@code 8.10.1 > 8.8.2}); missing parts count as 0. */
    public static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? Integer.parseInt(x[i]) : 0;
            int q = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }
}
