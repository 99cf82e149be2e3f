package dev.kvstores.role;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The alert baseline of the two roles, defined once: the signals a store must alert on, with the severity per
 * role, the roles that must have it and the condition under which the store has it at all. Thresholds and
 * durations are {@link AlertThresholds} (defaults there). Every platform maps each signal to its metrics or
 * queries in an exhaustive {@code switch} over this enum, or declares it uncovered with the reason and the
 * stand-in ({@link SignalCoverage}); the policy rules {@code KVS-ALERT-BASELINE} and {@code KVS-ALERT-BASELINE-K8S}
 * require the same signals with {@link #required}. Adding a signal here breaks the build of every platform
 * until it maps it.
 *
 * <p>A severity in parentheses: the baseline does not ask the signal of that role.
 *
 * <table>
 *   <caption>The baseline (threshold fields of {@link AlertThresholds})</caption>
 *   <tr><th>signal</th><th>cache</th><th>worker state</th><th>when</th><th>thresholds</th></tr>
 *   <tr><td>down</td><td>page</td><td>page</td><td>always</td><td>downFor</td></tr>
 *   <tr><td>memory</td><td>warn</td><td>page</td><td>maxmemory</td><td>cacheMemoryWarnPercent /
 *       workerMemoryPagePercent, memoryFor</td></tr>
 *   <tr><td>evictions</td><td>info</td><td>page</td><td>maxmemory</td><td>cacheEvictionsFor (worker: any)</td></tr>
 *   <tr><td>rejected-writes</td><td>(warn)</td><td>page</td><td>maxmemory</td><td>any</td></tr>
 *   <tr><td>replication</td><td>warn</td><td>page</td><td>replicas</td><td>replicationFor</td></tr>
 *   <tr><td>failover</td><td>warn</td><td>page</td><td>replicas</td><td>failoverWindow</td></tr>
 *   <tr><td>persistence</td><td>(warn)</td><td>page</td><td>persistence</td><td>any failure</td></tr>
 *   <tr><td>connections</td><td>warn</td><td>warn</td><td>always</td><td>connectionsWarnPercent,
 *       connectionsFor</td></tr>
 *   <tr><td>rejected-connections</td><td>warn</td><td>warn</td><td>always</td><td>any</td></tr>
 *   <tr><td>cpu</td><td>warn</td><td>warn</td><td>always</td><td>cpuWarnPercent, cpuFor</td></tr>
 *   <tr><td>backup</td><td>-</td><td>page</td><td>backup</td><td>a failed run; no success within the schedule's
 *       longest gap plus a margin</td></tr>
 * </table>
 */
public enum AlertSignal {
    /** The store (a node, or its exporter) does not answer. */
    DOWN("down", AlertSeverity.PAGE, AlertSeverity.PAGE, Condition.ALWAYS, StoreRole.values()),
    /** Used memory near {@code maxmemory}: the cache evicts, the worker store (noeviction) will reject writes. */
    MEMORY("memory", AlertSeverity.WARN, AlertSeverity.PAGE, Condition.MAXMEMORY, StoreRole.values()),
    /** Keys evicted: expected for the cache (info when sustained), lost state for the worker store (page). */
    EVICTIONS("evictions", AlertSeverity.INFO, AlertSeverity.PAGE, Condition.MAXMEMORY, StoreRole.values()),
    /** Writes refused with OOM (noeviction at maxmemory); the cache evicts instead, so only the worker store. */
    REJECTED_WRITES("rejected-writes", AlertSeverity.WARN, AlertSeverity.PAGE, Condition.MAXMEMORY,
            StoreRole.WORKER_STATE),
    /** A replica lags or lost its link: a failover now would lose writes. */
    REPLICATION("replication", AlertSeverity.WARN, AlertSeverity.PAGE, Condition.REPLICAS, StoreRole.values()),
    /** A replica became the primary. */
    FAILOVER("failover", AlertSeverity.WARN, AlertSeverity.PAGE, Condition.REPLICAS, StoreRole.values()),
    /**
     * The store's persistence (AOF, RDB snapshots) failed: acknowledged state may not be durable. Asked of the
     * Worker State Store (the cache runs without persistence); a platform that still watches a persisting cache
     * warns.
     */
    PERSISTENCE("persistence", AlertSeverity.WARN, AlertSeverity.PAGE, Condition.PERSISTENCE,
            StoreRole.WORKER_STATE),
    /** Connected clients near {@code maxclients} (or connection churn). */
    CONNECTIONS("connections", AlertSeverity.WARN, AlertSeverity.WARN, Condition.ALWAYS, StoreRole.values()),
    /** Connections refused at {@code maxclients}. */
    REJECTED_CONNECTIONS("rejected-connections", AlertSeverity.WARN, AlertSeverity.WARN, Condition.ALWAYS,
            StoreRole.values()),
    /** The engine's (single command thread's) CPU is sustained high. */
    CPU("cpu", AlertSeverity.WARN, AlertSeverity.WARN, Condition.ALWAYS, StoreRole.values()),
    /**
     * The off-store backup of the Worker State Store failed or did not succeed on schedule: a nightly backup that
     * silently stops is a data-loss risk, so it pages. Only the worker store is backed up (the cache holds nothing
     * to restore); the cache column is unused.
     */
    BACKUP("backup", AlertSeverity.PAGE, AlertSeverity.PAGE, Condition.BACKUP, StoreRole.WORKER_STATE);

    /** What a store must have for a signal to apply to it. */
    public enum Condition {
        /** Every store. */
        ALWAYS,
        /** The engine enforces {@code maxmemory} (Redis, Valkey and the managed services; not KVRocks). */
        MAXMEMORY,
        /** The store runs replicas. */
        REPLICAS,
        /** The store persists to disk by AOF or RDB snapshots (the worker store; the cache has persistence off). */
        PERSISTENCE,
        /** The store has an off-store backup configured (a schedule that exports or snapshots it). */
        BACKUP
    }

    /**
     * What a store has that decides which signals apply (see {@link Condition}).
     *
     * @param maxmemory   the engine enforces {@code maxmemory}
     * @param replicas    the store runs replicas
     * @param persistence the store persists by AOF or RDB snapshots
     * @param backup      the store has an off-store backup configured
     */
    public record Features(boolean maxmemory, boolean replicas, boolean persistence, boolean backup) {

        /** Features of a store without a backup: what the store's own alarms watch (the backup has its own). */
        public Features(boolean maxmemory, boolean replicas, boolean persistence) {
            this(maxmemory, replicas, persistence, false);
        }

        /** The same features with {@code backup}. */
        public Features withBackup(boolean value) {
            return new Features(maxmemory, replicas, persistence, value);
        }

        /** Whether {@code condition} holds for a store with these features. */
        public boolean has(Condition condition) {
            return switch (condition) {
                case ALWAYS -> true;
                case MAXMEMORY -> maxmemory;
                case REPLICAS -> replicas;
                case PERSISTENCE -> persistence;
                case BACKUP -> backup;
            };
        }
    }

    private final String label;
    private final AlertSeverity cache;
    private final AlertSeverity workerState;
    private final Condition condition;
    private final Set<StoreRole> roles;

    AlertSignal(String label, AlertSeverity cache, AlertSeverity workerState, Condition condition,
                StoreRole... roles) {
        this.label = label;
        this.cache = cache;
        this.workerState = workerState;
        this.condition = condition;
        this.roles = Set.of(roles);
    }

    /** E.g. {@code rejected-writes}: the name docs, reports and uncovered-signal tables use. */
    public String label() {
        return label;
    }

    /** The severity of the signal's alert on a store of {@code role}. */
    public AlertSeverity severity(StoreRole role) {
        return Objects.requireNonNull(role, "role") == StoreRole.WORKER_STATE ? workerState : cache;
    }

    /** When the signal applies to a store. */
    public Condition condition() {
        return condition;
    }

    /** The roles the baseline asks this signal of. */
    public Set<StoreRole> roles() {
        return roles;
    }

    /** Whether the baseline asks this signal of a store of {@code role} with {@code features}. */
    public boolean requiredFor(StoreRole role, Features features) {
        return roles.contains(role) && features.has(condition);
    }

    /** The signals a store of {@code role} with {@code features} must alert on, in declaration order. */
    public static Set<AlertSignal> required(StoreRole role, Features features) {
        Set<AlertSignal> out = EnumSet.noneOf(AlertSignal.class);
        for (AlertSignal signal : values()) {
            if (signal.requiredFor(role, features)) {
                out.add(signal);
            }
        }
        return out;
    }
}
