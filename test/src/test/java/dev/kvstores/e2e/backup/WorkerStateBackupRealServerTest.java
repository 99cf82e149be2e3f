package dev.kvstores.e2e.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.e2e.ShippedSynthesis;
import dev.kvstores.e2e.helm.HelmTemplate;
import dev.kvstores.e2e.realserver.RedisServerProcess;
import dev.kvstores.e2e.realserver.TestCertificates;
import dev.kvstores.kubernetes.BitnamiRedisWorkerStateStoreProps;
import dev.kvstores.kubernetes.WorkerStateBackup;
import dev.kvstores.role.RedisRoleConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Worker State backup of the shipped {@code kubernetes-prod} stack, run for real: the script exactly as the
 * synthesized {@code kubernetes_cron_job_v1} holds it ({@code bash -c <script>}), with the CronJob's own
 * environment except what only exists in the cluster (pod host names, ports, mounted file paths, and the S3
 * endpoint and keys of the emulator), against a real {@code redis-server} (TLS; ACL users exactly as the pinned
 * chart renders {@code users.acl} from the synthesized values) holding data, real {@code age}, real {@code rclone}
 * uploading to a real local S3 emulator (npm {@code s3rver}, run with node, shared with the other backup tests:
 * {@link BackupFixtures}) -> download -> decrypt -> a fresh
 * {@code redis-server} loads the RDB -> every key, value and TTL is back.
 *
 * <p>Tools: {@code redis-server}, {@code redis-cli}, {@code redis-check-rdb} (Debian redis-server, redis-tools),
 * {@code age}, {@code rclone} (Debian age, rclone), {@code node} and s3rver ({@code test/tools/s3rver.sh}); a
 * missing one fails the test on CI and skips it elsewhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerStateBackupRealServerTest {

    private static final String BUCKET = BackupFixtures.BUCKET;

    @TempDir
    static Path dir;

    private JsonNode cronJob;
    private String script;
    private Map<String, String> jobEnv;
    private String adminPassword;
    private String backupPassword;
    private String usersAcl;
    private TestCertificates certificates;
    private RedisServerProcess server;
    private int s3Port;
    private Path ageKey;
    private Path recipient;
    private Path passwordFile;

    @BeforeAll
    void start() throws Exception {
        for (String[] tool : new String[][] {{"redis-cli", "redis-tools"}, {"redis-check-rdb", "redis-tools"},
                {"age", "age"}, {"age-keygen", "age"}, {"rclone", "rclone"}, {"bash", "bash"}, {"node", "nodejs"}}) {
            RedisServerProcess.requireBinary(tool[0], tool[1]);
        }
        JsonNode stack = ShippedSynthesis.stack("kubernetes-prod");
        JsonNode cronJobs = stack.path("resource").path("kubernetes_cron_job_v1");
        assertEquals(1, cronJobs.size(), "one backup CronJob in kubernetes-prod");
        cronJob = cronJobs.elements().next();
        JsonNode container = cronJob.at("/spec/job_template/spec/template/spec/container/0");
        JsonNode command = container.path("command");
        assertEquals("bash", command.path(0).asText());
        assertEquals("-c", command.path(1).asText());
        script = command.path(2).asText();
        jobEnv = new LinkedHashMap<>();
        container.path("env").forEach(e -> jobEnv.put(e.path("name").asText(), e.path("value").asText(null)));

        // The worker state release, rendered by the pinned chart: users.acl as the pods get it.
        JsonNode release = HelmTemplate.helmReleases(stack).values().stream()
                .filter(r -> r.path("name").asText().equals("redis-state")).findFirst().orElseThrow();
        Map<String, String> secrets = HelmTemplate.testSecrets(release);
        adminPassword = secrets.get("auth.password");
        backupPassword = secrets.get("auth.acl.users[1].password");
        assertTrue(backupPassword != null, "the backup user's password is a set_sensitive value: " + secrets.keySet());
        usersAcl = HelmTemplate.render(release, secrets).configMapData("redis-state-configuration", "users.acl");
        assertTrue(usersAcl.contains("user " + BitnamiRedisWorkerStateStoreProps.BACKUP_USERNAME + " on #"), usersAcl);

        Path aclFile = dir.resolve("users.acl");
        Files.writeString(aclFile, usersAcl);
        certificates = TestCertificates.create(dir.resolve("tls"));
        server = RedisServerProcess.redisServer(dir.resolve("source")).name("worker-state").tls(certificates)
                .line("aclfile " + RedisServerProcess.quote(aclFile.toString()))
                .line("repl-diskless-sync-delay 0")
                .start();
        passwordFile = write("backup-password", backupPassword);
        ageKey = dir.resolve("age.key");
        run(List.of("age-keygen", "-o", ageKey.toString()), Map.of(), 10).requireSuccess();
        recipient = write("recipient", run(List.of("age-keygen", "-y", ageKey.toString()), Map.of(), 10)
                .requireSuccess().stdout().strip() + "\n");
        startS3rver();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void startS3rver() throws Exception {
        // Shared with the other backup tests (BackupFixtures): one emulator per test JVM.
        s3Port = BackupFixtures.s3().port();
    }

    // ---- the proof --------------------------------------------------------------------------------------------

    @Test
    void the_job_backs_up_encrypted_to_object_storage_and_a_fresh_server_gets_every_key_back() throws Exception {
        populate();
        String dest = jobEnv.get("BACKUP_DEST");
        assertEquals(BUCKET + "/kvstores/kubernetes-prod/redis-state", dest);
        // An old copy of the first layout: the job never deletes (retention is the bucket's), so it stays.
        upload("2020-01-01T031700Z.rdb.age", Instant.now().minus(400, ChronoUnit.DAYS));

        Result job = runJob(jobEnvironment(s3Endpoint()));
        job.requireSuccess();

        List<String> objects = List.of(rclone(List.of("lsf", "-R", "--files-only", "dest:" + dest), s3Endpoint())
                .requireSuccess().stdout().strip().split("\n"));
        assertTrue(objects.contains("2020-01-01T031700Z.rdb.age"), "the job deletes nothing: " + objects);
        List<String> folders = objects.stream().filter(o -> o.matches("\\d{4}-\\d{2}-\\d{2}T\\d{6}Z/.*"))
                .map(o -> o.substring(0, o.indexOf('/'))).distinct().toList();
        assertEquals(1, folders.size(), "one dated folder: " + objects);
        String folder = folders.get(0);
        assertTrue(objects.containsAll(List.of(folder + "/manifest.json", folder + "/snapshot.rdb.age")), objects.toString());
        JsonNode manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(rclone(List.of("cat",
                "dest:" + dest + "/" + folder + "/manifest.json"), s3Endpoint()).requireSuccess().stdout());
        assertEquals("replica", manifest.path("mode").asText());
        assertEquals("kvstores-worker-state-backup/2", manifest.path("format").asText());
        assertEquals(Files.readString(recipient).strip(), manifest.path("recipient").asText());
        assertEquals("snapshot.rdb.age", manifest.path("file").asText());
        assertTrue(manifest.path("keys").asInt() >= 1005, manifest.toString());

        Path encrypted = dir.resolve("download.rdb.age");
        rclone(List.of("copyto", "dest:" + dest + "/" + folder + "/snapshot.rdb.age", encrypted.toString()),
                s3Endpoint()).requireSuccess();
        assertEquals(manifest.path("sha256").asText(), java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(encrypted))));
        assertFalse(new String(Files.readAllBytes(encrypted), StandardCharsets.ISO_8859_1).contains("REDIS0"),
                "the object is not a plain RDB");
        // The restore script (as the library ships it) picks the newest dated snapshot, decrypts, verifies and
        // lays out the data directory; a fresh server with the worker state role configuration (AOF on) loads it.
        Path restoreDir = dir.resolve("restore");
        Path restoreScript = write("worker-state-restore.sh", WorkerStateBackup.restoreScript());
        Map<String, String> restoreEnv = emulator(s3Endpoint());
        restoreEnv.put("AGE_IDENTITY_FILE", ageKey.toString());
        restoreEnv.put("RCLONE_CONFIG", dir.resolve("rclone-restore.conf").toString());
        Result restore = run(List.of("bash", restoreScript.toString(), "dest:" + dest, restoreDir.toString()),
                restoreEnv, 60).requireSuccess();
        assertTrue(restore.stderr().contains("RDB looks OK"), restore.stderr());
        assertTrue(restore.stderr().contains(folder), "the newest complete backup: " + restore.stderr());

        try (RedisServerProcess fresh = RedisServerProcess.redisServer(dir.resolve("fresh")).name("restored")
                .roleConfig(RedisRoleConfig.workerState(1024, true).toRedisConf())
                .line("dir " + RedisServerProcess.quote(restoreDir.toString()))
                .start()) {
            assertEquals("appendonly\nyes", cli(fresh.port(), false, "default", null, "CONFIG", "GET", "appendonly")
                    .strip(), "AOF on, as the worker state store runs");
            String before = digest(server.port(), true);
            String after = digest(fresh.port(), false);
            assertTrue(before.lines().count() >= 1005, before.lines().count() + " keys");
            assertEquals(before, after, "every key and value is back");
            assertTrue(Long.parseLong(cli(fresh.port(), false, "default", null, "TTL", "session:expiring").strip()) > 0,
                    "the TTL is back");
        }
        Result wrongKey = run(List.of("bash", restoreScript.toString(), "dest:" + dest, dir.resolve("r2").toString()),
                Map.of("AGE_IDENTITY_FILE", write("not-the-key", "AGE-SECRET-KEY-1QQQ").toString(),
                        "RCLONE_CONFIG_DEST_TYPE", "s3", "RCLONE_CONFIG_DEST_PROVIDER", "Other",
                        "RCLONE_CONFIG_DEST_ENDPOINT", s3Endpoint(), "RCLONE_CONFIG_DEST_FORCE_PATH_STYLE", "true",
                        "RCLONE_CONFIG_DEST_ENV_AUTH", "true", "AWS_ACCESS_KEY_ID", "S3RVER",
                        "AWS_SECRET_ACCESS_KEY", "S3RVER", "RCLONE_CONFIG_DEST_REGION", "us-east-1"), 60);
        assertNotEquals(0, wrongKey.exitCode(), "restore with a wrong key fails");
        assertTrue(wrongKey.stderr().contains("not an age identity file"), wrongKey.stderr());
    }

    @Test
    void the_backup_user_can_neither_read_nor_write_keys() throws Exception {
        cli(server.port(), true, "default", adminPassword, "SET", "probe", "x");
        for (List<String> command : List.of(List.of("GET", "probe"), List.of("SET", "probe", "y"),
                List.of("KEYS", "*"), List.of("SCAN", "0"), List.of("FLUSHALL"), List.of("CONFIG", "GET", "*"),
                List.of("INFO"), List.of("ACL", "LIST"), List.of("REPLICAOF", "NO", "ONE"), List.of("SUBSCRIBE", "x"), List.of("EVAL", "return 1", "0"))) {
            String reply = cli(server.port(), true, BitnamiRedisWorkerStateStoreProps.BACKUP_USERNAME, backupPassword,
                    command.toArray(String[]::new));
            assertTrue(reply.contains("NOPERM"), command + " -> " + reply);
        }
        assertEquals("x", cli(server.port(), true, "default", adminPassword, "GET", "probe").strip());
        assertEquals("PONG", cli(server.port(), true, BitnamiRedisWorkerStateStoreProps.BACKUP_USERNAME,
                backupPassword, "PING").strip());
    }

    @Test
    void a_wrong_age_key_cannot_decrypt_a_backup() throws Exception {
        Path wrongKey = dir.resolve("wrong.key");
        run(List.of("age-keygen", "-o", wrongKey.toString()), Map.of(), 10).requireSuccess();
        Path plain = write("plain", "REDIS0010 worker state");
        Path encrypted = dir.resolve("plain.age");
        run(List.of("age", "-R", recipient.toString(), "-o", encrypted.toString(), plain.toString()), Map.of(), 10)
                .requireSuccess();
        Result wrong = run(List.of("age", "-d", "-i", wrongKey.toString(), encrypted.toString()), Map.of(), 10);
        assertNotEquals(0, wrong.exitCode());
        assertTrue(wrong.stderr().contains("no identity matched"), wrong.stderr());
        assertEquals("REDIS0010 worker state", run(List.of("age", "-d", "-i", ageKey.toString(),
                encrypted.toString()), Map.of(), 10).requireSuccess().stdout());
    }

    @Test
    void the_job_fails_when_the_upload_fails() throws Exception {
        int closed = RedisServerProcess.freePort();
        Map<String, String> env = jobEnvironment("http://127.0.0.1:" + closed);
        env.put("RCLONE_RETRIES", "1");
        env.put("RCLONE_LOW_LEVEL_RETRIES", "1");
        env.put("RCLONE_CONTIMEOUT", "2s");
        Result job = runJob(env);
        assertNotEquals(0, job.exitCode(), job.stderr());
        assertFalse(job.stderr().contains("backup: " + "done"), job.stderr());
    }

    @Test
    void the_job_fails_when_the_store_refuses_the_backup_user() throws Exception {
        Map<String, String> env = jobEnvironment(s3Endpoint());
        env.put("REDIS_PASSWORD_FILE", write("wrong-password", "not-the-password").toString());
        Result job = runJob(env);
        assertNotEquals(0, job.exitCode(), job.stderr());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private String s3Endpoint() {
        return "http://127.0.0.1:" + s3Port;
    }

    /**
     * The CronJob's environment, adapted to this machine: the pods' host names, port and mounted files become the
     * test server and files; the S3 remote gets the emulator's endpoint and keys (in the cluster: the AWS endpoint
     * and the IRSA role). Everything else (mode, user, destination path, retention, remote type) is the job's.
     */
    private Map<String, String> jobEnvironment(String endpoint) {
        Map<String, String> env = new LinkedHashMap<>(jobEnv);
        assertEquals("replica", env.get("BACKUP_MODE"));
        assertEquals(BitnamiRedisWorkerStateStoreProps.BACKUP_USERNAME, env.get("REDIS_USER"));
        assertEquals("s3", env.get("RCLONE_CONFIG_DEST_TYPE"));
        env.put("BACKUP_TARGETS", RedisServerProcess.HOST);
        env.put("REDIS_PORT", String.valueOf(server.port()));
        env.put("REDIS_PASSWORD_FILE", passwordFile.toString());
        env.put("REDIS_CA_FILE", certificates.caCertificate().toString());
        env.put("AGE_RECIPIENT_FILE", recipient.toString());
        // kubernetes-prod pins its recipient; the test's key pair stands in for the one in the environment file.
        assertTrue(dev.kvstores.kubernetes.WorkerStateBackupProps.RECIPIENT.matcher(env.get("AGE_RECIPIENT_PINNED"))
                .matches(), "production pins the recipient: " + env.get("AGE_RECIPIENT_PINNED"));
        env.put("AGE_RECIPIENT_PINNED", readRecipient());
        Path work = dir.resolve("work-" + System.nanoTime());
        env.put("BACKUP_WORK_DIR", work.toString());
        env.put("HOME", work.toString());
        env.put("RCLONE_CONFIG", work.resolve("rclone.conf").toString());
        env.putAll(emulator(endpoint));
        return env;
    }

    private String readRecipient() {
        try {
            return Files.readString(recipient).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> emulator(String endpoint) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("RCLONE_CONFIG_DEST_TYPE", "s3");
        env.put("RCLONE_CONFIG_DEST_PROVIDER", "Other");
        env.put("RCLONE_CONFIG_DEST_ENDPOINT", endpoint);
        env.put("RCLONE_CONFIG_DEST_FORCE_PATH_STYLE", "true");
        env.put("RCLONE_CONFIG_DEST_ENV_AUTH", "true");
        env.put("AWS_ACCESS_KEY_ID", "S3RVER");
        env.put("AWS_SECRET_ACCESS_KEY", "S3RVER");
        env.put("RCLONE_CONFIG_DEST_REGION", "us-east-1");
        return env;
    }

    private Result runJob(Map<String, String> env) throws Exception {
        Files.createDirectories(Path.of(env.get("BACKUP_WORK_DIR")));
        return run(List.of("bash", "-c", script, "worker-state-backup"), env, 120);
    }

    private Result rclone(List<String> args, String endpoint) throws Exception {
        List<String> command = new ArrayList<>(List.of("rclone"));
        command.addAll(args);
        Map<String, String> env = emulator(endpoint);
        env.put("RCLONE_CONFIG", dir.resolve("rclone-test.conf").toString());
        return run(command, env, 60);
    }

    private void upload(String name, Instant modified) throws Exception {
        Path file = write(name, "old copy");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        rclone(List.of("copyto", file.toString(), "dest:" + jobEnv.get("BACKUP_DEST") + "/" + name), s3Endpoint())
                .requireSuccess();
    }

    /** Strings, a hash, a list, a set, a sorted set, binary-safe values and a key with a TTL. */
    private void populate() throws Exception {
        cli(server.port(), true, "default", adminPassword, "EVAL",
                "for i = 1, 1000 do redis.call('SET', 'workflow:' .. i, 'step-' .. i .. '-' .. string.rep('x', i % 50)) end"
                        + " redis.call('HSET', 'run:42', 'state', 'retrying', 'attempt', '3')"
                        + " redis.call('RPUSH', 'queue:emails', 'a', 'b', 'c')"
                        + " redis.call('SADD', 'workers', 'w1', 'w2')"
                        + " redis.call('ZADD', 'schedule', 1.5, 'job-a', 2, 'job-b')"
                        + " redis.call('SET', 'binary', '\\0\\1\\2\\255 ü')"
                        + " redis.call('SET', 'session:expiring', 'v', 'EX', 86400)"
                        + " return redis.call('DBSIZE')", "0");
    }

    /**
     * Every key with its type and the SHA-1 of its value in a canonical form (hash fields and set members sorted;
     * DUMP is not canonical: a set's members come out in hash-table order, which a reload may change).
     */
    private String digest(int port, boolean tls) throws Exception {
        return cli(port, tls, "default", tls ? adminPassword : null, "EVAL",
                "local out = {} for _, k in ipairs(redis.call('KEYS', '*')) do"
                        + " local t = redis.call('TYPE', k)['ok'] local v"
                        + " if t == 'string' then v = {redis.call('GET', k)}"
                        + " elseif t == 'list' then v = redis.call('LRANGE', k, 0, -1)"
                        + " elseif t == 'set' then v = redis.call('SMEMBERS', k) table.sort(v)"
                        + " elseif t == 'zset' then v = redis.call('ZRANGE', k, 0, -1, 'WITHSCORES')"
                        + " elseif t == 'hash' then local h = redis.call('HGETALL', k) v = {}"
                        + "   for i = 1, #h, 2 do table.insert(v, h[i] .. '=' .. h[i + 1]) end table.sort(v)"
                        + " else v = {'unexpected type'} end"
                        + " table.insert(out, k .. ' ' .. t .. ' ' .. redis.sha1hex(table.concat(v, '\\0'))) end"
                        + " table.sort(out) return table.concat(out, '\\n')", "0");
    }

    private String cli(int port, boolean tls, String user, String password, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of("redis-cli", "--no-auth-warning", "-h", RedisServerProcess.HOST,
                "-p", String.valueOf(port)));
        if (tls) {
            args.addAll(List.of("--tls", "--cacert", certificates.caCertificate().toString()));
        }
        Map<String, String> env = new LinkedHashMap<>();
        if (password != null) {
            args.addAll(List.of("--user", user));
            env.put("REDISCLI_AUTH", password);
        }
        args.addAll(List.of(command));
        Result result = run(args, env, 30);
        return result.stdout() + result.stderr();
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    record Result(int exitCode, String stdout, String stderr, List<String> command) {
        Result requireSuccess() {
            assertEquals(0, exitCode, command.get(0) + " failed: " + stdout + stderr);
            return this;
        }
    }

    private Result run(List<String> command, Map<String, String> env, int timeoutSeconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        // The machine's CA bundle settings would make rclone's S3 client load a bundle meant for other tools.
        builder.environment().remove("AWS_CA_BUNDLE");
        builder.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " did not finish in " + timeoutSeconds + " s: "
                    + Files.readString(err));
        }
        try {
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err), command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
