package dev.kvstores.kubernetes;

import dev.kvstores.images.ImageReference;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the Bitnami charts pull their images from, at which tags and digests.
 *
 * <p>The defaults are {@code docker.io/bitnamilegacy} at the tags of the pinned charts: the only public, versioned
 * Bitnami images, but frozen since Bitnami's catalogue change (2025-08-28) and below the version floor
 * ({@link dev.kvstores.images.VersionFloors}): good for a development cluster only. Production mirrors maintained
 * Bitnami-compatible images into its own registry ({@link #withSource}) and pins each by digest ({@link #withPin});
 * the environment files check both ({@link dev.kvstores.images.ImagePolicy}). With a digest, the charts pull
 * {@code registry/prefix/name@digest} (the chart's {@code image.digest} wins over the tag; the tag stays as the
 * declared version). The charts' image check flags every image that is not the chart's own
 * {@code docker.io/bitnami/*}, so any other source sets {@code global.security.allowInsecureImages}.
 *
 * @param registry         Default: {@code docker.io}
 * @param repositoryPrefix Default: {@code bitnamilegacy}
 * @param pins             image name ({@link #REDIS}, {@link #SENTINEL}, {@link #REDIS_CLUSTER}, {@link #EXPORTER},
 *                         {@link #KUBECTL}, {@link #OS_SHELL}) to its tag and optional digest; missing names get
 *                         the default tag without a digest
 */
public record BitnamiImages(String registry, String repositoryPrefix, Map<String, Pin> pins) {

    public static final String DEFAULT_REGISTRY = "docker.io";
    public static final String DEFAULT_REPOSITORY_PREFIX = "bitnamilegacy";
    public static final String REDIS = "redis";
    public static final String SENTINEL = "redis-sentinel";
    public static final String REDIS_CLUSTER = "redis-cluster";
    public static final String EXPORTER = "redis-exporter";
    public static final String KUBECTL = "kubectl";
    public static final String OS_SHELL = "os-shell";
    /** Tag of bitnami/redis 23.1.1 (frozen in bitnamilegacy, below the floor: development only). */
    public static final String REDIS_TAG = "8.2.1-debian-12-r0";
    public static final String REDIS_CLUSTER_TAG = "8.2.1-debian-12-r0";
    public static final String SENTINEL_TAG = "8.2.1-debian-12-r0";
    public static final String EXPORTER_TAG = "1.76.0-debian-12-r0";
    public static final String KUBECTL_TAG = "1.33.4-debian-12-r0";
    public static final String OS_SHELL_TAG = "12-debian-12-r51";

    /**
     * An image's tag and digest.
     *
     * @param tag    the tag (with a digest: the version the digest holds, as the chart shows it)
     * @param digest {@code sha256:<64 hex>}, or {@code null}
     */
    public record Pin(String tag, String digest) {
        public Pin {
            Objects.requireNonNull(tag, "tag");
        }
    }

    private static final Map<String, String> DEFAULT_TAGS = Map.of(REDIS, REDIS_TAG, SENTINEL, SENTINEL_TAG,
            REDIS_CLUSTER, REDIS_CLUSTER_TAG, EXPORTER, EXPORTER_TAG, KUBECTL, KUBECTL_TAG, OS_SHELL, OS_SHELL_TAG);

    public BitnamiImages {
        registry = Objects.requireNonNullElse(registry, DEFAULT_REGISTRY);
        repositoryPrefix = Objects.requireNonNullElse(repositoryPrefix, DEFAULT_REPOSITORY_PREFIX);
        Map<String, Pin> all = new LinkedHashMap<>();
        for (String name : DEFAULT_TAGS.keySet().stream().sorted().toList()) {
            all.put(name, new Pin(DEFAULT_TAGS.get(name), null));
        }
        if (pins != null) {
            for (Map.Entry<String, Pin> e : pins.entrySet()) {
                if (!DEFAULT_TAGS.containsKey(e.getKey())) {
                    throw new IllegalArgumentException("unknown Bitnami image '" + e.getKey() + "'; one of "
                            + DEFAULT_TAGS.keySet().stream().sorted().toList());
                }
                all.put(e.getKey(), e.getValue());
            }
        }
        pins = Map.copyOf(all);
    }

    /** The defaults: {@code docker.io/bitnamilegacy/*} at the charts' own tags, no digests. */
    public static BitnamiImages defaults() {
        return new BitnamiImages(null, null, null);
    }

    /** A copy pulling from another registry and repository prefix (a mirror). */
    public BitnamiImages withSource(String newRegistry, String newRepositoryPrefix) {
        return new BitnamiImages(newRegistry, newRepositoryPrefix, pins);
    }

    /** A copy with {@code name} at {@code tag} and {@code digest} (may be null). */
    public BitnamiImages withPin(String name, String tag, String digest) {
        Map<String, Pin> copy = new LinkedHashMap<>(pins);
        copy.put(name, new Pin(tag, digest));
        return new BitnamiImages(registry, repositoryPrefix, copy);
    }

    /**
     * A copy with another Redis server tag for the Redis, Sentinel and Redis Cluster images; a digest pinned for
     * another tag no longer applies and is dropped.
     */
    public BitnamiImages withRedisTag(String tag) {
        BitnamiImages out = this;
        for (String name : new String[] {REDIS, SENTINEL, REDIS_CLUSTER}) {
            Pin pin = pins.get(name);
            out = out.withPin(name, tag, tag.equals(pin.tag()) ? pin.digest() : null);
        }
        return out;
    }

    /** The tag and digest of {@code name}. */
    public Pin pin(String name) {
        Pin pin = pins.get(name);
        if (pin == null) {
            throw new IllegalArgumentException("unknown Bitnami image '" + name + "'");
        }
        return pin;
    }

    /** The full reference of {@code name}: {@code registry/prefix/name:tag[@digest]}. */
    public ImageReference reference(String name) {
        Pin pin = pin(name);
        return new ImageReference(registry + "/" + repositoryPrefix + "/" + name, pin.tag(), pin.digest());
    }

    public String redisTag() {
        return pin(REDIS).tag();
    }

    public String redisClusterTag() {
        return pin(REDIS_CLUSTER).tag();
    }

    public String sentinelTag() {
        return pin(SENTINEL).tag();
    }

    public String exporterTag() {
        return pin(EXPORTER).tag();
    }

    public String kubectlTag() {
        return pin(KUBECTL).tag();
    }

    public String osShellTag() {
        return pin(OS_SHELL).tag();
    }

    /** True when the images are not the charts' own {@code docker.io/bitnami/*}, which their image check flags. */
    public boolean needsInsecureImagesFlag() {
        return !(DEFAULT_REGISTRY.equals(registry) && "bitnami".equals(repositoryPrefix));
    }
}
