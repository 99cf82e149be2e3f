package com.example.ownapp;

import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.TerraformStack;
import dev.kvstores.connection.ConnectionSecret;
import dev.kvstores.connection.ConnectionSecretProps;
import dev.kvstores.kubernetes.BackupDestination;
import dev.kvstores.kubernetes.BitnamiRedisCacheStore;
import dev.kvstores.kubernetes.BitnamiRedisCacheStoreProps;
import dev.kvstores.kubernetes.BitnamiRedisWorkerStateStore;
import dev.kvstores.kubernetes.BitnamiRedisWorkerStateStoreProps;
import dev.kvstores.kubernetes.CertificateIssuer;
import dev.kvstores.kubernetes.ClusterEgress;
import dev.kvstores.kubernetes.ClusterProviders;
import dev.kvstores.kubernetes.StoreAlerts;
import dev.kvstores.kubernetes.WorkerStateBackupProps;
import java.util.List;
import software.constructs.Construct;

/**
 * The Cache Store and the Worker State Store in the cluster of kube context {@code my-cluster}, with server
 * certificates from cert-manager's ClusterIssuer {@code internal-ca}, each store's alert baseline
 * (PrometheusRule) and ServiceMonitor, a nightly encrypted backup of the worker state, and the connection
 * Secret {@code suprsend/suprsend-secrets} the platform's chart reads.
 */
public final class OwnApp {

    private OwnApp() {
    }

    /** The stack: providers, both stores, their alerts, the Secret. */
    public static final class StoresStack extends TerraformStack {

        public StoresStack(Construct scope, String id) {
            super(scope, id);
            // the kubernetes, helm and random providers for one kubeconfig context
            ClusterProviders.add(this, "~/.kube/config", "my-cluster");

            CertificateIssuer issuer = CertificateIssuer.clusterIssuer("internal-ca"); // TLS from cert-manager
            // the API server's address, which the Sentinel pods reach (kubectl get endpoints kubernetes -n default);
            // the production policy refuses an egress rule to any address
            ClusterEgress egress = new ClusterEgress(null, null, List.of("10.0.0.15/32"));
            BitnamiRedisCacheStore cache = new BitnamiRedisCacheStore(this, "Cache",
                    BitnamiRedisCacheStoreProps.builder()
                            .namespace("redis-cache")
                            .addAllowedNamespace("suprsend")              // the platform's namespace
                            .tlsIssuer(issuer)
                            .egress(egress)
                            .serviceMonitorEnabled(true)                  // Prometheus Operator scrapes the exporter
                            .build());
            BitnamiRedisWorkerStateStore workerState = new BitnamiRedisWorkerStateStore(this, "WorkerState",
                    BitnamiRedisWorkerStateStoreProps.builder()
                            .namespace("redis-state")
                            .addAllowedNamespace("suprsend")
                            .storageClass("premium-rwo")                  // an SSD StorageClass of your cluster
                            .tlsIssuer(issuer)
                            .egress(egress)
                            .serviceMonitorEnabled(true)
                            // the nightly age-encrypted RDB copy the production policy requires
                            .backup(WorkerStateBackupProps.builder()
                                    .environmentName(id)
                                    .destination(BackupDestination.s3("my-kvstores-backups", "eu-west-1"))
                                    .encryptionKeySecretName("kvstores-backup-age")
                                    .image("registry.example.com/kvstores/worker-state-backup:1.0.0")
                                    // how the job reaches the bucket: an IAM role for its service account
                                    .putWorkloadIdentityAnnotation("eks.amazonaws.com/role-arn",
                                            "arn:aws:iam::123456789012:role/kvstores-backup")
                                    .build())
                            .build());
            // each store's alert baseline as a PrometheusRule, from what the store knows (namespace, name,
            // replicas, AOF / RDB); the production policy requires it
            StoreAlerts.of(cache);
            StoreAlerts.of(workerState);
            new ConnectionSecret(this, "ConnectionSecret", ConnectionSecretProps.builder()
                    .namespace("suprsend").cache(cache).workerState(workerState).build());
        }
    }

    /** Synthesizes into {@code cdktf.out/stacks/own-app/} ({@code mvn -B -q compile exec:java}). */
    public static void main(String[] args) {
        App app = new App();
        new StoresStack(app, "own-app");
        app.synth();
    }
}
