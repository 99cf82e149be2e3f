package dev.kvstores.stacks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kvstores.role.RoleContract;
import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.environment.EnvironmentException;
import dev.kvstores.stacks.environment.EnvironmentReader;
import dev.kvstores.stacks.environment.PhysicalClaim;
import dev.kvstores.stacks.environment.PlatformSettings;
import dev.kvstores.stacks.environment.YamlText;
import dev.kvstores.stacks.platform.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads and validates environment files. Every problem of every file is collected and thrown together as
 * one {@link EnvironmentException}; nothing is built from a file with problems.
 */
public final class EnvironmentLoader {

    /** Where the shipped environment files live, relative to the project root. */
    public static final String DEFAULT_DIRECTORY = "stacks/environments";

    /** Fails on a key written twice in one mapping instead of keeping the last value. */
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private static final List<String> PROFILES = List.of("production", "development");
    private static final List<String> BACKENDS = List.of("local", "s3", "gcs", "azurerm", "remote");

    private EnvironmentLoader() {
    }

    /**
     * Loads every {@code *.yaml} file of a directory, sorted by name.
     *
     * @param directory   the directory
     * @param displayBase the path messages show files relative to (usually the project root)
     */
    public static List<Environment> loadDirectory(Path directory, Path displayBase) {
        if (!Files.isDirectory(directory)) {
            throw new EnvironmentException(List.of(directory + ": no such directory; run from the project root or"
                    + " pass --environments <dir>"));
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml")
                    || p.getFileName().toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new EnvironmentException(List.of(directory + ": cannot list: " + e.getMessage()));
        }
        if (files.isEmpty()) {
            throw new EnvironmentException(List.of(directory + ": has no *.yaml environment files"));
        }
        List<String> problems = new ArrayList<>();
        List<Environment> environments = new ArrayList<>();
        List<StateClaim> stateClaims = new ArrayList<>();
        for (Path file : files) {
            if (file.getFileName().toString().endsWith(".yml")) {
                String yml = file.getFileName().toString();
                String yaml = yml.replaceAll("\\.yml$", ".yaml");
                problems.add(display(file, displayBase) + ": environment files end in .yaml; "
                        + (files.contains(file.resolveSibling(yaml))
                                ? yaml + " exists too: merge what " + yml + " holds into " + yaml + " and delete "
                                        + yml + ", or rename it to another name ending in .yaml"
                                : "rename it to " + yaml));
                continue;
            }
            Environment environment = load(file, display(file, displayBase), problems, stateClaims);
            if (environment != null) {
                environments.add(environment);
            }
        }
        rejectSharedState(stateClaims, problems);
        List<PhysicalClaim.Claims> claims = new ArrayList<>();
        for (Environment environment : environments) {
            if (environment.settings() != null) {
                claims.add(new PhysicalClaim.Claims(environment.file(),
                        Platforms.find(environment.platform()).claims(environment)));
            }
        }
        PhysicalClaim.reject(claims, problems);
        if (!problems.isEmpty()) {
            throw new EnvironmentException(problems);
        }
        return environments;
    }

    /** Loads one file; throws {@link EnvironmentException} listing all its problems. */
    public static Environment loadFile(Path file, Path displayBase) {
        List<String> problems = new ArrayList<>();
        Environment environment = load(file, display(file, displayBase), problems, new ArrayList<>());
        if (!problems.isEmpty()) {
            throw new EnvironmentException(problems);
        }
        return environment;
    }

    private static String display(Path file, Path base) {
        Path absolute = file.toAbsolutePath().normalize();
        Path root = base.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : file.toString();
    }

    /** The state location an environment file asks for, kept even when another section of the file fails. */
    private record StateClaim(String file, String name, Environment.StateBackend backend) {
    }

