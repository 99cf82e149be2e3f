package dev.kvstores.aws;

import com.hashicorp.cdktf.TerraformResource;
import dev.kvstores.role.ConnectionInfo;
import java.util.List;
import software.constructs.Construct;

/**
 * What the two ElastiCache stores ({@link ElastiCacheCacheStore}, {@link ElastiCacheWorkerStateStore}) offer alike,
 * defined once: the replication group and its security group, KMS key, alarms, connection and credential report.
 * Each store builds its replication group in its constructor (after validating its props and the role contract).
 */
public abstract sealed class ElastiCacheStore extends Construct
        permits ElastiCacheCacheStore, ElastiCacheWorkerStateStore {

    ElastiCacheStore(Construct scope, String id) {
        super(scope, id);
    }

    /** The resources of this store, built by the subclass's constructor. */
    abstract ElastiCacheGroup group();

    /** How clients reach the store: its primary (or configuration) endpoint, TLS, the RBAC user or AUTH token. */
    public ConnectionInfo connectionInfo() {
        return group().connectionInfo();
    }

    /** The CloudWatch alarms of this store's alert baseline (empty when alarms are off). */
    public List<AwsAlarm> alarms() {
        return group().alarms();
    }

    /**
     * The {@code aws_elasticache_replication_group}, as an escape hatch for overrides ({@code addOverride}) and
     * references; changing it can break the role's guarantees. Typed as cdktf's {@code TerraformResource} so that this
     * API is the same with the lean and the official provider bindings; with the official ones it is a
     * {@code ElasticacheReplicationGroup}.
     */
    public TerraformResource replicationGroup() {
        return group().group();
    }

    /**
     * Admits the members of another security group (e.g. a new node group) on the store's port.
     *
     * @param securityGroupId the clients' security group; adds child {@code Ingress-<securityGroupId>}
     */
    public void allowConnectionsFrom(String securityGroupId) {
        group().allowConnectionsFrom(securityGroupId);
    }

    /** ID of the store's security group (add rules to admit more clients). */
    public String securityGroupId() {
        return group().securityGroupId();
    }

    /** ARN of the KMS key encrypting data at rest, snapshots (worker state) and logs. */
    public String kmsKeyArn() {
        return group().kmsKeyArn();
    }

    /** Report lines on the credential: rotation phase, what the next deploy does, what to do in between. */
    public List<String> credentialsReport() {
        return group().credentialsReport();
    }
}
