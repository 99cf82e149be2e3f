package dev.kvstores.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SynthesisProtocolTest {

    @Test
    void a_request_reads_back_as_written() throws IOException {
        SynthesisProtocol.Request request = new SynthesisProtocol.Request(SynthesisProtocol.SYNTH, "/work/project",
                Map.of("CDKTF_CONTEXT_JSON", "{\"a\":1}", "JSII_RUNTIME", "exec node 'x y'"), "cdktf.out",
                List.of("--only", "aws-prod,gcp-dev", "--environments", "dir with spaces/é"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SynthesisProtocol.write(new DataOutputStream(bytes), request);

        SynthesisProtocol.Request read = SynthesisProtocol.read(
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertEquals(request, read);
    }

    @Test
    void values_over_64_kb_read_back_as_written() throws IOException {
        String big = "{\"context\":\"" + "é".repeat(50_000) + "\"}";
        SynthesisProtocol.Request request = new SynthesisProtocol.Request(SynthesisProtocol.SYNTH, "/work/project",
                Map.of("CDKTF_CONTEXT_JSON", big), "cdktf.out", List.of("--only", big));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SynthesisProtocol.write(new DataOutputStream(bytes), request);

        assertEquals(request, SynthesisProtocol.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
    }

    @Test
    void something_that_is_not_a_request_is_rejected() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThrows(IOException.class, () -> {
            new DataOutputStream(bytes).writeUTF("GET / HTTP/1.1");
            SynthesisProtocol.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        });
    }

    @Test
    void the_compared_environment_keeps_what_changes_synthesis_and_drops_the_rest() {
        Map<String, String> relevant = SynthesisProtocol.relevantEnvironment(Map.of(
                "CDKTF_CONTEXT_JSON", "{}", "CDKTF_OUTDIR", "out", "JSII_RUNTIME", "node", "NODE_OPTIONS", "--x",
                "KVSTORES_JSII_RELAY", "1", "KVSTORES_SERVER", "on", "KVSTORES_SERVER_SOCKET", "/tmp/s",
                "HOME", "/root", "PATH", "/usr/bin"));

        assertEquals(Map.of("CDKTF_CONTEXT_JSON", "{}", "JSII_RUNTIME", "node", "NODE_OPTIONS", "--x",
                "KVSTORES_JSII_RELAY", "1"), relevant);
    }

    @Test
    void the_compared_environment_keeps_hcl_output_terraform_binary_and_locale() {
        Map<String, String> relevant = SynthesisProtocol.relevantEnvironment(Map.of(
                "SYNTH_HCL_OUTPUT", "true", "TERRAFORM_BINARY_NAME", "tofu", "LANG", "C", "LC_ALL", "C.UTF-8",
                "LC_CTYPE", "C", "LC_TIME", "C", "HOME", "/root"));

        assertEquals(Map.of("SYNTH_HCL_OUTPUT", "true", "TERRAFORM_BINARY_NAME", "tofu", "LANG", "C",
                "LC_ALL", "C.UTF-8", "LC_CTYPE", "C"), relevant);
    }

    @Test
    void output_is_framed_with_its_stream_and_length() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream socket = new DataOutputStream(bytes);
        new SynthesisProtocol.FrameStream(socket, SynthesisProtocol.STDERR)
                .write("kvstores: x\n".getBytes(StandardCharsets.UTF_8));

        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(SynthesisProtocol.STDERR, in.readByte());
        int length = in.readInt();
        assertArrayEquals("kvstores: x\n".getBytes(StandardCharsets.UTF_8), in.readNBytes(length));
        assertEquals(-1, in.read());
    }
}
