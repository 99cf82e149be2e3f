package dev.kvstores.e2e.realserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kvstores.role.RedisRoleConfig;
import dev.kvstores.role.SizePreset;
import dev.kvstores.role.StoreRole;
import dev.kvstores.role.StoreSize;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Worker State Store survives its own forks: the worker rendered for the smallest preset, scaled down 16x
 * (8192 MiB limit -> {@value #LIMIT_MIB} MiB), filled to 90% of its {@code maxmemory}, then one {@code BGSAVE} and
 * one {@code BGREWRITEAOF}, each with a write load that rewrites the first {@value #REWRITTEN_PERCENT}% of the keys
 * (a contiguous range, so about that share of the pages) while the fork lives. The peak of the server's RSS plus
 * the fork child's private pages ({@code /proc/<child>/smaps_rollup}), which is what the pod's memory cgroup
 * charges, stays under the limit with the rendered 50%; with the former 75% the same load goes over.
 *
 * <p>Why not every key: what the 50% rule guarantees is room for a copy of the data written during a fork, not
 * for a second full copy of a 90%-full dataset plus the allocator's overhead. Rewriting every key during one held
 * fork dirties every page, which puts RSS plus the child at 2x the data's RSS: measured 0.98-1.00 of the limit with
 * 50%, i.e. the rule's boundary, where run-to-run noise decides the outcome. Rewriting two thirds of the data
 * during a single snapshot is still far above the worker's real write rate (a snapshot of a few hundred MiB takes
 * seconds), and it keeps both sides clear of the limit: measured 0.81-0.82 with 50% and 1.23 with 75% (each fork's
 * figures are printed), so the test still fails if the rule's headroom shrinks or if the load stops telling the
 * two rules apart.
 *
 * <p>Deterministic on a busy machine: the child is held with {@code SIGSTOP} as soon as it exists, so every write
 * happens during the fork whatever the scheduling (the worst case for that write set: a fork outlasting the
 * writes); then it is resumed and the test waits for {@code INFO persistence} to report the fork done and
 * successful. Automatic AOF rewrites are switched off after the rendered values are checked, so each fork is the
 * one the test starts.
 */
class ForkHeadroomRealServerTest {

    private static final int SCALE = 16;
    private static final int LIMIT_MIB = SizePreset.SMALL.workerRedis().memoryMebibytes() / SCALE;
    private static final int FORMER_PERCENT = 75;
    private static final int VALUE_BYTES = 1000;
    private static final int BATCH = 200;
    /** The share of the keys rewritten while each fork is held (see the class comment for why not 100). */
    private static final int REWRITTEN_PERCENT = 67;
    private static final long MIB = 1024L * 1024L;
    private static final Duration FORK_DEADLINE = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    /** One fork's measurement. */
    private record Peak(String operation, long rssBytes, long childPrivateBytes, long cowReportedBytes) {
        long total() {
            return rssBytes + childPrivateBytes;
        }

        double ofLimit() {
            return total() / (double) (LIMIT_MIB * MIB);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%s: RSS %d MiB + child private %d MiB = %d MiB = %.3f of"
                            + " the %d MiB limit (Redis reported COW %d MiB)", operation, rssBytes / MIB,
                    childPrivateBytes / MIB, total() / MIB, ofLimit(), LIMIT_MIB, cowReportedBytes / MIB);
        }
    }

    @Test
    void a_fork_under_write_load_stays_under_the_limit_with_the_rendered_rule_and_not_with_75_percent()
            throws Exception {
        RedisRoleConfig rendered = RedisRoleConfig.workerState(LIMIT_MIB, false);
        int renderedMaxmemory = StoreSize.maxmemoryMebibytes(LIMIT_MIB, StoreRole.WORKER_STATE);
        assertEquals(renderedMaxmemory + "mb", rendered.directives().get("maxmemory"));
        assertEquals(LIMIT_MIB / 2, renderedMaxmemory, "the worker rule: half the limit");

        List<Peak> withRendered = measure("rendered", rendered.toRedisConf(), null);
        List<Peak> withFormer = measure("former", rendered.toRedisConf(),
                "maxmemory " + LIMIT_MIB * FORMER_PERCENT / 100 + "mb");
        String table = "limit " + LIMIT_MIB + " MiB (SMALL worker / " + SCALE + ")\n  rendered "
                + renderedMaxmemory + " MiB maxmemory:\n    " + withRendered.get(0) + "\n    " + withRendered.get(1)
                + "\n  former " + FORMER_PERCENT + "%: " + LIMIT_MIB * FORMER_PERCENT / 100 + " MiB maxmemory:\n    "
                + withFormer.get(0) + "\n    " + withFormer.get(1);
        System.out.println("[fork headroom] " + table);
        for (Peak peak : withRendered) {
            assertTrue(peak.total() < LIMIT_MIB * MIB, "with the rendered maxmemory the fork must fit the limit:\n"
                    + table);
        }
        for (Peak peak : withFormer) {
            assertTrue(peak.total() > LIMIT_MIB * MIB, "with 75% the same load must exceed the limit (else the"
                    + " test does not tell the rules apart):\n" + table);
        }
    }

    /** Starts the worker, fills it to 90% of maxmemory and measures one BGSAVE and one BGREWRITEAOF. */
    private List<Peak> measure(String name, String roleConf, String overrideLine) throws Exception {
        RedisServerProcess.Builder builder = RedisServerProcess.redisServer(dir.resolve(name)).name("worker-" + name)
                .roleConfig(roleConf);
        if (overrideLine != null) {
            builder.line(overrideLine);
        }
        try (RedisClients clients = new RedisClients(); RedisServerProcess server = builder.start()) {
            RedisClient client = clients.client();
            try (StatefulRedisConnection<String, String> connection = client.connect(RedisClients.plain(server, 0))) {
                RedisCommands<String, String> redis = connection.sync();
                assertEquals("yes", RedisClients.configGet(redis, "aof-use-rdb-preamble"));
                assertEquals("", RedisClients.configGet(redis, "save"));
                long maxmemory = Long.parseLong(RedisClients.configGet(redis, "maxmemory"));
                redis.configSet("auto-aof-rewrite-percentage", "0"); // each fork is the one the test starts
                int keys = fill(redis, maxmemory * 90 / 100);
                awaitNoFork(redis);
                List<Peak> peaks = new ArrayList<>();
                peaks.add(forkUnderWrites(server, redis, "BGSAVE", keys, 'b'));
                peaks.add(forkUnderWrites(server, redis, "BGREWRITEAOF", keys, 'c'));
                client.shutdown();
                return peaks;
            }
        }
    }

    /** Writes keys of {@value #VALUE_BYTES} bytes until {@code used_memory} reaches {@code target}. */
    private static int fill(RedisCommands<String, String> redis, long target) {
        String value = "a".repeat(VALUE_BYTES);
        int keys = 0;
        long used = usedMemory(redis);
        while (used < target) {
            long perKey = keys == 0 ? 2 * VALUE_BYTES : Math.max(1, used / keys);
            int batches = (int) Math.max(1, Math.min(50, (target - used) / perKey / BATCH));
            for (int b = 0; b < batches; b++) {
                redis.mset(batch(keys, value));
                keys += BATCH;
            }
            used = usedMemory(redis);
        }
        return keys;
    }

    private static Map<String, String> batch(int first, String value) {
        Map<String, String> batch = new LinkedHashMap<>();
        for (int i = first; i < first + BATCH; i++) {
            batch.put("wf:" + i, value);
        }
        return batch;
    }

    /**
     * Starts a fork, holds its child, rewrites the first {@value #REWRITTEN_PERCENT}% of the keys once, measures,
     * resumes the child and awaits success.
     */
    private static Peak forkUnderWrites(RedisServerProcess server, RedisCommands<String, String> redis,
                                        String operation, int keys, char fillWith) throws Exception {
        if ("BGSAVE".equals(operation)) {
            redis.bgsave();
        } else {
            redis.bgrewriteaof();
        }
        long child = awaitChild(server.pid());
        signal("STOP", child);
        if (!Files.exists(Path.of("/proc/" + child))) {
            fail(operation + ": the fork finished before it could be held; the write load would not overlap it");
        }
        String value = String.valueOf(fillWith).repeat(VALUE_BYTES);
        int rewritten = keys / 100 * REWRITTEN_PERCENT;
        for (int i = 0; i < rewritten; i += BATCH) {
            redis.mset(batch(i, value));
        }
        long rss = 0;
        long childPrivate = 0;
        for (int sample = 0; sample < 3; sample++) {
            long r = kibibytes(Path.of("/proc/" + server.pid() + "/status"), "VmRSS:") * 1024;
            long c = kibibytes(Path.of("/proc/" + child + "/smaps_rollup"), "Private_Clean:", "Private_Dirty:") * 1024;
            if (r + c > rss + childPrivate) {
                rss = r;
                childPrivate = c;
            }
        }
        signal("CONT", child);
        Map<String, String> persistence = awaitNoFork(redis);
        String status = "BGSAVE".equals(operation) ? "rdb_last_bgsave_status" : "aof_last_bgrewrite_status";
        assertEquals("ok", persistence.get(status), operation + " must succeed: " + persistence);
        String cow = "BGSAVE".equals(operation) ? "rdb_last_cow_size" : "aof_last_cow_size";
        return new Peak(operation, rss, childPrivate, Long.parseLong(persistence.get(cow)));
    }

    private static long usedMemory(RedisCommands<String, String> redis) {
        return Long.parseLong(RedisClients.info(redis, "memory").get("used_memory"));
    }

    /** Polls {@code INFO persistence} until no RDB save or AOF rewrite runs; returns the last reply. */
    private static Map<String, String> awaitNoFork(RedisCommands<String, String> redis) {
        long deadline = System.nanoTime() + FORK_DEADLINE.toNanos();
        while (true) {
            Map<String, String> p = RedisClients.info(redis, "persistence");
            if ("0".equals(p.get("rdb_bgsave_in_progress")) && "0".equals(p.get("aof_rewrite_in_progress"))
                    && "0".equals(p.get("aof_rewrite_scheduled"))) {
                return p;
            }
            if (System.nanoTime() > deadline) {
                fail("the fork did not finish within " + FORK_DEADLINE + ": " + p);
            }
            RedisServerProcess.sleep(100);
        }
    }

    /** The server's fork child, from {@code /proc/<pid>/task/<pid>/children}, polled until it exists. */
    private static long awaitChild(long pid) throws IOException {
        Path children = Path.of("/proc/" + pid + "/task/" + pid + "/children");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.readString(children).trim();
            if (!text.isEmpty()) {
                return Long.parseLong(text.split("\\s+")[0]);
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("redis-server " + pid + " started no fork child within 10 s");
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).redirectErrorStream(true).start();
        String out = new String(kill.getInputStream().readAllBytes());
        assertEquals(0, kill.waitFor(), "kill -" + signal + " " + pid + ": " + out);
    }

    /** The sum of the kB fields named {@code keys} in a {@code /proc} file. */
    private static long kibibytes(Path file, String... keys) throws IOException {
        long sum = 0;
        for (String line : Files.readAllLines(file)) {
            for (String key : keys) {
                if (line.startsWith(key)) {
                    sum += Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        }
        return sum;
    }
}
