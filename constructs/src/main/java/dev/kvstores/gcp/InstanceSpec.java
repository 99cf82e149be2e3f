package dev.kvstores.gcp;

import dev.kvstores.role.StoreBasics;

/**
 * The settings both Memorystore stores share, as their props resolved them (package-private plumbing): the
 * composed parts, read through their {@code Part} accessors ({@code s.region()}, {@code s.tier()} …).
 */
record InstanceSpec(StoreBasics basics, MemorystorePlacement placement, MemorystoreInstance instance)
        implements StoreBasics.Part, MemorystorePlacement.Part, MemorystoreInstance.Part {
}
