package dev.kvstores.kubernetes;

import com.hashicorp.cdktf.TerraformDataSource;
import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.providers.kubernetes.namespace_v1.NamespaceV1;
import com.hashicorp.cdktf.providers.kubernetes.namespace_v1.NamespaceV1Config;
import com.hashicorp.cdktf.providers.kubernetes.namespace_v1.NamespaceV1Metadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The namespace of an in-cluster store ({@code kubernetes_namespace_v1}), labelled for Pod Security Admission at
 * {@code restricted} ({@code enforce}, {@code audit} and {@code warn}, version {@code latest}): every pod the
 * stores render passes that profile. Everything of a store is applied after it ({@link #precede}).
 *
 * <p>The store constructs create their own namespace unless {@code createNamespace(false)}; create one of these
 * yourself when two stores share a namespace, and call {@link #precede} for each.
 *
 * <p>Child ID: {@code Resource}.
 */
public final class StoreNamespace extends Construct {

    /** Pod Security Admission level set on the namespace. */
    public static final String POD_SECURITY_LEVEL = "restricted";

    private final NamespaceV1 namespace;
    private final String name;

    /**
     * @param name   namespace name (a DNS label, not {@code default} or {@code kube-*})
     * @param labels extra labels (e.g. part-of); the Pod Security labels are always set
     */
    public StoreNamespace(Construct scope, String id, String name, Map<String, String> labels) {
        super(scope, id);
        KubernetesNames.requireNamespace("namespace", "name", name);
        this.name = name;
        Map<String, String> all = new TreeMap<>(labels);
        for (String mode : List.of("enforce", "audit", "warn")) {
            all.put("pod-security.kubernetes.io/" + mode, POD_SECURITY_LEVEL);
            all.put("pod-security.kubernetes.io/" + mode + "-version", "latest");
        }
        this.namespace = new NamespaceV1(this, "Resource", NamespaceV1Config.builder()
                .metadata(NamespaceV1Metadata.builder().name(name).labels(all).build())
                .build());
    }

    /** The namespace's name. */
    public String name() {
        return name;
    }

    /**
     * Orders every Terraform resource and data source under {@code scope} after this namespace
     * ({@code depends_on}), so nothing is applied into a namespace that does not exist yet.
     */
    public void precede(IConstruct scope) {
        // The plain address, as cdktf writes dependencies given to a resource's config (getFqn() is an
        // interpolation, which depends_on does not take).
        String fqn = namespace.getTerraformResourceType() + "." + namespace.getFriendlyUniqueId();
        for (IConstruct child : scope.getNode().findAll()) {
            if (child instanceof TerraformResource resource && resource != namespace) {
                resource.setDependsOn(withDependency(resource.getDependsOn(), fqn));
            } else if (child instanceof TerraformDataSource data) {
                data.setDependsOn(withDependency(data.getDependsOn(), fqn));
            }
        }
    }

    private static List<String> withDependency(List<String> existing, String fqn) {
        List<String> all = new ArrayList<>(existing == null ? List.of() : existing);
        if (!all.contains(fqn)) {
            all.add(fqn);
        }
        return all;
    }

    /**
     * The {@code kubernetes_namespace_v1}, as an escape hatch; typed as cdktf's {@code TerraformResource} so the
     * API is the same with the lean and the official provider bindings.
     */
    public TerraformResource resource() {
        return namespace;
    }
}
