package dev.kvstores.aws;

import dev.kvstores.StoreConfigException;
import dev.kvstores.role.SizePreset;
import java.util.regex.Pattern;

/**
 * The vendor sizing table mapped to current Graviton node types (memory per node, as AWS lists it).
 *
 * <table>
 *   <caption>Default node type per preset</caption>
 *   <tr><th></th><th>SMALL</th><th>MEDIUM</th><th>LARGE</th></tr>
 *   <tr><td>ElastiCache cache (2/4/8 GB)</td><td>cache.t4g.medium (3.09 GiB)</td><td>cache.m7g.large (6.38 GiB)</td><td>cache.r7g.large (13.07 GiB)</td></tr>
 *   <tr><td>ElastiCache worker (8/16/32 GB)</td><td>cache.r7g.large (13.07 GiB)</td><td>cache.r7g.xlarge (26.32 GiB)</td><td>cache.r7g.2xlarge (52.82 GiB)</td></tr>
 *   <tr><td>ElastiCache worker, data tiering</td><td>cache.r6gd.xlarge</td><td>cache.r6gd.2xlarge</td><td>cache.r6gd.4xlarge</td></tr>
 *   <tr><td>MemoryDB worker</td><td>db.r7g.large</td><td>db.r7g.xlarge</td><td>db.r7g.2xlarge</td></tr>
 * </table>
 */
final class NodeTypes {

    private static final Pattern ELASTICACHE = Pattern.compile("cache\\.[a-z0-9]+\\.[a-z0-9]+");
    private static final Pattern MEMORYDB = Pattern.compile("db\\.[a-z0-9]+\\.[a-z0-9]+");

    private NodeTypes() {
    }

    static String cache(SizePreset size) {
        return switch (size) {
            case SMALL -> "cache.t4g.medium";
            case MEDIUM -> "cache.m7g.large";
            case LARGE -> "cache.r7g.large";
        };
    }

    static String worker(SizePreset size, boolean dataTiering) {
        return switch (size) {
            case SMALL -> dataTiering ? "cache.r6gd.xlarge" : "cache.r7g.large";
            case MEDIUM -> dataTiering ? "cache.r6gd.2xlarge" : "cache.r7g.xlarge";
            case LARGE -> dataTiering ? "cache.r6gd.4xlarge" : "cache.r7g.2xlarge";
        };
    }

    static String memoryDb(SizePreset size) {
        return switch (size) {
            case SMALL -> "db.r7g.large";
            case MEDIUM -> "db.r7g.xlarge";
            case LARGE -> "db.r7g.2xlarge";
        };
    }

    static void requireElastiCache(String who, String nodeType) {
        if (!ELASTICACHE.matcher(nodeType).matches()) {
            throw new StoreConfigException("NodeType", who + ": nodeType must be an ElastiCache node type such as"
                    + " cache.r7g.large, got '" + nodeType + "'");
        }
        if (nodeType.startsWith("cache.t1.") || nodeType.startsWith("cache.t2.")) {
            throw new StoreConfigException("NodeType", who + ": nodeType " + nodeType + " supports neither"
                    + " encryption at rest nor automatic failover; use cache.t4g.medium or larger");
        }
    }

    static void requireMemoryDb(String who, String nodeType) {
        if (!MEMORYDB.matcher(nodeType).matches()) {
            throw new StoreConfigException("NodeType", who + ": nodeType must be a MemoryDB node type such as"
                    + " db.r7g.large, got '" + nodeType + "'");
        }
    }
}
