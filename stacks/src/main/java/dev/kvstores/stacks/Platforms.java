package dev.kvstores.stacks;

import dev.kvstores.stacks.platform.Platform;
import dev.kvstores.stacks.platform.aws.AwsPlatform;
import dev.kvstores.stacks.platform.azure.AzurePlatform;
import dev.kvstores.stacks.platform.gcp.GcpPlatform;
import dev.kvstores.stacks.platform.kubernetes.KubernetesPlatform;
import java.util.List;

/** The platforms environment files can name. */
public final class Platforms {

    private static final List<Platform> ALL = List.of(
            new KubernetesPlatform(),
            new AwsPlatform(),
            new AzurePlatform(),
            new GcpPlatform());

    private Platforms() {
    }

    /** Every platform, in documentation order. */
    public static List<Platform> all() {
        return ALL;
    }

    /** Names accepted by {@code platform:}. */
    public static List<String> names() {
        return ALL.stream().map(Platform::name).toList();
    }

    /** The platform of that name, or {@code null}. */
    public static Platform find(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }
}
