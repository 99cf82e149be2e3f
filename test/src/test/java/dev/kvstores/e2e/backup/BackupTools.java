package dev.kvstores.e2e.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the backup tests share besides servers: running a command with an environment, the synthesized CronJob's
 * script and environment, redis-cli calls and a canonical digest of a server's keys.
 */
final class BackupTools {

    private BackupTools() {
    }

    record Result(int exitCode, String stdout, String stderr, List<String> command) {
        Result requireSuccess() {
            assertEquals(0, exitCode, String.join(" ", command.subList(0, Math.min(2, command.size())))
                    + " failed:\n" + stdout + stderr);
            return this;
        }
    }

    /** Runs {@code command} in {@code dir} with {@code env} added (stdin closed), within {@code timeoutSeconds}. */
    static Result run(List<String> command, Map<String, String> env, Path dir, int timeoutSeconds) throws Exception {
        return run(command, env, dir, timeoutSeconds, null);
    }

    /** As {@link #run(List, Map, Path, int)} with {@code stdin} read from a file (or closed when null). */
    static Result run(List<String> command, Map<String, String> env, Path dir, int timeoutSeconds, Path stdin)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        // The machine's CA bundle settings would make rclone's S3 client load a bundle meant for other tools.
        builder.environment().remove("AWS_CA_BUNDLE");
        builder.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        if (stdin != null) {
            builder.redirectInput(stdin.toFile());
        }
        Process process = builder.start();
        if (stdin == null) {
            process.getOutputStream().close();
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " did not finish in " + timeoutSeconds + " s: "
                    + Files.readString(err));
        }
        try {
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err), command);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The CronJob's container: its script ({@code bash -c <script>}) and its plain-value environment. */
    record Job(String script, Map<String, String> env, JsonNode container) {
        static Job of(JsonNode cronJob) {
            JsonNode container = cronJob.at("/spec/job_template/spec/template/spec/container/0");
            JsonNode command = container.path("command");
            assertEquals("bash", command.path(0).asText());
            assertEquals("-c", command.path(1).asText());
            Map<String, String> env = new LinkedHashMap<>();
            container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText(null)));
            return new Job(command.path(2).asText(), env, container);
        }

        /** Runs the script as the CronJob does, with {@code env} (the job's, adapted by the test). */
        Result run(Map<String, String> env, Path dir) throws Exception {
            Files.createDirectories(Path.of(env.get("BACKUP_WORK_DIR")));
            return BackupTools.run(List.of("bash", "-c", script, "worker-state-backup"), env, dir, 180);
        }
    }

    /** Writes {@code content} to {@code dir/name} (owner-only) and returns the path. */
    static Path write(Path dir, String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** An executable file {@code dir/name} (a script on the PATH of a test, as the image has it). */
    static Path executable(Path dir, String name, String content) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    /** redis-cli against {@code host:port} (TLS with {@code ca} when not null) as {@code user} ({@code null}: AUTH with
     * the password only; no password: no AUTH). Returns stdout and stderr together. */
    static String cli(Path dir, String host, int port, Path ca, String user, String password, String... command)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("redis-cli", "--no-auth-warning", "-h", host, "-p",
                String.valueOf(port)));
        if (ca != null) {
            args.addAll(List.of("--tls", "--cacert", ca.toString()));
        }
        Map<String, String> env = new LinkedHashMap<>();
        if (password != null) {
            if (user != null) {
                args.addAll(List.of("--user", user));
            }
            env.put("REDISCLI_AUTH", password);
        }
        args.addAll(List.of(command));
        Result result = run(args, env, dir, 30);
        return result.stdout() + result.stderr();
    }

    /**
     * Every key of one server with its type and the SHA-1 of its value in a canonical form (hash fields and set
     * members sorted; DUMP is not canonical), one line each, sorted; keys with a TTL get {@code ttl} appended.
     */
    static String digest(Path dir, String host, int port, Path ca, String password) throws Exception {
        String digest = digestReply(dir, host, port, ca, password);
        // Every line is "<sha1 of key> <type> <sha1 of value>[ ttl]"; anything else is the server's error (e.g.
        // CLUSTERDOWN from a node that has not yet seen the cluster as ok), never a digest to compare.
        if (!digest.isEmpty() && !digest.lines().allMatch(l -> l.matches("[0-9a-f]{40} [a-z]+ [0-9a-f]{40}( ttl)?"))) {
            throw new AssertionError("the digest of " + host + ":" + port + " could not be read: "
                    + digest.lines().filter(l -> !l.matches("[0-9a-f]{40} .*")).findFirst().orElse(digest));
        }
        return digest;
    }

    private static String digestReply(Path dir, String host, int port, Path ca, String password) throws Exception {
        return cli(dir, host, port, ca, null, password, "EVAL",
                "local out = {} for _, k in ipairs(redis.call('KEYS', '*')) do"
                        + " local t = redis.call('TYPE', k)['ok'] local v"
                        + " if t == 'string' then v = {redis.call('GET', k)}"
                        + " elseif t == 'list' then v = redis.call('LRANGE', k, 0, -1)"
                        + " elseif t == 'set' then v = redis.call('SMEMBERS', k) table.sort(v)"
                        + " elseif t == 'zset' then v = redis.call('ZRANGE', k, 0, -1, 'WITHSCORES')"
                        + " elseif t == 'hash' then local h = redis.call('HGETALL', k) v = {}"
                        + "   for i = 1, #h, 2 do table.insert(v, h[i] .. '=' .. h[i + 1]) end table.sort(v)"
                        + " else v = {'unexpected type'} end"
                        + " local ttl = '' if redis.call('PTTL', k) > 0 then ttl = ' ttl' end"
                        + " table.insert(out, redis.sha1hex(k) .. ' ' .. t .. ' ' .. redis.sha1hex(table.concat(v, '\\0'))"
                        + "   .. ttl) end"
                        + " table.sort(out) return table.concat(out, '\\n')", "0").strip();
    }

    /** The restore script as the library ships it, as an executable on {@code bin} (as in the image). */
    static Path restoreScriptOnPath(Path bin) throws IOException {
        return executable(bin, "worker-state-restore.sh", dev.kvstores.kubernetes.WorkerStateBackup.restoreScript());
    }

    /** PATH with {@code bin} first. */
    static String pathWith(Path bin) {
        return bin + java.io.File.pathSeparator + System.getenv("PATH");
    }
}
