package dev.kvstores.e2e.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kvstores.e2e.ShippedSynthesis;
import dev.kvstores.e2e.realserver.RedisServerProcess;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Renders a synthesized {@code helm_release} with the real Helm binary and the pinned chart in {@code test/charts}
 * ({@code helm template}, no cluster), so tests can assert on the Kubernetes objects Helm would apply.
 *
 * <p><b>Terraform expressions.</b> The release's values YAML may hold Terraform interpolations {@code ${...}}
 * (e.g. {@code ${sha256(...)}}) that only Terraform can evaluate. Before rendering, every {@code ${...}} (the whole
 * text from {@code ${} to its matching {@code }}, nested braces and quoted strings included) is replaced by
 * {@code sensitiveValues.get(expression)} where {@code expression} is that exact text, e.g.
 * {@code "${sha256(kubernetes_secret_v1.x.data)}"}, or, when no such key is given, by the deterministic stand-in
 * {@code tf-expr-<first 8 hex digits of SHA-256 of the expression's UTF-8 bytes>} (see {@link #standIn}). The
 * Terraform escape {@code $${} stays a literal {@code ${}. The same applies to {@code set} values.
 *
 * <p><b>Sensitive values.</b> {@code set_sensitive} entries take their value from
 * {@code sensitiveValues.get(entry.name)}, else from the entry's literal value; an entry whose value is a
 * Terraform expression without a test value is an error. Each reaches Helm as {@code --set-file <name>=<file>}
 * (the value in a private file, never on the command line), which Helm applies after {@code --set}, with its own
 * name parser, into the merged values, as the Terraform provider applies {@code set_sensitive}: so
 * {@code auth.acl.users[0].password} sets the password of the first user from the values and keeps its other
 * fields (a second values file with {@code users: [{password: ...}]} would replace the whole list). Values are
 * strings, as with the provider's {@code type = "string"}. Every sensitive value (and its base64 form) is masked in
 * error messages. All files are in a private temporary directory removed after the run. {@code set} entries are
 * passed as {@code --set-string} ({@code type = "string"}) or {@code --set}.
 *
 * <p><b>Helm.</b> The path in the file named by system property {@code kvstores.helmPathFile} (Maven writes it
 * in {@code generate-test-resources} with {@code test/tools/helm.sh}), else {@code helm} on {@code PATH}, else the
 * cache {@code ~/.cache/kvstores/helm-4.1.4/helm} that script installs; none: fails on CI, skips elsewhere.
 */
public final class HelmTemplate {

    /** The pinned charts, copied into the repository (see test/charts/README.md). */
    public static final Path CHARTS = ShippedSynthesis.PROJECT.resolve("test").resolve("charts");

    /** How long one {@code helm template} may take. */
    static final long TIMEOUT_SECONDS = 60;
    private static final String MASK = "******";
    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory());
    private static Path helm;

    private HelmTemplate() {
    }

    /**
     * Renders one {@code resource.helm_release.<id>} node of a synthesized {@code cdk.tf.json} with
     * {@code helm template} and the chart {@code test/charts/<chart>-<version>.tgz}. {@code sensitiveValues} maps
     * {@code set_sensitive} names and Terraform expressions (see the class comment) to test values.
     */
    public static Rendered render(JsonNode helmRelease, Map<String, String> sensitiveValues) {
        Path dir = privateTempDir();
        try {
            Invocation invocation = prepare(helmRelease, sensitiveValues, helm(), dir);
            return new Rendered(run(invocation, dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteRecursively(dir);
        }
    }

    /** A prepared {@code helm template}: its argument vector and the values to mask in anything shown. */
    record Invocation(List<String> command, Set<String> secrets) {
    }

    /** The command for {@code helmRelease}, with its values files written to {@code dir}. */
    static Invocation prepare(JsonNode helmRelease, Map<String, String> sensitiveValues, Path helm, Path dir)
            throws IOException {
        String name = required(helmRelease, "name");
        String namespace = helmRelease.path("namespace").asText("default");
        Path chart = chart(required(helmRelease, "chart"), required(helmRelease, "version"));

        Set<String> secrets = new LinkedHashSet<>(sensitiveValues.values());
        Map<String, String> sensitive = new LinkedHashMap<>();
        for (JsonNode entry : helmRelease.path("set_sensitive")) {
            String key = required(entry, "name");
            String value = sensitiveValues.get(key);
            if (value == null) {
                value = entry.path("value").asText();
                if (containsExpression(value)) {
                    throw new IllegalArgumentException("set_sensitive '" + key + "' of release " + name
                            + " is a Terraform expression: pass a test value under sensitiveValues key '" + key + "'");
                }
            }
            sensitive.put(key, value);
            secrets.add(value);
        }

        List<String> command = new ArrayList<>(List.of(helm.toString(), "template", name, chart.toString(),
                "--namespace", namespace));
        int index = 0;
        for (JsonNode values : helmRelease.path("values")) {
            Path file = dir.resolve("values-" + index++ + ".yaml");
            writePrivate(file, substituteExpressions(values.asText(), sensitiveValues));
            command.addAll(List.of("--values", file.toString()));
        }
        for (JsonNode entry : helmRelease.path("set")) {
            String value = substituteExpressions(entry.path("value").asText(), sensitiveValues);
            String option = "string".equals(entry.path("type").asText()) ? "--set-string" : "--set";
            command.addAll(List.of(option, required(entry, "name") + "=" + escapeSetValue(value)));
        }
        // Helm applies --set-file after --set/--set-string, as the provider applies set_sensitive after set, and
        // parses the name into the merged values as the provider does (a.b[0].c keeps the rest of that element).
        index = 0;
        for (Map.Entry<String, String> entry : sensitive.entrySet()) {
            Path file = dir.resolve("sensitive-" + index++);
            writePrivate(file, entry.getValue());
            command.addAll(List.of("--set-file", entry.getKey() + "=" + file));
        }
        return new Invocation(List.copyOf(command), Set.copyOf(secrets));
    }

    /** {@link #render(JsonNode, Map)} without test values (Terraform expressions get stand-ins). */
    public static Rendered render(JsonNode helmRelease) {
        return render(helmRelease, Map.of());
    }

    /**
     * Test values for every {@code set_sensitive} entry of {@code helmRelease}: {@code test-} and 8 hex digits of
     * the SHA-256 of the entry's name, for renders that need no particular password.
     */
    public static Map<String, String> testSecrets(JsonNode helmRelease) {
        Map<String, String> secrets = new LinkedHashMap<>();
        for (JsonNode entry : helmRelease.path("set_sensitive")) {
            String name = required(entry, "name");
            secrets.put(name, "test-" + standIn(name).substring("tf-expr-".length()));
        }
        return secrets;
    }

    /** Every {@code resource.helm_release} of a synthesized stack, by resource id, in file order. */
    public static Map<String, JsonNode> helmReleases(JsonNode cdkTfJson) {
        Map<String, JsonNode> releases = new LinkedHashMap<>();
        cdkTfJson.path("resource").path("helm_release").fields()
                .forEachRemaining(e -> releases.put(e.getKey(), e.getValue()));
        return releases;
    }

    /** The pinned chart file {@code test/charts/<chart>-<version>.tgz}; fails if the repository lacks it. */
    public static Path chart(String chart, String version) {
        Path file = CHARTS.resolve(chart + "-" + version + ".tgz");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no pinned chart " + file + ": add it to test/charts (see its README.md)");
        }
        return file;
    }

    /**
     * The stand-in for a Terraform expression without a test value: {@code tf-expr-} and the first 8 hex digits of
     * the SHA-256 of {@code expression} (the whole {@code ${...}} text).
     */
    public static String standIn(String expression) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(expression.getBytes(StandardCharsets.UTF_8));
            return "tf-expr-" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code text} with every Terraform interpolation {@code ${...}} replaced by
     * {@code replacements.get(expression)} or {@link #standIn}; {@code $${} becomes a literal {@code ${}.
     */
    public static String substituteExpressions(String text, Map<String, String> replacements) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = expressionEnd(text, i);
                String expression = text.substring(i, end);
                String replacement = replacements.get(expression);
                out.append(replacement != null ? replacement : standIn(expression));
                i = end;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    /**
     * Every key path of {@code valuesYaml} that the chart's own {@code values.yaml} (in {@code chartTgz}, a path
     * relative to the project root or absolute) does not have, e.g. {@code metrics.serviceMonitr}. Maps are
     * recursed; a key whose chart default is an empty map, a list or null takes any content (user-defined, such
     * as {@code commonLabels: {}} or {@code extraEgress: []}); list elements of ours are not checked.
     */
    public static List<String> unknownValuesKeys(String chartTgz, String valuesYaml) {
        Path file = ShippedSynthesis.PROJECT.resolve(chartTgz);
        try {
            JsonNode chartValues = YAML.readTree(chartValuesYaml(file));
            JsonNode ours = YAML.readTree(valuesYaml);
            List<String> unknown = new ArrayList<>();
            if (ours != null && ours.isObject()) {
                unknownKeys(ours, chartValues == null ? JsonNodeFactory.instance.objectNode() : chartValues, "",
                        unknown);
            }
            return unknown;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The Helm binary the renders use (see the class comment). */
    public static synchronized Path helm() {
        if (helm == null) {
            helm = findHelm().orElseThrow(() -> RedisServerProcess.missingPrerequisite(
                    "Helm not found: run test/tools/helm.sh (mvn does this in generate-test-resources)"));
        }
        return helm;
    }

    /** The output of one {@code helm template}. */
    public static final class Rendered {
        private final String manifest;
        private final List<JsonNode> objects;

        Rendered(String manifest) {
            this.manifest = manifest;
            List<JsonNode> parsed = new ArrayList<>();
            try (var parser = YAML.getFactory().createParser(manifest)) {
                Iterator<JsonNode> docs = YAML.readValues(parser, JsonNode.class);
                while (docs.hasNext()) {
                    JsonNode doc = docs.next();
                    if (doc != null && !doc.isNull() && !doc.isMissingNode() && !doc.isEmpty()) {
                        parsed.add(doc);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("helm template output is not YAML", e);
            }
            this.objects = List.copyOf(parsed);
        }

        /** Every rendered object, in Helm's order (empty documents skipped). */
        public List<JsonNode> objects() {
            return objects;
        }

        /** The objects of one {@code kind}, e.g. {@code StatefulSet}. */
        public List<JsonNode> ofKind(String kind) {
            return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
        }

        /** The one object of {@code kind} named {@code name}; fails (listing what there is) if not exactly one. */
        public JsonNode one(String kind, String name) {
            List<JsonNode> found = ofKind(kind).stream()
                    .filter(o -> name.equals(o.path("metadata").path("name").asText())).toList();
            if (found.size() != 1) {
                throw new AssertionError(found.size() + " objects " + kind + "/" + name + " rendered; there are: "
                        + objects.stream().map(Rendered::id).collect(Collectors.joining(", ")));
            }
            return found.get(0);
        }

        /** {@code data.<key>} of ConfigMap {@code configMapName}; fails if there is no such key. */
        public String configMapData(String configMapName, String key) {
            JsonNode data = one("ConfigMap", configMapName).path("data");
            if (!data.has(key)) {
                List<String> keys = new ArrayList<>();
                data.fieldNames().forEachRemaining(keys::add);
                throw new AssertionError("ConfigMap " + configMapName + " has no data key " + key + "; keys: " + keys);
            }
            return data.get(key).asText();
        }

        /**
         * Every container and init container of every pod template (StatefulSet, Deployment, DaemonSet,
         * ReplicaSet, Job, CronJob, Pod).
         */
        public List<JsonNode> containers() {
            List<JsonNode> containers = new ArrayList<>();
            for (JsonNode object : objects) {
                JsonNode podSpec = podSpec(object);
                if (podSpec != null) {
                    podSpec.path("initContainers").forEach(containers::add);
                    podSpec.path("containers").forEach(containers::add);
                }
            }
            return containers;
        }

        /** The raw {@code helm template} output. */
        public String manifest() {
            return manifest;
        }

        /** The kinds and names rendered (never the content, which may hold secrets). */
        @Override
        public String toString() {
            return objects.stream().map(Rendered::id).collect(Collectors.joining(", ", "Rendered[", "]"));
        }

        private static String id(JsonNode o) {
            return o.path("kind").asText() + "/" + o.path("metadata").path("name").asText();
        }

        /** The pod spec of a workload object, or {@code null} for objects without pods. */
        static JsonNode podSpecOf(JsonNode object) {
            return podSpec(object);
        }

        /** The init containers and containers of one workload object (empty for objects without pods). */
        static List<JsonNode> podContainers(JsonNode object) {
            List<JsonNode> containers = new ArrayList<>();
            JsonNode podSpec = podSpec(object);
            if (podSpec != null) {
                podSpec.path("initContainers").forEach(containers::add);
                podSpec.path("containers").forEach(containers::add);
            }
            return containers;
        }

        private static JsonNode podSpec(JsonNode object) {
            JsonNode spec = object.path("spec");
            return switch (object.path("kind").asText()) {
                case "Pod" -> spec;
                case "StatefulSet", "Deployment", "DaemonSet", "ReplicaSet", "Job" -> spec.path("template").path("spec");
                case "CronJob" -> spec.path("jobTemplate").path("spec").path("template").path("spec");
                default -> null;
            };
        }
    }

    // --- Helm ---

    private static Optional<Path> findHelm() {
        String pathFile = System.getProperty("kvstores.helmPathFile");
        if (pathFile != null && !pathFile.isBlank() && Files.isRegularFile(Path.of(pathFile))) {
            try {
                Path p = Path.of(Files.readString(Path.of(pathFile)).strip());
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            } catch (IOException ignored) {
                // fall back to PATH
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "helm"))
                        && Files.isRegularFile(Path.of(dir, "helm"))) {
                    return Optional.of(Path.of(dir, "helm"));
                }
            }
        }
        Path cached = Path.of(System.getProperty("user.home"), ".cache", "kvstores", "helm-4.1.4", "helm");
        return Files.isExecutable(cached) ? Optional.of(cached) : Optional.empty();
    }

    private static String run(Invocation invocation, Path dir) throws IOException {
        List<String> command = invocation.command();
        Set<String> secrets = invocation.secrets();
        Path stdout = dir.resolve("helm.out");
        Path stderr = dir.resolve("helm.err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // No cluster, no user Helm configuration: a hermetic render.
        Map<String, String> env = builder.environment();
        env.put("HELM_CACHE_HOME", dir.resolve("helm-cache").toString());
        env.put("HELM_CONFIG_HOME", dir.resolve("helm-config").toString());
        env.put("HELM_DATA_HOME", dir.resolve("helm-data").toString());
        env.put("KUBECONFIG", dir.resolve("no-kubeconfig").toString());
        Process process = builder.start();
        boolean finished;
        try {
            finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running helm template", e);
        }
        if (!finished) {
            process.destroyForcibly();
            throw new HelmException("helm template timed out after " + TIMEOUT_SECONDS + " s: "
                    + mask(String.join(" ", command), secrets) + "\n" + mask(Files.readString(stderr), secrets));
        }
        if (process.exitValue() != 0) {
            throw new HelmException("helm template failed (exit " + process.exitValue() + "): "
                    + mask(String.join(" ", command), secrets) + "\n" + mask(Files.readString(stderr), secrets));
        }
        return Files.readString(stdout);
    }

    /** {@code helm template} failed or timed out; the message holds Helm's stderr with sensitive values masked. */
    public static final class HelmException extends RuntimeException {
        HelmException(String message) {
            super(message);
        }
    }

    static String mask(String text, Set<String> secrets) {
        String masked = text;
        List<String> forms = new ArrayList<>();
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                forms.add(secret);
                forms.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
            }
        }
        forms.sort(Comparator.comparingInt(String::length).reversed()); // longest first: no partial leftovers
        for (String form : forms) {
            masked = masked.replace(form, MASK);
        }
        return masked;
    }

    // --- values ---

    private static String required(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("helm_release has no '" + field + "': " + node.path("//"));
        }
        return value.asText();
    }

    private static boolean containsExpression(String value) {
        return value.replace("$${", "").contains("${");
    }

    /** The index just after the {@code }} that closes the {@code ${} at {@code start}. */
    private static int expressionEnd(String text, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("unterminated Terraform expression at: "
                + text.substring(start, Math.min(text.length(), start + 40)));
    }

    /** A --set-string value as Helm's strvals parser reads it back: backslash and comma escaped. */
    private static String escapeSetValue(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,");
    }

    private static void unknownKeys(JsonNode ours, JsonNode chart, String prefix, List<String> unknown) {
        ours.fields().forEachRemaining(e -> {
            String key = e.getKey();
            String path = prefix + key.replace(".", "\\.");
            JsonNode chartValue = chart.get(key);
            if (chartValue == null) {
                unknown.add(path);
            } else if (e.getValue().isObject() && chartValue.isObject() && !chartValue.isEmpty()) {
                unknownKeys(e.getValue(), chartValue, path + ".", unknown);
            }
            // else: a scalar or list of ours, or a chart default that is an empty map, a list or null (free-form)
        });
    }

    /** The chart's own {@code <chart>/values.yaml} from a packaged chart (gzip'd tar), not a subchart's. */
    private static String chartValuesYaml(Path tgz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz))) {
            String longName = null;
            byte[] header = new byte[512];
            while (readFully(in, header)) {
                if (isZeros(header)) {
                    break;
                }
                String name = longName != null ? longName : tarName(header);
                longName = null;
                String octalSize = tarString(header, 124, 12).trim();
                long size = octalSize.isEmpty() ? 0 : Long.parseLong(octalSize, 8);
                char type = (char) header[156];
                byte[] content = readEntry(in, size);
                if (type == 'L') { // GNU long name: the next entry's name
                    longName = new String(content, StandardCharsets.UTF_8).replace("\0", "");
                } else if (type == 'x') { // pax header: path=...
                    for (String record : new String(content, StandardCharsets.UTF_8).split("\n")) {
                        int eq = record.indexOf(" path=");
                        if (eq >= 0) {
                            longName = record.substring(eq + 6);
                        }
                    }
                } else if ((type == '0' || type == '\0') && name.matches("[^/]+/values\\.yaml")) {
                    return new String(content, StandardCharsets.UTF_8);
                }
            }
        }
        throw new IOException("no <chart>/values.yaml in " + tgz);
    }

    private static byte[] readEntry(InputStream in, long size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(size, 1 << 20));
        byte[] block = new byte[512];
        for (long read = 0; read < size; read += 512) {
            if (!readFully(in, block)) {
                throw new IOException("truncated tar entry");
            }
            out.write(block, 0, (int) Math.min(512, size - read));
        }
        return out.toByteArray();
    }

    private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
        int off = 0;
        while (off < buffer.length) {
            int n = in.read(buffer, off, buffer.length - off);
            if (n < 0) {
                if (off == 0) {
                    return false;
                }
                throw new IOException("truncated tar stream");
            }
            off += n;
        }
        return true;
    }

    private static boolean isZeros(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String tarName(byte[] header) {
        String name = tarString(header, 0, 100);
        String prefix = "ustar".equals(tarString(header, 257, 5)) ? tarString(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String tarString(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    // --- files ---

    private static Path privateTempDir() {
        try {
            return Files.createTempDirectory("kvstores-helm-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writePrivate(Path file, String text) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text);
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
