import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.RedisRoleConfig;

/**
 * Prints the {@code redis.conf} directives the library renders for a role (used by main/store-benchmark.sh, run as a
 * single-file program on the compiled constructs classes): {@code worker <limit MiB>} or {@code cache <limit MiB>}.
 */
public final class RenderedRoleConfig {

    private RenderedRoleConfig() {
    }

    public static void main(String[] args) {
        if (args.length != 2 || !(args[0].equals("worker") || args[0].equals("cache"))) {
            System.err.println("usage: RenderedRoleConfig worker|cache <memory limit MiB>");
            System.exit(2);
        }
        int limit = Integer.parseInt(args[1]);
        RedisRoleConfig config = args[0].equals("worker")
                ? RedisRoleConfig.workerState(limit, false)
                : RedisRoleConfig.cache(limit, EvictionPolicy.ALLKEYS_LRU);
        System.out.print(config.toRedisConf());
    }
}