    /**
     * Refuses two stacks with one state location: each apply would plan to destroy the other stack's resources.
     * Of the files sharing a location, the one that uses its own default keeps it; the others are reported,
     * each naming the file it collides with.
     */
    private static void rejectSharedState(List<StateClaim> claims, List<String> problems) {
        Map<String, List<StateClaim>> byLocation = new LinkedHashMap<>();
        for (StateClaim claim : claims) {
            byLocation.computeIfAbsent(claim.backend().location(), k -> new ArrayList<>()).add(claim);
        }
        for (List<StateClaim> sharing : byLocation.values()) {
            StateClaim keeper = sharing.stream().filter(EnvironmentLoader::usesItsDefaultLocation).findFirst()
                    .orElse(sharing.get(0));
            for (StateClaim claim : sharing) {
                if (claim == keeper) {
                    continue;
                }
                Environment.StateBackend backend = claim.backend();
                String field = backend.locationField();
                problems.add(claim.file() + ": stateBackend." + field + ": is '" + backend.attributes().get(field)
                        + "', so this stack's state would be " + backend.location() + ", which is the state of "
                        + keeper.file() + " too; two stacks in one state each destroy the other's resources on"
                        + " apply; " + sharedStateFix(backend.type(), claim.name()));
            }
        }
    }

    private static String sharedStateFix(String type, String name) {
        return switch (type) {
            case "local" -> "remove stateBackend.path so this stack uses its own terraform." + name
                    + ".tfstate, or give it a path no other stack uses";
            case "gcs" -> "remove stateBackend.prefix so this stack uses prefix " + name
                    + ", or give it a prefix no other stack uses";
            case "remote" -> "give this stack a workspace of its own, e.g. " + name;
            default -> "give this stack a key of its own, e.g. " + name + ".tfstate";
        };
    }

    /** Whether every field that makes up the backend's state location was read. */
    private static boolean hasLocation(Environment.StateBackend backend) {
        List<String> fields = switch (backend.type() == null ? "" : backend.type()) {
            case "local" -> List.of("path");
            case "s3" -> List.of("bucket", "key");
            case "gcs" -> List.of("bucket", "prefix");
            case "azurerm" -> List.of("storageAccountName", "containerName", "key");
            case "remote" -> List.of("hostname", "organization", "workspace");
            default -> null;
        };
        return fields != null && backend.attributes().keySet().containsAll(fields);
    }

    /** Whether a stack's state is where its own name puts it by default (local path or gcs prefix). */
    private static boolean usesItsDefaultLocation(StateClaim claim) {
        Environment.StateBackend backend = claim.backend();
        String value = switch (backend.type()) {
            case "local" -> "terraform." + claim.name() + ".tfstate";
            case "gcs" -> claim.name();
            default -> null;
        };
        if (value == null) {
            return false;
        }
        Map<String, String> attributes = new LinkedHashMap<>(backend.attributes());
        attributes.put(backend.locationField(), value);
        return new Environment.StateBackend(backend.type(), attributes).location().equals(backend.location());
    }

    private static Environment load(Path path, String file, List<String> problems, List<StateClaim> stateClaims) {
        String fileName = path.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".yaml".length());
        int before = problems.size();
        if (!name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
            problems.add(file + ": file name: '" + name + "' is not a valid stack name; use lowercase letters,"
                    + " digits and '-' (e.g. kubernetes-prod.yaml)");
        }
        JsonNode root;
        try {
            String text = YamlText.decode(file, Files.readAllBytes(path), problems);
            if (text == null || !YamlText.scan(file, text, YAML.getFactory(), problems)) {
                return null;
            }
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            problems.add(YamlText.problem(file, e));
            return null;
        } catch (IOException e) {
            problems.add(file + ": cannot read: " + e.getMessage());
            return null;
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            problems.add(file + ": the file is empty (or holds only comments); an environment file is a YAML"
                    + " mapping of platform, profile, connectionSecret, cache, workerState, ...: start from a copy of"
                    + " a shipped file, e.g. stacks/environments/kubernetes-dev.yaml");
            return null;
        }
        if (!root.isObject()) {
            problems.add(file + ": is " + (root.isArray() ? "a list" : "a single value") + ", not a YAML mapping;"
                    + " an environment file is a mapping of platform, profile, connectionSecret, cache, workerState,"
                    + " ...: start from a copy of a shipped file, e.g. stacks/environments/kubernetes-dev.yaml");
            return null;
        }
        EnvironmentReader top = new EnvironmentReader(file, "", root, problems);
        String platformName = top.choice("platform", "kubernetes", true, Platforms.names());
        String profile = top.choice("profile", "production", true, PROFILES);
        boolean production = !"development".equals(profile);
        Environment.StateBackend backend = stateBackend(top, name, production);
        if (hasLocation(backend)) { // even with other problems (e.g. no lock): report a shared state in this run
            stateClaims.add(new StateClaim(file, name, backend));
        }

