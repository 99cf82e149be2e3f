package dev.kvstores.e2e.backup;

import dev.kvstores.kubernetes.BackupRetention;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP gate in front of the S3 emulator that grants exactly the documented writer policy of the in-cluster
 * backup job ({@link BackupRetention#S3_WRITER_ACTIONS} on one folder): each request is mapped to the IAM action S3
 * authorizes it with (S3 API reference, "Actions, resources and condition keys for Amazon S3"), forwarded when that
 * action is granted on that key, and answered {@code 403 AccessDenied} otherwise, as S3 answers a role without the
 * action. s3rver itself accepts every request with its key; this gate is what makes the emulator a write-only identity.
 * Every request and its action are recorded.
 */
final class S3WriteOnlyGate implements AutoCloseable {

    /** One request: method, path and query, the IAM action it needs, and whether the gate let it through. */
    record Request(String method, String target, String action, boolean allowed) {
    }

    private final ServerSocket server;
    private final String upstreamHost;
    private final int upstreamPort;
    private final String folder;
    private final Set<String> granted;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    /**
     * @param upstreamPort the emulator's port on 127.0.0.1
     * @param folder       {@code <bucket>/<path>}: the policy's resource is {@code arn:aws:s3:::<folder>/*}
     */
    S3WriteOnlyGate(int upstreamPort, String folder) throws IOException {
        this.upstreamHost = "127.0.0.1";
        this.upstreamPort = upstreamPort;
        this.folder = folder;
        this.granted = Set.copyOf(BackupRetention.S3_WRITER_ACTIONS);
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        pool.submit(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    pool.submit(() -> serve(client));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The IAM action S3 checks for a path-style request (bucket in the path). */
    static String action(String method, String path, String query) {
        String q = query == null ? "" : query;
        boolean object = path.replaceAll("^/+", "").contains("/");
        if (!object) {
            return switch (method) {
                case "GET" -> q.contains("uploads") ? "s3:ListBucketMultipartUploads"
                        : q.contains("versions") ? "s3:ListBucketVersions" : "s3:ListBucket";
                case "HEAD" -> "s3:ListBucket";
                case "PUT" -> "s3:CreateBucket";
                case "DELETE" -> "s3:DeleteBucket";
                case "POST" -> q.contains("delete") ? "s3:DeleteObject" : "s3:PutObject";
                default -> "unknown:" + method;
            };
        }
        return switch (method) {
            case "PUT" -> q.contains("retention") ? "s3:PutObjectRetention"
                    : q.contains("legal-hold") ? "s3:PutObjectLegalHold"
                    : q.contains("acl") ? "s3:PutObjectAcl" : q.contains("tagging") ? "s3:PutObjectTagging"
                    : "s3:PutObject"; // PutObject, UploadPart (and the copy source needs s3:GetObject elsewhere)
            case "POST" -> "s3:PutObject"; // CreateMultipartUpload, CompleteMultipartUpload
            case "GET" -> q.contains("uploadId") ? "s3:ListMultipartUploadParts"
                    : q.contains("versionId") ? "s3:GetObjectVersion" : "s3:GetObject";
            case "HEAD" -> "s3:GetObject";
            case "DELETE" -> q.contains("uploadId") ? "s3:AbortMultipartUpload"
                    : q.contains("versionId") ? "s3:DeleteObjectVersion" : "s3:DeleteObject";
            default -> "unknown:" + method;
        };
    }

    /**
     * One request per connection: the head is parsed for the decision, then head and body go upstream byte for byte
     * (the SigV4 signature covers the Host header the client sent, so nothing signed is changed; only
     * {@code Connection} becomes {@code close}), and the answer comes back until the emulator closes.
     */
    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < 4 && (b = in.read()) != -1) {
                head.write(b);
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            if (matched < 4) {
                return;
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            String[] requestLine = lines[0].split(" ");
            String method = requestLine[0];
            URI uri = URI.create(requestLine[1]);
            long length = 0;
            StringBuilder forwarded = new StringBuilder(lines[0]).append("\r\n");
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i];
                String name = line.substring(0, Math.max(0, line.indexOf(':'))).trim().toLowerCase(Locale.ROOT);
                if (name.equals("content-length")) {
                    length = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
                if (name.equals("transfer-encoding")) {
                    throw new IOException("chunked requests are not handled by this gate: " + lines[0]);
                }
                if (!name.equals("connection") && !name.isEmpty()) {
                    forwarded.append(line).append("\r\n");
                }
            }
            forwarded.append("Connection: close\r\n\r\n");
            byte[] body = in.readNBytes((int) length);
            String action = action(method, uri.getRawPath(), uri.getRawQuery());
            String key = uri.getPath().replaceAll("^/+", "");
            boolean allowed = granted.contains(action) && key.startsWith(folder + "/");
            requests.add(new Request(method, requestLine[1], action, allowed));
            OutputStream out = client.getOutputStream();
            if (!allowed) {
                byte[] denied = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code>"
                        + "<Message>not authorized to perform " + action + "</Message></Error>")
                        .getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 403 Forbidden\r\nContent-Type: application/xml\r\nContent-Length: "
                        + denied.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                if (!"HEAD".equals(method)) {
                    out.write(denied);
                }
                out.flush();
                return;
            }
            try (Socket upstream = new Socket(upstreamHost, upstreamPort)) {
                OutputStream up = upstream.getOutputStream();
                up.write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
                up.write(body);
                up.flush();
                upstream.getInputStream().transferTo(out);
                out.flush();
            }
        } catch (IOException e) {
            // the client sees a closed connection, and retries or fails
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
        pool.shutdownNow();
    }
}
