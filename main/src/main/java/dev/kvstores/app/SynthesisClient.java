package dev.kvstores.app;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Hands a run of the app to a running {@link SynthesisServer}, if there is one, and relays its output and exit
 * code. Empty when there is no server ({@code KVSTORES_SERVER=off} skips the look), or it refused or failed the
 * request: the caller then synthesizes in its own process.
 */
final class SynthesisClient {

    private SynthesisClient() {
    }

    static OptionalInt trySynthesize(Path socket, String[] args) {
        if ("off".equals(System.getenv("KVSTORES_SERVER")) || !Files.exists(socket)) {
            return OptionalInt.empty();
        }
        SynthesisProtocol.Request request = new SynthesisProtocol.Request(SynthesisProtocol.SYNTH,
                Path.of("").toAbsolutePath().toString(),
                SynthesisProtocol.relevantEnvironment(System.getenv()),
                System.getenv().getOrDefault("CDKTF_OUTDIR", "cdktf.out"), Arrays.asList(args));
        SocketChannel channel;
        try {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return OptionalInt.empty(); // a socket file left by a server that is gone
        }
        try (channel) {
            SynthesisProtocol.write(new DataOutputStream(Channels.newOutputStream(channel)), request);
            return relay(new DataInputStream(Channels.newInputStream(channel)), System.out, System.err);
        } catch (EOFException e) {
            System.err.println("kvstores: the synthesis server stopped during the request; synthesizing here");
            return OptionalInt.empty();
        } catch (IOException e) {
            System.err.println("kvstores: the synthesis server failed (" + e.getMessage() + "); synthesizing here");
            return OptionalInt.empty();
        }
    }

    /** Asks the server to stop: 0 once it has stopped, 1 if none answers. */
    static int stop(Path socket) {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            SynthesisProtocol.write(new DataOutputStream(Channels.newOutputStream(channel)),
                    new SynthesisProtocol.Request(SynthesisProtocol.STOP, "", Map.of(), "", List.of()));
            OptionalInt code = relay(new DataInputStream(Channels.newInputStream(channel)), System.out, System.err);
            System.out.println("kvstores: synthesis server on " + socket + " stopped");
            return code.orElse(1);
        } catch (IOException e) {
            System.err.println("kvstores: no synthesis server answers on " + socket);
            return 1;
        }
    }

    static boolean answers(Path socket) {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static OptionalInt relay(DataInputStream in, PrintStream out, PrintStream err) throws IOException {
        while (true) {
            byte kind = in.readByte();
            switch (kind) {
                case SynthesisProtocol.STDOUT, SynthesisProtocol.STDERR -> {
                    byte[] bytes = in.readNBytes(in.readInt());
                    (kind == SynthesisProtocol.STDOUT ? out : err).write(bytes, 0, bytes.length);
                }
                case SynthesisProtocol.EXIT -> {
                    out.flush();
                    err.flush();
                    return OptionalInt.of(in.readInt());
                }
                case SynthesisProtocol.REFUSED -> {
                    err.println("kvstores: the synthesis server did not take this run (" + SynthesisProtocol.readString(in)
                            + "); synthesizing here");
                    return OptionalInt.empty();
                }
                default -> throw new IOException("unknown frame '" + (char) kind + "'");
            }
        }
    }
}
