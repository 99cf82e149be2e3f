package dev.kvstores.role;

import dev.kvstores.StoreConfigException;
import java.time.Duration;
import java.util.Objects;

/**
 * Thresholds and durations of the alert baseline ({@link AlertSignal}), shared by every platform's alerts (the
 * in-cluster PrometheusRule, the CloudWatch alarms, the Cloud Monitoring policies, the Azure Monitor alerts).
 * Every field has a default; override only what an environment needs.
 *
 * <pre>{@code
 * AlertThresholds thresholds = AlertThresholds.builder().cpuWarnPercent(70).build();
 * }</pre>
 *
 * @param cacheMemoryWarnPercent  cache: used memory as a percentage of {@code maxmemory} that warns (evictions
 *                                follow). Default: 90; 1-100
 * @param workerMemoryPagePercent worker state: used memory as a percentage of {@code maxmemory} that pages
 *                                ({@code noeviction}: writes fail when full). Default: 80; 1-100
 * @param cpuWarnPercent          engine CPU (system + user seconds per second) as a percentage of one core, or of
 *                                the CPU limit when that is smaller (Redis runs commands on one thread), that warns.
 *                                Default: 80; 1-100
 * @param connectionsWarnPercent  connected clients as a percentage of {@code maxclients} that warns. Default: 80;
 *                                1-100
 * @param downFor                 how long a store (or its exporter) must be unreachable before it pages.
 *                                Default: 1 minute
 * @param memoryFor               how long memory must stay above its threshold. Default: 5 minutes
 * @param cpuFor                  how long CPU must stay above its threshold ("sustained"). Default: 15 minutes
 * @param connectionsFor          how long connections must stay near the limit. Default: 5 minutes
 * @param replicationFor          how long a replica link may be down, or replicas missing, before it alerts
 *                                (covers a pod restart during a rolling upgrade). Default: 5 minutes
 * @param cacheEvictionsFor       how long the cache must evict before the informational alert. Default: 15 minutes
 * @param failoverWindow          how long a "failover happened" alert stays active after a replica became the
 *                                primary. Default: 10 minutes
 */
public record AlertThresholds(
        int cacheMemoryWarnPercent,
        int workerMemoryPagePercent,
        int cpuWarnPercent,
        int connectionsWarnPercent,
        Duration downFor,
        Duration memoryFor,
        Duration cpuFor,
        Duration connectionsFor,
        Duration replicationFor,
        Duration cacheEvictionsFor,
        Duration failoverWindow) {

    public AlertThresholds {
        percent("cacheMemoryWarnPercent", cacheMemoryWarnPercent);
        percent("workerMemoryPagePercent", workerMemoryPagePercent);
        percent("cpuWarnPercent", cpuWarnPercent);
        percent("connectionsWarnPercent", connectionsWarnPercent);
        duration("downFor", downFor);
        duration("memoryFor", memoryFor);
        duration("cpuFor", cpuFor);
        duration("connectionsFor", connectionsFor);
        duration("replicationFor", replicationFor);
        duration("cacheEvictionsFor", cacheEvictionsFor);
        duration("failoverWindow", failoverWindow);
        if (failoverWindow.isZero()) {
            throw new StoreConfigException("AlertThreshold", "failoverWindow must be at least 1 second, got 0");
        }
    }

    private static void percent(String name, int value) {
        if (value < 1 || value > 100) {
            throw new StoreConfigException("AlertThreshold", name + " must be between 1 and 100 (percent), got "
                    + value);
        }
    }

    private static void duration(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.getNano() != 0) {
            throw new StoreConfigException("AlertThreshold", name + " must be whole seconds and not negative, got "
                    + value);
        }
    }

    /** All defaults. */
    public static AlertThresholds defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().cacheMemoryWarnPercent(cacheMemoryWarnPercent)
                .workerMemoryPagePercent(workerMemoryPagePercent).cpuWarnPercent(cpuWarnPercent)
                .connectionsWarnPercent(connectionsWarnPercent).downFor(downFor).memoryFor(memoryFor).cpuFor(cpuFor)
                .connectionsFor(connectionsFor).replicationFor(replicationFor).cacheEvictionsFor(cacheEvictionsFor)
                .failoverWindow(failoverWindow);
    }

    /** Builder of {@link AlertThresholds}; unset fields take the documented defaults. */
    public static final class Builder {
        private int cacheMemoryWarnPercent = 90;
        private int workerMemoryPagePercent = 80;
        private int cpuWarnPercent = 80;
        private int connectionsWarnPercent = 80;
        private Duration downFor = Duration.ofMinutes(1);
        private Duration memoryFor = Duration.ofMinutes(5);
        private Duration cpuFor = Duration.ofMinutes(15);
        private Duration connectionsFor = Duration.ofMinutes(5);
        private Duration replicationFor = Duration.ofMinutes(5);
        private Duration cacheEvictionsFor = Duration.ofMinutes(15);
        private Duration failoverWindow = Duration.ofMinutes(10);

        private Builder() {
        }

        public Builder cacheMemoryWarnPercent(int value) { this.cacheMemoryWarnPercent = value; return this; }
        public Builder workerMemoryPagePercent(int value) { this.workerMemoryPagePercent = value; return this; }
        public Builder cpuWarnPercent(int value) { this.cpuWarnPercent = value; return this; }
        public Builder connectionsWarnPercent(int value) { this.connectionsWarnPercent = value; return this; }
        public Builder downFor(Duration value) { this.downFor = value; return this; }
        public Builder memoryFor(Duration value) { this.memoryFor = value; return this; }
        public Builder cpuFor(Duration value) { this.cpuFor = value; return this; }
        public Builder connectionsFor(Duration value) { this.connectionsFor = value; return this; }
        public Builder replicationFor(Duration value) { this.replicationFor = value; return this; }
        public Builder cacheEvictionsFor(Duration value) { this.cacheEvictionsFor = value; return this; }
        public Builder failoverWindow(Duration value) { this.failoverWindow = value; return this; }

        public AlertThresholds build() {
            return new AlertThresholds(cacheMemoryWarnPercent, workerMemoryPagePercent, cpuWarnPercent,
                    connectionsWarnPercent, downFor, memoryFor, cpuFor, connectionsFor, replicationFor,
                    cacheEvictionsFor, failoverWindow);
        }
    }
}
