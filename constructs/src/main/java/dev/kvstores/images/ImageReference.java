package dev.kvstores.images;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference split into repository, tag and digest: {@code repository[:tag][@sha256:<64 hex>]}.
 *
 * @param repository the registry and path, e.g. {@code registry.example.com/bitnami/redis}
 * @param tag        the tag, or {@code null}
 * @param digest     {@code sha256:<64 lowercase hex digits>} as written (shape checked by {@link #digestProblem}),
 *                   or {@code null}
 */
public record ImageReference(String repository, String tag, String digest) {

    /** The only digest shape accepted: {@code sha256:} and 64 lowercase hex digits. */
    public static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern VERSION = Pattern.compile("^v?(\\d+(?:\\.\\d+){1,2})(?![.\\d])");

    /** Splits {@code reference}; a {@code :} after the last {@code /} starts the tag, an {@code @} the digest. */
    public static ImageReference parse(String reference) {
        String rest = reference.strip();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        return new ImageReference(rest, tag, digest);
    }

    /** Whether a digest is written (whatever its shape). */
    public boolean pinnedByDigest() {
        return digest != null;
    }

    /**
     * Why the digest is not {@code sha256:<64 lowercase hex>}, or {@code null} when it is (or when there is none).
     */
    public String digestProblem() {
        if (digest == null || DIGEST.matcher(digest).matches()) {
            return null;
        }
        return "the digest '" + digest + "' is not sha256: followed by 64 lowercase hex digits (copy it from"
                + " `crane digest <image>` or `docker buildx imagetools inspect <image>`)";
    }

    /**
     * The version a tag names: {@code 8.2.9} of {@code 8.2.9-debian-12-r0}, {@code 2.17.0} of {@code v2.17.0};
     * {@code null} for a tag without a leading version (or no tag).
     */
    public String versionFromTag() {
        if (tag == null) {
            return null;
        }
        Matcher m = VERSION.matcher(tag);
        return m.find() ? m.group(1) : null;
    }


    @Override
    public String toString() {
        return repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
