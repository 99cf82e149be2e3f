package dev.kvstores.stacks.environment;

/** A platform's own part of an environment file (its {@code cache}, {@code workerState} and access sections). */
public interface PlatformSettings {
}
