package dev.kvstores.kubernetes;

import static dev.kvstores.kubernetes.KvrocksWorkerStateStore.METRICS_PORT;
import static dev.kvstores.kubernetes.KvrocksWorkerStateStore.PLAIN_PORT;
import static dev.kvstores.kubernetes.KvrocksWorkerStateStore.TLS_PORT;

import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.providers.kubernetes.secret_v1.SecretV1;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1Config;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1Metadata;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1Spec;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecSelector;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplate;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateMetadata;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpec;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecAffinity;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecAffinityPodAntiAffinity;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecution;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecContainer;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecContainerEnv;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecContainerLivenessProbe;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecContainerLivenessProbeExec;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecContainerLivenessProbeTcpSocket;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecContainerPort;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecContainerReadinessProbe;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecContainerReadinessProbeExec;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecContainerReadinessProbeTcpSocket;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecContainerResources;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecContainerSecurityContext;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecContainerSecurityContextCapabilities;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecContainerVolumeMount;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecSecurityContext;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecSecurityContextSeccompProfile;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecVolume;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecVolumeEmptyDir;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecTemplateSpecVolumeSecret;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecVolumeClaimTemplate;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecVolumeClaimTemplateMetadata;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecVolumeClaimTemplateSpec;
import com.hashicorp.cdktf.providers.kubernetes.stateful_set_v1.StatefulSetV1SpecVolumeClaimTemplateSpecResources;
import dev.kvstores.role.StoreSize;
import java.util.List;
import java.util.Map;

/** The StatefulSet of a {@link KvrocksWorkerStateStore}: its pod template, containers, volumes and claim. */
final class KvrocksStatefulSet {

    private KvrocksStatefulSet() {
    }

    private static final List<String> PING_PROBE = List.of("sh", "-c",
            "redis-cli -p " + PLAIN_PORT + " PING | grep -qE '^(PONG|NOAUTH)'");


    /**
     * The StatefulSet {@code Resource} of {@code store}: one KVRocks pod (hardened, probes answering the protocol,
     * hard anti-affinity, a checksum of {@code kvrocks.conf} that rolls it), the exporter sidecar and a data volume.
     */
    static StatefulSetV1 create(KvrocksWorkerStateStore store, KvrocksWorkerStateStoreProps props,
                                Map<String, String> labels, Map<String, String> selector, SecretV1 config,
                                String configChecksum, ServerCertificate certificate) {
        StoreSize size = props.size();
        Map<String, String> resources = Map.of("cpu", size.cpuQuantity(), "memory", size.memoryQuantity());
        StatefulSetV1SpecTemplateSpecContainer container = StatefulSetV1SpecTemplateSpecContainer.builder()
                .name("kvrocks")
                .image(props.image())
                .imagePullPolicy("IfNotPresent")
                .command(List.of("kvrocks"))
                .args(List.of("-c", "/etc/kvrocks/config/kvrocks.conf"))
                .port(List.of(StatefulSetV1SpecTemplateSpecContainerPort.builder().name("redis-tls")
                        .containerPort(TLS_PORT).protocol("TCP").build()))
                .resources(StatefulSetV1SpecTemplateSpecContainerResources.builder()
                        .requests(resources).limits(resources).build())
                // The server must answer the protocol (NOAUTH is an answer: the probe holds no password).
                .livenessProbe(StatefulSetV1SpecTemplateSpecContainerLivenessProbe.builder()
                        .exec(StatefulSetV1SpecTemplateSpecContainerLivenessProbeExec.builder()
                                .command(PING_PROBE).build())
                        .initialDelaySeconds(20).periodSeconds(10).timeoutSeconds(5).failureThreshold(6).build())
                .readinessProbe(StatefulSetV1SpecTemplateSpecContainerReadinessProbe.builder()
                        .exec(StatefulSetV1SpecTemplateSpecContainerReadinessProbeExec.builder()
                                .command(PING_PROBE).build())
                        .initialDelaySeconds(5).periodSeconds(5).timeoutSeconds(3).build())
                .securityContext(hardened())
                .volumeMount(List.of(
                        mount("data", "/var/lib/kvrocks/data", false),
                        mount("config", "/etc/kvrocks/config", true),
                        mount("tls", "/etc/kvrocks/tls", true),
                        mount("tmp", "/tmp", false)))
                .build();
        StatefulSetV1Config.Builder builder = StatefulSetV1Config.builder()
                .metadata(StatefulSetV1Metadata.builder().name(props.name()).namespace(props.namespace())
                        .labels(labels).build())
                .spec(StatefulSetV1Spec.builder()
                        .replicas("1")
                        .serviceName(props.name() + "-headless")
                        .selector(StatefulSetV1SpecSelector.builder().matchLabels(selector).build())
                        .template(StatefulSetV1SpecTemplate.builder()
                                .metadata(StatefulSetV1SpecTemplateMetadata.builder().labels(labels)
                        .annotations(Map.of(KvrocksWorkerStateStore.CONFIG_CHECKSUM_ANNOTATION, configChecksum)).build())
                                .spec(StatefulSetV1SpecTemplateSpec.builder()
                                        .automountServiceAccountToken(false)
                                        .securityContext(StatefulSetV1SpecTemplateSpecSecurityContext.builder()
                                                .runAsNonRoot(true).runAsUser("999").runAsGroup("999")
                                                .fsGroup("999")
                                                .seccompProfile(
                                                        StatefulSetV1SpecTemplateSpecSecurityContextSeccompProfile
                                                                .builder().type("RuntimeDefault").build())
                                                .build())
                                        .affinity(antiAffinity(selector))
                                        .container(List.of(container, exporter(props)))
                                        .volume(List.of(
                                                secretVolume("config", config.getMetadata().getName()),
                                                secretVolume("tls", props.tlsSecretName()),
                                                StatefulSetV1SpecTemplateSpecVolume.builder().name("tmp")
                                                        .emptyDir(StatefulSetV1SpecTemplateSpecVolumeEmptyDir
                                                                .builder().build()).build()))
                                        .build())
                                .build())
                        .volumeClaimTemplate(List.of(StatefulSetV1SpecVolumeClaimTemplate.builder()
                                .metadata(StatefulSetV1SpecVolumeClaimTemplateMetadata.builder().name("data")
                                        .labels(labels).build())
                                .spec(StatefulSetV1SpecVolumeClaimTemplateSpec.builder()
                                        .accessModes(List.of("ReadWriteOnce"))
                                        .storageClassName(props.storageClass())
                                        .resources(StatefulSetV1SpecVolumeClaimTemplateSpecResources.builder()
                                                .requests(Map.of("storage", size.storageQuantity())).build())
                                        .build())
                                .build()))
                        .build());
        if (props.preventDestroy()) {
            builder.lifecycle(TerraformResourceLifecycle.builder().preventDestroy(true).build());
        }
        if (certificate != null) {
            builder.dependsOn(List.of(certificate.resource()));
        }
        return new StatefulSetV1(store, "Resource", builder.build());
    }

