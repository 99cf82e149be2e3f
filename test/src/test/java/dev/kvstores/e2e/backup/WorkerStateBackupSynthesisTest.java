package dev.kvstores.e2e.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kvstores.e2e.ShippedSynthesis;
import dev.kvstores.internal.Values;
import dev.kvstores.kubernetes.BitnamiRedisWorkerStateStoreProps;
import dev.kvstores.kubernetes.BitnamiReleaseSettings;
import dev.kvstores.kubernetes.WorkerStateBackup;
import dev.kvstores.policy.Compliance;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.exemption.PolicyExemption;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.policy.PolicyReport;
import dev.kvstores.policy.rules.WorkerStateBackupRequired;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The backup of the shipped {@code kubernetes-prod} stack as synthesized: the CronJob, its NetworkPolicy and
 * ServiceAccount, the backup ACL user in the chart values with its password as a {@code set_sensitive} value, the
 * store admitting the job's pods, and the policy rule {@value WorkerStateBackupRequired#ID}.
 */
class WorkerStateBackupSynthesisTest {

    private static final String STACK = "kubernetes-prod";

    private static JsonNode stack() {
        return ShippedSynthesis.stack(STACK);
    }

    private static JsonNode single(String type) {
        JsonNode resources = stack().path("resource").path(type);
        assertEquals(1, resources.size(), type + " count");
        return resources.elements().next();
    }

    private static JsonNode workerRelease() {
        for (JsonNode release : stack().path("resource").path("helm_release")) {
            if (release.path("name").asText().equals("redis-state")) {
                return release;
            }
        }
        throw new AssertionError("no redis-state release");
    }

    /** A rule's peers: a pod's instance label, {@code namespace/{pod labels}}, a CIDR; {@code any} without peers. */
    private static String peers(JsonNode rule) {
        if (!rule.has("to") || rule.path("to").isEmpty()) {
            return "any";
        }
        List<String> peers = new ArrayList<>();
        rule.path("to").forEach(to -> {
            JsonNode pods = to.path("pod_selector").path("match_labels");
            if (to.has("ip_block")) {
                peers.add(to.at("/ip_block/cidr").asText());
            } else if (to.has("namespace_selector")) {
                peers.add(to.at("/namespace_selector/match_labels").path("kubernetes.io/metadata.name").asText()
                        + "/" + pods);
            } else {
                peers.add(pods.path("app.kubernetes.io/instance").asText(pods.toString()));
            }
        });
        return peers.toString();
    }

