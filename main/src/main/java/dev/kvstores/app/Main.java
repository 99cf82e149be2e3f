package dev.kvstores.app;

import com.hashicorp.cdktf.Token;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.environment.EnvironmentException;
import dev.kvstores.stacks.EnvironmentLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The cdktf app: {@code java -jar main/target/kvstores-app.jar [--environments DIR] [--only a,b]}.
 *
 * <p>Loads every environment file (default {@value EnvironmentLoader#DEFAULT_DIRECTORY}), builds one stack per
 * environment, checks policy and synthesizes into {@code $CDKTF_OUTDIR} (default {@code cdktf.out}). Exit
 * code 0 on success; 2 with every problem listed (file, field, value, fix) and the output untouched. A run is
 * handed to a running {@link SynthesisServer} when there is one ({@code --serve}, {@code --stop-server}).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(SynthesisServer.SERVE)) {
            System.exit(SynthesisServer.serve(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals(SynthesisServer.STOP)) {
            System.exit(SynthesisClient.stop(SynthesisServer.socketPath()));
        }
        OptionalInt served = SynthesisClient.trySynthesize(SynthesisServer.socketPath(), args);
        System.exit(served.isPresent() ? served.getAsInt()
                : run(args, System.getenv().getOrDefault("CDKTF_OUTDIR", "cdktf.out"), System.out, System.err));
    }

    /**
     * One synthesis, in this process.
     *
     * @param outdir where to synthesize ({@code CDKTF_OUTDIR} of the caller)
     * @return the exit code: 0, or 2 with every problem written to {@code err}
     */
    static int run(String[] args, String outdir, PrintStream out, PrintStream err) {
        Path environmentsDir = Path.of(EnvironmentLoader.DEFAULT_DIRECTORY);
        List<String> only = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if ((args[i].equals("--environments") || args[i].equals("--only")) && i + 1 == args.length) {
                err.println("kvstores: " + args[i] + " needs a value: --environments DIR or --only name[,name...]");
                return 2;
            }
            switch (args[i]) {
                case "--environments" -> environmentsDir = Path.of(args[++i]);
                case "--only" -> only.addAll(Arrays.asList(args[++i].split(",")));
                case "--help", "-h" -> {
                    out.println("usage: kvstores-app [--environments DIR] [--only name[,name...]]");
                    out.println("       kvstores-app " + SynthesisServer.SERVE + " [--restart-after N] [--warm-up N]   keep a warm"
                            + " synthesis process; later runs from this directory use it");
                    out.println("       kvstores-app " + SynthesisServer.STOP);
                    return 0;
                }
                default -> {
                    err.println("kvstores: unknown argument '" + args[i] + "'; use --environments DIR or"
                            + " --only name[,name...]");
                    return 2;
                }
            }
        }
        try {
            // The environment files are read on another thread while this one starts the jsii kernel (node) and
            // loads cdktf: the two overlap on a multi-core machine. Only this thread ever talks to jsii.
            Path directory = environmentsDir;
            CompletableFuture<List<Environment>> loading = CompletableFuture.supplyAsync(
                    () -> EnvironmentLoader.loadDirectory(directory, Path.of("")), Main::daemonThread);
            startJsiiKernel();
            List<Environment> environments = join(loading);
            if (!only.isEmpty()) {
                List<String> names = environments.stream().map(Environment::name).toList();
                for (String name : only) {
                    if (!names.contains(name)) {
                        err.println("kvstores: --only " + name + ": no such environment; known: "
                                + String.join(", ", names));
                        return 2;
                    }
                }
                environments = environments.stream().filter(e -> only.contains(e.name())).toList();
            }
            Synthesizer.Result result = new Synthesizer(PolicyPack.defaults()).synthesize(environments, Path.of(outdir),
                    !only.isEmpty());
            result.policyReports().forEach((name, report) -> out.print("kvstores: " + name + ": "
                    + report.render().lines().findFirst().orElse("") + "\n"));
            out.println("kvstores: synthesized " + environments.size() + " stack(s) into " + outdir);
            return 0;
        } catch (EnvironmentException e) {
            err.println("kvstores: " + e.getMessage());
            err.println("kvstores: nothing was written to " + outdir);
            return 2;
        }
    }

    /**
     * Starts the jsii kernel and loads cdktf (through a static call, a round trip to the kernel). The provider
     * modules load when a stack first creates one of their resources (the lean bindings' TF_RESOURCE_TYPE is a
     * compiled-in constant, no kernel request).
     */
    private static void startJsiiKernel() {
        Token.isUnresolved("");
    }

    /** Whether the jsii kernel still answers; after a failed run, whether this process can take another one. */
    static boolean kernelAnswers() {
        try {
            startJsiiKernel();
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static void daemonThread(Runnable runnable) {
        Thread thread = new Thread(runnable, "kvstores-environment-loader");
        thread.setDaemon(true);
        thread.start();
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
