package dev.kvstores.kubernetes;

import java.util.Objects;

/**
 * Where the Bitnami charts pull their images from, and which tags.
 *
 * <p>Bitnami moved its versioned free images to {@code docker.io/bitnamilegacy} (2025-08-28); that is the
 * default. Point {@code registry}/{@code repositoryPrefix} at your mirror to use your own copies. The charts'
 * image check flags every image that is not the chart's own {@code docker.io/bitnami/*} (common 2.31.4 fails
 * for other repositories and warns for {@code bitnamilegacy}), so any other source sets
 * {@code global.security.allowInsecureImages}: the images are still pinned by tag here.
 *
 * @param registry         Default: {@code docker.io}
 * @param repositoryPrefix Default: {@code bitnamilegacy}
 * @param redisTag         Default: {@value #REDIS_TAG} (tag of bitnami/redis 23.1.1)
 * @param redisClusterTag  Default: {@value #REDIS_CLUSTER_TAG}
 * @param sentinelTag      Default: {@value #SENTINEL_TAG}
 * @param exporterTag      Default: {@value #EXPORTER_TAG}
 * @param kubectlTag       Default: {@value #KUBECTL_TAG}
 * @param osShellTag       Default: {@value #OS_SHELL_TAG}
 */
public record BitnamiImages(
        String registry,
        String repositoryPrefix,
        String redisTag,
        String redisClusterTag,
        String sentinelTag,
        String exporterTag,
        String kubectlTag,
        String osShellTag) {

    public static final String DEFAULT_REGISTRY = "docker.io";
    public static final String DEFAULT_REPOSITORY_PREFIX = "bitnamilegacy";
    public static final String REDIS_TAG = "8.2.1-debian-12-r0";
    public static final String REDIS_CLUSTER_TAG = "8.2.1-debian-12-r0";
    public static final String SENTINEL_TAG = "8.2.1-debian-12-r0";
    public static final String EXPORTER_TAG = "1.76.0-debian-12-r0";
    public static final String KUBECTL_TAG = "1.33.4-debian-12-r0";
    public static final String OS_SHELL_TAG = "12-debian-12-r51";

    public BitnamiImages {
        registry = Objects.requireNonNullElse(registry, DEFAULT_REGISTRY);
        repositoryPrefix = Objects.requireNonNullElse(repositoryPrefix, DEFAULT_REPOSITORY_PREFIX);
        redisTag = Objects.requireNonNullElse(redisTag, REDIS_TAG);
        redisClusterTag = Objects.requireNonNullElse(redisClusterTag, REDIS_CLUSTER_TAG);
        sentinelTag = Objects.requireNonNullElse(sentinelTag, SENTINEL_TAG);
        exporterTag = Objects.requireNonNullElse(exporterTag, EXPORTER_TAG);
        kubectlTag = Objects.requireNonNullElse(kubectlTag, KUBECTL_TAG);
        osShellTag = Objects.requireNonNullElse(osShellTag, OS_SHELL_TAG);
    }

    /** The defaults: {@code docker.io/bitnamilegacy/*} at the chart's own tags. */
    public static BitnamiImages defaults() {
        return new BitnamiImages(null, null, null, null, null, null, null, null);
    }

    /** A copy pulling from another registry and repository prefix (a mirror). */
    public BitnamiImages withSource(String newRegistry, String newRepositoryPrefix) {
        return new BitnamiImages(newRegistry, newRepositoryPrefix, redisTag, redisClusterTag, sentinelTag,
                exporterTag, kubectlTag, osShellTag);
    }

    /** A copy with another Redis server tag (also used for Sentinel and Redis Cluster images). */
    public BitnamiImages withRedisTag(String tag) {
        return new BitnamiImages(registry, repositoryPrefix, tag, tag, tag, exporterTag, kubectlTag, osShellTag);
    }

    /** True when the images are not the charts' own {@code docker.io/bitnami/*}, which their image check flags. */
    public boolean needsInsecureImagesFlag() {
        return !(DEFAULT_REGISTRY.equals(registry) && "bitnami".equals(repositoryPrefix));
    }
}
