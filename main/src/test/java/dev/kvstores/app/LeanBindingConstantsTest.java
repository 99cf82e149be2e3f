package dev.kvstores.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.jsii.JsiiEngine;
import software.amazon.jsii.JsiiModule;

/**
 * The lean bindings answer their static readonly strings ({@code TF_RESOURCE_TYPE}) from constants compiled in by
 * bindings/lean/inline-constants.js instead of asking the jsii kernel: every such constant must equal what the
 * kernel returns for it from the package's JavaScript.
 */
class LeanBindingConstantsTest {

    private static final String LEAN_CLASS = "dev.kvstores.lean.kubernetes.provider.KubernetesProvider";

    @Test
    void every_compiled_constant_of_the_lean_bindings_equals_the_jsii_kernels_value() throws Exception {
        Map<String, String> manifest = inlinedConstants();
        assertTrue(manifest.size() >= 80, "expected the TF_RESOURCE_TYPE of every lean resource class, found "
                + manifest.keySet());
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, String> entry : manifest.entrySet()) {
            String[] javaSide = entry.getKey().split("#", 2);
            String[] jsSide = entry.getValue().split("#", 3);
            Class<?> type = Class.forName(javaSide[0]);
            Field field = type.getField(javaSide[1]);
            assertTrue(Modifier.isStatic(field.getModifiers()) && Modifier.isFinal(field.getModifiers()), field::toString);
            Object compiled = field.get(null);
            loadModuleOf(type);
            String kernel = JsiiEngine.getInstance().getClient().getStaticPropertyValue(jsSide[0], jsSide[1]).textValue();
            if (!jsSide[2].equals(compiled) || !jsSide[2].equals(kernel)) {
                mismatches.add(entry.getKey() + ": manifest " + jsSide[2] + ", compiled " + compiled + ", kernel " + kernel);
            }
        }
        assertEquals(List.of(), mismatches);
    }

    @Test
    void a_lean_resource_class_initializes_without_a_kernel_request_for_its_type() throws Exception {
        Map<String, String> manifest = inlinedConstants();
        String awsBucket = "dev.kvstores.lean.aws.s3_bucket.S3Bucket#TF_RESOURCE_TYPE";
        assertEquals("@kvstores/lean-provider-aws.s3Bucket.S3Bucket#tfResourceType#aws_s3_bucket", manifest.get(awsBucket));
        assertEquals("aws_s3_bucket", Class.forName("dev.kvstores.lean.aws.s3_bucket.S3Bucket").getField("TF_RESOURCE_TYPE")
                .get(null));
    }

    private static void loadModuleOf(Class<?> type) throws ClassNotFoundException {
        String segment = type.getName().substring("dev.kvstores.lean.".length()).split("\\.")[0];
        @SuppressWarnings("unchecked")
        Class<? extends JsiiModule> module = (Class<? extends JsiiModule>) Class.forName(
                "dev.kvstores.lean." + segment + ".$Module");
        JsiiEngine.getInstance().loadModule(module);
    }

    /** The inlined-constants.properties of every lean provider package: java class#field -> fqn#property#value. */
    private static Map<String, String> inlinedConstants() throws IOException, URISyntaxException {
        Class<?> lean;
        try {
            lean = Class.forName(LEAN_CLASS, false, LeanBindingConstantsTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            lean = null;
        }
        assumeTrue(lean != null, "built with -Dkvstores.bindings=official: no lean bindings, nothing inlined");
        Path location = Path.of(lean.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, String> constants = new TreeMap<>();
        if (Files.isDirectory(location)) {
            read(location.resolve("dev/kvstores/lean"), constants);
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                read(jar.getPath("dev/kvstores/lean"), constants);
            }
        }
        return constants;
    }

    private static void read(Path root, Map<String, String> into) throws IOException {
        try (Stream<Path> packages = Files.list(root)) {
            for (Path file : packages.map(p -> p.resolve("inlined-constants.properties")).filter(Files::isRegularFile)
                    .toList()) {
                Properties properties = new Properties();
                try (InputStream in = Files.newInputStream(file)) {
                    properties.load(in);
                }
                properties.forEach((k, v) -> into.put((String) k, (String) v));
            }
        }
    }
}
