package dev.kvstores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstores.connection.ConnectionSecret;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library's public API (every public class outside {@code dev.kvstores.internal}) names no provider binding
 * type, so code written against it compiles the same with the lean and the official provider bindings.
 */
class PublicApiTest {

    private static final List<String> BINDING_PACKAGES = List.of("com.hashicorp.cdktf.providers.",
            "dev.kvstores.lean.");

    @Test
    void public_signatures_name_no_provider_binding_type() throws Exception {
        Path classes = Path.of(ConnectionSecret.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names;
        try (Stream<Path> walk = Files.walk(classes.resolve("dev/kvstores"))) {
            names = walk.map(p -> classes.relativize(p).toString())
                    .filter(n -> n.endsWith(".class") && !n.startsWith("dev/kvstores/internal/"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.')).sorted().toList();
        }
        assertTrue(names.size() > 50, names.toString());

        List<String> leaks = new ArrayList<>();
        for (String name : names) {
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            if (!Modifier.isPublic(type.getModifiers())) {
                continue;
            }
            // its own methods and those it publishes from package-private bases (the props builders' setters)
            for (Class<?> c = type; c == type || c != null && !Modifier.isPublic(c.getModifiers());
                    c = c.getSuperclass()) {
                for (Method method : c.getDeclaredMethods()) {
                    if (Modifier.isPublic(method.getModifiers()) && !method.isSynthetic()) {
                        check(leaks, name + "." + method.getName(), method.getGenericReturnType());
                        for (Type parameter : method.getGenericParameterTypes()) {
                            check(leaks, name + "." + method.getName(), parameter);
                        }
                    }
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (Modifier.isPublic(constructor.getModifiers())) {
                    for (Type parameter : constructor.getGenericParameterTypes()) {
                        check(leaks, name + ".<init>", parameter);
                    }
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    private static void check(List<String> leaks, String member, Type type) {
        String text = type.getTypeName();
        if (BINDING_PACKAGES.stream().anyMatch(text::contains)) {
            leaks.add(member + ": " + text);
        }
    }
}
