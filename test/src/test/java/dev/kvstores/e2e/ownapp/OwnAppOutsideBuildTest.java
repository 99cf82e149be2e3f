package dev.kvstores.e2e.ownapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 22 item 6: a project of one's own, outside this repository, built from the files docs/own-app.md shows
 * (read from the Markdown) with {@code mvn -B verify exec:java}: its own pom with no parent of ours, in a
 * temporary directory, offline.
 *
 * <p>What {@code mvn -B install -DskipTests} here would have installed comes from this build instead, so the
 * shared {@code ~/.m2} is never written: the jars of kvstores-constructs and the lean provider bindings (as this
 * reactor resolved them) and the poms of this tree go into a private local repository
 * ({@code test/target/outside-build/m2}); everything else (cdktf, Jackson, JUnit, the Maven plugins) is read from
 * the build's own local repository through a {@code file:} mirror, the only remote allowed while offline.
 */
class OwnAppOutsideBuildTest {

    private static final Path PROJECT = OwnAppDocTest.PROJECT;
    private static final String VERSION = System.getProperty("kvstores.version", "0.1.0-SNAPSHOT");

    @Test
    void the_documented_project_builds_outside_the_repository_and_synthesizes_its_stack() throws Exception {
        Path work = Files.createTempDirectory("kvstores-own-app-");
        Path app = work.resolve("own-app");
        OwnAppDoc.write(OwnAppDoc.files(OwnAppDocTest.PAGE), app);
        Path repo = PROJECT.resolve("test/target/outside-build/m2");
        boolean lean = seed(repo, work);
        Path settings = work.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <mirrors>
                    <mirror>
                      <id>build-local-repository</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(localRepository().toUri()));

        List<String> command = new ArrayList<>(List.of(maven(), "-B", "-o", "-s", settings.toString(),
                "-Dmaven.repo.local=" + repo, "-Daether.offline.protocols=file"));
        if (!lean) {
            command.add("-Dkvstores.bindings=official"); // the constructs jar was built against the official jars
        }
        command.addAll(List.of("verify", "exec:java"));
        Path log = work.resolve("build.log");
        Process process = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(20, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the outside build did not end in 20 minutes; log: " + log);
        }
        String output = Files.readString(log);
        assertEquals(0, process.exitValue(), "mvn " + String.join(" ", command.subList(1, command.size()))
                + " in " + app + " failed:\n" + tail(output, 80));

        Path report = app.resolve("target/surefire-reports/TEST-com.example.ownapp.OwnAppTest.xml");
        assertTrue(Files.exists(report), "the project's test did not run:\n" + tail(output, 40));
        String xml = Files.readString(report);
        assertTrue(xml.contains("tests=\"1\"") && xml.contains("failures=\"0\"") && xml.contains("errors=\"0\"")
                && xml.contains("skipped=\"0\""), xml.lines().limit(3).toList().toString());

        JsonNode stack = new ObjectMapper().readTree(app.resolve("cdktf.out/stacks/own-app/cdk.tf.json").toFile());
        assertEquals("my-cluster", stack.path("provider").path("kubernetes").path(0).path("config_context").asText(),
                stack.path("provider").toString());
        assertEquals("my-cluster", stack.path("provider").path("helm").path(0).path("kubernetes")
                .path("config_context").asText(), stack.path("provider").toString());
        assertTrue(stack.path("provider").has("random"), stack.path("provider").toString());
        assertEquals(2, stack.path("resource").path("helm_release").size());
        // the alert rules derived from the stores: the worker state's namespace, name, replicas and AOF
        String manifests = stack.path("resource").path("kubernetes_manifest").toString();
        assertTrue(manifests.contains("\"name\":\"redis-state-alerts\"") && manifests.contains("AofWriteFailed")
                && manifests.contains("\"name\":\"redis-cache-alerts\"")
                && manifests.contains("\"namespace\":\"redis-state\""), manifests);

        deleteTree(work);
    }

    /**
     * Puts kvstores-parent, kvstores-constructs and (default build) lean-providers of this build into the private
     * repository, as {@code mvn install} would; returns whether the lean bindings are in use.
     */
    private static boolean seed(Path repo, Path work) throws Exception {
        deleteTree(repo.resolve("dev/kvstores"));
        put(repo, "dev.kvstores", "kvstores-parent", "pom", PROJECT.resolve("pom.xml"));
        Path constructs = artifact(codeSource("dev.kvstores.kubernetes.ClusterProviders"), work);
        put(repo, "dev.kvstores", "kvstores-constructs", "jar", constructs);
        put(repo, "dev.kvstores", "kvstores-constructs", "pom", PROJECT.resolve("constructs/pom.xml"));
        Path lean;
        try {
            lean = artifact(codeSource("dev.kvstores.lean.kubernetes.provider.KubernetesProvider"), work);
        } catch (ClassNotFoundException e) {
            return false;
        }
        put(repo, "dev.kvstores.lean", "lean-providers", "jar", lean);
        put(repo, "dev.kvstores.lean", "lean-providers", "pom", PROJECT.resolve("bindings/lean/pom.xml"));
        return true;
    }

    private static Path codeSource(String className) throws ClassNotFoundException, URISyntaxException {
        return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /**
     * The jar the reactor resolved (a module's {@code target/*.jar} or main's copy in {@code target/lib}), or a
     * module's {@code target/classes} (a build that stops at {@code test}) made into a jar.
     */
    private static Path artifact(Path location, Path work) throws IOException {
        if (Files.isRegularFile(location)) {
            return location;
        }
        Path module = location.getParent().getParent();
        Path jar = Files.createDirectories(work.resolve("jars").resolve(module.getFileName())).resolve("classes.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> files = Files.walk(location)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new JarEntry(location.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return jar;
    }

    private static void put(Path repo, String groupId, String artifactId, String type, Path file) throws IOException {
        Path dir = repo.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(VERSION);
        Files.createDirectories(dir);
        Files.copy(file, dir.resolve(artifactId + "-" + VERSION + "." + type));
    }

    private static Path localRepository() {
        String configured = System.getProperty("kvstores.localRepository");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static String maven() {
        String home = System.getProperty("kvstores.mavenHome");
        if (home != null && !home.isBlank() && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
            return Path.of(home, "bin", "mvn").toString();
        }
        return "mvn";
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
