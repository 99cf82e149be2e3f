package dev.kvstores.kubernetes;

import com.hashicorp.cdktf.TerraformResource;
import dev.kvstores.role.CredentialRotation;
import java.util.List;
import software.constructs.Construct;

/**
 * What the two in-cluster stores on a Bitnami Helm release ({@link BitnamiRedisCacheStore},
 * {@link BitnamiRedisWorkerStateStore}) offer alike, defined once: the {@code helm_release}, the names its server
 * certificate must carry, the chart's cluster access and the credential report. Each store builds its release in
 * its constructor (after validating its props and the role contract).
 */
public abstract sealed class BitnamiRedisStore extends Construct implements MonitoredStore
        permits BitnamiRedisCacheStore, BitnamiRedisWorkerStateStore {

    BitnamiRedisStore(Construct scope, String id) {
        super(scope, id);
    }

    /** The release's resources, built by the subclass's constructor. */
    abstract BitnamiRelease chartRelease();

    /**
     * Subject alternative names the server certificate must carry, in OpenSSL's {@code subjectAltName} syntax
     * ({@code DNS:...}, {@code IP:...}): the Services, every pod behind the headless Service (replication,
     * Sentinel, cluster redirects) and {@code localhost} / {@code 127.0.0.1} (the exporter sidecar verifies them).
     */
    public List<String> certificateSubjectAltNames() {
        return chartRelease().certificateNames().subjectAltNames();
    }

    /** What the chart's service identities may do in the cluster beyond serving data (Sentinel's Role), for the report. */
    public List<String> clusterAccessNotes() {
        return chartRelease().clusterAccessNotes();
    }

    /**
     * The {@code helm_release}, as an escape hatch for overrides ({@code addOverride}) and references; changing it can
     * break the role's guarantees. Typed as cdktf's {@code TerraformResource} so that this API is the same with the
     * lean and the official provider bindings; with the official ones it is a {@code Release}.
     */
    public TerraformResource release() {
        return chartRelease().release();
    }

    /** The {@code helm_release} (same as {@link #release()}). */
    @Override
    public TerraformResource workload() {
        return release();
    }

    /**
     * Report lines on the platform's credential: the rotation phase, what the next {@code cdktf deploy} does and
     * what to do in between (see {@link CredentialRotation}).
     */
    public List<String> credentialsReport() {
        return chartRelease().credentialsReport();
    }
}
