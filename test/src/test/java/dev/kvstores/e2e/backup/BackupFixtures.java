package dev.kvstores.e2e.backup;

import dev.kvstores.e2e.realserver.RedisServerProcess;
import dev.kvstores.e2e.realserver.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Shared, expensive fixtures of the backup tests, started once per test JVM on first use and stopped at its exit:
 * the S3 emulator (npm {@code s3rver}, {@link #s3()}), the Azure Blob emulator (npm {@code azurite} behind TLS and an
 * HTTPS proxy, {@link #azureBlob()}), an age key pair ({@link #ageKeys()}), and the tool check. Each test class uses
 * its own bucket or container path, so they do not see each other's objects.
 */
final class BackupFixtures {

    /** The bucket every S3 test writes to (the shipped environments' bucket name). */
    static final String BUCKET = "acme-kvstores-backups";
    /** The Azure storage account and container of the shipped Azure Blob destination. */
    static final String AZURE_ACCOUNT = "acmebackups";
    static final String AZURE_CONTAINER = "kvstores-backups";

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static Path dir;
    private static S3 s3;
    private static AzureBlob azure;
    private static AgeKeys ageKeys;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(p -> {
            p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }), "backup-fixtures-reaper"));
    }

    private BackupFixtures() {
    }

    /** The tools the backup and restore scripts run; a missing one fails on CI and skips elsewhere. */
    static void requireTools() {
        for (String[] tool : new String[][] {{"redis-cli", "redis-tools"}, {"redis-check-rdb", "redis-tools"},
                {"redis-server", "redis-server"}, {"age", "age"}, {"age-keygen", "age"}, {"rclone", "rclone"},
                {"jq", "jq"}, {"bash", "bash"}, {"awk", "mawk"}, {"sha256sum", "coreutils"}, {"node", "nodejs"}}) {
            RedisServerProcess.requireBinary(tool[0], tool[1]);
        }
    }

    private static synchronized Path dir() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("kvstores-backup-fixtures-");
            Path root = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(root)));
        }
        return dir;
    }

    // ---- S3 ---------------------------------------------------------------------------------------------------

    /** The local S3 emulator, with {@link #BUCKET}. */
    record S3(int port) {
        String endpoint() {
            return "http://127.0.0.1:" + port;
        }

        /** The rclone remote {@code dest} on the emulator (in the cluster: the AWS endpoint and the IRSA role). */
        Map<String, String> remote() {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("RCLONE_CONFIG_DEST_TYPE", "s3");
            env.put("RCLONE_CONFIG_DEST_PROVIDER", "Other");
            env.put("RCLONE_CONFIG_DEST_ENDPOINT", endpoint());
            env.put("RCLONE_CONFIG_DEST_FORCE_PATH_STYLE", "true");
            env.put("RCLONE_CONFIG_DEST_ENV_AUTH", "true");
            env.put("AWS_ACCESS_KEY_ID", "S3RVER");
            env.put("AWS_SECRET_ACCESS_KEY", "S3RVER");
            env.put("RCLONE_CONFIG_DEST_REGION", "us-east-1");
            return env;
        }
    }

    static synchronized S3 s3() throws Exception {
        if (s3 == null) {
            Path entry = installed("kvstores.s3rverPathFile", "test/target/s3rver.path", "s3rver",
                    "bash test/tools/s3rver.sh");
            Path storage = Files.createDirectories(dir().resolve("s3"));
            int port = RedisServerProcess.freePort();
            Path log = dir().resolve("s3rver.log");
            Process process = start(new ProcessBuilder("node", entry.toString(), "--address", "127.0.0.1", "--port",
                    String.valueOf(port), "--directory", storage.toString(), "--configure-bucket", BUCKET), log);
            awaitLog(process, log, "listening", "s3rver");
            s3 = new S3(port);
        }
        return s3;
    }

    // ---- Azure Blob --------------------------------------------------------------------------------------------

    /**
     * Azurite's Blob service serving the storage account {@link #AZURE_ACCOUNT} (its own key) over HTTPS with a
     * certificate for {@code acmebackups.blob.core.windows.net}, reached through a local HTTPS (CONNECT) proxy that
     * sends every tunnel to it: rclone then talks to the production URL {@code https://<account>.blob.core.windows.net}
     * exactly as the CronJob configures it (account, key, no endpoint), and only the network differs.
     *
     * @param accountKey the account's key (base64), what the credentials Secret's {@code account-key} holds
     * @param proxyPort  the CONNECT proxy ({@code HTTPS_PROXY=http://127.0.0.1:<port>})
     * @param caFile     the CA of azurite's certificate ({@code RCLONE_CA_CERT})
     * @param tunnels    the CONNECT targets the proxy saw (host:port)
     */
    record AzureBlob(String accountKey, int proxyPort, Path caFile, List<String> tunnels) {
        /** What the test adds to the CronJob's environment: the Secret's key, the proxy and the CA. */
        Map<String, String> network() {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("RCLONE_CONFIG_DEST_KEY", accountKey);
            env.put("HTTPS_PROXY", "http://127.0.0.1:" + proxyPort);
            env.put("https_proxy", "http://127.0.0.1:" + proxyPort);
            env.put("NO_PROXY", "");
            env.put("RCLONE_CA_CERT", caFile.toString());
            return env;
        }

        /** The CronJob's Azure remote (type, account) with {@link #network()}. */
        Map<String, String> remote() {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("RCLONE_CONFIG_DEST_TYPE", "azureblob");
            env.put("RCLONE_CONFIG_DEST_ACCOUNT", AZURE_ACCOUNT);
            env.put("RCLONE_CONFIG_DEST_ENV_AUTH", "true");
            env.putAll(network());
            return env;
        }
    }

    static synchronized AzureBlob azureBlob() throws Exception {
        if (azure == null) {
            Path entry = installed("kvstores.azuritePathFile", "test/target/azurite.path", "azurite",
                    "bash test/tools/azurite.sh");
            Path work = Files.createDirectories(dir().resolve("azurite"));
            String host = AZURE_ACCOUNT + ".blob.core.windows.net";
            TestCertificates tls = TestCertificates.create(work.resolve("pki"), List.of("DNS:" + host));
            byte[] key = new byte[64];
            new java.security.SecureRandom().nextBytes(key);
            String accountKey = Base64.getEncoder().encodeToString(key);
            int port = RedisServerProcess.freePort();
            Path log = work.resolve("azurite.log");
            ProcessBuilder builder = new ProcessBuilder("node", entry.toString(), "--blobHost", "127.0.0.1",
                    "--blobPort", String.valueOf(port), "--location", work.resolve("data").toString(),
                    "--cert", tls.serverCertificate().toString(), "--key", tls.serverKey().toString(),
                    "--skipApiVersionCheck", "--loose", "--disableTelemetry");
            builder.environment().put("AZURITE_ACCOUNTS", AZURE_ACCOUNT + ":" + accountKey);
            Process process = start(builder, log);
            awaitLog(process, log, "successfully listen", "azurite");
            List<String> tunnels = java.util.Collections.synchronizedList(new ArrayList<>());
            int proxyPort = connectProxy(port, tunnels);
            azure = new AzureBlob(accountKey, proxyPort, tls.caCertificate(), tunnels);
            Map<String, String> env = new LinkedHashMap<>(azure.remote());
            env.put("RCLONE_CONFIG_DEST_KEY", accountKey);
            env.put("RCLONE_CONFIG", work.resolve("rclone.conf").toString());
            BackupTools.run(List.of("rclone", "mkdir", "dest:" + AZURE_CONTAINER), env, work, 60).requireSuccess();
        }
        return azure;
    }

    /**
     * A minimal HTTPS proxy: answers {@code CONNECT host:port} with 200 and pipes the tunnel to azurite's port on
     * loopback, whatever the host (the cluster's DNS and routing, in one place). Daemon threads; closed with the JVM.
     */
    private static int connectProxy(int targetPort, List<String> tunnels) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Thread t = new Thread(() -> tunnel(client, targetPort, tunnels), "connect-proxy-tunnel");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "connect-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
        return server.getLocalPort();
    }

    private static void tunnel(Socket client, int targetPort, List<String> tunnels) {
        try (client) {
            InputStream in = client.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.append((char) b);
            }
            String[] request = head.toString().split("\r\n")[0].split(" ");
            OutputStream out = client.getOutputStream();
            if (request.length < 2 || !"CONNECT".equals(request[0])) {
                out.write("HTTP/1.1 405 Method Not Allowed\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            tunnels.add(request[1]);
            try (Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread back = new Thread(() -> pipe(target, client), "connect-proxy-back");
                back.setDaemon(true);
                back.start();
                pipe(client, target);
                back.join(5000);
            }
        } catch (IOException | InterruptedException e) {
            // the tunnel ends with either side
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // closed
        }
    }

    // ---- age ---------------------------------------------------------------------------------------------------

    /** An age key pair: the private key file (offline, with the operators) and the recipient file (in the cluster). */
    record AgeKeys(Path identity, Path recipient) {
        /** The recipient itself ({@code age1...}). */
        String recipientKey() {
            try {
                return Files.readString(recipient).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static synchronized AgeKeys ageKeys() throws Exception {
        if (ageKeys == null) {
            Path keys = Files.createDirectories(dir().resolve("age"));
            Path identity = keys.resolve("age.key");
            BackupTools.run(List.of("age-keygen", "-o", identity.toString()), Map.of(), keys, 10).requireSuccess();
            Path recipient = keys.resolve("recipient");
            Files.writeString(recipient, BackupTools.run(List.of("age-keygen", "-y", identity.toString()), Map.of(),
                    keys, 10).requireSuccess().stdout().strip() + "\n");
            ageKeys = new AgeKeys(identity, recipient);
        }
        return ageKeys;
    }

    /** A second, unrelated age key: the wrong one. */
    static Path otherAgeKey(Path dir) throws Exception {
        Path wrong = dir.resolve("wrong-" + System.nanoTime() + ".key");
        BackupTools.run(List.of("age-keygen", "-o", wrong.toString()), Map.of(), dir, 10).requireSuccess();
        return wrong;
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static Path installed(String property, String fallback, String what, String script) throws IOException {
        Path pathFile = Path.of(System.getProperty(property, fallback));
        if (!Files.isRegularFile(pathFile)) {
            throw RedisServerProcess.missingPrerequisite(what + " not installed (" + pathFile + " missing): run "
                    + script + ", which needs npm and the npm registry");
        }
        return Path.of(Files.readString(pathFile).strip());
    }

    private static Process start(ProcessBuilder builder, Path log) throws IOException {
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LIVE.add(process);
        return process;
    }

    private static void awaitLog(Process process, Path log, String marker, String what) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!Files.readString(log).contains(marker)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                throw new IllegalStateException(what + " did not start: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    private static void deleteQuietly(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort at JVM exit
        }
    }
}
