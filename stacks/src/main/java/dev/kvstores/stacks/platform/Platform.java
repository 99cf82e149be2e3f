package dev.kvstores.stacks.platform;

import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.environment.EnvironmentReader;
import dev.kvstores.stacks.environment.PhysicalClaim;
import java.util.List;
import dev.kvstores.stacks.environment.PlatformSettings;

/**
 * One target platform: how its part of an environment file is read, and how its stores are built.
 * Implementations are registered in {@link Platforms}.
 */
public interface Platform {

    /** The {@code platform:} value of environment files, e.g. {@code kubernetes}. */
    String name();

    /**
     * Reads the platform's sections from the top level of an environment file, recording every problem in the
     * reader. Returns {@code null} when a problem makes the settings unusable.
     */
    PlatformSettings read(EnvironmentReader top, String environmentName, boolean production);

    /**
     * The real things this environment creates or adopts (releases, instances, buckets, the connection Secret),
     * each with the field that names it; compared across every environment file by {@link PhysicalClaim#reject}.
     */
    List<PhysicalClaim> claims(Environment environment);

    /**
     * Adds the platform's providers and both stores to the stack. May throw
     * {@link dev.kvstores.StoreConfigException}; the stack reports it with the file and section.
     */
    Stores build(PlatformStack stack, Environment environment);
}