    /**
     * redis-exporter on {@value KvrocksWorkerStateStore#METRICS_PORT}, reading the server on the pod's loopback plain port with the password
     * taken from the mounted configuration (never an environment value from the JSON).
     */
    private static StatefulSetV1SpecTemplateSpecContainer exporter(KvrocksWorkerStateStoreProps props) {
        Map<String, String> resources = Map.of("cpu", "100m", "memory", "128Mi");
        return StatefulSetV1SpecTemplateSpecContainer.builder()
                .name("metrics")
                .image(props.exporterImage())
                .imagePullPolicy("IfNotPresent")
                .command(List.of("/bin/bash", "-ec", "export REDIS_PASSWORD=\"$(sed -n 's/^requirepass //p'"
                        + " /etc/kvrocks/config/kvrocks.conf)\"\nexec redis_exporter"))
                .env(List.of(
                        env("REDIS_ADDR", "redis://localhost:" + PLAIN_PORT),
                        env("REDIS_ALIAS", props.name()),
                        env("REDIS_EXPORTER_WEB_LISTEN_ADDRESS", ":" + METRICS_PORT)))
                .port(List.of(StatefulSetV1SpecTemplateSpecContainerPort.builder().name("metrics")
                        .containerPort(METRICS_PORT).protocol("TCP").build()))
                .livenessProbe(StatefulSetV1SpecTemplateSpecContainerLivenessProbe.builder()
                        .tcpSocket(List.of(StatefulSetV1SpecTemplateSpecContainerLivenessProbeTcpSocket.builder()
                                .port(String.valueOf(METRICS_PORT)).build()))
                        .initialDelaySeconds(10).periodSeconds(10).failureThreshold(5).build())
                .readinessProbe(StatefulSetV1SpecTemplateSpecContainerReadinessProbe.builder()
                        .tcpSocket(List.of(StatefulSetV1SpecTemplateSpecContainerReadinessProbeTcpSocket.builder()
                                .port(String.valueOf(METRICS_PORT)).build()))
                        .initialDelaySeconds(5).periodSeconds(10).build())
                .resources(StatefulSetV1SpecTemplateSpecContainerResources.builder()
                        .requests(resources).limits(resources).build())
                .securityContext(hardened())
                .volumeMount(List.of(mount("config", "/etc/kvrocks/config", true)))
                .build();
    }

    private static StatefulSetV1SpecTemplateSpecContainerEnv env(String name, String value) {
        return StatefulSetV1SpecTemplateSpecContainerEnv.builder().name(name).value(value).build();
    }

    /** Unprivileged, non-root, read-only root filesystem, no capabilities: every container of the pod. */
    private static StatefulSetV1SpecTemplateSpecContainerSecurityContext hardened() {
        return StatefulSetV1SpecTemplateSpecContainerSecurityContext.builder()
                .allowPrivilegeEscalation(false)
                .privileged(false)
                .readOnlyRootFilesystem(true)
                .runAsNonRoot(true)
                .capabilities(StatefulSetV1SpecTemplateSpecContainerSecurityContextCapabilities.builder()
                        .drop(List.of("ALL")).build())
                .build();
    }

    private static StatefulSetV1SpecTemplateSpecContainerVolumeMount mount(String name, String path, boolean readOnly) {
        return StatefulSetV1SpecTemplateSpecContainerVolumeMount.builder().name(name).mountPath(path)
                .readOnly(readOnly).build();
    }

    private static StatefulSetV1SpecTemplateSpecVolume secretVolume(String name, String secretName) {
        return StatefulSetV1SpecTemplateSpecVolume.builder().name(name)
                .secret(StatefulSetV1SpecTemplateSpecVolumeSecret.builder().secretName(secretName)
                        .defaultMode("0440").build())
                .build();
    }

    private static StatefulSetV1SpecTemplateSpecAffinity antiAffinity(Map<String, String> selector) {
        return StatefulSetV1SpecTemplateSpecAffinity.builder()
                .podAntiAffinity(StatefulSetV1SpecTemplateSpecAffinityPodAntiAffinity.builder()
                        .requiredDuringSchedulingIgnoredDuringExecution(List.of(
                                StatefulSetV1SpecTemplateSpecAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecution
                                        .builder()
                                        .topologyKey("kubernetes.io/hostname")
                                        .labelSelector(List.of(
                                                StatefulSetV1SpecTemplateSpecAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector
                                                        .builder().matchLabels(selector).build()))
                                        .build()))
                        .build())
                .build();
    }
}
