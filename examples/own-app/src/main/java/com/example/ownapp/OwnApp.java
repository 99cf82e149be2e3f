package com.example.ownapp;

import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.helm.provider.HelmProvider;
import com.hashicorp.cdktf.providers.helm.provider.HelmProviderConfig;
import com.hashicorp.cdktf.providers.helm.provider.HelmProviderKubernetes;
import com.hashicorp.cdktf.providers.kubernetes.provider.KubernetesProvider;
import com.hashicorp.cdktf.providers.kubernetes.provider.KubernetesProviderConfig;
import com.hashicorp.cdktf.providers.random_provider.provider.RandomProvider;
import dev.kvstores.connection.ConnectionSecret;
import dev.kvstores.connection.ConnectionSecretProps;
import dev.kvstores.kubernetes.BackupDestination;
import dev.kvstores.kubernetes.BitnamiRedisCacheStore;
import dev.kvstores.kubernetes.BitnamiRedisCacheStoreProps;
import dev.kvstores.kubernetes.BitnamiRedisWorkerStateStore;
import dev.kvstores.kubernetes.BitnamiRedisWorkerStateStoreProps;
import dev.kvstores.kubernetes.CertificateIssuer;
import dev.kvstores.kubernetes.StoreAlerts;
import dev.kvstores.kubernetes.StoreMonitoringProps;
import dev.kvstores.kubernetes.WorkerStateBackupProps;
import dev.kvstores.role.StoreRole;
import software.constructs.Construct;

/**
 * A cdktf app of one's own: the Cache Store and the Worker State Store in the cluster of kube context
 * {@code my-cluster}, with server certificates from cert-manager's ClusterIssuer {@code internal-ca}, and the
 * connection Secret {@code suprsend/suprsend-secrets} the platform's chart reads, and each store's alert
 * baseline (PrometheusRule) and ServiceMonitor.
 *
 * <p>Run: {@code mvn -B install -DskipTests} at the repository root, then
 * {@code java -cp examples/own-app/target/classes:<its dependencies> com.example.ownapp.OwnApp} or this module's
 * test. Node 20 prints an end-of-life banner at every jsii start; {@code export
 * JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20} silences it (the test's surefire configuration sets it).
 */
public final class OwnApp {

    private OwnApp() {
    }

    /** The stack: providers, both stores, the Secret. */
    public static final class StoresStack extends TerraformStack {
        private final ConnectionSecret secret;

        public StoresStack(Construct scope, String id) {
            super(scope, id);
            new KubernetesProvider(this, "Kubernetes", KubernetesProviderConfig.builder()
                    .configPath("~/.kube/config").configContext("my-cluster").build());
            new HelmProvider(this, "Helm", HelmProviderConfig.builder()
                    .kubernetes(HelmProviderKubernetes.builder()
                            .configPath("~/.kube/config").configContext("my-cluster").build())
                    .build());
            new RandomProvider(this, "Random");

            CertificateIssuer issuer = CertificateIssuer.clusterIssuer("internal-ca");
            BitnamiRedisCacheStore cache = new BitnamiRedisCacheStore(this, "Cache",
                    BitnamiRedisCacheStoreProps.builder()
                            .namespace("redis-cache")
                            .addAllowedNamespace("suprsend")
                            .tlsIssuer(issuer)
                            .serviceMonitorEnabled(true)          // Prometheus Operator scrapes the exporter
                            .build());
            BitnamiRedisWorkerStateStore workerState = new BitnamiRedisWorkerStateStore(this, "WorkerState",
                    BitnamiRedisWorkerStateStoreProps.builder()
                            .namespace("redis-state")
                            .addAllowedNamespace("suprsend")
                            .storageClass("premium-rwo")
                            .tlsIssuer(issuer)
                            .serviceMonitorEnabled(true)
                            // the nightly age-encrypted RDB copy the policy requires of a worker state store
                            .backup(WorkerStateBackupProps.builder()
                                    .environmentName(id)
                                    .destination(BackupDestination.s3("my-kvstores-backups", "eu-west-1"))
                                    .encryptionKeySecretName("kvstores-backup-age")
                                    .image("registry.example.com/kvstores/worker-state-backup:1.0.0")
                                    .putWorkloadIdentityAnnotation("eks.amazonaws.com/role-arn",
                                            "arn:aws:iam::123456789012:role/kvstores-backup")
                                    .build())
                            .build());
            // the alert baseline of each store as a PrometheusRule (the production policy requires it)
            new StoreAlerts(cache, "Alerts", StoreMonitoringProps.builder().role(StoreRole.CACHE)
                    .namespace("redis-cache").storeName("redis-cache").expectedReplicas(2).build())
                    .orderAfter(cache.release());
            new StoreAlerts(workerState, "Alerts", StoreMonitoringProps.builder().role(StoreRole.WORKER_STATE)
                    .namespace("redis-state").storeName("redis-state").expectedReplicas(2).aofEnabled(true)
                    .rdbEnabled(true).build())
                    .orderAfter(workerState.release());
            this.secret = new ConnectionSecret(this, "ConnectionSecret", ConnectionSecretProps.builder()
                    .namespace("suprsend").cache(cache).workerState(workerState).build());
        }

        public ConnectionSecret connectionSecret() {
            return secret;
        }
    }

    public static void main(String[] args) {
        App app = new App();
        new StoresStack(app, "own-app");
        app.synth();
    }
}
