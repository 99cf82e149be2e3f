package dev.kvstores.e2e.realserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private CA and a server certificate it signed (SAN {@code IP:127.0.0.1}, {@code DNS:localhost}), made
 * with the {@code openssl} CLI in a test directory. Clients must trust {@link #caCertificate()}: the JDK's
 * default trust store does not know this CA, just as it does not know a chart's self-signed CA.
 *
 * @param caCertificate     PEM of the CA certificate (what the connection Secret's CA bundle holds)
 * @param serverCertificate PEM of the server certificate
 * @param serverKey         PEM of the server's private key
 */
public record TestCertificates(Path caCertificate, Path serverCertificate, Path serverKey) {

    /** Creates the CA and the server certificate in {@code dir} (EC P-256 keys, valid for two days). */
    public static TestCertificates create(Path dir) {
        return create(dir, List.of("IP:127.0.0.1", "DNS:localhost"));
    }

    /**
     * Like {@link #create(Path)}, with exactly {@code subjectAltNames} (OpenSSL syntax: {@code DNS:name},
     * {@code IP:address}) in the server certificate, e.g. the names a store requests from cert-manager.
     */
    public static TestCertificates create(Path dir, List<String> subjectAltNames) {
        if (subjectAltNames.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one subject alternative name");
        }
        Path openssl = RedisServerProcess.requireBinary("openssl", "openssl");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("server.ext"), String.join("\n",
                    "basicConstraints=critical,CA:FALSE",
                    "keyUsage=critical,digitalSignature",
                    // clientAuth too: a TLS cluster bus always checks the connecting node's certificate
                    "extendedKeyUsage=serverAuth,clientAuth",
                    "subjectAltName=" + String.join(",", subjectAltNames),
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(dir, openssl.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=kvstores e2e test CA");
        run(dir, openssl.toString(), "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
        run(dir, openssl.toString(), "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "server.ext");
        run(dir, openssl.toString(), "verify", "-CAfile", "ca.pem", "server.pem");
        return new TestCertificates(dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server.key"));
    }

    private static void run(Path dir, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        try {
            Process process = new ProcessBuilder(args).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("openssl did not finish: " + args);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("openssl failed (" + process.exitValue() + "): " + args + "\n"
                        + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + args, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