        EnvironmentReader secret = top.child("connectionSecret", true);
        String secretNamespace = null;
        String secretName = null;
        if (secret != null) {
            secretNamespace = secret.dnsLabel("namespace", "suprsend", true);
            secretName = secret.secretName("name", "suprsend-secrets", false);
            if ("default".equals(secretNamespace)) {
                secret.problem("namespace", "is 'default'; use the platform's own namespace (CKV_K8S_21)");
            }
            secret.rejectUnknownKeys();
        }
        List<Environment.Relaxation> relaxations = relaxations(top, production);
        Platform platform = platformName == null ? null : Platforms.find(platformName);
        PlatformSettings settings = platform == null ? null : platform.read(top, name, production);
        if (platform != null) {
            top.rejectUnknownKeys();
        }
        if (problems.size() > before) {
            return null;
        }
        return Environment.builder().name(name).file(file).platform(platformName).production(production)
                .stateBackend(backend).secretNamespace(secretNamespace).secretName(secretName)
                .relaxations(relaxations).settings(settings).build();
    }

    /** Where to read how to create a remote state backend once, per cloud. */
    public static final String STATE_BACKEND_DOCS = "docs/state-backend.md";

    private static Environment.StateBackend stateBackend(EnvironmentReader top, String name, boolean production) {
        EnvironmentReader reader = top.child("stateBackend", false);
        Map<String, String> attributes = new LinkedHashMap<>();
        if (reader == null) {
            attributes.put("path", "terraform." + name + ".tfstate");
            if (production) {
                top.problem("stateBackend", "is missing, so production would keep its Terraform state in the local"
                        + " file terraform." + name + ".tfstate; " + LOCAL_STATE_RISK + "; " + REMOTE_WAYS);
            }
            return new Environment.StateBackend("local", attributes);
        }
        String type = reader.choice("type", "local", true, BACKENDS);
        List<String> required;
        List<String> optional;
        switch (type == null ? "" : type) {
            case "local" -> { required = List.of(); optional = List.of("path"); }
            case "s3" -> {
                required = List.of("bucket", "key", "region");
                optional = List.of("kmsKeyId", "dynamodbTable");
            }
            case "gcs" -> { required = List.of("bucket"); optional = List.of("prefix", "kmsEncryptionKey"); }
            case "azurerm" -> {
                required = List.of("resourceGroupName", "storageAccountName", "containerName", "key");
                optional = List.of();
            }
            case "remote" -> { required = List.of("organization", "workspace"); optional = List.of("hostname"); }
            default -> { required = List.of(); optional = List.of(); }
        }
        for (String key : required) {
            String value = stateField(reader, type, key, true);
            if (value != null) {
                attributes.put(key, value);
            }
        }
        for (String key : optional) {
            String value = stateField(reader, type, key, false);
            if (value != null) {
                attributes.put(key, value);
            }
        }
        switch (type == null ? "" : type) {
            case "local" -> {
                String path = attributes.computeIfAbsent("path", k -> "terraform." + name + ".tfstate");
                if (path.startsWith("/") || path.contains("..")) {
                    reader.problem("path", "is '" + path + "'; give a path inside the project (relative, no '..')"
                            + " so no machine's absolute path ends up in the synthesized stack");
                }
                if (production) {
                    reader.problem("type", "is 'local' with profile production: the state would be the file "
                            + path + "; " + LOCAL_STATE_RISK + "; " + REMOTE_WAYS);
                }
            }
            case "s3" -> {
                s3Locking(reader, attributes, production);
                if (production && !attributes.containsKey("kmsKeyId")) {
                    reader.problem("kmsKeyId", "is missing: production state holds every generated password in"
                            + " plain text; encrypt it with a KMS key whose key policy names who may read the state,"
                            + " e.g. kmsKeyId: arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000 (create it"
                            + " once: " + STATE_BACKEND_DOCS + ")");
                }
            }
            case "gcs" -> attributes.putIfAbsent("prefix", name);
            case "remote" -> attributes.putIfAbsent("hostname", "app.terraform.io");
            default -> { }
        }
        reader.rejectUnknownKeys();
        return new Environment.StateBackend(type, attributes);
    }

    /**
     * A {@code stateBackend} field: the local {@code path} is a file path (a NUL would stop Terraform and Java
     * alike); the names of the remote backends are one-line text, checked by their backend at {@code init}.
     */
    private static String stateField(EnvironmentReader reader, String type, String key, boolean required) {
        return "local".equals(type) && "path".equals(key) ? reader.filePath(key, null, required)
                : reader.string(key, null, required);
    }

    private static final String LOCAL_STATE_RISK = "Terraform writes that file readable by every user of the"
            + " machine (mode 0644), it holds every generated password in plain text, and it has no lock shared by"
            + " a team or CI";
    private static final String REMOTE_WAYS = "use a remote backend with encryption and locking: type: s3 with"
            + " kmsKeyId and useLockfile: true, type: gcs (kmsEncryptionKey for your own key), type: azurerm, or"
            + " type: remote (create it once: " + STATE_BACKEND_DOCS + "), or set profile: development";

    /**
     * S3 state locking: {@code useLockfile} (S3 native locking, Terraform >= 1.10) and/or {@code dynamodbTable}.
     * Production needs one of them; GCS and azurerm lock natively, HCP Terraform queues runs.
     */
    private static void s3Locking(EnvironmentReader reader, Map<String, String> attributes, boolean production) {
        boolean written = reader.has("useLockfile");
        Boolean useLockfile = reader.bool("useLockfile", false);
        if (Boolean.TRUE.equals(useLockfile)) {
            attributes.put("useLockfile", "true");
        }
        if (production && useLockfile != null && !useLockfile && !attributes.containsKey("dynamodbTable")) {
            reader.problem("useLockfile", (written ? "is false" : "is not set") + " and there is no dynamodbTable:"
                    + " production state on S3 needs a lock, or two runs at once can corrupt it; add useLockfile:"
                    + " true (S3 native locking, Terraform >= 1.10) or dynamodbTable: <a DynamoDB table with"
                    + " partition key LockID>");
        }
    }

    private static List<Environment.Relaxation> relaxations(EnvironmentReader top, boolean production) {
        List<Environment.Relaxation> out = new ArrayList<>();
        for (EnvironmentReader r : top.children("relaxations")) {
            String check = r.choice("check", "high-availability", true, List.of("high-availability"));
            String store = r.choice("store", "cache", true, List.of("cache", "workerState"));
            String reason = r.text("reason", "single-node dev cluster; data loss on restart is acceptable", true);
            r.rejectUnknownKeys();
            if (reason != null && reason.strip().length() < RoleContract.MINIMUM_REASON_LENGTH) {
                r.problem("reason", "is '" + reason + "'; write why, in at least "
                        + RoleContract.MINIMUM_REASON_LENGTH + " characters");
            }
            if (production) {
                r.problem("check", "relaxations are not allowed with profile production; remove it or use"
                        + " profile development");
            }
            out.add(new Environment.Relaxation(check, store, reason));
        }
        return out;
    }
}
