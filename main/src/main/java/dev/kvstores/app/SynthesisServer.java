package dev.kvstores.app;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jdk.net.ExtendedSocketOptions;

/**
 * A warm synthesis process: {@code main/kvstores --serve [--restart-after N] [--warm-up N]} keeps one JVM and
 * one jsii kernel and serves later runs of the app, which find it through a Unix socket next to the app jar
 * ({@code main/target/synthesis-server/socket} in a directory only its user can open, or
 * {@code KVSTORES_SERVER_SOCKET}). It starts with {@code --warm-up} syntheses of the default environments
 * (default 3).
 *
 * <p>It answers one run at a time, with the same output as a run of its own (staging directory, policy,
 * exit codes). A run is not taken, and synthesizes in its own process, when its working directory or the
 * environment variables that change synthesis ({@link SynthesisProtocol#relevantEnvironment}) differ from
 * the server's, or when the app's jars changed since the server started (the server then stops). After
 * {@code N} runs (default 25) it exits with {@value #RESTART_EXIT_CODE} and the launcher starts a fresh one,
 * since the jsii kernel keeps every object it ever created (about 2 MB per run of the shipped environments);
 * runs that arrive meanwhile synthesize in their own process. Console output of the
 * jsii kernel goes to the server's own output. Stop it with {@code main/kvstores --stop-server} or a signal.
 */
final class SynthesisServer {

