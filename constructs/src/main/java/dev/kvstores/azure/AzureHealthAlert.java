package dev.kvstores.azure;

import java.util.List;

/**
 * One Resource Health alert of an Azure store's baseline, as synthesized into
 * {@code azurerm_monitor_activity_log_alert} with {@code criteria.category = "ResourceHealth"}: it fires when the
 * cache's health changes to one of {@link #current}. This is the "store down" signal on Azure, which has no metric
 * for it: Resource Health checks whether the cache's nodes are up and reachable
 * ({@value #RESOURCE_HEALTH_CHECKS}), and Azure Managed Redis writes its failover and patching health events to the
 * activity log ({@value #MANAGED_HEALTH_EVENTS}).
 *
 * @param signal      {@code down} (Unavailable) or {@code degraded} (Degraded)
 * @param name        {@code <store>-<signal>}
 * @param severity    {@code page} or {@code warn} (activity-log alerts carry no severity: the description starts
 *                    with it)
 * @param current     Resource Health states that fire the alert: {@code Unavailable}, {@code Degraded}
 * @param description what it means for the platform and what to do
 */
public record AzureHealthAlert(String signal, String name, String severity, List<String> current,
                               String description) {

    /** Activity-log category of Resource Health events. */
    public static final String CATEGORY = "ResourceHealth";
    /** Location of activity-log alert rules (the provider accepts {@code global} and a few regions). */
    public static final String LOCATION = "global";
    /** The health checks Resource Health runs for Microsoft.Cache/Redis. */
    public static final String RESOURCE_HEALTH_CHECKS =
            "https://learn.microsoft.com/azure/service-health/resource-health-checks-resource-types";
    /** Azure Managed Redis failover and patching, and the "healthevent" activity-log entry. */
    public static final String MANAGED_HEALTH_EVENTS = "https://learn.microsoft.com/azure/redis/failover";

    public AzureHealthAlert {
        current = List.copyOf(current);
        for (String state : current) {
            if (!List.of("Available", "Degraded", "Unavailable", "Unknown").contains(state)) {
                throw new IllegalArgumentException("Resource Health state must be Available, Degraded, Unavailable"
                        + " or Unknown, got " + state);
            }
        }
    }

    /** One line for the synthesis report. */
    public String summary() {
        return name + " [" + severity + "]: activity log " + CATEGORY + " current in " + String.join("/", current);
    }
}
