package dev.kvstores.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bindings/lean/inline-constants.js (run by lean-bindings.sh on jsii-pacmak's output) compiles a static readonly
 * string in only when the package's JavaScript holds that string, and fails the generation otherwise.
 */
class InlineConstantsScriptTest {

    private static final Path SCRIPT = Path.of("..", "bindings", "lean", "inline-constants.js").toAbsolutePath();
    private static final String STATIC_GET = "        TF_RESOURCE_TYPE = software.amazon.jsii.JsiiObject.jsiiStaticGet("
            + "dev.example.thing.Thing.class, \"tfResourceType\", "
            + "software.amazon.jsii.NativeType.forClass(java.lang.String.class));";

    @TempDir
    Path dir;

    @Test
    void a_static_get_of_a_readonly_string_becomes_the_javascript_value_and_is_listed() throws Exception {
        Path java = fixture("class Thing {}\nThing.tfResourceType = 'example_thing';\n", STATIC_GET);

        Result result = run();

        assertEquals(0, result.exit, result.output);
        String source = Files.readString(java);
        assertTrue(source.contains("TF_RESOURCE_TYPE = \"example_thing\";"), source);
        assertTrue(!source.contains("jsiiStaticGet"), source);
        Properties manifest = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve("resources/dev/example/inlined-constants.properties"))) {
            manifest.load(in);
        }
        assertEquals(Map.of("dev.example.thing.Thing#TF_RESOURCE_TYPE", "example-pkg.thing.Thing#tfResourceType#example_thing"),
                manifest);
    }

    @Test
    void generation_fails_when_the_javascript_does_not_hold_a_string_for_the_property() throws Exception {
        Path java = fixture("class Thing {}\nThing.tfResourceType = 42;\n", STATIC_GET);

        Result result = run();

        assertEquals(1, result.exit, result.output);
        assertTrue(result.output.contains("example-pkg.thing.Thing.tfResourceType"), result.output);
        assertTrue(Files.readString(java).contains("jsiiStaticGet"));
    }

    @Test
    void generation_fails_when_a_static_get_of_a_constant_has_an_unexpected_shape() throws Exception {
        fixture("class Thing {}\nThing.tfResourceType = 'example_thing';\n",
                STATIC_GET.replace("java.lang.String.class))", "java.lang.String.class), extra)"));

        Result result = run();

        assertEquals(1, result.exit, result.output);
        assertTrue(result.output.contains("unexpected shape"), result.output);
    }

    private Path fixture(String javascript, String staticGetLine) throws IOException {
        Path pkg = Files.createDirectories(dir.resolve("pkg"));
        Files.writeString(pkg.resolve(".jsii"), """
                {"name": "example-pkg", "types": {"example-pkg.thing.Thing": {"kind": "class",
                  "properties": [{"name": "tfResourceType", "static": true, "immutable": true,
                                  "type": {"primitive": "string"}}]}}}""");
        Files.writeString(pkg.resolve("package.json"), "{\"name\": \"example-pkg\", \"main\": \"index.js\"}");
        Files.writeString(pkg.resolve("index.js"), javascript + "module.exports = { thing: { Thing } };\n");
        Path java = dir.resolve("java/dev/example/thing/Thing.java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, String.join("\n",
                "package dev.example.thing;",
                "@software.amazon.jsii.Jsii(module = dev.example.$Module.class, fqn = \"example-pkg.thing.Thing\")",
                "public class Thing extends software.amazon.jsii.JsiiObject {",
                "    static {",
                staticGetLine,
                "    }",
                "    public final static java.lang.String TF_RESOURCE_TYPE;",
                "}", ""));
        return java;
    }

    private Result run() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("node", SCRIPT.toString(), dir.resolve("pkg").toString(),
                dir.resolve("java").toString(), dir.resolve("resources").toString(), "dev.example")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "inline-constants.js did not finish");
        return new Result(process.exitValue(), output);
    }

    private record Result(int exit, String output) {
    }
}
