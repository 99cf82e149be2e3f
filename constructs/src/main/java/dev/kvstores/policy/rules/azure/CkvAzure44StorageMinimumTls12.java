package dev.kvstores.policy.rules.azure;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;

/**
 * CKV_AZURE_44: {@code min_tls_version} is {@code TLS1_2} or {@code TLS1_3}; absent fails. Source: checkov
 * {@code StorageAccountMinimumTlsVersion.py}.
 */
public final class CkvAzure44StorageMinimumTls12 extends StorageAccountRule {
    @Override public String id() { return "CKV_AZURE_44"; }
    @Override public String source() { return "Checkov CKV_AZURE_44 (azurerm_storage_account.min_tls_version)"; }
    @Override public String description() { return "storage account min_tls_version TLS1_2 or TLS1_3 (absent fails)"; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        String tls = text(resource.body(), "min_tls_version");
        return Evaluation.check("TLS1_2".equals(tls) || "TLS1_3".equals(tls),
                "min_tls_version is " + (tls == null ? "absent" : "'" + tls + "'"));
    }
}
