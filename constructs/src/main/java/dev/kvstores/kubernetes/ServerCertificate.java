package dev.kvstores.kubernetes;

import com.hashicorp.cdktf.providers.kubernetes.manifest.Manifest;
import com.hashicorp.cdktf.providers.kubernetes.manifest.ManifestConfig;
import com.hashicorp.cdktf.providers.kubernetes.manifest.ManifestWait;
import com.hashicorp.cdktf.providers.kubernetes.manifest.ManifestWaitCondition;
import dev.kvstores.internal.CertificateNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.constructs.Construct;

/**
 * A cert-manager {@code Certificate} for an in-cluster store's server: the names clients, replicas, Sentinel
 * and the in-pod exporter use, written to a {@code kubernetes.io/tls} Secret ({@code tls.crt}, {@code tls.key},
 * {@code ca.crt}); Terraform waits until it is {@code Ready}. EC P-256 key, rotated on each renewal.
 */
final class ServerCertificate extends Construct {

    private final Manifest manifest;

    ServerCertificate(Construct scope, String id, String namespace, String secretName,
                             CertificateIssuer issuer, CertificateNames names, Map<String, String> labels) {
        super(scope, id);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", secretName);
        metadata.put("namespace", namespace);
        metadata.put("labels", new TreeMap<>(labels));
        Map<String, Object> privateKey = new LinkedHashMap<>();
        privateKey.put("algorithm", "ECDSA");
        privateKey.put("size", 256);
        privateKey.put("rotationPolicy", "Always");
        Map<String, Object> issuerRef = new LinkedHashMap<>();
        issuerRef.put("group", "cert-manager.io");
        issuerRef.put("kind", issuer.kind());
        issuerRef.put("name", issuer.name());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("secretName", secretName);
        spec.put("dnsNames", names.dnsNames());
        spec.put("ipAddresses", names.ipAddresses());
        spec.put("duration", "2160h");
        spec.put("renewBefore", "720h");
        spec.put("privateKey", privateKey);
        spec.put("usages", List.of("server auth", "client auth", "digital signature", "key encipherment"));
        spec.put("issuerRef", issuerRef);
        Map<String, Object> certificate = new LinkedHashMap<>();
        certificate.put("apiVersion", "cert-manager.io/v1");
        certificate.put("kind", "Certificate");
        certificate.put("metadata", metadata);
        certificate.put("spec", spec);
        this.manifest = new Manifest(this, "Resource", ManifestConfig.builder()
                .manifest(certificate)
                .build());
        manifest.putWait(ManifestWait.builder()
                .condition(List.of(ManifestWaitCondition.builder().type("Ready").status("True").build()))
                .build());
    }

    /** The {@code kubernetes_manifest}. */
    Manifest resource() {
        return manifest;
    }
}
