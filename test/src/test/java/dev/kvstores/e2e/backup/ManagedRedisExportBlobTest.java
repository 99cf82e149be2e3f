package dev.kvstores.e2e.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvstores.e2e.ShippedSynthesis;
import dev.kvstores.e2e.realserver.RedisServerProcess;
import dev.kvstores.e2e.realserver.TestCertificates;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Azure Managed Redis backup's storage side, with real tools: the {@code sasUri} exactly as the synthesized
 * {@code azure-prod} export action builds it (its Terraform reference replaced by the emulator's blob endpoint and its
 * two Logic Apps expressions by their values: a UTC stamp and a service SAS with the parameters the synthesized
 * {@code ListServiceSas} action asks for, signed as "Create a service SAS" (version 2020-12-06 and later) describes)
 * writes into its dated directory of a real Azure Storage emulator (npm azurite, over HTTPS with a test CA, via
 * {@code curl}); the same token cannot list the container, write elsewhere, and a read-only one cannot write. Then the
 * restore procedure of docs/platform-azure.md with a read SAS: list the store's directory, take the newest export,
 * download it with {@code curl}, {@code gunzip}, {@code redis-check-rdb}, and a fresh {@code redis-server} loads it
 * with every key. What cannot run here: Logic Apps and Managed Redis themselves (the export and import APIs), so the
 * exported file is an RDB written by {@code redis-server} and gzip-compressed as Managed Redis exports are.
 */
class ManagedRedisExportBlobTest {

    /** Azurite's built-in account and key (public: https://learn.microsoft.com/azure/storage/common/storage-use-azurite). */
    private static final String ACCOUNT = "devstoreaccount1";
    private static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final String SAS_VERSION = "2021-08-06";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Process azurite;
    private int port;
    private TestCertificates certificates;
    private final List<RedisServerProcess> servers = new ArrayList<>();

    @BeforeEach
    void startAzurite() throws Exception {
        RedisServerProcess.requireBinary("curl", "curl");
        RedisServerProcess.requireBinary("gzip", "gzip");
        RedisServerProcess.requireBinary("node", "nodejs");
        Path entry = azuriteEntry();
        certificates = TestCertificates.create(dir.resolve("tls"));
        port = RedisServerProcess.freePort();
        Path log = dir.resolve("azurite.log");
        azurite = new ProcessBuilder("node", entry.toString(), "--blobHost", "127.0.0.1", "--blobPort",
                String.valueOf(port), "--cert", certificates.serverCertificate().toString(), "--key",
                certificates.serverKey().toString(), "--location", Files.createDirectories(dir.resolve("blob"))
                .toString(), "--silent", "--skipApiVersionCheck", "--disableTelemetry")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plusSeconds(60);
        while (!listening(port)) {
            if (!azurite.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("azurite did not start: " + Files.readString(log));
            }
            Thread.sleep(200);
        }
    }

    @AfterEach
    void stop() throws Exception {
        servers.forEach(RedisServerProcess::close);
        if (azurite != null) {
            azurite.destroy();
            if (!azurite.waitFor(10, TimeUnit.SECONDS)) {
                azurite.destroyForcibly();
            }
        }
    }

    /** The azurite entry script: kvstores.azuritePathFile if the build wrote it, else test/tools/azurite.sh. */
    private static Path azuriteEntry() throws Exception {
        Path pathFile = Path.of(System.getProperty("kvstores.azuritePathFile", "test/target/azurite.path"));
        if (Files.isRegularFile(pathFile)) {
            return Path.of(Files.readString(pathFile).strip());
        }
        Path script = ShippedSynthesis.PROJECT.resolve("test/tools/azurite.sh");
        Process p = new ProcessBuilder("bash", script.toString()).redirectError(ProcessBuilder.Redirect.PIPE).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0 || out.isEmpty()) {
            throw RedisServerProcess.missingPrerequisite("azurite (the Azure Storage emulator) could not be installed"
                    + " by test/tools/azurite.sh, which needs npm: " + err);
        }
        return Path.of(out);
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String endpoint() {
        return "https://127.0.0.1:" + port + "/" + ACCOUNT + "/";
    }

    // ---- what azure-prod synthesizes ----------------------------------------------------------------------------

