package dev.kvstores.kubernetes;

/**
 * Fixed settings of the in-cluster Bitnami {@code redis} / {@code redis-cluster} releases that clients, tests and the
 * docs rely on: ports, Sentinel timings, and the ACL users and their command rules. What the ACL rules keep and
 * drop, and why: docs/platform-kubernetes.md, "Credentials and ACL users".
 */
public final class BitnamiReleaseSettings {

    /** Port the charts serve Redis on (TLS-only when TLS is on). */
    public static final int REDIS_PORT = 6379;
    /** Port of the charts' redis-exporter sidecar. */
    public static final int METRICS_PORT = 9121;
    /** Port of the Sentinels. */
    public static final int SENTINEL_PORT = 26379;
    /** Sentinel: a primary unreachable this long is down (chart default 60000). */
    public static final int SENTINEL_DOWN_AFTER_MILLISECONDS = 5000;
    /** Sentinel: time a failover may take before another is tried (chart default 180000). */
    public static final int SENTINEL_FAILOVER_TIMEOUT_MILLISECONDS = 20000;
    /** Sentinel: sentinels that must agree the primary is down (of 3 with the default 3 nodes). */
    public static final int SENTINEL_QUORUM = 2;

    /**
     * ACL rule of the backup user: {@code redis-cli --rdb} needs {@code REPLCONF} and {@code SYNC}/{@code PSYNC};
     * the script asks {@code ROLE} to pick a replica; {@code PING} for checks. No key or channel.
     */
    public static final String BACKUP_USER_COMMANDS = "-@all +replconf +sync +psync +ping +role";
    /** The same for redis-cluster, plus {@code CLUSTER NODES} to find every primary and its replicas. */
    public static final String CLUSTER_BACKUP_USER_COMMANDS = BACKUP_USER_COMMANDS + " +cluster|nodes";
    /**
     * ACL rule of the platform's user (keys {@code ~*}, channels {@code &*}): every command but {@code @admin} and
     * {@code @dangerous}, plus {@code INFO}, which client libraries send to learn the server's version and role
     * (ioredis' ready check, BullMQ's version and eviction-policy check) and which holds no secret.
     */
    public static final String APP_USER_COMMANDS = "+@all -@admin -@dangerous +info";
    /** ACL user the exporter sidecar connects as. */
    public static final String MONITORING_USERNAME = "kvstores-monitor";
    /**
     * ACL rule of the monitoring user: what the pinned redis_exporter sends on a scrape without key or stream
     * checks ({@code PING}, {@code CLIENT SETNAME}, {@code INFO}, {@code CLUSTER INFO}, {@code LATENCY LATEST} and
     * {@code HISTOGRAM}, {@code SLOWLOG LEN} and {@code GET}); no key, no channel. Not {@code CONFIG GET}: it would
     * print {@code masterauth} and {@code requirepass}, i.e. the admin password.
     */
    public static final String MONITORING_USER_COMMANDS = "-@all +ping +client|setname +info +cluster|info"
            + " +latency|latest +latency|histogram +slowlog|len +slowlog|get";
    /** Key of a generated password in the Secret a release writes for its backup or monitoring user. */
    static final String BACKUP_PASSWORD_KEY = "password";

    /** Where Kubernetes mounts a pod's service-account token; an empty volume there hides the token. */
    static final String SERVICE_ACCOUNT_TOKEN_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

    private BitnamiReleaseSettings() {
    }
}
