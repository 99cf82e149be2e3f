package dev.kvstores.role;

/**
 * The platform's Worker State Store: durable (AOF everysec or an SSD-backed store), {@code noeviction}.
 * Its URL goes to {@code redisWorkercacheConnUrlKey} with {@code /0} unless the store runs in cluster mode.
 */
public interface WorkerStateStore extends KeyValueStore {

    @Override
    default StoreRole role() {
        return StoreRole.WORKER_STATE;
    }

    /** The topology in force; {@link Topology#CLUSTER} drops the {@code /0} suffix. */
    Topology topology();
}
