package dev.kvstores.images;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The production rules for in-cluster images: each image is pinned by digest ({@code @sha256:<64 hex>}) and comes
 * from a source that still receives updates (not {@code bitnamilegacy}), unless a written exemption names it; the
 * version of a store's engine (from its tag, or a declared version beside a digest) is at or above the floor of
 * {@link VersionFloors} (no exemption). Development gets the same findings as warnings; a digest of the wrong shape
 * is refused in both.
 */
public final class ImagePolicy {

    /** The documentation section the messages point to. */
    public static final String DOCS = "docs/platform-kubernetes.md, \"Images: maintained sources, digests and the"
            + " version floor\"";

    /**
     * One image a stack runs.
     *
     * @param name       the key an exemption names, e.g. {@code redis}, {@code kvrocks}, {@code backup}
     * @param field      the environment field holding the reference, e.g. {@code images.redis} or
     *                   {@code workerState.backup.image}
     * @param structured true when {@code field} is a mapping with {@code tag}, {@code digest} and {@code version}
     *                   (messages then name those sub-fields); false for a single reference string
     * @param reference  the image
     * @param engine     the engine of {@link VersionFloors} ({@code redis}, {@code kvrocks}, {@code redis_exporter}),
     *                   or {@code null} for a tool image without a floor (kubectl, the backup job)
     * @param version    a declared version, or {@code null} to read it from the tag
     */
    public record Use(String name, String field, boolean structured, ImageReference reference, String engine,
                      String version) {
        String sub(String part) {
            return structured ? field + "." + part : field;
        }
    }

    /** A finding about one field. */
    public record Finding(String field, String message) {
    }

    /**
     * What the check found.
     *
     * @param problems refusals (production, or a malformed digest anywhere)
     * @param warnings what development lets through, to read before going to production
     * @param report   one line per image: reference, version, floor, exemption
     */
    public record Result(List<Finding> problems, List<String> warnings, List<String> report) {
    }

    private ImagePolicy() {
    }

    /**
     * Checks {@code uses} against {@code floors}.
     *
     * @param exemptions image name -> written reason (exempts the digest and frozen-source rules, never the floor)
     * @param exemptionsField the field the exemptions are written in, for messages
     */
    public static Result check(List<Use> uses, Map<String, String> exemptions, String exemptionsField,
                               boolean production, VersionFloors floors) {
        List<Finding> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> report = new ArrayList<>();
        for (Use use : uses) {
            ImageReference ref = use.reference();
            String exemption = exemptions.get(use.name());
            String exemptWay = "or add {image: " + use.name() + ", reason: <why, at least 10 characters>} to "
                    + exemptionsField + " (shown in the report)";
            List<Finding> found = new ArrayList<>();
            String digestProblem = ref.digestProblem();
            if (digestProblem != null) {
                problems.add(new Finding(use.sub("digest"), "is '" + ref.digest() + "': " + digestProblem));
            }
            StringBuilder line = new StringBuilder(use.name() + ": `" + ref + "`");
            if (!ref.pinnedByDigest() && exemption == null) {
                found.add(new Finding(use.sub("digest"), "'" + ref + "' is not pinned by digest, so the cluster runs"
                        + " whatever the tag points to on the day a pod starts; add the digest of your registry's"
                        + " copy (" + (use.structured() ? "digest: sha256:<64 hex>" : "<image>:<tag>@sha256:<64 hex>")
                        + ", see " + DOCS + "), " + exemptWay));
            }
            Optional<VersionFloors.FrozenSource> frozen = floors.frozenSource(ref);
            if (frozen.isPresent() && exemption == null) {
                found.add(new Finding(use.field(), "'" + ref + "' comes from " + frozen.get().prefix() + ", a frozen"
                        + " source (" + frozen.get().why() + "): no security fixes reach it; mirror maintained images"
                        + " into your registry and point images.registry / images.repositoryPrefix there (" + DOCS
                        + "), " + exemptWay));
            }
            if (exemption != null) {
                line.append(" EXEMPT from digest pinning and frozen-source rules: ").append(exemption);
            }
            if (use.engine() != null) {
                String version = use.version() != null ? use.version() : ref.versionFromTag();
                if (version == null) {
                    found.add(new Finding(use.sub("version"), "'" + ref + "' names no version (its tag does not"
                            + " start with one), so the " + use.engine() + " version floor cannot be checked; write"
                            + " the version the digest holds, e.g. " + (use.structured() ? "version: " : "a tag ")
                            + example(floors, use.engine())));
                    line.append(", version unknown");
                } else {
                    String floorProblem = floors.problem(use.engine(), version);
                    line.append(", ").append(use.engine()).append(' ').append(version);
                    if (floorProblem == null) {
                        String l = floors.line(use.engine(), version);
                        String floor = floors.floor(use.engine(), l);
                        line.append(floor == null ? " (no advisory against line " + l : " (floor of line " + l + ": "
                                + floor).append(", table checked ").append(floors.lastChecked()).append(')');
                    } else {
                        line.append(" BELOW THE VERSION FLOOR");
                        found.add(new Finding(use.sub(use.version() != null ? "version" : "tag"), floorProblem
                                + "; use a fixed release of a maintained line, e.g. " + suggestion(floors, use.engine(),
                                version)
                                + " (build or mirror it, then pin its digest; " + DOCS + "); the floor has no"
                                + " exemption"));
                    }
                }
            }
            report.add(line.toString());
            for (Finding f : found) {
                if (production) {
                    problems.add(f);
                } else {
                    warnings.add(f.field() + ": " + f.message());
                }
            }
        }
        return new Result(List.copyOf(problems), List.copyOf(warnings), List.copyOf(report));
    }

    /** The floor of {@code version}'s line when it is maintained, else of the newest maintained line. */
    private static String suggestion(VersionFloors floors, String engine, String version) {
        String line = floors.line(engine, version);
        return line == null ? example(floors, engine) : floors.floor(engine, line);
    }

    /** The floor of the engine's newest maintained line, e.g. {@code 8.10.1}. */
    private static String example(VersionFloors floors, String engine) {
        List<String> lines = floors.maintainedLines(engine);
        return lines.isEmpty() ? "a maintained release" : floors.floor(engine, lines.get(0));
    }
}
