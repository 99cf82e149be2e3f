package dev.kvstores.stacks.platform.kubernetes;

import dev.kvstores.images.ImagePolicy;
import dev.kvstores.images.ImageReference;
import dev.kvstores.images.VersionFloors;
import dev.kvstores.kubernetes.BitnamiImages;
import dev.kvstores.role.RoleContract;
import dev.kvstores.stacks.environment.EnvironmentReader;
import dev.kvstores.stacks.environment.FieldShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code images} section: where the in-cluster images come from ({@code registry}, {@code repositoryPrefix}),
 * each Bitnami image's {@code tag}, {@code digest} and optional {@code version} ({@code redis}, {@code redisSentinel},
 * {@code redisCluster}, {@code redisExporter}, {@code kubectl}, {@code osShell}), and {@code exemptions}
 * ({@code image} + {@code reason}) from the digest and frozen-source rules of {@link ImagePolicy}. Without the
 * section: {@link BitnamiImages#defaults()} (frozen {@code bitnamilegacy}, development only).
 *
 * @param bitnami    the Bitnami images with the section's source, tags and digests
 * @param versions   Bitnami image name -> a declared version (beside a digest whose tag names none)
 * @param exemptions image key (as {@code exemptions[].image} writes it) -> written reason
 */
public record ImageSettings(BitnamiImages bitnami, Map<String, String> versions, Map<String, String> exemptions) {

    /** Environment key -> Bitnami image name. */
    static final Map<String, String> KEYS = keys();
    /** What {@code exemptions[].image} may name: the Bitnami keys, {@code kvrocks} and {@code backup}. */
    static final List<String> EXEMPTABLE = exemptable();

    public ImageSettings {
        versions = Map.copyOf(versions);
        exemptions = Map.copyOf(exemptions);
    }

    private static Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("redis", BitnamiImages.REDIS);
        keys.put("redisSentinel", BitnamiImages.SENTINEL);
        keys.put("redisCluster", BitnamiImages.REDIS_CLUSTER);
        keys.put("redisExporter", BitnamiImages.EXPORTER);
        keys.put("kubectl", BitnamiImages.KUBECTL);
        keys.put("osShell", BitnamiImages.OS_SHELL);
        return keys;
    }

    private static List<String> exemptable() {
        List<String> out = new ArrayList<>(keys().keySet());
        out.add("kvrocks");
        out.add("backup");
        return List.copyOf(out);
    }

    /** The defaults (no {@code images} section). */
    public static ImageSettings defaults() {
        return new ImageSettings(BitnamiImages.defaults(), Map.of(), Map.of());
    }

    /** Reads the {@code images} section (may be null); problems go to {@code images}' file. */
    static ImageSettings read(EnvironmentReader images) {
        if (images == null) {
            return defaults();
        }
        String registry = images.shaped("registry", null, false, FieldShape.IMAGE_REPOSITORY);
        String prefix = images.shaped("repositoryPrefix", null, false, FieldShape.IMAGE_REPOSITORY);
        BitnamiImages bitnami = BitnamiImages.defaults().withSource(registry, prefix);
        Map<String, String> versions = new LinkedHashMap<>();
        for (Map.Entry<String, String> key : KEYS.entrySet()) {
            EnvironmentReader pin = images.child(key.getKey(), false);
            if (pin == null) {
                continue;
            }
            String tag = pin.shaped("tag", bitnami.pin(key.getValue()).tag(), false, FieldShape.IMAGE_TAG);
            String digest = pin.string("digest", null, false);
            String version = pin.string("version", null, false);
            pin.rejectUnknownKeys();
            if (tag == null) {
                continue; // refused (blank, or a template marker): the problem is recorded at images.<image>.tag
            }
            if (digest != null) {
                String problem = new ImageReference(key.getValue(), tag, digest).digestProblem();
                if (problem != null) {
                    pin.problem("digest", "is '" + digest + "': " + problem);
                }
            }
            if (version != null && !version.matches("\\d+(\\.\\d+){1,2}")) {
                pin.problem("version", "is '" + version + "'; write the engine version the digest holds, e.g."
                        + " 8.2.9");
            }
            bitnami = bitnami.withPin(key.getValue(), tag, digest);
            if (version != null) {
                versions.put(key.getValue(), version);
            }
        }
        Map<String, String> exemptions = new LinkedHashMap<>();
        for (EnvironmentReader e : images.children("exemptions")) {
            String image = e.choice("image", "kubectl", true, EXEMPTABLE);
            String reason = e.text("reason", "mirror of kubectl pending; tracked in OPS-123", true);
            e.rejectUnknownKeys();
            if (reason != null && reason.strip().length() < RoleContract.MINIMUM_REASON_LENGTH) {
                e.problem("reason", "is '" + reason + "'; write why this image may skip digest pinning or come from"
                        + " a frozen source, in at least " + RoleContract.MINIMUM_REASON_LENGTH + " characters");
            } else if (image != null && reason != null) {
                exemptions.put(image, reason.strip());
            }
        }
        images.rejectUnknownKeys();
        return new ImageSettings(bitnami, versions, exemptions);
    }

    /** The Bitnami images of a store whose {@code redisImageTag} (may be null) overrides the Redis tag. */
    public BitnamiImages forStore(String redisImageTag) {
        return redisImageTag == null ? bitnami : bitnami.withRedisTag(redisImageTag);
    }

    /**
     * A Bitnami image as {@link ImagePolicy} checks it.
     *
     * @param key         the environment key, e.g. {@code redisSentinel}
     * @param images      the store's images ({@link #forStore})
     * @param tagOverride the field of the store's {@code redisImageTag} when it overrides the tag, else null
     * @param engine      the floor's engine, or null
     */
    ImagePolicy.Use use(String key, BitnamiImages images, String tagOverride, String engine) {
        String name = KEYS.get(key);
        ImageReference reference = images.reference(name);
        boolean overridden = tagOverride != null && !reference.tag().equals(bitnami.pin(name).tag());
        return new ImagePolicy.Use(key, overridden ? tagOverride : "images." + key, !overridden, reference, engine,
                overridden ? null : versions.get(name));
    }

    /** Runs {@link ImagePolicy} over {@code uses} with this section's exemptions. */
    ImagePolicy.Result check(List<ImagePolicy.Use> uses, boolean production) {
        return ImagePolicy.check(uses, exemptions, "images.exemptions", production, VersionFloors.shipped());
    }
}
