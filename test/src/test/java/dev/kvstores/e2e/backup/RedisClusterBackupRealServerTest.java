package dev.kvstores.e2e.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.Testing;
import com.hashicorp.cdktf.providers.helm.provider.HelmProvider;
import com.hashicorp.cdktf.providers.helm.provider.HelmProviderConfig;
import com.hashicorp.cdktf.providers.kubernetes.provider.KubernetesProvider;
import com.hashicorp.cdktf.providers.random_provider.provider.RandomProvider;
import dev.kvstores.e2e.helm.HelmTemplate;
import dev.kvstores.e2e.realserver.RedisServerProcess;
import dev.kvstores.e2e.realserver.TestCertificates;
import dev.kvstores.kubernetes.BackupDestination;
import dev.kvstores.kubernetes.BitnamiRedisWorkerStateStore;
import dev.kvstores.kubernetes.BitnamiRedisWorkerStateStoreProps;
import dev.kvstores.kubernetes.BitnamiReleaseSettings;
import dev.kvstores.kubernetes.WorkerStateBackupProps;
import dev.kvstores.role.RedisRoleConfig;
import dev.kvstores.role.Topology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The redis-cluster Worker State backup, run for real: a redis-cluster store with a backup synthesized by the
 * library; the ACL line of its backup user exactly as the pinned chart renders {@code redis.configmap} into the
 * nodes' {@code redis-default.conf} (Helm 4.1.4, chart 13.0.5; the Terraform {@code sha256()} of the password
 * replaced by its value); a real TLS Redis Cluster of three primaries (each announcing a host name, as the chart
 * configures it) and one replica holding keys in every slot range; the CronJob's script exactly as synthesized, with
 * the CronJob's environment except what only exists in a cluster (pod host names, port, mounted files, the S3
 * emulator's endpoint and keys) -> one RDB per shard (shard 0 from its replica) -> {@code age} -> {@code rclone} ->
 * s3rver with a manifest -> the restore script -> a fresh 3-primary cluster formed with the chart's slot layout:
 * {@code cluster-map}, then for each primary the documented restore Job's script installing its shard while it is
 * stopped, restart, {@code cluster-verify} -> every key, value and TTL is back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisClusterBackupRealServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_PASSWORD = "cl4ster admin:pass@word";
    private static final String BACKUP_PASSWORD = "backup-" + Long.toHexString(System.nanoTime());
    private static final String ENVIRONMENT = "cluster-backup-test";
    private static final int[][] CHART_SLOTS = {{0, 5460}, {5461, 10922}, {10923, 16383}};
    private static final Pattern HASH_EXPRESSION =
            Pattern.compile("\\$\\{nonsensitive\\(sha256\\(random_password\\.[A-Za-z0-9_]+\\.result\\)\\)}");

    @TempDir
    static Path dir;

    private BackupTools.Job job;
    private String userLine;
    private TestCertificates certificates;
    private BackupFixtures.S3 s3;
    private BackupFixtures.AgeKeys age;
    private final List<RedisServerProcess> source = new ArrayList<>();
    private final List<RedisServerProcess> fresh = new ArrayList<>();
    private RedisServerProcess replica;
    private String backupFolder;

    @BeforeAll
    void start() throws Exception {
        BackupFixtures.requireTools();
        App app = Testing.app();
        TerraformStack stack = new TerraformStack(app, "test");
        new KubernetesProvider(stack, "Kubernetes");
        new HelmProvider(stack, "Helm", HelmProviderConfig.builder().build());
        new RandomProvider(stack, "Random");
        new BitnamiRedisWorkerStateStore(stack, "WorkerState", BitnamiRedisWorkerStateStoreProps.builder()
                .namespace("redis-state").addAllowedNamespace("suprsend").storageClass("premium-rwo")
                .topology(Topology.CLUSTER).nodes(6)
                .backup(WorkerStateBackupProps.builder().environmentName(ENVIRONMENT)
                        .destination(BackupDestination.s3(BackupFixtures.BUCKET, "eu-west-1"))
                        .encryptionKeySecretName("kvstores-backup-age")
                        .image("registry.example.com/kvstores/worker-state-backup:1.0.0")
                        .putWorkloadIdentityAnnotation("eks.amazonaws.com/role-arn",
                                "arn:aws:iam::123456789012:role/kvstores-backup")
                        .build())
                .build());
        JsonNode synthesized = JSON.readTree(Testing.synth(stack, true));
        JsonNode cronJobs = synthesized.path("resource").path("kubernetes_cron_job_v1");
        assertEquals(1, cronJobs.size());
        job = BackupTools.Job.of(cronJobs.elements().next());

        // The backup user's line as the chart renders it for the nodes, with the hash Terraform would compute. The
        // nodes also define the platform and monitoring users (their own random_password hashes); the backup
        // user's hash is the one of its own password resource.
        JsonNode release = HelmTemplate.helmReleases(synthesized).values().iterator().next();
        Matcher expression = HASH_EXPRESSION.matcher(release.path("values").path(0).asText());
        String backupHash = null;
        while (expression.find()) {
            if (expression.group().contains("BackupPassword")) {
                backupHash = expression.group();
            }
        }
        assertTrue(backupHash != null, "the values hold sha256() of the backup password");
        Map<String, String> secrets = new LinkedHashMap<>(HelmTemplate.testSecrets(release));
        secrets.put("password", ADMIN_PASSWORD);
        secrets.put(backupHash, sha256Hex(BACKUP_PASSWORD));
        String nodeConfig = HelmTemplate.render(release, secrets).configMapData("redis-state-default",
                "redis-default.conf");
        List<String> users = nodeConfig.lines().map(String::strip).filter(l -> l.startsWith("user ")).toList();
        assertEquals(List.of("suprsend-worker", BitnamiRedisWorkerStateStoreProps.BACKUP_USERNAME,
                        BitnamiReleaseSettings.MONITORING_USERNAME), users.stream().map(l -> l.split(" ")[1]).toList(),
                "the nodes' ACL users: the platform's, the backup's, the monitoring one");
        userLine = users.stream().filter(l -> l.startsWith("user " + BitnamiRedisWorkerStateStoreProps.BACKUP_USERNAME
                + " ")).findFirst().orElseThrow();
        assertTrue(userLine.startsWith("user kvstores-backup on #" + sha256Hex(BACKUP_PASSWORD) + " resetkeys"
                + " resetchannels -@all "), "the rendered line names the user, its hash, no keys, no channels");

        certificates = TestCertificates.create(dir.resolve("pki"), List.of("DNS:localhost", "IP:127.0.0.1"));
        List<Integer> bus = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            bus.add(RedisServerProcess.freePort());
            source.add(node(dir.resolve("source-" + i), bus.get(i), true));
        }
        replica = source.remove(3);
        form(source, bus.subList(0, 3));
        String primaryId = cli(source.get(0), "CLUSTER", "MYID").strip();
        cli(replica, "CLUSTER", "MEET", RedisServerProcess.HOST, String.valueOf(source.get(0).port()),
                String.valueOf(bus.get(0)));
        await("the replica to join", () -> cli(replica, "CLUSTER", "NODES").contains(primaryId));
        assertEquals("OK", cli(replica, "CLUSTER", "REPLICATE", primaryId).strip());
        populate();
        await("the replica to be in sync", () -> {
            String role = cli(replica, "ROLE");
            return role.contains("connected") && cli(replica, "DBSIZE").strip()
                    .equals(cli(source.get(0), "DBSIZE").strip());
        });
        // The job reads CLUSTER NODES from whichever node answers: wait until gossip has told every primary that
        // the replica serves shard 0 (else the job rightly falls back to the primary).
        String replicaId = cli(replica, "CLUSTER", "MYID").strip();
        await("every primary to list the replica as connected", () -> source.stream().allMatch(node ->
                cli(node, "CLUSTER", "NODES").lines().anyMatch(line -> line.startsWith(replicaId + " ")
                        && line.contains("slave") && line.contains(" " + primaryId + " ")
                        && line.endsWith("connected") && !line.contains("fail"))));
        s3 = BackupFixtures.s3();
        age = BackupFixtures.ageKeys();
    }

    @AfterAll
    void stop() {
        for (RedisServerProcess server : source) {
            server.close();
        }
        if (replica != null) {
            replica.close();
        }
        for (RedisServerProcess server : fresh) {
            server.close();
        }
    }

    // ---- the proof --------------------------------------------------------------------------------------------

    @Test
    void every_shard_is_backed_up_and_a_fresh_cluster_gets_every_key_back() throws Exception {
        String folder = backup();
        JsonNode manifest = JSON.readTree(rclone("cat", "dest:" + folder + "/manifest.json").stdout());
        assertEquals("cluster", manifest.path("mode").asText());
        assertEquals("redis-state", manifest.path("store").asText());
        assertEquals(age.recipientKey(), manifest.path("recipient").asText(), "the manifest names the recipient");
        JsonNode shards = manifest.path("shards");
        assertEquals(3, shards.size(), manifest.toString());
        long keys = 0;
        for (int i = 0; i < 3; i++) {
            JsonNode shard = shards.path(i);
            assertEquals("shard-" + i + ".rdb.age", shard.path("file").asText());
            assertEquals("[[" + CHART_SLOTS[i][0] + "," + CHART_SLOTS[i][1] + "]]", shard.path("slots").toString());
            assertEquals(cli(source.get(i), "CLUSTER", "MYID").strip(), shard.path("primary").asText());
            assertEquals(Long.parseLong(cli(source.get(i), "DBSIZE").strip()), shard.path("keys").asLong(),
                    "shard " + i + " holds the primary's keys");
            keys += shard.path("keys").asLong();
            Path object = dir.resolve("downloaded-shard-" + i);
            rclone("copyto", "dest:" + folder + "/" + shard.path("file").asText(), object.toString());
            assertEquals(shard.path("sha256").asText(), sha256Hex(Files.readAllBytes(object)), "sha256 of " + i);
            assertFalse(new String(Files.readAllBytes(object), StandardCharsets.ISO_8859_1).contains("REDIS0"),
                    "encrypted, not a plain RDB");
        }
        assertEquals("replica", shards.path(0).path("sourceRole").asText(), "shard 0 has a replica in sync");
        assertEquals("localhost:" + replica.port(), shards.path(0).path("source").asText());
        assertEquals("primary", shards.path(1).path("sourceRole").asText(), "shard 1 has no replica");
        assertTrue(keys >= 3000, keys + " keys");

        // A fresh cluster, formed as the chart forms one: three empty primaries, the same slot split.
        List<Integer> bus = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            bus.add(RedisServerProcess.freePort());
            fresh.add(node(dir.resolve("fresh-" + i), bus.get(i), false));
        }
        form(fresh, bus);
        Path bin = dir.resolve("bin");
        BackupTools.restoreScriptOnPath(bin);
        Path out = dir.resolve("plan");
        Map<String, String> operator = restoreEnv(dir.resolve("operator"));
        BackupTools.run(List.of("bash", bin.resolve("worker-state-restore.sh").toString(), "dest:" + folder,
                out.toString()), operator, dir, 120).requireSuccess();
        operator.put("REDISCLI_AUTH", ADMIN_PASSWORD);
        operator.put("REDIS_CA_FILE", certificates.caCertificate().toString());
        String map = BackupTools.run(List.of("bash", bin.resolve("worker-state-restore.sh").toString(),
                "cluster-map", out.toString(), "localhost", String.valueOf(fresh.get(0).port())), operator, dir, 60)
                .requireSuccess().stdout();
        assertEquals(3, map.lines().count(), map);

        // Each primary: stopped, its shard installed by the documented restore Job's script, started again.
        RestoreJobManifest restoreJob = RestoreJobManifest.load();
        for (String line : map.lines().toList()) {
            String[] columns = line.split("\t");
            int port = Integer.parseInt(columns[1].substring(columns[1].lastIndexOf(':') + 1));
            RedisServerProcess node = fresh.stream().filter(n -> n.port() == port).findFirst().orElseThrow();
            node.stop();
            Map<String, String> env = restoreEnv(dir.resolve("job-" + columns[0]));
            env.put("RESTORE_SOURCE", "dest:" + folder);
            env.put("RESTORE_DATA_DIR", node.dataDir().toString());
            env.put("RESTORE_SHARD", columns[0]);
            env.put("RESTORE_HOST", "");
            BackupTools.Result result = restoreJob.run(env, bin, dir).requireSuccess();
            assertTrue(result.stderr().contains("RDB looks OK"), result.stderr());
            assertTrue(Files.exists(node.dataDir().resolve("nodes.conf")), "the node keeps its identity and slots");
            node.restart();
        }
        // The script waits for every node itself; the digest below reads every primary, so each must agree too.
        BackupTools.Result verify = BackupTools.run(List.of("bash", bin.resolve("worker-state-restore.sh").toString(),
                "cluster-verify", out.toString(), "localhost", String.valueOf(fresh.get(1).port())), operator, dir, 60)
                .requireSuccess();
        assertTrue(verify.stderr().contains("every node reports cluster_state:ok"), verify.stderr());
        assertTrue(verify.stderr().contains("every shard is back"), verify.stderr());
        for (RedisServerProcess node : fresh) {
            await(node + " of the restored cluster to report cluster_state:ok",
                    () -> cli(node, "CLUSTER", "INFO").contains("cluster_state:ok"));
        }
        assertEquals(digest(source), digest(fresh), "every key, value and TTL is back");
    }

    @Test
    void the_backup_user_can_neither_read_nor_write_keys_nor_change_the_cluster() throws Exception {
        for (List<String> command : List.of(List.of("GET", "job:1"), List.of("SET", "job:1", "x"),
                List.of("KEYS", "*"), List.of("SCAN", "0"), List.of("DUMP", "job:1"), List.of("FLUSHALL"),
                List.of("CONFIG", "GET", "*"), List.of("INFO"), List.of("ACL", "LIST"), List.of("EVAL", "return 1", "0"),
                List.of("CLUSTER", "INFO"), List.of("CLUSTER", "FAILOVER"), List.of("CLUSTER", "RESET"),
                List.of("CLUSTER", "FORGET", "x"), List.of("CLUSTER", "ADDSLOTS", "1"), List.of("SUBSCRIBE", "x"))) {
            String reply = BackupTools.cli(dir, "localhost", source.get(1).port(), certificates.caCertificate(),
                    "kvstores-backup", BACKUP_PASSWORD, command.toArray(String[]::new));
            assertTrue(reply.contains("NOPERM"), command + " -> " + reply);
        }
        assertEquals("PONG", BackupTools.cli(dir, "localhost", source.get(1).port(), certificates.caCertificate(),
                "kvstores-backup", BACKUP_PASSWORD, "PING").strip());
        assertTrue(BackupTools.cli(dir, "localhost", source.get(1).port(), certificates.caCertificate(),
                "kvstores-backup", BACKUP_PASSWORD, "CLUSTER", "NODES").contains("master"));
    }

    @Test
    void a_wrong_age_key_cannot_restore_a_cluster_backup() throws Exception {
        String folder = backup();
        Path bin = dir.resolve("bin-wrong");
        BackupTools.restoreScriptOnPath(bin);
        Map<String, String> env = restoreEnv(dir.resolve("wrong"));
        env.put("AGE_IDENTITY_FILE", BackupFixtures.otherAgeKey(dir).toString());
        Path out = dir.resolve("wrong-out");
        BackupTools.Result result = BackupTools.run(List.of("bash", bin.resolve("worker-state-restore.sh").toString(),
                "dest:" + folder, out.toString()), env, dir, 60);
        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("not to the public key of"), result.stderr());
        assertFalse(Files.exists(out.resolve("shard-0").resolve("dump.rdb")), "nothing decrypted");
    }

    @Test
    void a_replaced_shard_object_fails_the_manifest_checksum_before_decryption() throws Exception {
        String folder = backup();
        String tampered = folder.substring(0, folder.lastIndexOf('/')) + "/2000-01-01T000000Z";
        rclone("copy", "dest:" + folder, "dest:" + tampered);
        Path other = BackupTools.write(dir, "other.age", "not the shard");
        rclone("copyto", other.toString(), "dest:" + tampered + "/shard-1.rdb.age");
        Path bin = dir.resolve("bin-tampered");
        BackupTools.restoreScriptOnPath(bin);
        BackupTools.Result result = BackupTools.run(List.of("bash", bin.resolve("worker-state-restore.sh").toString(),
                "dest:" + tampered, dir.resolve("tampered-out").toString()), restoreEnv(dir.resolve("t")), dir, 60);
        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("shard-1.rdb.age: sha256"), result.stderr());
        rclone("purge", "dest:" + tampered);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** Runs the job once (the first test to need it) and returns the dated folder it wrote. */
    private synchronized String backup() throws Exception {
        if (backupFolder == null) {
            Map<String, String> env = new LinkedHashMap<>(job.env());
            assertEquals("cluster", env.get("BACKUP_MODE"));
            assertEquals(BitnamiRedisWorkerStateStoreProps.BACKUP_USERNAME, env.get("REDIS_USER"));
            assertEquals("s3", env.get("RCLONE_CONFIG_DEST_TYPE"));
            String dest = env.get("BACKUP_DEST");
            assertEquals(BackupFixtures.BUCKET + "/kvstores/" + ENVIRONMENT + "/redis-state", dest);
            // The pods' names become the loopback name the test certificate carries; one node seeds the discovery.
            env.put("BACKUP_TARGETS", "localhost");
            env.put("REDIS_PORT", String.valueOf(source.get(2).port()));
            env.put("REDIS_PASSWORD_FILE", BackupTools.write(dir, "backup-password", BACKUP_PASSWORD).toString());
            env.put("REDIS_CA_FILE", certificates.caCertificate().toString());
            env.put("AGE_RECIPIENT_FILE", age.recipient().toString());
            Path work = dir.resolve("job-work");
            env.put("BACKUP_WORK_DIR", work.toString());
            env.put("HOME", work.toString());
            env.put("RCLONE_CONFIG", work.resolve("rclone.conf").toString());
            env.putAll(s3.remote());
            BackupTools.Result result = job.run(env, dir);
            result.requireSuccess();
            List<String> folders = rclone("lsf", "--dirs-only", "dest:" + dest).stdout().lines().toList();
            assertEquals(1, folders.size(), "one dated folder: " + folders);
            assertTrue(folders.get(0).matches("\\d{4}-\\d{2}-\\d{2}T\\d{6}Z/"), folders.get(0));
            List<String> objects = rclone("lsf", "dest:" + dest + "/" + folders.get(0)).stdout().lines().sorted()
                    .toList();
            assertEquals(List.of("manifest.json", "shard-0.rdb.age", "shard-1.rdb.age", "shard-2.rdb.age"), objects);
            backupFolder = dest + "/" + folders.get(0).replace("/", "");
        }
        return backupFolder;
    }

    private Map<String, String> restoreEnv(Path home) throws Exception {
        Files.createDirectories(home);
        Map<String, String> env = new LinkedHashMap<>(s3.remote());
        env.put("AGE_IDENTITY_FILE", age.identity().toString());
        env.put("HOME", home.toString());
        env.put("RCLONE_CONFIG", home.resolve("rclone.conf").toString());
        return env;
    }

    private BackupTools.Result rclone(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("rclone"));
        command.addAll(List.of(args));
        Map<String, String> env = new LinkedHashMap<>(s3.remote());
        env.put("RCLONE_CONFIG", dir.resolve("rclone-test.conf").toString());
        return BackupTools.run(command, env, dir, 60).requireSuccess();
    }

    /** A TLS cluster node announcing the host name {@code localhost}, as the chart's nodes announce their pods'. */
    private RedisServerProcess node(Path work, int busPort, boolean withBackupUser) {
        String auth = RedisServerProcess.quote(ADMIN_PASSWORD);
        RedisServerProcess.Builder builder = RedisServerProcess.redisServer(work).name(work.getFileName().toString())
                .roleConfig(RedisRoleConfig.workerState(512, true).toRedisConf())
                .tls(certificates)
                .line("cluster-enabled yes")
                .line("cluster-config-file nodes.conf")
                .line("cluster-port " + busPort)
                .line("tls-cluster yes")
                .line("cluster-announce-hostname localhost")
                .line("cluster-preferred-endpoint-type hostname")
                .line("repl-diskless-sync-delay 0")
                .line("requirepass " + auth)
                .line("masterauth " + auth);
        if (withBackupUser) {
            builder.line(userLine);
        }
        return builder.start();
    }

    /** Assigns the chart's slot ranges to the three primaries and introduces them to each other. */
    private void form(List<RedisServerProcess> primaries, List<Integer> bus) throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals("OK", cli(primaries.get(i), "CLUSTER", "ADDSLOTSRANGE", String.valueOf(CHART_SLOTS[i][0]),
                    String.valueOf(CHART_SLOTS[i][1])).strip());
        }
        for (int i = 1; i < 3; i++) {
            assertEquals("OK", cli(primaries.get(0), "CLUSTER", "MEET", RedisServerProcess.HOST,
                    String.valueOf(primaries.get(i).port()), String.valueOf(bus.get(i))).strip());
        }
        for (RedisServerProcess node : primaries) {
            await(node + " to report cluster_state:ok", () -> {
                String info = cli(node, "CLUSTER", "INFO");
                return info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:3");
            });
        }
    }

    /** 3000 strings across every slot range, and one key of each other type, some with a TTL, through -c. */
    private void populate() throws Exception {
        StringBuilder commands = new StringBuilder();
        for (int i = 1; i <= 3000; i++) {
            commands.append("SET job:").append(i).append(" step-").append(i).append('-').append("x".repeat(i % 40))
                    .append('\n');
        }
        commands.append("HSET run:42 state retrying attempt 3\n")
                .append("RPUSH queue:emails a b c\n")
                .append("SADD workers w1 w2\n")
                .append("ZADD schedule 1.5 job-a 2 job-b\n")
                .append("SET binary \"\\x00\\x01\\xff\\xc3\\xbc\"\n")
                .append("SET \"key with spaces\\nand a newline\" v\n")
                .append("SET session:expiring v EX 86400\n");
        Path file = BackupTools.write(dir, "populate.txt", commands.toString());
        BackupTools.Result result = BackupTools.run(List.of("redis-cli", "--no-auth-warning", "-c", "--tls",
                "--cacert", certificates.caCertificate().toString(), "-h", "localhost", "-p",
                String.valueOf(source.get(0).port())), Map.of("REDISCLI_AUTH", ADMIN_PASSWORD), dir, 120, file);
        result.requireSuccess();
        assertFalse(result.stdout().contains("ERR"), result.stdout());
        long total = 0;
        for (RedisServerProcess node : source) {
            long size = Long.parseLong(cli(node, "DBSIZE").strip());
            assertTrue(size > 900, node + " holds " + size + " keys");
            total += size;
        }
        assertEquals(3007, total);
    }

    private String digest(List<RedisServerProcess> primaries) throws Exception {
        List<String> lines = new ArrayList<>();
        for (RedisServerProcess node : primaries) {
            lines.addAll(BackupTools.digest(dir, "localhost", node.port(), certificates.caCertificate(), ADMIN_PASSWORD)
                    .lines().toList());
        }
        return lines.stream().sorted().collect(Collectors.joining("\n"));
    }

    private String cli(RedisServerProcess node, String... command) {
        try {
            return BackupTools.cli(dir, "localhost", node.port(), certificates.caCertificate(), null, ADMIN_PASSWORD,
                    command);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** How long a state may take to arrive: generous, as gossip and loading slow down on a busy machine. */
    private static final Duration AWAIT = Duration.ofSeconds(120);

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + AWAIT.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    private static String sha256Hex(String text) throws Exception {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