    private static JsonNode action(String name) throws Exception {
        for (JsonNode a : ShippedSynthesis.stack("azure-prod").path("resource").path("azurerm_logic_app_action_custom")) {
            if (a.path("name").asText().equals(name)) {
                return JSON.readTree(a.path("body").asText());
            }
        }
        throw new AssertionError("azure-prod has no Logic App action " + name);
    }

    /**
     * The export's {@code sasUri} for a run at {@code at} with {@code token}: the synthesized template, its blob
     * endpoint reference replaced by the emulator's and its two expressions by their values; nothing else changes.
     */
    private String sasUri(Instant at, String token) throws Exception {
        String template = action("ExportDatabase").path("inputs").path("body").path("sasUri").asText();
        Matcher endpoint = Pattern.compile("^\\$\\{azurerm_storage_account\\.[A-Za-z0-9_]+\\.primary_blob_endpoint\\}")
                .matcher(template);
        assertTrue(endpoint.find(), template);
        String uri = endpoint.replaceFirst(Matcher.quoteReplacement(endpoint()))
                .replace("@{formatDateTime(utcNow(), 'yyyy-MM-ddTHHmmssZ')}", STAMP.format(at))
                .replace("@{body('ListServiceSas')?['serviceSasToken']}", token);
        assertFalse(uri.contains("@{") || uri.contains("${"), "every expression evaluated: " + uri);
        return uri;
    }

    /** The token listServiceSas returns for the synthesized request body (with another expiry, or permissions). */
    private String exportToken(String permissions) throws Exception {
        JsonNode body = action("ListServiceSas").path("inputs").path("body");
        String resource = body.path("canonicalizedResource").asText();
        assertTrue(resource.matches("/blob/[a-z0-9]+/[a-z0-9-]+"), resource);
        String container = resource.substring(resource.lastIndexOf('/') + 1);
        assertEquals("c", body.path("signedResource").asText());
        assertEquals("https", body.path("signedProtocol").asText());
        return serviceSas(container, permissions == null ? body.path("signedPermission").asText() : permissions,
                "https", Instant.now().plus(4, ChronoUnit.HOURS));
    }

    private static String container() throws Exception {
        String resource = action("ListServiceSas").path("inputs").path("body").path("canonicalizedResource").asText();
        return resource.substring(resource.lastIndexOf('/') + 1);
    }

    // ---- the proof ------------------------------------------------------------------------------------------------

    /**
     * {@code minimalExportSas: true}: the SAS the workflow then mints ({@code cw}) writes the dated export and can
     * neither delete, read nor list it. With the documented {@code racwd} the emulator lets the same token delete: it
     * does not model immutability policies, so that a delete through the documented SAS leaves an immutable version
     * is what only a real storage account can show (docs/platform-azure.md, Backups and restore).
     */
    @Test
    void the_minimal_export_sas_writes_the_dated_export_and_cannot_delete_read_or_list_it() throws Exception {
        String container = container();
        createContainer(container);
        String minimal = exportToken("cw");
        String uri = sasUri(Instant.parse("2026-11-29T03:17:00Z"), minimal);
        String blob = insertFile(uri, "export.rdb.gz");
        assertEquals(201, put(blob, snapshot(Map.of("workflow:1", "step-1"))), "the export writes");
        String[] parts = blob.split("\\?", 2);
        assertEquals(403, curl("DELETE", blob, null, null), "a delete with the export SAS fails");
        assertEquals(403, curl("GET", blob, null, null), "a read with the export SAS fails");
        assertEquals(403, curl("GET", endpoint() + container + "?restype=container&comp=list&" + minimal, null, null),
                "a listing with the export SAS fails");
        String admin = serviceSas(container, "rl", "https", Instant.now().plus(1, ChronoUnit.HOURS));
        assertTrue(list(container, parts[0].substring(parts[0].indexOf("/" + container + "/") + container.length() + 2),
                admin).size() == 1, "the export is still there");
        // The documented permissions: the emulator lets the delete through (it has no immutability policies).
        String documented = exportToken(null);
        assertTrue(documented.contains("&sp=racwd&"), documented.replaceAll("sig=.*", "sig=..."));
        String other = insertFile(sasUri(Instant.parse("2026-11-30T03:17:00Z"), documented), "export.rdb.gz");
        assertEquals(201, put(other, snapshot(Map.of("workflow:2", "step-2"))));
        assertEquals(202, curl("DELETE", other, null, null), "azurite models the SAS, not the immutability policy");
    }

