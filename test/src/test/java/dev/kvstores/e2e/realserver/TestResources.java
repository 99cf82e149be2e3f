package dev.kvstores.e2e.realserver;

import java.util.ArrayList;
import java.util.List;

/**
 * What a real-server test started (servers, sentinels, clients), closed in reverse order by {@link #close()}: every
 * one is closed even when some fail; the first failure is rethrown.
 */
final class TestResources implements AutoCloseable {

    private final List<AutoCloseable> resources = new ArrayList<>();

    /** Registers {@code resource} for closing and returns it. */
    <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        resources.clear();
        if (first != null) {
            throw first;
        }
    }
}
