package dev.kvstores.azure;

import dev.kvstores.StoreConfigException;
import dev.kvstores.role.AlertThresholds;
import java.util.Objects;

/**
 * Metric alerts of an Azure store: the role's alert baseline ({@link dev.kvstores.role.AlertSignal}) as Azure Monitor
 * metric and Resource Health alerts.
 *
 * @param actionGroupId Azure Monitor action group ({@code /subscriptions/.../actionGroups/<name>}) the alerts
 *                      notify. Default: none (alerts fire in the portal only)
 * @param thresholds    percentages and durations shared with every backend; durations round up to the window sizes
 *                      Azure accepts (1, 5, 15, 30, 60 min, ...). Default: {@link AlertThresholds#defaults()}
 * @param maxClients    the cache's client limit; connections alert at {@code thresholds.connectionsWarnPercent} of
 *                      it. Default: 7500 (Premium P1; set yours: it depends on the SKU)
 */
public record AzureMonitoring(String actionGroupId, AlertThresholds thresholds, int maxClients) {

    public AzureMonitoring {
        thresholds = Objects.requireNonNullElse(thresholds, AlertThresholds.defaults());
        if (actionGroupId != null && !actionGroupId.toLowerCase(java.util.Locale.ROOT)
                .matches("/subscriptions/[^/]+/resourcegroups/[^/]+/providers/microsoft\\.insights/actiongroups/[^/]+")) {
            throw new StoreConfigException("ActionGroup", "monitoring.actionGroupId must be the action group's"
                    + " resource ID (/subscriptions/<id>/resourceGroups/<rg>/providers/microsoft.insights/actionGroups/"
                    + "<name>), got '" + actionGroupId + "'");
        }
        if (maxClients < 1) {
            throw new StoreConfigException("AlertThreshold", "monitoring.maxClients must be at least 1, got "
                    + maxClients);
        }
    }

    /** No action group, default thresholds. */
    public static AzureMonitoring defaults() {
        return new AzureMonitoring(null, AlertThresholds.defaults(), 7500);
    }
}
