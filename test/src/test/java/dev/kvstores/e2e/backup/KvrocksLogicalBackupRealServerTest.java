package dev.kvstores.e2e.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvstores.e2e.ShippedSynthesis;
import dev.kvstores.e2e.realserver.RedisServerProcess;
import dev.kvstores.e2e.realserver.TestCertificates;
import dev.kvstores.kubernetes.KvrocksWorkerStateStore;
import dev.kvstores.kubernetes.WorkerStateBackupProps;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The KVRocks Worker State backup (a logical export) of the shipped {@code kubernetes-kvrocks-dev} stack, run for
 * real, and the Azure Blob destination with it: the script exactly as the synthesized CronJob holds it, with the
 * CronJob's environment (mode, destination, rclone's {@code azureblob} remote: type and account, no endpoint) and
 * only the cluster's parts replaced (pod host name, port, mounted files, the account key the credentials Secret
 * holds) -> {@code SCAN}/{@code DUMP}/{@code PTTL} over TLS -> {@code age} -> {@code rclone} to
 * {@code https://acmebackups.blob.core.windows.net} (azurite with a certificate for that name, reached through a
 * local HTTPS proxy: only the network differs) -> the documented restore Job's script (download, sha256, decrypt,
 * {@code load}) -> a fresh server gets every key, value and TTL back.
 *
 * <p>The server is a real {@code redis-server} with a password only (as KVRocks runs: {@code requirepass}, no ACL
 * users), standing in for KVRocks, which has no package for this machine (no apt or npm package; its own test
 * suite is not run here): the export speaks only {@code SCAN}, {@code DUMP}, {@code PTTL}, {@code PING} and the
 * load only {@code RESTORE ... REPLACE [ABSTTL]}, which KVRocks implements (apache/kvrocks
 * {@code src/commands/cmd_server.cc}: {@code CommandDump}, {@code CommandRestore}; {@code src/storage/rdb/rdb.cc}:
 * string, list, set, sorted set and hash payloads). That KVRocks' own payloads load is not exercised here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KvrocksLogicalBackupRealServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STACK = "kubernetes-kvrocks-dev";
    private static final String PASSWORD = "kvr0cks pass:word@" + Long.toHexString(System.nanoTime());

    @TempDir
    static Path dir;

    private BackupTools.Job job;
    private TestCertificates certificates;
    private RedisServerProcess server;
    private BackupFixtures.AzureBlob azure;
    private BackupFixtures.AgeKeys age;
    private String folder;

    @BeforeAll
    void start() throws Exception {
        BackupFixtures.requireTools();
        JsonNode cronJobs = ShippedSynthesis.stack(STACK).path("resource").path("kubernetes_cron_job_v1");
        assertEquals(1, cronJobs.size(), "one backup CronJob in " + STACK);
        job = BackupTools.Job.of(cronJobs.elements().next());
        certificates = TestCertificates.create(dir.resolve("pki"), List.of("DNS:localhost", "IP:127.0.0.1"));
        server = RedisServerProcess.redisServer(dir.resolve("source")).name("kvrocks-stand-in").tls(certificates)
                .line("requirepass " + RedisServerProcess.quote(PASSWORD))
                .line("user reader on >reader-pass %R~* resetchannels -@all +scan +dump +pttl +ping")
                .line("user no-dump on >no-dump-pass %R~* resetchannels -@all +scan +pttl +ping")
                .start();
        assertEquals("2507", cli(server, "EVAL", "for i = 1, 2500 do redis.call('SET', 'workflow:' .. i, 'step-' .. i"
                + " .. '-' .. string.rep('x', i % 50)) end"
                + " redis.call('HSET', 'run:42', 'state', 'retrying', 'attempt', '3')"
                + " redis.call('RPUSH', 'queue:emails', 'a', 'b', 'c')"
                + " redis.call('SADD', 'workers', 'w1', 'w2')"
                + " redis.call('ZADD', 'schedule', 1.5, 'job-a', 2, 'job-b')"
                + " redis.call('SET', 'binary', '\\0\\1\\2\\255 \\195\\188')"
                + " redis.call('SET', 'key with spaces, \"quotes\"\\nand a newline', 'v')"
                + " redis.call('SET', 'session:expiring', 'v', 'EX', 86400)"
                + " return redis.call('DBSIZE')", "0").strip());
        azure = BackupFixtures.azureBlob();
        age = BackupFixtures.ageKeys();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    // ---- the proof --------------------------------------------------------------------------------------------

    @Test
    void the_export_goes_encrypted_to_azure_blob_and_a_fresh_server_gets_every_key_back() throws Exception {
        String dated = backup();
        assertTrue(azure.tunnels().contains(BackupFixtures.AZURE_ACCOUNT + ".blob.core.windows.net:443"),
                "rclone went to the production host name: " + azure.tunnels());
        JsonNode manifest = JSON.readTree(rclone("cat", "dest:" + dated + "/manifest.json").stdout());
        assertEquals("logical", manifest.path("mode").asText());
        assertEquals("kvrocks-state", manifest.path("store").asText());
        assertEquals(2507, manifest.path("keys").asInt());
        assertEquals(age.recipientKey(), manifest.path("recipient").asText(), "the manifest names the recipient");
        // The encrypted stream in parts of BACKUP_PART_BYTES, each listed with its sha256; together the whole.
        assertTrue(manifest.path("parts").size() > 1, "several parts: " + manifest.path("parts"));
        java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream();
        for (JsonNode part : manifest.path("parts")) {
            Path object = dir.resolve("downloaded-" + part.path("file").asText());
            rclone("copyto", "dest:" + dated + "/" + part.path("file").asText(), object.toString());
            assertEquals(part.path("sha256").asText(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(object))), part.toString());
            whole.write(Files.readAllBytes(object));
        }
        assertEquals(manifest.path("sha256").asText(),
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(whole.toByteArray())));
        String raw = whole.toString(StandardCharsets.ISO_8859_1);
        assertTrue(raw.startsWith("age-encryption.org/v1"), "an age file");
        assertFalse(raw.contains("RESTORE") || raw.contains("workflow:"), "no plain command or key name");

        // The documented restore Job, with the CronJob's remote, loading into a fresh server (KVRocks: the new pod).
        try (RedisServerProcess fresh = RedisServerProcess.redisServer(dir.resolve("fresh")).name("fresh")
                .tls(certificates).line("requirepass " + RedisServerProcess.quote(PASSWORD)).start()) {
            Path bin = dir.resolve("bin");
            BackupTools.restoreScriptOnPath(bin);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("RESTORE_SOURCE", "dest:" + job.env().get("BACKUP_DEST"));
            env.put("RESTORE_DATA_DIR", "");
            env.put("RESTORE_SHARD", "");
            env.put("RESTORE_HOST", "localhost");
            env.put("RESTORE_PORT", String.valueOf(fresh.port()));
            env.put("RESTORE_PASSWORD_FILE", BackupTools.write(dir, "store-password", PASSWORD).toString());
            env.put("REDIS_CA_FILE", certificates.caCertificate().toString());
            env.put("AGE_IDENTITY_FILE", age.identity().toString());
            Path home = Files.createDirectories(dir.resolve("restore-home"));
            env.put("HOME", home.toString());
            env.put("RCLONE_CONFIG", home.resolve("rclone.conf").toString());
            RestoreJobManifest restoreJob = RestoreJobManifest.load();
            Map<String, String> remote = cronJobRemote();
            restoreJob.env().keySet().stream().filter(k -> k.startsWith("RCLONE_CONFIG_DEST_"))
                    .forEach(k -> env.put(k, remote.getOrDefault(k, "")));
            env.putAll(remote);
            BackupTools.Result result = restoreJob.run(env, bin, dir).requireSuccess();
            assertTrue(result.stderr().contains("loaded 2507 keys"), result.stderr());
            String before = BackupTools.digest(dir, "localhost", server.port(), certificates.caCertificate(),
                    PASSWORD);
            assertEquals(2507, before.lines().count());
            assertEquals(before, BackupTools.digest(dir, "localhost", fresh.port(), certificates.caCertificate(),
                    PASSWORD), "every key, value and TTL is back");
            long ttl = Long.parseLong(BackupTools.cli(dir, "localhost", fresh.port(), certificates.caCertificate(),
                    null, PASSWORD, "TTL", "session:expiring").strip());
            assertTrue(ttl > 86000 && ttl <= 86400, "the absolute expiry is kept: " + ttl);
        }
    }

    @Test
    void the_job_uses_the_password_only_and_azure_blob_with_the_account_key_from_its_secret() {
        Map<String, String> env = job.env();
        assertEquals("logical", env.get("BACKUP_MODE"));
        assertNull(env.get("REDIS_USER"), "KVRocks has no ACL users");
        assertEquals(String.valueOf(KvrocksWorkerStateStore.TLS_PORT), env.get("REDIS_PORT"));
        assertEquals("azureblob", env.get("RCLONE_CONFIG_DEST_TYPE"));
        assertEquals(BackupFixtures.AZURE_ACCOUNT, env.get("RCLONE_CONFIG_DEST_ACCOUNT"));
        assertFalse(env.containsKey("RCLONE_CONFIG_DEST_ENDPOINT"), "the public endpoint");
        assertEquals(BackupFixtures.AZURE_CONTAINER + "/kvstores/" + STACK + "/kvrocks-state", env.get("BACKUP_DEST"));
        // The account key is a file of its Secret (CKV_K8S_35), which the script exports to rclone.
        assertNull(env.get("RCLONE_CONFIG_DEST_KEY"), "no Secret in the env spec");
        assertEquals("RCLONE_CONFIG_DEST_KEY=/secrets/cloud/account-key", env.get("BACKUP_SECRET_ENV_FILES"));
        String pod = job.container().toString();
        assertTrue(pod.contains("\"mount_path\":\"/secrets/cloud\""), pod);
        assertFalse(pod.contains("secret_key_ref"), pod);
    }

    @Test
    void the_export_needs_only_scan_dump_pttl_and_ping_and_such_a_user_cannot_write() throws Exception {
        for (List<String> command : List.of(List.of("SET", "workflow:1", "x"), List.of("GET", "workflow:1"),
                List.of("DEL", "workflow:1"), List.of("FLUSHALL"), List.of("CONFIG", "GET", "*"),
                List.of("RESTORE", "k", "0", "x"))) {
            String reply = BackupTools.cli(dir, "localhost", server.port(), certificates.caCertificate(), "reader",
                    "reader-pass", command.toArray(String[]::new));
            assertTrue(reply.contains("NOPERM"), command + " -> " + reply);
        }
        Map<String, String> env = jobEnv("reader", "reader-pass", "read-only-check");
        job.run(env, dir).requireSuccess();
        String dest = env.get("BACKUP_DEST");
        String dated = rclone("lsf", "--dirs-only", "dest:" + dest).stdout().strip().replace("/", "");
        JsonNode manifest = JSON.readTree(rclone("cat", "dest:" + dest + "/" + dated + "/manifest.json").stdout());
        assertEquals(2507, manifest.path("keys").asInt(), "every key, read with SCAN, DUMP and PTTL only");
    }

    @Test
    void a_failed_export_fails_the_job_and_leaves_no_backup_behind() throws Exception {
        Map<String, String> env = jobEnv("no-dump", "no-dump-pass", "failed-export");
        BackupTools.Result result = job.run(env, dir);
        assertNotEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stderr().contains("NOPERM"), result.stderr());
        assertTrue(result.stderr().contains("is incomplete (no manifest.json): a restore ignores it"),
                result.stderr());
        Map<String, String> remote = new LinkedHashMap<>(cronJobRemote());
        remote.put("RCLONE_CONFIG", dir.resolve("rclone-test.conf").toString());
        BackupTools.Result listing = BackupTools.run(List.of("rclone", "lsf", "-R", "dest:" + env.get("BACKUP_DEST")),
                remote, dir, 60);
        // The job cannot delete (create-only identity): what it wrote stays, but without manifest.json no restore
        // picks it.
        assertFalse(listing.stdout().contains("manifest.json"), "no folder a restore could pick: " + listing.stdout());
        Path bin = dir.resolve("bin-incomplete");
        BackupTools.restoreScriptOnPath(bin);
        Map<String, String> restoreEnv = new LinkedHashMap<>(remote);
        restoreEnv.put("AGE_IDENTITY_FILE", age.identity().toString());
        BackupTools.Result restore = BackupTools.run(List.of("bash", bin.resolve("worker-state-restore.sh").toString(),
                "dest:" + env.get("BACKUP_DEST"), dir.resolve("incomplete-out").toString()), restoreEnv, dir, 60);
        assertNotEquals(0, restore.exitCode());
        assertTrue(restore.stderr().contains("no backup (<stamp>/manifest.json)"), restore.stderr());
    }

    @Test
    void a_wrong_age_key_cannot_decrypt_the_export() throws Exception {
        String dated = backup();
        Path bin = dir.resolve("bin-wrong");
        BackupTools.restoreScriptOnPath(bin);
        Map<String, String> env = new LinkedHashMap<>(azure.remote());
        env.put("AGE_IDENTITY_FILE", BackupFixtures.otherAgeKey(dir).toString());
        env.put("RCLONE_CONFIG", dir.resolve("rclone-wrong.conf").toString());
        Path out = dir.resolve("wrong-out");
        BackupTools.Result result = BackupTools.run(List.of("bash", bin.resolve("worker-state-restore.sh").toString(),
                "dest:" + dated, out.toString()), env, dir, 60);
        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("not to the public key of"), "refused before any download: "
                + result.stderr());
        assertFalse(result.stderr().contains("downloading " + dated + "/restore-commands"), result.stderr());
        assertFalse(Files.exists(out.resolve("restore-commands.txt")), "nothing decrypted");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** Runs the job once as the CronJob would (password only) and returns the dated folder it wrote. */
    private synchronized String backup() throws Exception {
        if (folder == null) {
            Map<String, String> env = jobEnv(null, PASSWORD, null);
            job.run(env, dir).requireSuccess();
            String dest = env.get("BACKUP_DEST");
            List<String> folders = rclone("lsf", "--dirs-only", "dest:" + dest).stdout().lines().toList();
            assertEquals(1, folders.size(), "one dated folder: " + folders);
            List<String> objects = rclone("lsf", "dest:" + dest + "/" + folders.get(0)).stdout().lines().sorted()
                    .toList();
            assertEquals("manifest.json", objects.get(0), objects.toString());
            assertTrue(objects.size() > 2 && objects.subList(1, objects.size()).stream()
                    .allMatch(o -> o.matches("restore-commands\\.part-\\d{5}\\.age")), objects.toString());
            folder = dest + "/" + folders.get(0).replace("/", "");
        }
        return folder;
    }

    /**
     * The CronJob's environment with the cluster's parts replaced: the pod's name, port and mounted files; the
     * account key its Secret holds; the network to azurite. {@code user}: an ACL user instead of the password only;
     * {@code environment}: another path segment for checks that must not meet the main backup.
     */
    private Map<String, String> jobEnv(String user, String password, String environment) throws Exception {
        Map<String, String> env = new LinkedHashMap<>(job.env());
        env.put("BACKUP_TARGETS", "localhost");
        env.put("REDIS_PORT", String.valueOf(server.port()));
        if (user != null) {
            env.put("REDIS_USER", user);
        }
        env.put("REDIS_PASSWORD_FILE", BackupTools.write(dir, "password-" + System.nanoTime(), password).toString());
        env.put("REDIS_CA_FILE", certificates.caCertificate().toString());
        env.put("AGE_RECIPIENT_FILE", age.recipient().toString());
        // The environment file pins its own recipient; the test's key pair stands in for it.
        assertTrue(WorkerStateBackupProps.RECIPIENT.matcher(env.get("AGE_RECIPIENT_PINNED")).matches(),
                "the shipped file pins a recipient");
        env.put("AGE_RECIPIENT_PINNED", age.recipientKey());
        env.put("BACKUP_PART_BYTES", "65536");
        if (environment != null) {
            env.put("BACKUP_DEST", env.get("BACKUP_DEST").replace("/" + STACK + "/", "/" + environment + "/"));
        }
        Path work = dir.resolve("work-" + System.nanoTime());
        env.put("BACKUP_WORK_DIR", work.toString());
        env.put("HOME", work.toString());
        env.put("RCLONE_CONFIG", work.resolve("rclone.conf").toString());
        env.putAll(azure.network());
        // The credentials Secret, mounted at /secrets/cloud in the pod: the script exports its account-key file.
        Path cloud = Files.createDirectories(dir.resolve("cloud-secret-" + System.nanoTime()));
        BackupTools.write(cloud, "account-key", env.remove("RCLONE_CONFIG_DEST_KEY"));
        env.put("BACKUP_SECRET_ENV_FILES", env.get("BACKUP_SECRET_ENV_FILES").replace("/secrets/cloud", cloud.toString()));
        return env;
    }

    /** The CronJob's rclone remote (every RCLONE_CONFIG_DEST_* it sets) with the Secret's key and the network. */
    private Map<String, String> cronJobRemote() {
        Map<String, String> remote = new LinkedHashMap<>();
        job.env().forEach((k, v) -> {
            if (k.startsWith("RCLONE_CONFIG_DEST_") && v != null) {
                remote.put(k, v);
            }
        });
        remote.putAll(azure.network());
        return remote;
    }

    private BackupTools.Result rclone(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("rclone"));
        command.addAll(List.of(args));
        Map<String, String> env = new LinkedHashMap<>(cronJobRemote());
        env.put("RCLONE_CONFIG", dir.resolve("rclone-test.conf").toString());
        return BackupTools.run(command, env, dir, 60).requireSuccess();
    }

    private String cli(RedisServerProcess node, String... command) throws Exception {
        return BackupTools.cli(dir, "localhost", node.port(), certificates.caCertificate(), null, PASSWORD, command);
    }
}
