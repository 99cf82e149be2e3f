package dev.kvstores.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstores.e2e.realserver.RedisServerProcess;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code main/kvstores --serve}: a warm synthesis process that later runs of the launcher hand their work to. */
class SynthesisServerTest {

    private static final Path PROJECT = Path.of(System.getProperty("kvstores.projectDir", ".")).toAbsolutePath()
            .normalize();

    @TempDir
    Path tmp;

    private Process server;

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private ProcessBuilder launcher(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of("main/kvstores"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT.toFile());
        builder.environment().remove("JSII_RUNTIME");
        builder.environment().remove("KVSTORES_SERVER");
        builder.environment().put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        builder.environment().put("KVSTORES_SERVER_SOCKET", tmp.resolve("socket").toString());
        builder.environment().putAll(environment);
        return builder;
    }

    private Run run(Path outdir, Map<String, String> environment, String... args) throws Exception {
        return run(outdir, environment, TimeUnit.MINUTES.toSeconds(5), args);
    }

    private Run run(Path outdir, Map<String, String> environment, long timeoutSeconds, String... args)
            throws Exception {
        Path stdout = Files.createTempFile(tmp, "stdout", ".txt");
        Path stderr = Files.createTempFile(tmp, "stderr", ".txt");
        ProcessBuilder builder = launcher(environment, args).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().put("CDKTF_OUTDIR", outdir.toString());
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("app timed out after " + timeoutSeconds + " s");
        }
        return new Run(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    private String serverLog() throws IOException {
        return Files.readString(tmp.resolve("server.log"));
    }

    private void startServer(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("--serve"));
        args.addAll(List.of(options));
        if (!args.contains("--warm-up")) {
            // No warm-up: these tests check behaviour, not speed (the benchmark measures a warmed-up server).
            args.addAll(List.of("--warm-up", "0"));
        }
        server = launcher(Map.of(), args.toArray(String[]::new))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("server.log").toFile()).start();
        awaitReady(1);
    }

    private void awaitReady(int times) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (serverLog().split("synthesis server ready", -1).length - 1 < times) {
            assertTrue(server.isAlive(), "server exited: " + serverLog());
            assertTrue(System.nanoTime() < deadline, "server not ready: " + serverLog());
            Thread.sleep(100);
        }
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null && server.isAlive()) {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void served_runs_write_the_same_files_as_a_run_of_their_own_and_stop_ends_the_server() throws Exception {
        startServer();

        Run first = run(tmp.resolve("served-1"), Map.of());
        Run second = run(tmp.resolve("served-2"), Map.of());
        Run own = run(tmp.resolve("own"), Map.of("KVSTORES_SERVER", "off"));

        assertEquals(0, first.exitCode(), first.stderr());
        assertEquals(0, second.exitCode(), second.stderr());
        assertEquals(0, own.exitCode(), own.stderr());
        assertEquals(own.stdout().replace(tmp.resolve("own").toString(), "OUT"),
                second.stdout().replace(tmp.resolve("served-2").toString(), "OUT"));
        assertTrue(serverLog().contains("run 1 [] -> exit 0") && serverLog().contains("run 2 [] -> exit 0"),
                serverLog());
        assertSameFiles(tmp.resolve("own"), tmp.resolve("served-1"));
        assertSameFiles(tmp.resolve("own"), tmp.resolve("served-2"));

        Run stop = run(tmp.resolve("unused"), Map.of(), "--stop-server");
        assertEquals(0, stop.exitCode(), stop.stderr());
        assertTrue(server.waitFor(1, TimeUnit.MINUTES));
        assertEquals(0, server.exitValue(), serverLog());
        assertFalse(Files.exists(tmp.resolve("socket")), "socket removed");
    }

    @Test
    void a_served_run_with_a_bad_environment_file_exits_2_with_the_problems_and_writes_nothing() throws Exception {
        startServer();
        Path environments = Files.createDirectories(tmp.resolve("environments"));
        Files.writeString(environments.resolve("broken.yaml"), "platform: kubernetes\n", StandardCharsets.UTF_8);

        Run run = run(tmp.resolve("out"), Map.of(), "--environments", environments.toString());

        assertEquals(2, run.exitCode(), run.stdout());
        assertTrue(run.stderr().contains("broken.yaml") && run.stderr().contains("nothing was written to"),
                run.stderr());
        assertTrue(serverLog().contains("-> exit 2"), serverLog());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void a_run_with_a_different_environment_is_not_taken_and_synthesizes_in_its_own_process() throws Exception {
        startServer();

        Run run = run(tmp.resolve("out"), Map.of("CDKTF_CONTEXT_JSON", "{}"), "--only", "kubernetes-dev");

        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("the synthesis server did not take this run (CDKTF_/JSII_/KVSTORES_/"
                + "NODE_OPTIONS environment differs from the server's: CDKTF_CONTEXT_JSON); synthesizing here"),
                run.stderr());
        assertTrue(Files.isRegularFile(tmp.resolve("out/stacks/kubernetes-dev/cdk.tf.json")));
        assertFalse(serverLog().contains("-> exit"), serverLog());
    }

    @Test
    void after_its_run_limit_a_fresh_server_takes_over_and_a_signal_stops_it_and_removes_the_socket()
            throws Exception {
        startServer("--restart-after", "1");

        Run first = run(tmp.resolve("first"), Map.of(), "--only", "gcp-dev");
        awaitReady(2);
        Run second = run(tmp.resolve("second"), Map.of(), "--only", "gcp-dev");

        assertEquals(0, first.exitCode(), first.stderr());
        assertEquals(0, second.exitCode(), second.stderr());
        assertTrue(serverLog().contains("restarting after 1 runs"), serverLog());
        assertEquals(2, serverLog().split("run 1 \\[--only, gcp-dev\\] -> exit 0", -1).length - 1, serverLog());
        assertSameFiles(tmp.resolve("first"), tmp.resolve("second"), 3);

        server.destroy();
        assertTrue(server.waitFor(1, TimeUnit.MINUTES));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Files.exists(tmp.resolve("socket")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(Files.exists(tmp.resolve("socket")), "the server got the signal and removed its socket");
    }

    @Test
    void a_run_that_finds_the_jsii_kernel_gone_synthesizes_on_its_own_and_the_server_restarts() throws Exception {
        startServer("--warm-up", "1"); // the warm-up starts the kernel this test kills
        ProcessHandle kernel = server.toHandle().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("program.js")).findFirst()
                .orElseThrow(() -> new AssertionError("no jsii kernel under the server"));
        kernel.destroyForcibly();
        kernel.onExit().get(1, TimeUnit.MINUTES);

        Run run = run(tmp.resolve("own"), Map.of(), "--only", "gcp-dev");

        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("the synthesis server did not take this run (the run failed in the server:"),
                run.stderr());
        awaitReady(2);
        assertTrue(serverLog().contains("the jsii kernel no longer answers; restarting"), serverLog());
        Run served = run(tmp.resolve("served"), Map.of(), "--only", "gcp-dev");
        assertEquals(0, served.exitCode(), served.stderr());
        assertEquals("", served.stderr());
        assertTrue(serverLog().contains("run 1 [--only, gcp-dev] -> exit 0"), serverLog());
        assertSameFiles(tmp.resolve("own"), tmp.resolve("served"), 3);
    }

    @Test
    void a_connection_that_sends_no_request_does_not_hold_later_runs() throws Exception {
        startServer();
        try (SocketChannel idle = SocketChannel.open(UnixDomainSocketAddress.of(tmp.resolve("socket")))) {
            Run run = run(tmp.resolve("out"), Map.of(), 60, "--only", "gcp-dev");

            assertEquals(0, run.exitCode(), run.stderr());
            assertTrue(serverLog().contains("run 1 [--only, gcp-dev] -> exit 0"), serverLog());
            assertEquals(-1, idle.read(ByteBuffer.allocate(1)), "the idle connection was closed");
        }
    }

    @Test
    void a_server_whose_socket_file_is_removed_stops_and_leaves_a_newer_socket_alone() throws Exception {
        startServer();
        Files.delete(tmp.resolve("socket")); // as mvn clean does with main/target/synthesis-server/socket
        try (ServerSocketChannel newer = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            newer.bind(UnixDomainSocketAddress.of(tmp.resolve("socket")));

            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server did not stop: " + serverLog());
            assertEquals(0, server.exitValue(), serverLog());
            assertTrue(serverLog().contains("was removed or replaced; stopping"), serverLog());
            assertTrue(Files.exists(tmp.resolve("socket")), "the newer socket is left alone");
        }
    }

    @Test
    void only_the_server_s_user_can_connect_whatever_the_umask() throws Exception {
        ProcessBuilder builder = launcher(Map.of(), "--serve");
        builder.command("sh", "-c", "umask 000 && exec main/kvstores --serve --warm-up 0");
        server = builder.redirectErrorStream(true).redirectOutput(tmp.resolve("server.log").toFile()).start();
        awaitReady(1);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("socket"))));
    }

    @Test
    void a_connection_from_another_user_is_closed_unanswered() throws Exception {
        // Needs root (to act as another user) and setpriv (util-linux): on CI a missing one fails the test.
        Path setpriv = RedisServerProcess.requireBinary("setpriv", "util-linux");
        if (!"root".equals(System.getProperty("user.name"))) {
            throw RedisServerProcess.missingPrerequisite(
                    "acting as another user needs root; run the tests as root (CI does)");
        }
        startServer();
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(tmp.resolve("socket"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Path stop = Files.writeString(tmp.resolve("Stop.java"), """
                import java.io.DataInputStream;
                import java.io.DataOutputStream;
                import java.net.UnixDomainSocketAddress;
                import java.nio.channels.Channels;
                import java.nio.channels.SocketChannel;
                import java.nio.charset.StandardCharsets;

                public class Stop {
                    public static void main(String[] args) throws Exception {
                        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(args[0]))) {
                            int answer;
                            try { // the server may close before the request is written: a broken pipe, no answer
                                DataOutputStream out = new DataOutputStream(Channels.newOutputStream(c));
                                out.writeUTF("kvstores-synthesis/2");
                                for (String s : new String[] {"stop", ""}) {
                                    byte[] b = s.getBytes(StandardCharsets.UTF_8);
                                    out.writeInt(b.length);
                                    out.write(b);
                                }
                                out.writeInt(0);
                                out.writeInt(0);
                                out.writeInt(0);
                                out.flush();
                                answer = new DataInputStream(Channels.newInputStream(c)).read();
                            } catch (java.io.IOException e) {
                                answer = -1;
                            }
                            System.out.print("answer " + answer);
                        }
                    }
                }
                """, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(stop, PosixFilePermissions.fromString("rw-r--r--"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process other = new ProcessBuilder(setpriv.toString(), "--reuid=65534", "--regid=65534", "--clear-groups",
                java.toString(), "-XX:-UsePerfData", stop.toString(), tmp.resolve("socket").toString())
                .redirectErrorStream(true).start();
        assertTrue(other.waitFor(1, TimeUnit.MINUTES));
        String answer = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals("answer -1", answer, "no answer to another user");
        assertTrue(serverLog().contains("closed a connection from user"), serverLog());
        assertFalse(server.waitFor(2, TimeUnit.SECONDS), "the server still runs");
    }

    @Test
    void an_unknown_server_option_exits_2_and_names_the_valid_ones() throws Exception {
        Process bad = launcher(Map.of(), "--serve", "--restart-after", "0")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("server.log").toFile()).start();

        assertTrue(bad.waitFor(1, TimeUnit.MINUTES), serverLog());
        assertEquals(2, bad.exitValue(), serverLog());
        assertTrue(serverLog().contains("--serve takes --restart-after N (1 to 9999999 runs; default 25) and --warm-up"
                + " N (0 to 9999999 syntheses; default 3), got --restart-after 0"), serverLog());
    }

    @Test
    void a_socket_path_too_long_for_unix_sockets_is_refused_before_warming_up() throws Exception {
        Path longPath = tmp.resolve("d".repeat(120)).resolve("socket");
        Process tooLong = launcher(Map.of("KVSTORES_SERVER_SOCKET", longPath.toString()), "--serve")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("server.log").toFile()).start();

        assertTrue(tooLong.waitFor(1, TimeUnit.MINUTES), serverLog());
        assertEquals(2, tooLong.exitValue(), serverLog());
        assertTrue(serverLog().contains("is longer than a Unix socket allows (107 bytes); set KVSTORES_SERVER_SOCKET"),
                serverLog());
    }

    private static void assertSameFiles(Path expected, Path actual) throws IOException {
        assertSameFiles(expected, actual, 27);
    }

    private static void assertSameFiles(Path expected, Path actual, int atLeast) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(expected)) {
            files = walk.filter(Files::isRegularFile).map(expected::relativize).sorted().toList();
        }
        try (Stream<Path> walk = Files.walk(actual)) {
            assertEquals(files, walk.filter(Files::isRegularFile).map(actual::relativize).sorted().toList());
        }
        assertTrue(files.size() >= atLeast, files.toString());
        for (Path file : files) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(file)), Files.readAllBytes(actual.resolve(file)),
                    file.toString());
        }
    }
}
