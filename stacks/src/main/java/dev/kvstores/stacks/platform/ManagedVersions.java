package dev.kvstores.stacks.platform;

import dev.kvstores.images.VersionFloors;
import dev.kvstores.stacks.environment.EnvironmentReader;

/**
 * The managed-engine rows of the version-floor table ({@link VersionFloors#managed()}): a version field whose value
 * the table does not list for its service (the provider no longer patches it) is refused in production.
 */
public final class ManagedVersions {

    private ManagedVersions() {
    }

    /**
     * Records a problem on {@code field} of {@code r} when {@code production} and {@code version} (may be null: read
     * failed) is not a version {@code service} still patches.
     */
    public static void require(EnvironmentReader r, String field, String service, String version,
                               boolean production) {
        if (!production || version == null || VersionFloors.shipped().managed(service, version).isPresent()) {
            return;
        }
        String listed = VersionFloors.shipped().managed().stream().filter(m -> m.service().equals(service))
                .flatMap(m -> m.versions().stream()).toList().toString();
        r.problem(field, "is '" + version + "', which the version-floor table (" + VersionFloors.RESOURCE.substring(1)
                + ", checked " + VersionFloors.shipped().lastChecked() + ") no longer lists as patched by "
                + service + "; choose one of " + listed);
    }
}