    @Test
    void the_workflows_sas_uri_writes_dated_exports_and_the_restore_procedure_brings_every_key_back() throws Exception {
        String container = container();
        createContainer(container);
        String token = exportToken(null);

        // Two nights: an older export with other data, then the newest; the restore must take the newest.
        Map<String, String> older = Map.of("workflow:old", "stale");
        Map<String, String> newest = new TreeMap<>();
        for (int i = 0; i < 200; i++) {
            newest.put("workflow:" + i, "step-" + (i * 7));
        }
        Instant first = Instant.parse("2026-11-27T03:17:00Z");
        Instant second = Instant.parse("2026-11-28T03:17:00Z");
        exportInto(sasUri(first, token), "export.rdb.gz", snapshot(older));
        exportInto(sasUri(second, token), "export.rdb.gz", snapshot(newest));

        // The export's token is container-scoped and write-only in effect: no listing, no other container.
        assertEquals(403, curl("GET", endpoint() + container + "?restype=container&comp=list&" + token, null, null));
        createContainer("other-container");
        String elsewhere = sasUri(second, token).replace("/" + container + "/", "/other-container/");
        assertEquals(403, put(insertFile(elsewhere, "export.rdb.gz"), snapshot(older)));
        // The emulator checks the signature: the same token with one more permission letter is refused.
        assertTrue(token.contains("&sp=racwd&"), "the synthesized permissions");
        assertEquals(403, put(insertFile(sasUri(second, token.replace("&sp=racwd&", "&sp=racwdl&")), "y.rdb.gz"),
                snapshot(older)));
        // Without create/write in the token (a read-only SAS) nothing is written.
        assertEquals(403, put(insertFile(sasUri(second, exportToken("r")), "x.rdb.gz"), snapshot(older)));

        // The restore procedure (docs/platform-azure.md), with a read+list SAS for the container.
        String read = serviceSas(container, "rl", "https", Instant.now().plus(2, ChronoUnit.HOURS));
        String directory = sasUri(second, token).substring(endpoint().length() + container.length() + 1,
                sasUri(second, token).lastIndexOf('/') + 1);
        List<String> blobs = list(container, directory, read);
        assertEquals(List.of(directory + STAMP.format(first) + "/export.rdb.gz",
                directory + STAMP.format(second) + "/export.rdb.gz"), blobs);
        String newestBlob = blobs.stream().sorted().reduce((a, b) -> b).orElseThrow();
        Path restore = Files.createDirectories(dir.resolve("restore"));
        assertEquals(200, curl("GET", endpoint() + container + "/" + newestBlob + "?" + read, null,
                restore.resolve("export.rdb.gz")));
        run(restore, "gzip", "-d", "export.rdb.gz");
        Files.move(restore.resolve("export.rdb"), restore.resolve("dump.rdb"));
        String check = run(restore, "redis-check-rdb", "dump.rdb");
        assertTrue(check.contains("RDB looks OK!"), check);

        // A fresh self-hosted server (the last resort when no Managed Redis can import it) loads the snapshot.
        Path freshDir = dir.resolve("fresh");
        Files.createDirectories(freshDir.resolve("data"));
        Files.copy(restore.resolve("dump.rdb"), freshDir.resolve("data").resolve("dump.rdb"));
        RedisServerProcess fresh = RedisServerProcess.redisServer(freshDir).name("restored")
                .line("dbfilename dump.rdb").line("appendonly no").start();
        servers.add(fresh);
        assertEquals(String.valueOf(newest.size()), cli(fresh, "DBSIZE"));
        for (Map.Entry<String, String> e : newest.entrySet()) {
            assertEquals(e.getValue(), cli(fresh, "GET", e.getKey()), e.getKey());
        }
        assertEquals("", cli(fresh, "GET", "workflow:old"), "the older export is not the one restored");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    /** An RDB of {@code data} from a real redis-server, gzip-compressed (Managed Redis exports .gz block blobs). */
    private byte[] snapshot(Map<String, String> data) throws Exception {
        Path work = Files.createTempDirectory(dir, "source");
        RedisServerProcess server = RedisServerProcess.redisServer(work).name("source").line("appendonly no").start();
        servers.add(server);
        for (Map.Entry<String, String> e : data.entrySet()) {
            cli(server, "SET", e.getKey(), e.getValue());
        }
        assertEquals("OK", cli(server, "SAVE"));
        Path rdb = server.dataDir().resolve("dump.rdb");
        assertTrue(Files.isRegularFile(rdb), "no dump.rdb in " + server.dataDir());
        run(server.dataDir(), "gzip", "-k", "dump.rdb");
        return Files.readAllBytes(server.dataDir().resolve("dump.rdb.gz"));
    }

    private void exportInto(String sasUri, String file, byte[] content) throws Exception {
        assertEquals(201, put(insertFile(sasUri, file), content), "write with the workflow's SAS URI");
    }

    /** {@code <directory>?<token>} as {@code <directory>/<file>?<token>}: a blob the export writes there. */
    private static String insertFile(String sasUri, String file) {
        int q = sasUri.indexOf('?');
        return sasUri.substring(0, q) + "/" + file + sasUri.substring(q);
    }

    private int put(String url, byte[] content) throws Exception {
        Path body = Files.createTempFile(dir, "blob", ".bin");
        Files.write(body, content);
        return curl("PUT", url, body, null);
    }

    private List<String> list(String container, String prefix, String token) throws Exception {
        Path out = dir.resolve("list.xml");
        assertEquals(200, curl("GET", endpoint() + container + "?restype=container&comp=list&prefix="
                + URLEncoder.encode(prefix, StandardCharsets.UTF_8) + "&" + token, null, out));
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("<Name>([^<]+)</Name>").matcher(Files.readString(out));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * Creates a container (Terraform's job in Azure) with an account SAS ("Create an account SAS", string-to-sign of
     * version 2020-12-06 and later: https://learn.microsoft.com/rest/api/storageservices/create-account-sas).
     */
    private void createContainer(String name) throws Exception {
        String se = DateTimeFormatter.ISO_INSTANT.format(Instant.now().plus(1, ChronoUnit.HOURS)
                .truncatedTo(ChronoUnit.SECONDS));
        String toSign = String.join("\n", ACCOUNT, "c", "b", "c", "", se, "", "https", SAS_VERSION, "", "");
        String token = "sv=" + SAS_VERSION + "&ss=b&srt=c&sp=c&se=" + enc(se) + "&spr=https&sig=" + enc(sign(toSign));
        assertEquals(201, curl("PUT", endpoint() + name + "?restype=container&" + token, null, null), "create " + name);
    }

    /** HTTP status of a curl request (the token stays out of the assertion messages). */
    private int curl(String method, String url, Path upload, Path download) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--cacert", certificates.caCertificate().toString(),
                "-X", method, "-o", download == null ? "/dev/null" : download.toString(), "-w", "%{http_code}",
                "-H", "x-ms-version: " + SAS_VERSION));
        if (upload != null) {
            cmd.addAll(List.of("-H", "x-ms-blob-type: BlockBlob", "--data-binary", "@" + upload));
        }
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "curl timed out");
        return Integer.parseInt(out.substring(Math.max(0, out.length() - 3)));
    }

    private String cli(RedisServerProcess server, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(RedisServerProcess.requireBinary("redis-cli", "redis-tools")
                .toString(), "-p", String.valueOf(server.port())));
        cmd.addAll(List.of(args));
        return run(dir, cmd.toArray(String[]::new)).strip();
    }

    private static String run(Path workDir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
        return out;
    }

    /**
     * A container service SAS signed with the account key, as the Storage RP's listServiceSas signs it ("Create a
     * service SAS", string-to-sign of version 2020-12-06 and later:
     * https://learn.microsoft.com/rest/api/storageservices/create-service-sas).
     */
    private static String serviceSas(String container, String permissions, String protocol, Instant expiry)
            throws Exception {
        String se = DateTimeFormatter.ISO_INSTANT.format(expiry.truncatedTo(ChronoUnit.SECONDS));
        String toSign = String.join("\n", permissions, "", se, "/blob/" + ACCOUNT + "/" + container, "", "",
                protocol, SAS_VERSION, "c", "", "", "", "", "", "", "");
        return "sv=" + SAS_VERSION + "&sr=c&sp=" + permissions + "&se=" + enc(se) + "&spr=" + protocol + "&sig="
                + enc(sign(toSign));
    }

    private static String sign(String toSign) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(KEY), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
