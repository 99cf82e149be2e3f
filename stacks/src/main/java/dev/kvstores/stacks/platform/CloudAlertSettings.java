package dev.kvstores.stacks.platform;

import dev.kvstores.kubernetes.AlertThresholds;
import dev.kvstores.stacks.environment.EnvironmentReader;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code monitoring.thresholds} of a cloud environment: the shared {@link AlertThresholds} (the same keys as the
 * Kubernetes environments) plus the cloud-only {@code replicationLagSeconds}, {@code maxClients} and
 * {@code newConnectionsPerMinute}.
 *
 * @param thresholds              the shared thresholds with this environment's overrides
 * @param replicationLagSeconds   replica lag that alerts. Default: 5
 * @param maxClients              the engine's maxclients. Default: 65000
 * @param newConnectionsPerMinute new connections per minute per node that warn. Default: 1000
 */
public record CloudAlertSettings(AlertThresholds thresholds, int replicationLagSeconds, int maxClients,
                                 int newConnectionsPerMinute) {

    private static final Pattern DURATION = Pattern.compile("(\\d+)([smh])");

    /** All defaults. */
    public static CloudAlertSettings defaults() {
        return new CloudAlertSettings(AlertThresholds.defaults(), 5, 65000, 1000);
    }

    /** Reads {@code monitoring.thresholds} ({@code r} may be null); {@code null} after a problem. */
    public static CloudAlertSettings read(EnvironmentReader r) {
        return read(r, 65000);
    }

    /** As {@link #read(EnvironmentReader)}, with another default for {@code maxClients}. */
    public static CloudAlertSettings read(EnvironmentReader r, int defaultMaxClients) {
        if (r == null) {
            return new CloudAlertSettings(AlertThresholds.defaults(), 5, defaultMaxClients, 1000);
        }
        AlertThresholds d = AlertThresholds.defaults();
        Integer cacheMemory = r.integer("cacheMemoryWarnPercent", d.cacheMemoryWarnPercent(), 1, 100);
        Integer workerMemory = r.integer("workerMemoryPagePercent", d.workerMemoryPagePercent(), 1, 100);
        Integer cpu = r.integer("cpuWarnPercent", d.cpuWarnPercent(), 1, 100);
        Integer connections = r.integer("connectionsWarnPercent", d.connectionsWarnPercent(), 1, 100);
        Duration down = duration(r, "downFor", d.downFor());
        Duration memory = duration(r, "memoryFor", d.memoryFor());
        Duration cpuFor = duration(r, "cpuFor", d.cpuFor());
        Duration connectionsFor = duration(r, "connectionsFor", d.connectionsFor());
        Duration replication = duration(r, "replicationFor", d.replicationFor());
        Duration evictions = duration(r, "cacheEvictionsFor", d.cacheEvictionsFor());
        Duration failover = duration(r, "failoverWindow", d.failoverWindow());
        Integer lag = r.integer("replicationLagSeconds", 5, 1, 3600);
        Integer maxClients = r.integer("maxClients", defaultMaxClients, 1, 1_000_000);
        Integer newConnections = r.integer("newConnectionsPerMinute", 1000, 1, 10_000_000);
        r.rejectUnknownKeys();
        if (cacheMemory == null || workerMemory == null || cpu == null || connections == null || down == null
                || memory == null || cpuFor == null || connectionsFor == null || replication == null
                || evictions == null || failover == null || lag == null || maxClients == null
                || newConnections == null) {
            return null;
        }
        if (failover.isZero()) {
            r.problem("failoverWindow", "must be at least 1s, got 0s");
            return null;
        }
        return new CloudAlertSettings(d.toBuilder().cacheMemoryWarnPercent(cacheMemory)
                .workerMemoryPagePercent(workerMemory).cpuWarnPercent(cpu).connectionsWarnPercent(connections)
                .downFor(down).memoryFor(memory).cpuFor(cpuFor).connectionsFor(connectionsFor)
                .replicationFor(replication).cacheEvictionsFor(evictions).failoverWindow(failover).build(),
                lag, maxClients, newConnections);
    }

    private static Duration duration(EnvironmentReader r, String key, Duration defaultValue) {
        String text = r.string(key, null, false);
        if (text == null) {
            return r.has(key) ? null : defaultValue;
        }
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            r.problem(key, "must be a duration like 30s, 5m or 1h, got '" + text + "'");
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
