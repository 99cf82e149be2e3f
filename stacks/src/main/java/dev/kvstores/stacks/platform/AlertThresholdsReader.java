package dev.kvstores.stacks.platform;

import dev.kvstores.role.AlertThresholds;
import dev.kvstores.stacks.environment.EnvironmentReader;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the shared keys of {@code monitoring.thresholds} (every platform): overrides of {@link AlertThresholds}'
 * defaults, percentages as integers, durations as {@code 30s}, {@code 5m} or {@code 1h}. The caller reads its own
 * extra keys and then rejects unknown ones.
 */
public final class AlertThresholdsReader {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([smh])");

    private AlertThresholdsReader() {
    }

    /** The thresholds with {@code r}'s overrides; {@code null} after a problem (reported on {@code r}). */
    public static AlertThresholds read(EnvironmentReader r) {
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
        if (cacheMemory == null || workerMemory == null || cpu == null || connections == null || down == null
                || memory == null || cpuFor == null || connectionsFor == null || replication == null
                || evictions == null || failover == null) {
            return null;
        }
        if (failover.isZero()) {
            r.problem("failoverWindow", "must be at least 1s, got 0s");
            return null;
        }
        return d.toBuilder().cacheMemoryWarnPercent(cacheMemory).workerMemoryPagePercent(workerMemory)
                .cpuWarnPercent(cpu).connectionsWarnPercent(connections).downFor(down).memoryFor(memory)
                .cpuFor(cpuFor).connectionsFor(connectionsFor).replicationFor(replication)
                .cacheEvictionsFor(evictions).failoverWindow(failover).build();
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