    static final String SERVE = "--serve";
    static final String STOP = "--stop-server";
    static final int DEFAULT_RUNS_PER_PROCESS = 25;
    /** Exit code after {@code --restart-after} runs: the launcher main/kvstores starts a fresh server. */
    static final int RESTART_EXIT_CODE = 3;
    /** sun_path of a Unix socket address on Linux holds 108 bytes including the final NUL. */
    private static final int MAX_SOCKET_PATH_BYTES = 107;
    static final int DEFAULT_WARM_UP_RUNS = 3;
    /** How long the server waits for a connection's request before it closes it. */
    static final int REQUEST_TIMEOUT_SECONDS = 5;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kvstores-synthesis-server-timer");
        thread.setDaemon(true);
        return thread;
    });

    private SynthesisServer() {
    }

    /** The socket of the server for this app jar, or {@code KVSTORES_SERVER_SOCKET} when set. */
    static Path socketPath() {
        String override = System.getenv("KVSTORES_SERVER_SOCKET");
        return override != null && !override.isBlank() ? Path.of(override).toAbsolutePath() : defaultSocketPath();
    }

    private static Path defaultSocketPath() {
        return appDirectory().resolve("synthesis-server").resolve("socket");
    }

    static int serve(String[] args) {
        int maxRequests = DEFAULT_RUNS_PER_PROCESS;
        int warmUpRuns = DEFAULT_WARM_UP_RUNS;
        for (int i = 0; i < args.length; i += 2) {
            boolean known = args[i].equals("--restart-after") || args[i].equals("--warm-up");
            String value = i + 1 < args.length ? args[i + 1] : "";
            if (!known || !value.matches("[0-9]{1,7}") || (args[i].equals("--restart-after") && value.equals("0"))) {
                System.err.println("kvstores: " + SERVE + " takes --restart-after N (1 to 9999999 runs; default "
                        + DEFAULT_RUNS_PER_PROCESS + ") and --warm-up N (0 to 9999999 syntheses; default "
                        + DEFAULT_WARM_UP_RUNS + "), got " + String.join(" ", args));
                return 2;
            }
            if (args[i].equals("--restart-after")) {
                maxRequests = Integer.parseInt(value);
            } else {
                warmUpRuns = Integer.parseInt(value);
            }
        }
        Path socket = socketPath();
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH_BYTES) {
            System.err.println("kvstores: the socket path " + socket + " is longer than a Unix socket allows ("
                    + MAX_SOCKET_PATH_BYTES + " bytes); set KVSTORES_SERVER_SOCKET to a shorter path, e.g."
                    + " /tmp/kvstores-$USER/socket in a directory only you can open");
            return 2;
        }
        try {
            if (socket.equals(defaultSocketPath())) {
                Files.createDirectories(socket.getParent());
                Files.setPosixFilePermissions(socket.getParent(), PosixFilePermissions.fromString("rwx------"));
            }
            if (Files.exists(socket)) {
                if (SynthesisClient.answers(socket)) {
                    System.err.println("kvstores: a synthesis server already answers on " + socket);
                    return 1;
                }
                Files.delete(socket);
            }
            Map<String, String> jars = appJars(); // what this JVM loads; a rebuild from now on stops the server
            // Warm up before binding: until then, runs find no socket and synthesize on their own rather than wait.
            warmUp(warmUpRuns);
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(socket)); // fails if another server bound it meanwhile
                // Connecting needs write permission on the socket file, whose mode follows the umask; and a run
                // makes this process replace CDKTF_OUTDIR and read --environments as this user: only this user
                // may connect (KVSTORES_SERVER_SOCKET may name a shared directory), and only this user is served.
                Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
                Object bound = fileKey(socket);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteIfBound(socket, bound)));
                // A server whose socket file was removed (mvn clean deletes main/target) or replaced can never be
                // reached again, not even by --stop-server: it stops instead of lingering.
                TIMER.scheduleWithFixedDelay(() -> {
                    if (server.isOpen() && !java.util.Objects.equals(fileKey(socket), bound)) {
                        System.out.println("kvstores: " + socket + " was removed or replaced; stopping");
                        try {
                            server.close();
                        } catch (IOException e) {
                            // stopping anyway
                        }
                    }
                }, 1, 1, TimeUnit.SECONDS);
                try {
                    return serve(server, socket, maxRequests, jars);
                } finally {
                    deleteIfBound(socket, bound);
                }
            }
        } catch (IOException e) {
            System.err.println("kvstores: cannot serve on " + socket + ": " + e.getMessage());
            return 1;
        }
    }

    private static int serve(ServerSocketChannel server, Path socket, int maxRequests, Map<String, String> jars)
            throws IOException {
        String workingDirectory = Path.of("").toAbsolutePath().toString();
        Map<String, String> environment = SynthesisProtocol.relevantEnvironment(System.getenv());
        System.out.println("kvstores: synthesis server ready on " + socket + " (pid " + ProcessHandle.current().pid()
                + ", restarts after " + maxRequests + " runs)");
        UserPrincipal owner = Files.getOwner(socket);
        int served = 0;
        while (served < maxRequests) {
            try (SocketChannel channel = server.accept()) {
                UserPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user();
                if (!peer.equals(owner)) {
                    System.out.println("kvstores: closed a connection from user " + peer.getName());
                    continue;
                }
                DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel));
                // A connection that sends no request (a stopped client, a probe left open) would hold every later
                // run: it is closed after REQUEST_TIMEOUT_SECONDS (the client then synthesizes on its own).
                ScheduledFuture<?> deadline = TIMER.schedule(() -> closeQuietly(channel), REQUEST_TIMEOUT_SECONDS,
                        TimeUnit.SECONDS);
                SynthesisProtocol.Request request;
                try {
                    request = SynthesisProtocol.read(new DataInputStream(Channels.newInputStream(channel)));
                } finally {
                    deadline.cancel(false);
                }
                if (request.command().equals(SynthesisProtocol.STOP)) {
                    answerExit(out, 0);
                    System.out.println("kvstores: stopped on request after " + served + " run(s)");
                    return 0;
                }
                boolean jarsChanged = !appJars().equals(jars);
                String refusal = jarsChanged ? "the app was rebuilt since the server started; it stops now"
                        : !request.workingDirectory().equals(workingDirectory)
                        ? "it serves runs from " + workingDirectory
                        : !request.environment().equals(environment)
                        ? "CDKTF_/JSII_/KVSTORES_/NODE_OPTIONS environment differs from the server's: "
                        + differingKeys(environment, request.environment())
                        : null;
                if (refusal != null) {
                    refuse(out, refusal);
                    System.out.println("kvstores: did not take a run: " + refusal);
                    if (jarsChanged) {
                        return 0;
                    }
                    continue;
                }
                served++;
                if (!run(served, request, out)) {
                    System.out.println("kvstores: the jsii kernel no longer answers; restarting");
                    return RESTART_EXIT_CODE;
                }
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return 0;
                }
                System.out.println("kvstores: a run failed on the socket: " + e.getMessage());
            }
        }
        System.out.println("kvstores: restarting after " + served + " runs (--restart-after)");
        return RESTART_EXIT_CODE;
    }

    /**
     * One served run; its line in the server's log is written before the client gets the exit code. Its output is
     * sent only once the run has ended: a run that ends with an exception (which a run of its own would end
     * with too, or a jsii kernel that died) is refused, so the client synthesizes on its own and prints what a
     * run of its own prints; the output directory is untouched (the synthesis stages it).
     *
     * @return whether the server can take further runs (its jsii kernel still answers)
     */
    private static boolean run(int number, SynthesisProtocol.Request request, DataOutputStream socket)
            throws IOException {
        long started = System.nanoTime();
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        DataOutputStream buffer = new DataOutputStream(frames);
        PrintStream out = new PrintStream(new SynthesisProtocol.FrameStream(buffer, SynthesisProtocol.STDOUT), true,
                StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new SynthesisProtocol.FrameStream(buffer, SynthesisProtocol.STDERR), true,
                StandardCharsets.UTF_8);
        int code = 1;
        Throwable failure = null;
        try {
            code = Main.run(request.args().toArray(String[]::new), request.outdir(), out, err);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        out.flush();
        err.flush();
        if (failure != null) {
            String reason = "the run failed in the server: " + failure;
            reason = reason.length() > 1000 ? reason.substring(0, 1000) + "..." : reason;
            System.out.printf("kvstores: run %d %s -> %s; refused, the client synthesizes on its own%n", number,
                    request.args(), failure);
            boolean usable = !(failure instanceof Error) && Main.kernelAnswers();
            refuse(socket, reason);
            return usable;
        }
        System.out.printf("kvstores: run %d %s -> exit %d in %.2f s%n", number, request.args(), code,
                (System.nanoTime() - started) / 1e9);
        synchronized (socket) {
            socket.write(frames.toByteArray());
        }
        answerExit(socket, code);
        return true;
    }

    private static void refuse(DataOutputStream socket, String reason) throws IOException {
        synchronized (socket) {
            socket.writeByte(SynthesisProtocol.REFUSED);
            SynthesisProtocol.writeString(socket, reason);
            socket.flush();
        }
    }

    private static void answerExit(DataOutputStream socket, int code) throws IOException {
        synchronized (socket) {
            socket.writeByte(SynthesisProtocol.EXIT);
            socket.writeInt(code);
            socket.flush();
        }
    }

    /**
     * {@code runs} syntheses of the default environments into a temporary directory, so that the first served run
     * finds the JVM and the jsii kernel warm. Their output is discarded; a failure only means a colder first run.
     */
    private static void warmUp(int runs) {
        if (runs == 0) {
            return;
        }
        Path outdir = null;
        try {
            outdir = Files.createTempDirectory("kvstores-warm-up");
            PrintStream discard = new PrintStream(java.io.OutputStream.nullOutputStream());
            for (int i = 0; i < runs; i++) {
                Main.run(new String[0], outdir.resolve("out").toString(), discard, discard);
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("kvstores: warm-up synthesis failed (" + e + "); the first run will be slower");
        } finally {
            if (outdir != null) {
                Synthesizer.deleteRecursively(outdir);
            }
        }
    }

    private static String differingKeys(Map<String, String> server, Map<String, String> client) {
        Map<String, String> keys = new TreeMap<>();
        server.forEach((k, v) -> keys.put(k, ""));
        client.forEach((k, v) -> keys.put(k, ""));
        return String.join(", ", keys.keySet().stream()
                .filter(k -> !java.util.Objects.equals(server.get(k), client.get(k))).toList());
    }

    /** Name, size and modification time of the app jar and every jar next to it in lib/. */
    private static Map<String, String> appJars() {
        Path directory = appDirectory();
        Map<String, String> jars = new TreeMap<>();
        try (Stream<Path> lib = Files.exists(directory.resolve("lib")) ? Files.list(directory.resolve("lib"))
                : Stream.empty()) {
            for (Path jar : Stream.concat(Stream.of(appJar()), lib).toList()) {
                jars.put(jar.toString(), Files.size(jar) + "@" + Files.getLastModifiedTime(jar).toMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jars;
    }

    private static Path appJar() {
        try {
            return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The directory of the app jar (main/target), or of the classes directory when run from classes. */
    private static Path appDirectory() {
        return appJar().getParent();
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing only to unblock the read
        }
    }

    /** Device and inode of the socket file, or {@code null} when there is none. */
    private static Object fileKey(Path socket) {
        try {
            return Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** Deletes the socket file if it is still the one this server bound, never another server's. */
    private static void deleteIfBound(Path socket, Object bound) {
        try {
            if (bound != null && bound.equals(fileKey(socket))) {
                Files.deleteIfExists(socket);
            }
        } catch (IOException e) {
            // the socket file only; a later server replaces it
        }
    }
}
