package dev.kvstores.stacks.environment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real thing an environment creates or adopts, identified as the platform identifies it: e.g. a Helm release by
 * kube context, namespace and name; an ElastiCache replication group by account, region and ID; an S3 bucket by
 * its globally unique name. Platforms declare their claims ({@code Platform.claims}); {@link #reject} compares
 * every environment file's claims, so that an edited copy of a file cannot create or take over the other
 * environment's objects on its first apply.
 *
 * @param field    the environment-file field that names the thing (what a copy must change), e.g.
 *                 {@code cache.releaseName}
 * @param value    its value, as written or defaulted
 * @param identity the thing in words, unique per real object, e.g. {@code Helm release redis-cache in namespace
 *                 redis-cache of kube context prod}
 */
public record PhysicalClaim(String field, String value, String identity) {

    /** The connection Secret every platform writes into the platform's cluster. */
    public static PhysicalClaim connectionSecret(KubernetesAccess access, Environment environment) {
        return new PhysicalClaim("connectionSecret.name", environment.secretName(), "Kubernetes Secret "
                + environment.secretNamespace() + "/" + environment.secretName() + " in " + context(access));
    }

    /** {@code kube context <name>} (with its kubeconfig file when not the default). */
    public static String context(KubernetesAccess access) {
        return "kube context " + access.configContext() + ("~/.kube/config".equals(access.configPath()) ? ""
                : " of " + access.configPath());
    }

    /** One environment's claims, with its file. */
    public record Claims(String file, List<PhysicalClaim> claims) {
    }

    /**
     * Refuses every claim that an earlier file (in file order) makes too, naming both files, the field and the
     * value: two environments would create or adopt the same real thing.
     */
    public static void reject(List<Claims> environments, List<String> problems) {
        Map<String, String> owners = new LinkedHashMap<>();
        for (Claims environment : environments) {
            List<String> seen = new ArrayList<>();
            for (PhysicalClaim claim : environment.claims()) {
                if (seen.contains(claim.identity())) {
                    continue;
                }
                seen.add(claim.identity());
                String owner = owners.putIfAbsent(claim.identity(), environment.file());
                if (owner != null) {
                    problems.add(environment.file() + ": " + claim.field() + ": is '" + claim.value() + "', so this"
                            + " environment would create or adopt " + claim.identity() + ", which " + owner
                            + " claims too; the first apply would fail or take over the other environment's object:"
                            + " give this environment its own " + claim.field() + " (a copied file must change the"
                            + " fields README.md lists under \"Copying an environment file\")");
                }
            }
        }
    }
}
