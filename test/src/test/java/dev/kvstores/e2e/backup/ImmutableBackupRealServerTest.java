package dev.kvstores.e2e.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kvstores.e2e.ShippedSynthesis;
import dev.kvstores.e2e.realserver.RedisServerProcess;
import dev.kvstores.e2e.realserver.TestCertificates;
import dev.kvstores.kubernetes.BackupDestination;
import dev.kvstores.kubernetes.BackupRetention;
import dev.kvstores.kubernetes.BackupStorageType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups no one can erase, and backups that are ours, with the shipped {@code kubernetes-prod} CronJob's script and
 * environment, real {@code redis-server}, {@code age} and {@code rclone}, and the S3 emulator behind a gate that grants
 * only the job's documented writer policy ({@link S3WriteOnlyGate}):
 * <ul>
 *   <li>the job succeeds as a create-only identity, every request it makes is one that policy allows, and the same
 *       identity cannot delete, read or list;</li>
 *   <li>the restore refuses, before decrypting anything, a replaced object, an edited manifest and a backup
 *       encrypted to another recipient; the job refuses a recipient Secret that is not the pinned key.</li>
 * </ul>
 * What the emulator cannot show (Object Lock itself: s3rver has no Object Lock) is asserted on the synthesized
 * bucket configuration ({@code ImmutableBackupSynthesisTest}) and, for the in-cluster destination, printed as
 * commands by the report.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImmutableBackupRealServerTest {

    private static final String PASSWORD = "immutable-backup-test-password";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private BackupTools.Job job;
    private BackupFixtures.S3 s3;
    private BackupFixtures.AgeKeys age;
    private TestCertificates certificates;
    private RedisServerProcess server;
    private S3WriteOnlyGate gate;
    private String folder;

    @BeforeAll
    void start() throws Exception {
        BackupFixtures.requireTools();
        JsonNode cronJob = ShippedSynthesis.stack("kubernetes-prod").path("resource").path("kubernetes_cron_job_v1")
                .elements().next();
        job = BackupTools.Job.of(cronJob);
        s3 = BackupFixtures.s3();
        age = BackupFixtures.ageKeys();
        certificates = TestCertificates.create(dir.resolve("tls"));
        server = RedisServerProcess.redisServer(dir.resolve("source")).name("immutable").tls(certificates)
                .line("requirepass " + RedisServerProcess.quote(PASSWORD)).start();
        BackupTools.cli(dir, "localhost", server.port(), certificates.caCertificate(), null, PASSWORD, "EVAL",
                "for i = 1, 300 do redis.call('SET', 'workflow:' .. i, 'step-' .. i) end return 1", "0");
        // The job's folder in another environment segment, so no other test class meets these objects.
        folder = job.env().get("BACKUP_DEST").replace("/kubernetes-prod/", "/immutable-test/");
        gate = new S3WriteOnlyGate(s3.port(), folder);
    }

    @AfterAll
    void stop() {
        if (gate != null) {
            gate.close();
        }
        if (server != null) {
            server.close();
        }
    }

    // ---- a create-only identity ------------------------------------------------------------------------------

    @Test
    void the_documented_writer_policy_grants_only_object_creation_on_the_jobs_folder() throws Exception {
        BackupDestination destination = new BackupDestination(BackupStorageType.S3, BackupFixtures.BUCKET,
                "kvstores", "eu-west-1", null, null);
        JsonNode policy = JSON.readTree(BackupRetention.writerPermissions(destination, folder));
        assertEquals(1, policy.path("Statement").size(), policy.toString());
        JsonNode statement = policy.path("Statement").path(0);
        assertEquals("Allow", statement.path("Effect").asText());
        List<String> actions = new ArrayList<>();
        statement.path("Action").forEach(a -> actions.add(a.asText()));
        assertEquals(List.of("s3:PutObject", "s3:AbortMultipartUpload"), actions);
        assertEquals("arn:aws:s3:::" + folder + "/*", statement.path("Resource").asText());
        for (String forbidden : List.of("s3:DeleteObject", "s3:DeleteObjectVersion", "s3:GetObject", "s3:ListBucket",
                "s3:PutObjectRetention", "s3:BypassGovernanceRetention", "s3:PutLifecycleConfiguration", "s3:*")) {
            assertFalse(actions.contains(forbidden), forbidden);
        }
    }

    @Test
    void the_job_succeeds_as_a_create_only_identity_which_cannot_delete_read_or_list() throws Exception {
        String stamp = backup(age.recipient(), age.recipientKey(), "create-only");
        List<S3WriteOnlyGate.Request> requests = gate.requests();
        assertFalse(requests.isEmpty());
        for (S3WriteOnlyGate.Request request : requests) {
            assertTrue(request.allowed() && BackupRetention.S3_WRITER_ACTIONS.contains(request.action()),
                    "every request of the job is one the writer policy allows: " + request);
        }
        String dest = destFor("create-only");
        String object = "/" + dest + "/" + stamp + "/snapshot.rdb.age";
        // The same identity, used as an attacker would: every destructive or reading call is refused.
        Map<String, String> remote = gated();
        for (List<String> attempt : List.of(List.of("deletefile", "dest:" + dest + "/" + stamp + "/snapshot.rdb.age"),
                List.of("purge", "dest:" + dest), List.of("cat", "dest:" + dest + "/" + stamp + "/manifest.json"),
                List.of("lsf", "dest:" + dest))) {
            BackupTools.Result result = rclone(remote, attempt.toArray(String[]::new));
            assertNotEquals(0, result.exitCode(), attempt + " must fail: " + result.stdout());
        }
        // rclone looks before it deletes (HEAD, refused); a signed DeleteObject sent directly is refused too.
        BackupTools.Result delete = BackupTools.run(List.of("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}",
                "-X", "DELETE", "--aws-sigv4", "aws:amz:us-east-1:s3", "--user", "S3RVER:S3RVER",
                gate.endpoint() + object), Map.of(), dir, 30);
        assertEquals("403", delete.stdout().strip(), delete.stderr());
        assertTrue(gate.requests().stream().anyMatch(r -> r.method().equals("DELETE") && !r.allowed()
                && r.action().equals("s3:DeleteObject") && r.target().equals(object)), gate.requests().toString());
        // The object is still there (read with the emulator's own key, not the job's).
        assertEquals(0, rclone(s3.remote(), "lsf", "dest:" + dest + "/" + stamp + "/snapshot.rdb.age").exitCode());
    }

    // ---- authenticity --------------------------------------------------------------------------------------------

    @Test
    void the_job_refuses_a_recipient_secret_that_is_not_the_pinned_key() throws Exception {
        Path attacker = attackerRecipient();
        Map<String, String> env = jobEnv(attacker, age.recipientKey(), "swapped-secret", s3.remote());
        BackupTools.Result result = job.run(env, dir);
        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("is not the one the environment file pins"), result.stderr());
        assertTrue(rclone(s3.remote(), "lsf", "-R", "dest:" + destFor("swapped-secret")).stdout().isBlank(),
                "nothing uploaded");
    }

    @Test
    void a_malformed_recipient_is_refused_before_anything_is_copied() throws Exception {
        Path garbage = BackupTools.write(dir, "garbage-recipient", "AGE-SECRET-KEY-1NOTAPUBLICKEY\n");
        BackupTools.Result result = job.run(jobEnv(garbage, null, "malformed", s3.remote()), dir);
        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("does not hold one age recipient"), result.stderr());
        assertFalse(result.stderr().contains("NOTAPUBLICKEY"), "a private key is never echoed: " + result.stderr());
    }

    @Test
    void a_backup_encrypted_to_a_swapped_recipient_is_refused_before_download() throws Exception {
        // No pin (a stack without encryptionRecipient): whoever swapped the Secret gets backups only they can read.
        String stamp = backup(attackerRecipient(), null, "swapped-before");
        BackupTools.Result result = restore(destFor("swapped-before") + "/" + stamp, "swapped-out");
        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("the recipient was swapped when it was written"), result.stderr());
        assertFalse(result.stderr().contains("downloading"), "refused before any data is fetched: " + result.stderr());
    }

    @Test
    void a_replaced_object_or_an_edited_manifest_fails_before_decryption() throws Exception {
        String stamp = backup(age.recipient(), age.recipientKey(), "tamper");
        String dest = destFor("tamper");
        assertTrue(restore(dest + "/" + stamp, "genuine-out").stderr().contains("RDB looks OK"),
                "the genuine backup restores");

        // 1. The snapshot replaced by another age file (encrypted to our own key, so only the checksum can tell).
        String replaced = copyBackup(dest, stamp, "2000-01-01T000001Z");
        Path other = dir.resolve("other.rdb.age");
        BackupTools.run(List.of("age", "-R", age.recipient().toString(), "-o", other.toString(),
                BackupTools.write(dir, "other.rdb", "REDIS0011 not our data").toString()), Map.of(), dir, 10)
                .requireSuccess();
        rclone(s3.remote(), "copyto", other.toString(), "dest:" + replaced + "/snapshot.rdb.age").requireSuccess();
        BackupTools.Result result = restore(replaced, "replaced-out");
        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("snapshot.rdb.age: sha256"), result.stderr());
        assertFalse(Files.exists(dir.resolve("replaced-out").resolve("dump.rdb")), "nothing decrypted");

        // 2. The manifest edited (its checksum changed): it no longer matches the object.
        String edited = copyBackup(dest, stamp, "2000-01-01T000002Z");
        ObjectNode manifest = (ObjectNode) JSON.readTree(rclone(s3.remote(), "cat", "dest:" + edited
                + "/manifest.json").requireSuccess().stdout());
        manifest.put("sha256", "0".repeat(64));
        Path manifestFile = BackupTools.write(dir, "edited-manifest.json", manifest.toString());
        rclone(s3.remote(), "copyto", manifestFile.toString(), "dest:" + edited + "/manifest.json").requireSuccess();
        result = restore(edited, "edited-out");
        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("the manifest says " + "0".repeat(64)), result.stderr());
        assertFalse(Files.exists(dir.resolve("edited-out").resolve("dump.rdb")), "nothing decrypted");

        // 3. A manifest that is not JSON.
        String broken = copyBackup(dest, stamp, "2000-01-01T000003Z");
        rclone(s3.remote(), "copyto", BackupTools.write(dir, "broken.json", "{not json").toString(),
                "dest:" + broken + "/manifest.json").requireSuccess();
        result = restore(broken, "broken-out");
        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("is not JSON"), result.stderr());
    }

    @Test
    void a_wrong_key_is_refused_and_cannot_decrypt() throws Exception {
        String stamp = backup(age.recipient(), age.recipientKey(), "wrong-key");
        Path wrong = BackupFixtures.otherAgeKey(dir);
        Map<String, String> env = new LinkedHashMap<>(s3.remote());
        env.put("AGE_IDENTITY_FILE", wrong.toString());
        env.put("RCLONE_CONFIG", dir.resolve("rclone-restore.conf").toString());
        BackupTools.Result result = runRestore(destFor("wrong-key") + "/" + stamp, "wrong-out", env);
        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("not to the public key of"), result.stderr());
        // And age itself: the wrong key cannot open the object, whatever a manifest says.
        Path object = dir.resolve("wrong-key.rdb.age");
        rclone(s3.remote(), "copyto", "dest:" + destFor("wrong-key") + "/" + stamp + "/snapshot.rdb.age",
                object.toString()).requireSuccess();
        BackupTools.Result decrypt = BackupTools.run(List.of("age", "-d", "-i", wrong.toString(), object.toString()),
                Map.of(), dir, 10);
        assertNotEquals(0, decrypt.exitCode());
        assertTrue(decrypt.stderr().contains("no identity matched"), decrypt.stderr());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private String destFor(String segment) {
        return folder + "/" + segment;
    }

    /** Runs the job through the write-only gate into {@code destFor(segment)} and returns the dated folder's name. */
    private String backup(Path recipientFile, String pinned, String segment) throws Exception {
        Map<String, String> env = jobEnv(recipientFile, pinned, segment, gated());
        job.run(env, dir).requireSuccess();
        List<String> folders = rclone(s3.remote(), "lsf", "--dirs-only", "dest:" + destFor(segment)).requireSuccess()
                .stdout().lines().toList();
        assertEquals(1, folders.size(), folders.toString());
        return folders.get(0).replace("/", "");
    }

    private Map<String, String> jobEnv(Path recipientFile, String pinned, String segment, Map<String, String> remote)
            throws Exception {
        Map<String, String> env = new LinkedHashMap<>(job.env());
        assertEquals("replica", env.get("BACKUP_MODE"));
        assertEquals("true", env.get("RCLONE_CONFIG_DEST_NO_HEAD"), "no HEAD after an upload");
        env.put("BACKUP_TARGETS", "localhost");
        env.put("REDIS_PORT", String.valueOf(server.port()));
        env.remove("REDIS_USER");
        env.put("REDIS_PASSWORD_FILE", BackupTools.write(dir, "password", PASSWORD).toString());
        env.put("REDIS_CA_FILE", certificates.caCertificate().toString());
        env.put("AGE_RECIPIENT_FILE", recipientFile.toString());
        if (pinned == null) {
            env.remove("AGE_RECIPIENT_PINNED");
        } else {
            env.put("AGE_RECIPIENT_PINNED", pinned);
        }
        env.put("BACKUP_DEST", destFor(segment));
        Path work = dir.resolve("work-" + System.nanoTime());
        env.put("BACKUP_WORK_DIR", work.toString());
        env.put("HOME", work.toString());
        env.put("RCLONE_CONFIG", work.resolve("rclone.conf").toString());
        env.putAll(remote);
        return env;
    }

    /** The job's remote, but through the gate: the emulator seen by a create-only identity. */
    private Map<String, String> gated() {
        Map<String, String> remote = new LinkedHashMap<>(s3.remote());
        remote.put("RCLONE_CONFIG_DEST_ENDPOINT", gate.endpoint());
        remote.put("RCLONE_CONFIG", dir.resolve("rclone-gated.conf").toString());
        remote.put("RCLONE_RETRIES", "1");
        remote.put("RCLONE_LOW_LEVEL_RETRIES", "1");
        return remote;
    }

    private BackupTools.Result rclone(Map<String, String> remote, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("rclone"));
        command.addAll(List.of(args));
        Map<String, String> env = new LinkedHashMap<>(remote);
        env.putIfAbsent("RCLONE_CONFIG", dir.resolve("rclone-test.conf").toString());
        return BackupTools.run(command, env, dir, 60);
    }

    private String copyBackup(String dest, String stamp, String newStamp) throws Exception {
        String target = dest + "-copies/" + newStamp;
        rclone(s3.remote(), "copy", "dest:" + dest + "/" + stamp, "dest:" + target).requireSuccess();
        return target;
    }

    private BackupTools.Result restore(String source, String out) throws Exception {
        Map<String, String> env = new LinkedHashMap<>(s3.remote());
        env.put("AGE_IDENTITY_FILE", age.identity().toString());
        env.put("RCLONE_CONFIG", dir.resolve("rclone-restore.conf").toString());
        return runRestore(source, out, env);
    }

    private BackupTools.Result runRestore(String source, String out, Map<String, String> env) throws Exception {
        Path bin = dir.resolve("bin");
        if (!Files.exists(bin.resolve("worker-state-restore.sh"))) {
            BackupTools.restoreScriptOnPath(bin);
        }
        return BackupTools.run(List.of("bash", bin.resolve("worker-state-restore.sh").toString(), "dest:" + source,
                dir.resolve(out).toString()), env, dir, 60);
    }

    private Path attackerRecipient() throws Exception {
        Path key = dir.resolve("attacker-" + System.nanoTime() + ".key");
        BackupTools.run(List.of("age-keygen", "-o", key.toString()), Map.of(), dir, 10).requireSuccess();
        return BackupTools.write(dir, "attacker-recipient-" + System.nanoTime(), BackupTools.run(
                List.of("age-keygen", "-y", key.toString()), Map.of(), dir, 10).requireSuccess().stdout());
    }
}
