package dev.kvstores.role;

import dev.kvstores.StoreConfigException;
import dev.kvstores.StoreProblems;
import java.util.ArrayList;
import java.util.List;

/**
 * The role invariants of the vendor guide, enforced in this one place for every backend.
 *
 * <ul>
 *   <li>Cache Store: never cluster mode; {@code allkeys-lru} or {@code volatile-lru}; no persistence.</li>
 *   <li>Worker State Store: {@code noeviction}; durable (AOF everysec or SSD-backed).</li>
 *   <li>Both: TLS in transit, authentication, private networking, high availability across zones
 *       (or a written exemption of at least {@value #MINIMUM_REASON_LENGTH} characters).</li>
 *   <li>The two roles never share an endpoint or a password.</li>
 * </ul>
 */
public final class RoleContract {

    /** Shortest accepted reason for an exemption (as cdk-nag requires for suppressions). */
    public static final int MINIMUM_REASON_LENGTH = 10;

    private RoleContract() {
    }

    /**
     * Checks a store against its role. Throws one exception listing every violation (the code is the
     * first one's), each with the field, the value, what is allowed and the fix.
     *
     * @return the exemptions in force (empty when everything is enforced)
     */
    public static List<String> enforce(StoreSpec spec) {
        String who = spec.role().label() + " store (" + spec.backend() + ")";
        StoreProblems violations = new StoreProblems(who);
        if (spec.role() == StoreRole.CACHE) {
            if (spec.topology().isClusterMode()) {
                violations.add("CacheClusterMode", who + ": topology CLUSTER is not allowed: the"
                        + " platform isolates services by DB number and Redis Cluster has only DB 0; use a"
                        + " replicated (primary + replicas) cache");
            }
            if (spec.evictionPolicy() == EvictionPolicy.NOEVICTION) {
                violations.add("CacheEviction", who + ": evictionPolicy must be allkeys-lru or"
                        + " volatile-lru, got noeviction; a full cache must evict, not reject writes");
            }
            if (spec.durability() != Durability.NONE) {
                violations.add("CachePersistence", who + ": persistence must be off for the cache,"
                        + " got " + spec.durability() + "; remove the persistence settings (appendonly no, save \"\")");
            }
        } else {
            if (spec.evictionPolicy() != EvictionPolicy.NOEVICTION) {
                violations.add("WorkerEviction", who + ": evictionPolicy must be noeviction, got "
                        + spec.evictionPolicy().redisName() + "; evicting worker state loses workflow progress");
            }
            if (spec.durability() == Durability.NONE) {
                violations.add("WorkerDurability", who + ": the worker state store must be durable"
                        + " (AOF everysec or an SSD-backed store), got no persistence; enable persistence");
            }
        }
        if (!spec.tlsEnabled()) {
            violations.add("TlsRequired", who + ": tlsEnabled must be true, got false;"
                    + " TLS in transit is required for both roles");
        }
        if (!spec.authEnabled()) {
            violations.add("AuthRequired", who + ": authEnabled must be true, got false;"
                    + " clients must authenticate with a password or ACL user");
        }
        if (!spec.privateNetworking()) {
            violations.add("PrivateNetworking", who + ": the store must be reachable only from the"
                    + " platform's networks; list the allowed namespaces/networks instead of opening it");
        }
        List<String> exemptions = violations.check(() -> enforceHighAvailability(spec, who));
        violations.throwIfAny();
        return exemptions;
    }

    private static List<String> enforceHighAvailability(StoreSpec spec, String who) {
        String reason = spec.haExemptionReason();
        boolean highlyAvailable = spec.topology() != Topology.STANDALONE
                && spec.nodes() >= spec.minimumNodes()
                && spec.zoneSpread();
        List<String> exemptions = new ArrayList<>();
        if (reason != null) {
            StoreBasics.requireExemptionReason(who, reason);
            if (!highlyAvailable) {
                exemptions.add("high-availability relaxed (" + spec.topology() + ", " + spec.nodes()
                        + " node(s), zone spread " + (spec.zoneSpread() ? "on" : "off") + "): " + reason.strip());
            }
            return List.copyOf(exemptions);
        }
        if (spec.topology() == Topology.STANDALONE) {
            throw new StoreConfigException("HighAvailability", who + ": topology STANDALONE has no failover; use a"
                    + " replicated topology with at least " + spec.minimumNodes() + " nodes, or record a"
                    + " high-availability exemption with its reason (development only)");
        }
        if (spec.nodes() < spec.minimumNodes()) {
            throw new StoreConfigException("HighAvailability", who + ": nodes must be at least "
                    + spec.minimumNodes() + " for automatic failover (1 primary + replicas), got " + spec.nodes());
        }
        if (!spec.zoneSpread()) {
            throw new StoreConfigException("ZoneSpread", who + ": nodes must be spread across zones (hard"
                    + " anti-affinity / Multi-AZ), got zone spread off");
        }
        return List.of();
    }

    /**
     * Refuses one endpoint or one password serving both roles (vendor guide: "Do not point both roles to the
     * same instance. Keep credentials and ACLs separate."), in one exception naming every shared item.
     */
    public static void requireDistinct(ConnectionInfo cache, ConnectionInfo workerState) {
        StoreProblems problems = new StoreProblems("the cache and worker state stores");
        if (cache.endpoint().equals(workerState.endpoint())) {
            problems.add("SharedEndpoint", "the cache and worker state stores share the endpoint "
                    + cache.endpoint() + "; the two roles need separate instances");
        }
        if (cache.password().equals(workerState.password())) {
            problems.add("SharedCredentials", "the cache and worker state stores use the same"
                    + " password; give each role its own generated password or secret");
        }
        // "default" is each password-only server's own implicit user: its credential is that server's password.
        if (cache.username() != null && !ConnectionInfo.DEFAULT_USER.equals(cache.username())
                && cache.username().equals(workerState.username())) {
            problems.add("SharedCredentials", "the cache and worker state stores use the same"
                    + " ACL user '" + cache.username() + "'; give each role its own user");
        }
        problems.throwIfAny();
    }
}
