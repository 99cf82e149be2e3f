package dev.kvstores.e2e.realserver;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * One real {@code redis-server} (or {@code redis-sentinel}) process for a test, started from a config file
 * written to a test directory: the library's rendered role configuration verbatim, followed by test-only
 * lines ({@code daemonize no}, {@code bind 127.0.0.1}, a free loopback port, {@code dir}, {@code logfile},
 * and optional TLS / authentication lines).
 *
 * <p>{@link #close()} always stops the process (SIGTERM, then SIGKILL); {@link #kill()} SIGKILLs it to
 * simulate a crash. A JVM shutdown hook SIGKILLs whatever a test could not stop, so no server outlives the
 * test run.
 *
 * <p>Layout of the work directory: {@code redis.conf}, {@code redis.log}, {@code stdout.log} and
 * {@code data/} (the server's {@code dir}, so a test can see exactly which files the server wrote).
 */
public final class RedisServerProcess implements AutoCloseable {

    /** The loopback address every test server binds. */
    public static final String HOST = "127.0.0.1";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final String SERVER_READY = "Ready to accept connections";
    private static final String SENTINEL_READY = "Sentinel ID is";

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final Set<Integer> HANDED_OUT_PORTS = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "redis-server-process-reaper"));
    }

    private final String name;
    private final Path binary;
    private final boolean sentinel;
    private final Path workDir;
    private final Path configFile;
    private final Path dataDir;
    private final Path logFile;
    private final Path stdoutFile;
    private final int port;
    private final boolean tls;
    private Process process;

    private RedisServerProcess(String name, Path binary, boolean sentinel, Path workDir, int port, boolean tls) {
        this.name = name;
        this.binary = binary;
        this.sentinel = sentinel;
        this.workDir = workDir;
        this.configFile = workDir.resolve(sentinel ? "sentinel.conf" : "redis.conf");
        this.dataDir = workDir.resolve("data");
        this.logFile = workDir.resolve(sentinel ? "sentinel.log" : "redis.log");
        this.stdoutFile = workDir.resolve("stdout.log");
        this.port = port;
        this.tls = tls;
    }

    /** SIGKILLs {@code process} when the JVM exits, if it is still running (for helper processes of tests). */
    static Process killOnJvmExit(Process process) {
        LIVE.add(process);
        process.onExit().thenRun(() -> LIVE.remove(process));
        return process;
    }

    /** A {@code redis-server} in {@code workDir} (created if missing; one work directory per server). */
    public static Builder redisServer(Path workDir) {
        return new Builder(workDir, false);
    }

    /** A {@code redis-sentinel} in {@code workDir} (created if missing; one work directory per sentinel). */
    public static Builder sentinel(Path workDir) {
        return new Builder(workDir, true);
    }

    /**
     * The executable {@code binary} from {@code PATH}. When it is missing the test fails on CI ({@code CI}
     * set) and is skipped elsewhere, with a message naming the Debian package that provides it.
     */
    public static Path requireBinary(String binary, String debianPackage) {
        Optional<Path> found = findOnPath(binary);
        if (found.isPresent()) {
            return found.get();
        }
        throw missingPrerequisite(binary + " not found: install the Debian package " + debianPackage
                + " (see .ci/run)");
    }

    /**
     * A test's prerequisite is missing: fails on CI ({@code CI} set) and skips elsewhere, with {@code message}.
     * Use as {@code throw missingPrerequisite(...)}.
     */
    public static AssertionError missingPrerequisite(String message) {
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
            fail(message);
        }
        Assumptions.abort(message);
        return new AssertionError(message); // not reached
    }

    static Optional<Path> findOnPath(String binary) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, binary);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * A TCP port on the loopback interface that nothing listens on right now and that this JVM has not handed out
     * before (the kernel may offer a port again as soon as it is closed, before the process it was chosen for binds
     * it). Another process may still take it first: the starters retry on "address already in use".
     */
    public static int freePort() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                socket.setReuseAddress(true);
                if (HANDED_OUT_PORTS.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free loopback port", e);
            }
        }
    }

    /**
     * A {@code redis.conf} string argument in double quotes, so values with spaces or special characters
     * (passwords) reach the server unchanged.
     */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    /** The port clients connect to (the TLS port when TLS is on; then there is no plain-text port). */
    public int port() {
        return port;
    }

    public String host() {
        return HOST;
    }

    public boolean tls() {
        return tls;
    }

    /** The server's {@code dir}: where it writes RDB and AOF files. */
    public Path dataDir() {
        return dataDir;
    }

    public Path configFile() {
        return configFile;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Crash: SIGKILL, no shutdown work (no final save, no AOF flush beyond what the kernel already has). */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit(STOP_TIMEOUT);
    }

    /** Graceful stop: SIGTERM (what Redis treats like a plain {@code SHUTDOWN}), waiting for the exit. */
    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!awaitExit(STOP_TIMEOUT)) {
            kill();
        }
    }

    /**
     * Waits for the process to end by itself (e.g. after a {@code SHUTDOWN} command).
     *
     * @return true when it ended in time
     */
    public boolean awaitExit(Duration timeout) {
        if (process == null) {
            return true;
        }
        try {
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (exited) {
                LIVE.remove(process);
            }
            return exited;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts the server again with the same config file, port and data directory (after a stop or kill). */
    public RedisServerProcess restart() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is still running; stop or kill it first");
        }
        launch();
        return this;
    }

    @Override
    public void close() {
        stop();
        if (process != null) {
            LIVE.remove(process);
        }
    }

    @Override
    public String toString() {
        return name + " on " + HOST + ":" + port + (tls ? " (TLS)" : "");
    }

    private void launch() {
        long logOffset = size(logFile);
        try {
            ProcessBuilder builder = new ProcessBuilder(binary.toString(), configFile.toString())
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(stdoutFile.toFile()));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + binary, e);
        }
        LIVE.add(process);
        awaitReady(logOffset);
    }

    private void awaitReady(long logOffset) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String marker = sentinel ? SENTINEL_READY : SERVER_READY;
        while (true) {
            String log = readFrom(logFile, logOffset);
            if (log.contains(marker) && acceptsConnections()) {
                return;
            }
            if (!process.isAlive()) {
                LIVE.remove(process);
                throw new ServerStartException(name + " exited with code " + process.exitValue()
                        + " before it was ready.\n--- stdout ---\n" + hideCredentials(tail(readFrom(stdoutFile, 0)))
                        + "\n--- log ---\n" + hideCredentials(tail(log)),
                        log.contains("Address already in use"));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                awaitExit(STOP_TIMEOUT);
                throw new IllegalStateException(name + " was not ready within " + START_TIMEOUT.toSeconds()
                        + " s.\n--- log ---\n" + hideCredentials(tail(log)));
            }
            sleep(20);
        }
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Hides lines that may echo a password: on a config error Redis prints the offending line, which for
     * {@code requirepass}, {@code masterauth}, {@code sentinel auth-pass} or an ACL {@code user} holds one.
     */
    static String hideCredentials(String text) {
        return text.lines()
                .map(line -> CREDENTIAL_LINE.matcher(line).find() ? "[line hidden: it may contain a password]" : line)
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private static final java.util.regex.Pattern CREDENTIAL_LINE =
            java.util.regex.Pattern.compile("(?i)requirepass|masterauth|auth-pass|\\buser\\b");

    private static String tail(String text) {
        String[] lines = text.split("\n");
        int from = Math.max(0, lines.length - 30);
        return String.join("\n", java.util.Arrays.asList(lines).subList(from, lines.length));
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String readFrom(Path file, long offset) {
        try {
            if (!Files.exists(file)) {
                return "";
            }
            byte[] bytes = Files.readAllBytes(file);
            int from = (int) Math.min(offset, bytes.length);
            return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Thrown when the process exits before it is ready; {@code portTaken} allows a retry on another port. */
    static final class ServerStartException extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final boolean portTaken;

        ServerStartException(String message, boolean portTaken) {
            super(message);
            this.portTaken = portTaken;
        }
    }

    /** Collects the config of one server; {@link #start()} writes it and waits until the server is ready. */
    public static final class Builder {
        private final Path workDir;
        private final boolean sentinel;
        private String roleConfig = "";
        private final List<String> lines = new ArrayList<>();
        private TestCertificates tlsCertificates;
        private String name;

        private Builder(Path workDir, boolean sentinel) {
            this.workDir = Objects.requireNonNull(workDir, "workDir");
            this.sentinel = sentinel;
            this.name = sentinel ? "redis-sentinel" : "redis-server";
        }

        /** The library's rendered {@code redis.conf} text, written verbatim at the top of the config file. */
        public Builder roleConfig(String renderedRedisConf) {
            this.roleConfig = Objects.requireNonNull(renderedRedisConf, "renderedRedisConf");
            return this;
        }

        /** A test-only config line (authentication, replication, sentinel monitoring...). */
        public Builder line(String line) {
            lines.add(line);
            return this;
        }

        /** Serve TLS only: {@code port 0}, {@code tls-port}, the server certificate, no client certificates. */
        public Builder tls(TestCertificates certificates) {
            this.tlsCertificates = certificates;
            return this;
        }

        /** A name for messages, e.g. {@code primary}. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public RedisServerProcess start() {
            Path binary = sentinel
                    ? requireBinary("redis-sentinel", "redis-sentinel")
                    : requireBinary("redis-server", "redis-server");
            ServerStartException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                RedisServerProcess server = new RedisServerProcess(name, binary, sentinel, workDir, freePort(),
                        tlsCertificates != null);
                try {
                    Files.createDirectories(server.dataDir);
                    Files.writeString(server.configFile, render(server));
                } catch (IOException e) {
                    throw new UncheckedIOException("could not write " + server.configFile, e);
                }
                try {
                    server.launch();
                    return server;
                } catch (ServerStartException e) {
                    if (!e.portTaken) {
                        throw e;
                    }
                    last = e; // another process took the free port in between: pick another one
                }
            }
            throw last;
        }

        private String render(RedisServerProcess server) {
            StringBuilder conf = new StringBuilder();
            if (!roleConfig.isEmpty()) {
                conf.append("# --- role configuration rendered by dev.kvstores.role.RedisRoleConfig (verbatim) ---\n")
                        .append(roleConfig);
                if (!roleConfig.endsWith("\n")) {
                    conf.append('\n');
                }
            }
            conf.append("# --- test-only lines ---\n");
            conf.append("daemonize no\n");
            conf.append("bind ").append(HOST).append('\n');
            if (tlsCertificates != null) {
                conf.append("port 0\n");
                conf.append("tls-port ").append(server.port).append('\n');
                conf.append("tls-cert-file ").append(quote(tlsCertificates.serverCertificate().toString())).append('\n');
                conf.append("tls-key-file ").append(quote(tlsCertificates.serverKey().toString())).append('\n');
                conf.append("tls-ca-cert-file ").append(quote(tlsCertificates.caCertificate().toString())).append('\n');
                conf.append("tls-auth-clients no\n");
                if (!sentinel) {
                    conf.append("tls-replication yes\n");
                }
            } else {
                conf.append("port ").append(server.port).append('\n');
            }
            conf.append("dir ").append(quote(server.dataDir.toString())).append('\n');
            conf.append("logfile ").append(quote(server.logFile.toString())).append('\n');
            for (String line : lines) {
                conf.append(line).append('\n');
            }
            return conf.toString();
        }
    }
}
