package dev.kvstores.e2e.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.Testing;
import com.hashicorp.cdktf.providers.helm.provider.HelmProvider;
import com.hashicorp.cdktf.providers.helm.provider.HelmProviderConfig;
import com.hashicorp.cdktf.providers.kubernetes.provider.KubernetesProvider;
import com.hashicorp.cdktf.providers.random_provider.provider.RandomProvider;
import dev.kvstores.e2e.realserver.RedisServerProcess;
import dev.kvstores.kubernetes.BackupDestination;
import dev.kvstores.kubernetes.BitnamiRedisWorkerStateStore;
import dev.kvstores.kubernetes.BitnamiRedisWorkerStateStoreProps;
import dev.kvstores.kubernetes.WorkerStateBackupProps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rclone remote each destination type gets from the synthesized CronJob, fed to the real {@code rclone}
 * (the version the job image pins) without a network (proxies pointing at a closed port, so any request would
 * fail): {@code rclone backend features dest:} builds the backend from the environment (options parsed,
 * credentials loaded) without a request, and its debug log names every variable the backend accepted
 * ({@code Setting <option>="<value>" for "dest" from environment variable ...}); variables the backend does not
 * know are not in it.
 *
 * <p>GCS has no emulator here (npm has none that rclone's GCS backend accepts without changing its endpoint):
 * this is all that is checked for GCS, not an upload. S3 and Azure Blob uploads run against s3rver and azurite in
 * the other backup tests.
 */
class BackupDestinationsRcloneTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    @BeforeAll
    static void tools() {
        RedisServerProcess.requireBinary("rclone", "rclone");
    }

    @Test
    void gcs_with_a_service_account_key_builds_offline_with_uniform_bucket_level_access() throws Exception {
        Map<String, String> env = cronJobEnv(WorkerStateBackupProps.builder()
                .destination(BackupDestination.gcs("acme-kvstores-backups")).credentialsSecretName("backup-gcs"));
        assertEquals("/secrets/cloud/service-account.json", env.get("GOOGLE_APPLICATION_CREDENTIALS"));
        env.put("GOOGLE_APPLICATION_CREDENTIALS", serviceAccountKey().toString());
        Backend backend = build(env);
        assertEquals("google cloud storage", backend.accepted().get("type"));
        assertEquals("true", backend.accepted().get("bucket_policy_only"), "uniform bucket-level access: no ACLs");
        // rclone 1.60's GCS backend has no env_auth option: without a key in its own config it takes Google's
        // application default credentials (GOOGLE_APPLICATION_CREDENTIALS here, the metadata server on GKE).
        assertFalse(backend.accepted().containsKey("env_auth"), backend.accepted().toString());
        assertEquals("dest", backend.features().path("Name").asText());
        assertTrue(backend.features().path("Features").path("BucketBased").asBoolean(), backend.features().toString());
    }

    @Test
    void gcs_with_workload_identity_sets_no_key_file_and_the_same_options() throws Exception {
        Map<String, String> env = cronJobEnv(WorkerStateBackupProps.builder()
                .destination(BackupDestination.gcs("acme-kvstores-backups"))
                .putWorkloadIdentityAnnotation("iam.gke.io/gcp-service-account",
                        "kvstores-backup@acme.iam.gserviceaccount.com"));
        assertFalse(env.containsKey("GOOGLE_APPLICATION_CREDENTIALS"), env.toString());
        // On GKE the metadata server answers; here a key file stands in for it so that rclone can build offline.
        env.put("GOOGLE_APPLICATION_CREDENTIALS", serviceAccountKey().toString());
        Backend backend = build(env);
        assertEquals(Map.of("type", "google cloud storage", "bucket_policy_only", "true", "no_check_bucket", "true"),
                backend.accepted(), "no bucket check: the job's identity may only create objects");
    }

    @Test
    void s3_with_irsa_builds_offline_for_aws_in_the_region() throws Exception {
        Map<String, String> env = cronJobEnv(WorkerStateBackupProps.builder()
                .destination(BackupDestination.s3("acme-kvstores-backups", "eu-west-1"))
                .putWorkloadIdentityAnnotation("eks.amazonaws.com/role-arn", "arn:aws:iam::1:role/b"));
        Backend backend = build(env);
        assertEquals("s3", backend.accepted().get("type"));
        assertEquals("AWS", backend.accepted().get("provider"));
        assertEquals("eu-west-1", backend.accepted().get("region"));
        assertEquals("true", backend.accepted().get("env_auth"), "IRSA through the AWS SDK's default chain");
        assertEquals("true", backend.accepted().get("no_check_bucket"), "the job may not create buckets");
        assertEquals("true", backend.accepted().get("no_head"), "no HEAD after an upload: no s3:GetObject");
        assertEquals("dest", backend.features().path("Name").asText());
    }

    @Test
    void azure_blob_with_an_account_key_builds_offline() throws Exception {
        Map<String, String> env = cronJobEnv(WorkerStateBackupProps.builder()
                .destination(BackupDestination.azureBlob("acmebackups", "kvstores-backups"))
                .credentialsSecretName("backup-azure"));
        env.put("RCLONE_CONFIG_DEST_KEY", Base64.getEncoder().encodeToString(new byte[64]));
        Backend backend = build(env);
        assertEquals("azureblob", backend.accepted().get("type"));
        assertEquals("acmebackups", backend.accepted().get("account"));
        assertTrue(backend.accepted().containsKey("key"), "the account key from the Secret");
        assertEquals("dest", backend.features().path("Name").asText());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** The plain-value environment of the CronJob a Sentinel store with {@code backup} synthesizes. */
    private static Map<String, String> cronJobEnv(WorkerStateBackupProps.Builder backup) throws Exception {
        App app = Testing.app();
        TerraformStack stack = new TerraformStack(app, "test");
        new KubernetesProvider(stack, "Kubernetes");
        new HelmProvider(stack, "Helm", HelmProviderConfig.builder().build());
        new RandomProvider(stack, "Random");
        new BitnamiRedisWorkerStateStore(stack, "WorkerState", BitnamiRedisWorkerStateStoreProps.builder()
                .namespace("redis-state").addAllowedNamespace("suprsend").storageClass("ssd").createNamespace(false)
                .backup(backup.environmentName("prod").encryptionKeySecretName("kvstores-backup-age")
                        .image("registry.example.com/kvstores/worker-state-backup:1.0.0").build())
                .build());
        JsonNode cronJob = JSON.readTree(Testing.synth(stack, true)).path("resource").path("kubernetes_cron_job_v1")
                .elements().next();
        Map<String, String> env = new LinkedHashMap<>(BackupTools.Job.of(cronJob).env());
        env.values().removeIf(java.util.Objects::isNull);
        Path home = Files.createDirectories(dir.resolve("home-" + System.nanoTime()));
        env.put("HOME", home.toString());
        env.put("RCLONE_CONFIG", home.resolve("rclone.conf").toString());
        // No network: every request would go to a closed port.
        String closed = "http://127.0.0.1:" + RedisServerProcess.freePort();
        env.put("HTTPS_PROXY", closed);
        env.put("HTTP_PROXY", closed);
        env.put("NO_PROXY", "");
        return env;
    }

    /** What rclone built: the options it accepted from the environment, and the backend's features. */
    record Backend(Map<String, String> accepted, JsonNode features) {
    }

    private static final Pattern SETTING = Pattern.compile(
            "Setting ([a-z_]+)=\"([^\"]*)\" for \"dest\" from environment variable RCLONE_CONFIG_DEST_[A-Z_]+");

    private static Backend build(Map<String, String> env) throws Exception {
        BackupTools.Result result = BackupTools.run(List.of("rclone", "backend", "features", "dest:", "-vv"), env, dir,
                30).requireSuccess();
        Map<String, String> accepted = new java.util.TreeMap<>();
        Matcher m = SETTING.matcher(result.stderr());
        while (m.find()) {
            accepted.put(m.group(1), m.group(2));
        }
        return new Backend(accepted, JSON.readTree(result.stdout()));
    }

    /** A syntactically valid service-account key file for a made-up account (a fresh RSA key). */
    private static Path serviceAccountKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        ObjectNode key = JSON.createObjectNode()
                .put("type", "service_account")
                .put("project_id", "acme-kvstores")
                .put("private_key_id", "0123456789abcdef")
                .put("private_key", pem)
                .put("client_email", "kvstores-backup@acme-kvstores.iam.gserviceaccount.com")
                .put("client_id", "1234567890")
                .put("token_uri", "https://oauth2.googleapis.com/token");
        return BackupTools.write(dir, "service-account.json", JSON.writeValueAsString(key));
    }
}
