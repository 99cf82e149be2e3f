package dev.kvstores.app;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The wire format between {@link SynthesisClient} and {@link SynthesisServer} over their Unix socket.
 *
 * <p>A request: the protocol name, the command ({@code synth} or {@code stop}), the client's working directory,
 * the environment variables that change what synthesis writes, the output directory and the arguments. The
 * answer: frames of standard output ({@code o}) and standard error ({@code e}), then either the exit code
 * ({@code x}) or a refusal with its reason ({@code r}), after which the client synthesizes in its own process.
 */
final class SynthesisProtocol {

    static final String NAME = "kvstores-synthesis/2";
    static final String SYNTH = "synth";
    static final String STOP = "stop";

    static final byte STDOUT = 'o';
    static final byte STDERR = 'e';
    static final byte EXIT = 'x';
    static final byte REFUSED = 'r';

    private static final java.util.Set<String> NOT_RELEVANT = java.util.Set.of("CDKTF_OUTDIR", "KVSTORES_SERVER",
            "KVSTORES_SERVER_SOCKET");
    /**
     * Variables outside the prefixes that still change a run: cdktf reads {@code SYNTH_HCL_OUTPUT} (set by
     * {@code cdktf synth --hcl}) and {@code TERRAFORM_BINARY_NAME} in the kernel, and the locale decides the JVM's
     * {@code file.encoding} and {@code sun.jnu.encoding} (Java 17), so how arguments, paths and output are encoded.
     */
    private static final java.util.Set<String> ALSO_RELEVANT = java.util.Set.of("SYNTH_HCL_OUTPUT",
            "TERRAFORM_BINARY_NAME", "LANG", "LC_ALL", "LC_CTYPE");

    private SynthesisProtocol() {
    }

    /** One request; {@code environment} holds only the variables of {@link #relevantEnvironment}. */
    record Request(String command, String workingDirectory, Map<String, String> environment, String outdir,
                   List<String> args) {
    }

    /**
     * The variables that change what a synthesis writes or how the jsii kernel runs: {@code CDKTF_*}, {@code JSII_*},
     * {@code KVSTORES_*}, {@code NODE_OPTIONS}, {@code SYNTH_HCL_OUTPUT}, {@code TERRAFORM_BINARY_NAME} and the locale
     * ({@code LANG}, {@code LC_ALL}, {@code LC_CTYPE}), except {@code CDKTF_OUTDIR} (sent with each request) and the
     * two that only say how to find the server ({@code KVSTORES_SERVER}, {@code KVSTORES_SERVER_SOCKET}).
     */
    static Map<String, String> relevantEnvironment(Map<String, String> environment) {
        Map<String, String> relevant = new TreeMap<>();
        environment.forEach((key, value) -> {
            boolean matters = key.startsWith("CDKTF_") || key.startsWith("JSII_") || key.startsWith("KVSTORES_")
                    || key.equals("NODE_OPTIONS") || ALSO_RELEVANT.contains(key);
            if (matters && !NOT_RELEVANT.contains(key)) {
                relevant.put(key, value);
            }
        });
        return relevant;
    }

    static void write(DataOutputStream out, Request request) throws IOException {
        out.writeUTF(NAME); // writeUTF, so that a peer of another version reads a name it rejects
        writeString(out, request.command());
        writeString(out, request.workingDirectory());
        out.writeInt(request.environment().size());
        for (Map.Entry<String, String> variable : request.environment().entrySet()) {
            writeString(out, variable.getKey());
            writeString(out, variable.getValue());
        }
        writeString(out, request.outdir());
        out.writeInt(request.args().size());
        for (String arg : request.args()) {
            writeString(out, arg);
        }
        out.flush();
    }

    static Request read(DataInputStream in) throws IOException {
        String name = in.readUTF();
        if (!name.equals(NAME)) {
            throw new IOException("not a " + NAME + " request: " + name);
        }
        String command = readString(in);
        String workingDirectory = readString(in);
        Map<String, String> environment = new TreeMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            environment.put(readString(in), readString(in));
        }
        String outdir = readString(in);
        List<String> args = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            args.add(readString(in));
        }
        return new Request(command, workingDirectory, environment, outdir, args);
    }

    /** Longest string read: larger than any environment, path or argument list the OS allows a process. */
    private static final int MAX_STRING_BYTES = 64 << 20;

    /**
     * A string as its UTF-8 length and bytes: {@code writeUTF} stops at 65,535 bytes, which an environment value
     * ({@code CDKTF_CONTEXT_JSON}) can exceed.
     */
    static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_STRING_BYTES) {
            throw new IOException("bad string length " + length);
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new java.io.EOFException();
        }
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Standard output or error of a served request, framed onto the socket. */
    static final class FrameStream extends OutputStream {
        private final DataOutputStream socket;
        private final byte kind;

        FrameStream(DataOutputStream socket, byte kind) {
            this.socket = socket;
            this.kind = kind;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            synchronized (socket) {
                socket.writeByte(kind);
                socket.writeInt(length);
                socket.write(bytes, offset, length);
            }
        }

        @Override
        public void flush() throws IOException {
            socket.flush();
        }
    }
}
