package dev.kvstores.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preload the launcher puts in front of the jsii kernel (main/jsii/direct-stdio.js): the kernel's fd 3 is
 * the process's stdin and stdout, and JavaScript console output goes to stderr as the {"stdout": base64}
 * lines the Java runtime decodes, never into the protocol stream.
 */
class JsiiDirectStdioTest {

    private static final Path PROJECT = Path.of(System.getProperty("kvstores.projectDir", ".")).toAbsolutePath()
            .normalize();

    @TempDir
    Path tmp;

    @Test
    void kernel_fd_3_reads_stdin_writes_stdout_and_console_output_goes_to_stderr_as_json() throws Exception {
        String kernelLike = """
                const fs = require('fs');
                const buffer = Buffer.alloc(64);
                const read = fs.readSync(3, buffer, 0, buffer.length, null);
                console.log('from javascript');
                fs.writeSync(3, Buffer.from('{"ok":' + JSON.stringify(buffer.slice(0, read).toString().trim()) + '}\\n'));
                """;
        Files.writeString(tmp.resolve("stdin"), "{\"api\":\"naming\"}\n", StandardCharsets.UTF_8);
        Process node = new ProcessBuilder(List.of("node", "-r",
                PROJECT.resolve("main/jsii/direct-stdio.js").toString(), "-e", kernelLike))
                .redirectInput(tmp.resolve("stdin").toFile())
                .redirectOutput(tmp.resolve("stdout").toFile())
                .redirectError(tmp.resolve("stderr").toFile())
                .start();
        assertTrue(node.waitFor(1, TimeUnit.MINUTES));

        assertEquals(0, node.exitValue(), Files.readString(tmp.resolve("stderr")));
        assertEquals("{\"ok\":\"{\\\"api\\\":\\\"naming\\\"}\"}\n", Files.readString(tmp.resolve("stdout")));
        String encoded = Base64.getEncoder().encodeToString("from javascript\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"stdout\":\"" + encoded + "\"}\n", Files.readString(tmp.resolve("stderr")));
    }

    @Test
    void what_the_kernel_writes_to_stderr_goes_as_json_too_like_jsii_s_relay_does() throws Exception {
        String kernelLike = """
                const fs = require('fs');
                console.error('from console.error');
                process.stderr.write('{"stdout":"eA=="}\\n');
                fs.writeSync(2, Buffer.from('xxraw bytes\\n'), 2);
                fs.writeSync(2, '\\u00e9\\n');
                """;
        Process node = new ProcessBuilder(List.of("node", "-r",
                PROJECT.resolve("main/jsii/direct-stdio.js").toString(), "-e", kernelLike))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(tmp.resolve("stdout").toFile())
                .redirectError(tmp.resolve("stderr").toFile())
                .start();
        assertTrue(node.waitFor(1, TimeUnit.MINUTES));

        assertEquals(0, node.exitValue(), Files.readString(tmp.resolve("stderr")));
        assertEquals("", Files.readString(tmp.resolve("stdout")));
        StringBuilder expected = new StringBuilder();
        for (String text : List.of("from console.error\n", "{\"stdout\":\"eA==\"}\n", "raw bytes\n", "é\n")) {
            expected.append("{\"stderr\":\"")
                    .append(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))).append("\"}\n");
        }
        assertEquals(expected.toString(), Files.readString(tmp.resolve("stderr")));
    }
}