    private static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(),
                e.has("value") ? e.path("value").asText() : "valueFrom:" + e.path("value_from")));
        return env;
    }

    @Test
    void the_cron_job_runs_nightly_one_at_a_time_with_a_deadline() {
        JsonNode cronJob = single("kubernetes_cron_job_v1");
        assertEquals("redis-state-backup", cronJob.at("/metadata/name").asText());
        assertEquals("redis-state", cronJob.at("/metadata/namespace").asText());
        assertEquals("redis-state", cronJob.at("/metadata/labels").path(WorkerStateBackup.BACKUP_OF_LABEL).asText());
        JsonNode spec = cronJob.at("/spec");
        assertEquals("17 3 * * *", spec.path("schedule").asText());
        assertEquals("Etc/UTC", spec.path("timezone").asText());
        assertEquals("Forbid", spec.path("concurrency_policy").asText());
        JsonNode job = spec.at("/job_template/spec");
        assertEquals(2, job.path("backoff_limit").asInt());
        assertEquals(10800, job.path("active_deadline_seconds").asInt());
    }

    @Test
    void the_pod_is_hardened_and_has_no_service_account_token() {
        JsonNode pod = single("kubernetes_cron_job_v1").at("/spec/job_template/spec/template/spec");
        assertFalse(pod.path("automount_service_account_token").asBoolean(true));
        assertEquals("Never", pod.path("restart_policy").asText());
        assertTrue(pod.path("service_account_name").asText().startsWith("${kubernetes_service_account_v1."));
        JsonNode podSecurity = pod.at("/security_context");
        assertTrue(podSecurity.path("run_as_non_root").asBoolean());
        assertEquals("RuntimeDefault", podSecurity.at("/seccomp_profile/type").asText());
        assertEquals(1, pod.path("container").size());
        JsonNode container = pod.at("/container/0");
        String image = container.path("image").asText();
        assertTrue(image.matches(".+:[0-9][0-9A-Za-z.-]*@sha256:[0-9a-f]{64}"), "a version tag and a digest: " + image);
        JsonNode security = container.at("/security_context");
        assertTrue(security.path("read_only_root_filesystem").asBoolean());
        assertFalse(security.path("allow_privilege_escalation").asBoolean(true));
        assertTrue(security.path("run_as_non_root").asBoolean());
        assertEquals("[\"ALL\"]", security.at("/capabilities/drop").toString());
        JsonNode resources = container.at("/resources");
        assertEquals(resources.path("requests"), resources.path("limits"));
        assertTrue(resources.at("/limits/memory").asText().endsWith("Mi"));
        assertEquals(WorkerStateBackup.script(), container.at("/command/2").asText(), "the script, verbatim");
    }

    @Test
    void the_job_reads_the_backup_user_the_age_recipient_and_the_destination() {
        JsonNode cronJob = single("kubernetes_cron_job_v1");
        JsonNode pod = cronJob.at("/spec/job_template/spec/template/spec");
        Map<String, String> env = env(pod.at("/container/0"));
        assertEquals("replica", env.get("BACKUP_MODE"));
        assertEquals(BitnamiRedisWorkerStateStoreProps.BACKUP_USERNAME, env.get("REDIS_USER"));
        assertEquals("6379", env.get("REDIS_PORT"));
        assertEquals("redis-state-node-0.redis-state-headless.redis-state.svc.cluster.local"
                + " redis-state-node-1.redis-state-headless.redis-state.svc.cluster.local"
                + " redis-state-node-2.redis-state-headless.redis-state.svc.cluster.local", env.get("BACKUP_TARGETS"));
        assertEquals("acme-kvstores-backups/kvstores/kubernetes-prod/redis-state", env.get("BACKUP_DEST"));
        assertFalse(env.containsKey("BACKUP_RETENTION_DAYS"), "the job never deletes");
        assertTrue(env.get("AGE_RECIPIENT_PINNED").startsWith("age1"), "production pins the recipient");
        assertEquals("true", env.get("RCLONE_CONFIG_DEST_NO_HEAD"), "no HEAD (s3:GetObject) after an upload");
        assertEquals("s3", env.get("RCLONE_CONFIG_DEST_TYPE"));
        assertEquals("eu-west-1", env.get("RCLONE_CONFIG_DEST_REGION"));
        assertEquals("true", env.get("RCLONE_CONFIG_DEST_ENV_AUTH"));
        Map<String, String> secrets = new HashMap<>();
        pod.path("volume").forEach(v -> {
            if (v.has("secret")) {
                secrets.put(v.path("name").asText(), v.at("/secret/secret_name").asText() + "/"
                        + v.at("/secret/items/0/key").asText());
            }
        });
        assertEquals("redis-state-backup-password/password", secrets.get("redis-password"));
        assertEquals("kvstores-backup-age/recipient", secrets.get("age-recipient"));
        assertEquals("redis-state-tls/ca.crt", secrets.get("tls"));

        JsonNode account = single("kubernetes_service_account_v1");
        assertEquals("arn:aws:iam::123456789012:role/kvstores-backup",
                account.at("/metadata/annotations").path("eks.amazonaws.com/role-arn").asText());
        assertFalse(account.path("automount_service_account_token").asBoolean(true));
    }

    @Test
    void the_backup_user_is_in_the_chart_values_with_a_sensitive_generated_password() {
        JsonNode release = workerRelease();
        Map<String, Object> values = Values.parse(release.path("values").path(0).asText());
        Object users = ((Map<?, ?>) ((Map<?, ?>) values.get("auth")).get("acl")).get("users");
        Map<?, ?> backup = ((List<?>) users).stream().map(u -> (Map<?, ?>) u)
                .filter(u -> BitnamiRedisWorkerStateStoreProps.BACKUP_USERNAME.equals(u.get("username")))
                .findFirst().orElseThrow();
        assertEquals("resetkeys", backup.get("keys"));
        assertEquals("resetchannels", backup.get("channels"));
        assertEquals("-@all +replconf +sync +psync +ping +role", backup.get("commands"));
        assertEquals(BitnamiReleaseSettings.BACKUP_USER_COMMANDS, backup.get("commands"));
        assertFalse(backup.containsKey("password"), "the password is no plain value");
        String sensitive = null;
        for (JsonNode entry : release.path("set_sensitive")) {
            if (entry.path("name").asText().equals("auth.acl.users[1].password")) {
                sensitive = entry.path("value").asText();
            }
        }
        assertTrue(sensitive != null && sensitive.matches("\\$\\{random_password\\.[A-Za-z0-9_]+\\.result}"),
                "set_sensitive auth.acl.users[1].password: " + sensitive);
        JsonNode secret = null;
        for (JsonNode s : stack().path("resource").path("kubernetes_secret_v1")) {
            if (s.at("/metadata/name").asText().equals("redis-state-backup-password")) {
                secret = s;
            }
        }
        assertTrue(secret != null, "the backup password Secret");
        assertEquals(sensitive, secret.path("data").path("password").asText(), "the Secret holds the same password");
    }

    @Test
    void the_job_reaches_only_the_store_dns_and_https_and_the_store_admits_it() {
        JsonNode policy = null;
        for (JsonNode p : stack().path("resource").path("kubernetes_network_policy_v1")) {
            if (p.at("/metadata/name").asText().equals("redis-state-backup")) {
                policy = p;
            }
        }
        assertTrue(policy != null, "the job's NetworkPolicy");
        JsonNode spec = policy.at("/spec");
        assertEquals("[\"Ingress\",\"Egress\"]", spec.path("policy_types").toString());
        assertFalse(spec.has("ingress") && spec.path("ingress").size() > 0, "no ingress");
        assertEquals("redis-state", spec.at("/pod_selector/match_labels").path(WorkerStateBackup.BACKUP_OF_LABEL).asText());
        List<String> egress = new ArrayList<>();
        spec.path("egress").forEach(rule -> {
            List<String> ports = new ArrayList<>();
            rule.path("ports").forEach(p -> ports.add(p.path("port").asText() + "/" + p.path("protocol").asText()));
            egress.add(ports + " to " + peers(rule));
        });
        // The store, the cluster DNS pods only, and HTTPS anywhere: kubernetes-prod exempts the object store from
        // CIDRs (objectStoreEgressExemption: S3's public endpoints change), so the port is the only restriction.
        assertEquals(List.of("[6379/TCP] to [redis-state]",
                "[53/UDP, 53/TCP] to [kube-system/{\"k8s-app\":\"kube-dns\"}]",
                "[443/TCP] to any"), egress);

        // The store's own NetworkPolicy (written through the chart's extraDeploy) admits the job's pods on 6379.
        Map<String, Object> values = Values.parse(workerRelease().path("values").path(0).asText());
        Map<?, ?> storePolicy = ((List<?>) values.get("extraDeploy")).stream().map(Map.class::cast)
                .filter(o -> "NetworkPolicy".equals(o.get("kind"))
                        && "redis-state".equals(((Map<?, ?>) o.get("metadata")).get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("the store's NetworkPolicy in extraDeploy"));
        Object backupRule = Map.of("from", List.of(Map.of("podSelector",
                        Map.of("matchLabels", WorkerStateBackup.podLabels("redis-state")))),
                "ports", List.of(Map.of("port", 6379, "protocol", "TCP")));
        List<?> ingress = (List<?>) ((Map<?, ?>) storePolicy.get("spec")).get("ingress");
        assertTrue(ingress.contains(backupRule), String.valueOf(ingress));
    }

    @Test
    void the_policy_rule_passes_with_the_backup_and_fails_a_production_store_without_one() {
        PolicyPack pack = new PolicyPack(List.of(new WorkerStateBackupRequired()));
        PolicyReport shipped = pack.evaluate(stack(), new PolicyContext(STACK, true), List.of());
        assertEquals(List.of(Compliance.COMPLIANT), outcomes(shipped), shipped.render());

        ObjectNode without = stack().deepCopy();
        ((ObjectNode) without.path("resource")).remove("kubernetes_cron_job_v1");
        PolicyReport missing = pack.evaluate(without, new PolicyContext(STACK, true), List.of());
        assertEquals(List.of(Compliance.NON_COMPLIANT), outcomes(missing));
        assertTrue(missing.violations().get(0).toString().contains("has no backup CronJob"), missing.render());

        PolicyReport exempted = pack.evaluate(without, new PolicyContext(STACK, true),
                List.of(new PolicyExemption(WorkerStateBackupRequired.ID, "", "state is rebuilt from the platform DB")));
        assertTrue(exempted.violations().isEmpty(), exempted.render());
        assertEquals(1, exempted.exempted().size());

        PolicyReport development = pack.evaluate(without, new PolicyContext("kubernetes-dev", false), List.of());
        assertEquals(List.of(Compliance.NOT_APPLICABLE), outcomes(development));
    }

    @Test
    void kvrocks_is_backed_up_by_a_logical_export_the_store_admits_and_the_rule_accepts() {
        JsonNode kvrocks = ShippedSynthesis.stack("kubernetes-kvrocks-dev");
        JsonNode cronJobs = kvrocks.path("resource").path("kubernetes_cron_job_v1");
        assertEquals(1, cronJobs.size());
        JsonNode cronJob = cronJobs.elements().next();
        assertEquals("kvrocks-state-backup", cronJob.at("/metadata/name").asText());
        Map<String, String> env = env(cronJob.at("/spec/job_template/spec/template/spec/container/0"));
        assertEquals("logical", env.get("BACKUP_MODE"));
        assertFalse(env.containsKey("REDIS_USER"), "KVRocks has no ACL users");
        assertEquals("6666", env.get("REDIS_PORT"));
        assertEquals("kvstores-backups/kvstores/kubernetes-kvrocks-dev/kvrocks-state", env.get("BACKUP_DEST"));
        List<String> egress = new ArrayList<>();
        List<String> storeIngress = new ArrayList<>();
        for (JsonNode p : kvrocks.path("resource").path("kubernetes_network_policy_v1")) {
            String name = p.at("/metadata/name").asText();
            if (name.equals("kvrocks-state-backup")) {
                p.at("/spec/egress").forEach(rule -> egress.add(rule.path("ports").path(0).path("port").asText()
                        + " " + rule.at("/to/0/pod_selector/match_labels").path("app.kubernetes.io/name").asText("any")));
            } else if (name.equals("kvrocks-state")) {
                p.at("/spec/ingress").forEach(rule -> storeIngress.add(rule.path("ports").path(0).path("port").asText()
                        + " " + rule.at("/from/0/pod_selector/match_labels").path(WorkerStateBackup.BACKUP_OF_LABEL)
                        .asText(rule.at("/from/0/namespace_selector/match_labels").path("kubernetes.io/metadata.name")
                                .asText())));
            }
        }
        assertEquals(List.of("6666 kvrocks", "53 any", "443 any"), egress);
        assertEquals(List.of("6666 suprsend", "9121 monitoring", "6666 kvrocks-state"), storeIngress);
        boolean ownSecret = false;
        for (JsonNode secret : kvrocks.path("resource").path("kubernetes_secret_v1")) {
            if (secret.at("/metadata/name").asText().equals("kvrocks-state-backup-password")) {
                ownSecret = secret.path("data").path("password").asText().matches("\\$\\{random_password\\.[^}]+}");
            }
        }
        assertTrue(ownSecret, "the job reads the password from a Secret of its own, never the kvrocks.conf");

        PolicyPack pack = new PolicyPack(List.of(new WorkerStateBackupRequired()));
        PolicyReport asProduction = pack.evaluate(kvrocks, new PolicyContext("kubernetes-kvrocks-dev", true), List.of());
        assertEquals(List.of(Compliance.COMPLIANT), outcomes(asProduction), asProduction.render());
    }

    @Test
    void the_report_names_schedule_destination_key_retention_recovery_point_and_restore() {
        String prod = ShippedSynthesis.report(STACK);
        assertTrue(prod.contains("- durability: AOF") && prod.contains("; backup: CronJob `redis-state/redis-state-backup`"
                + " at `17 3 * * *` (UTC) takes an RDB snapshot from a replica in sync, encrypts it with age to the"
                + " pinned public key `age134j8t8shrs4tyyd28ffqvyl56w5y6amgjtg6hpcdacpdvy953ucs5u0kfh`"
                + " (workerState.backup.encryptionRecipient; the stack writes Secret `redis-state/kvstores-backup-age`"
                + " and the job refuses any other key) (the private key stays offline) and uploads it into a dated"
                + " folder under s3://acme-kvstores-backups/kvstores/kubernetes-prod/redis-state/ (eu-west-1) with a"
                + " manifest of SHA-256s checked before decryption; the job never deletes"), prod);
        assertTrue(prod.contains("the bucket must keep each copy 14 days (see the checklist); the job "), prod);
        assertTrue(prod.contains("; recovery point if the volumes are lost: the last successful run, at most 24 h old;"
                + " restore: " + WorkerStateBackup.RESTORE_DOCS), prod);
        assertTrue(prod.contains("--object-lock-enabled-for-bucket"), "the checklist says how to lock the bucket");
        String kvrocks = ShippedSynthesis.report("kubernetes-kvrocks-dev");
        assertTrue(kvrocks.contains("takes a logical export") && kvrocks.contains(
                "https://acmebackups.blob.core.windows.net/kvstores-backups/kvstores/kubernetes-kvrocks-dev/kvrocks-state/"),
                kvrocks);
        assertFalse(ShippedSynthesis.report("kubernetes-dev").contains("backup: CronJob"), "no backup, no line");
    }

    @Test
    void the_default_pack_runs_the_rule() {
        assertTrue(PolicyPack.defaults().rules().stream().anyMatch(r -> r.id().equals(WorkerStateBackupRequired.ID)));
    }

    /** Outcomes of the rule for the worker state release. */
    private static List<Compliance> outcomes(PolicyReport report) {
        return report.findings().stream().filter(f -> f.address().contains("WorkerState"))
                .map(f -> f.evaluation().compliance()).toList();
    }
}
