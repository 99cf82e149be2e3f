package dev.kvstores.stacks.platform;

import com.hashicorp.cdktf.TerraformStack;
import dev.kvstores.role.StoreRole;
import dev.kvstores.stacks.environment.KubernetesAccess;
import java.util.List;
import java.util.function.Supplier;
import software.constructs.Construct;

/**
 * The stack a {@link Platform} builds into: the construct scope of its providers and stores, plus what it may tell
 * the stack (problems, report lines). Platforms receive this type and never the stack class that calls them
 * ({@code PlatformStack}, one layer up), so a platform can be added without touching the layers below it.
 */
public abstract class PlatformStack extends TerraformStack {

    protected PlatformStack(Construct scope, String id) {
        super(scope, id);
    }

    /**
     * Runs {@code build}; a {@link dev.kvstores.StoreConfigException} is recorded as a problem of {@code section}
     * (with the environment file) instead of stopping, so one run reports every problem.
     *
     * @return what {@code build} returned, or {@code null} after a problem
     */
    public abstract <T> T attempt(String section, Supplier<T> build);

    /** Configures the kubernetes provider (the connection Secret's cluster) from a kubeconfig and context. */
    public abstract void kubernetesProvider(KubernetesAccess access);

    /**
     * The report's "Images" lines (reference, version, floor, exemptions) and development warnings about them
     * (production refuses those at load).
     */
    public abstract void reportImages(List<String> lines, List<String> warnings);

    /**
     * Lines about a store's monitoring (its alerts and where they notify) for the report; a line starting with
     * two spaces is nested under the one before.
     */
    public abstract void reportMonitoring(StoreRole role, List<String> lines);

    /** A line for the report under a store's description: where it runs and why, when the platform chose. */
    public abstract void reportPlacement(StoreRole role, String line);

    /**
     * Lines about a store's credential rotation (phase, what the next deploy does, what to do in between) for the
     * report; a line starting with two spaces is nested under the one before.
     */
    public abstract void reportCredentials(StoreRole role, List<String> lines);

    /**
     * Lines about a store's off-store backup and how to restore it (e.g. a restore script) for the report, right
     * after its durability line; a line starting with two spaces is nested under the one before.
     */
    public abstract void reportBackup(StoreRole role, List<String> lines);
}
