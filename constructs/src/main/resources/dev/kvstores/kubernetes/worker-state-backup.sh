#!/usr/bin/env bash
# kvstores worker-state backup (run by the CronJob that WorkerStateBackup synthesizes).
# RDB snapshot over TLS as a least-privilege ACL user (redis-cli --rdb, i.e. SYNC/REPLCONF, preferring a replica)
# -> redis-check-rdb -> age (recipient public key only) -> rclone to S3/GCS/Azure Blob -> prune old copies.
# Everything comes from the environment (the CronJob sets it):
#   BACKUP_MODE            replica (Sentinel: one copy, from a replica if one answers) | cluster (one per shard)
#   BACKUP_TARGETS         space-separated host names of the store's pods (cluster: any node, seeds discovery)
#   REDIS_PORT             TLS port of the store
#   REDIS_USER             ACL user of the backup
#   REDIS_PASSWORD_FILE    file holding that user's password (passed to redis-cli as REDISCLI_AUTH)
#   REDIS_CA_FILE          PEM CA of the store's server certificate
#   AGE_RECIPIENT_FILE     file holding the age recipient (public key, age1...)
#   BACKUP_DEST            rclone path below the remote "dest": <bucket>/<prefix>/<env>/<store>
#   BACKUP_RETENTION_DAYS  copies older than this many days are deleted after a successful upload
#   BACKUP_WORK_DIR        scratch directory (an emptyDir)
#   RCLONE_CONFIG_DEST_*   the rclone remote "dest" (type, provider, region, endpoint, env_auth, keys)
# Exit status: 0 only when every snapshot was taken, checked, encrypted and uploaded.
set -euo pipefail
umask 077

for name in BACKUP_MODE BACKUP_TARGETS REDIS_PORT REDIS_USER REDIS_PASSWORD_FILE REDIS_CA_FILE \
    AGE_RECIPIENT_FILE BACKUP_DEST BACKUP_RETENTION_DAYS BACKUP_WORK_DIR; do
  if [ -z "$(printenv "$name" || true)" ]; then
    echo "backup: environment variable $name is not set" >&2
    exit 2
  fi
done

log() { echo "backup: $(date -u +%Y-%m-%dT%H:%M:%SZ) $*" >&2; }

REDISCLI_AUTH="$(cat "$REDIS_PASSWORD_FILE")"
export REDISCLI_AUTH
STAMP="$(date -u +%Y-%m-%dT%H%M%SZ)"
WORK="$BACKUP_WORK_DIR/$STAMP"
mkdir -p "$WORK"
trap 'rm -rf "$WORK"' EXIT

cli() {
  local host="$1"
  shift
  redis-cli --no-auth-warning --tls --cacert "$REDIS_CA_FILE" --user "$REDIS_USER" -h "$host" -p "$REDIS_PORT" "$@"
}

# snapshot HOST NAME: RDB of HOST -> checked -> encrypted -> uploaded as NAME.rdb.age
snapshot() {
  local host="$1" name="$2"
  local rdb="$WORK/$name.rdb"
  log "taking the RDB snapshot of $host"
  cli "$host" --rdb "$rdb" >&2
  redis-check-rdb "$rdb" >&2
  age -R "$AGE_RECIPIENT_FILE" -o "$rdb.age" "$rdb"
  rm -f "$rdb"
  log "uploading $name.rdb.age to dest:$BACKUP_DEST/"
  rclone copyto "$rdb.age" "dest:$BACKUP_DEST/$name.rdb.age"
  rm -f "$rdb.age"
}

case "$BACKUP_MODE" in
  replica)
    source_host=""
    for host in $BACKUP_TARGETS; do
      role="$(cli "$host" ROLE 2>/dev/null | head -n 1 || true)"
      if [ "$role" = "slave" ]; then
        source_host="$host"
        break
      fi
      if [ "$role" = "master" ] && [ -z "$source_host" ]; then
        source_host="$host"
      fi
    done
    if [ -z "$source_host" ]; then
      log "no node of [$BACKUP_TARGETS] answered ROLE"
      exit 1
    fi
    snapshot "$source_host" "$STAMP"
    ;;
  cluster)
    nodes=""
    for host in $BACKUP_TARGETS; do
      if nodes="$(cli "$host" CLUSTER NODES 2>/dev/null)" && [ -n "$nodes" ]; then
        break
      fi
    done
    if [ -z "$nodes" ]; then
      log "no node of [$BACKUP_TARGETS] answered CLUSTER NODES"
      exit 1
    fi
    # One snapshot per primary that owns slots, from one of its replicas when there is one; the node table is
    # kept next to the snapshots (encrypted too) so that a restore knows which slots each file holds.
    printf '%s\n' "$nodes" > "$WORK/nodes.txt"
    shards=0
    while read -r -u 3 id address flags primary _ping _pong _epoch _state slots; do
      case ",$flags," in *,master,*) ;; *) continue ;; esac
      [ -n "$slots" ] || continue
      host="$address"
      while read -r rid raddress rflags rprimary _rest; do
        case ",$rflags," in *,fail,*|*,fail\?,*) continue ;; esac
        if [ "$rprimary" = "$id" ]; then host="$raddress"; break; fi
      done < "$WORK/nodes.txt"
      # ip:port@bus[,hostname]: prefer the announced host name (the server certificate names it).
      case "$host" in *,*) host="$(printf '%s' "$host" | cut -d, -f2)" ;; *) host="$(printf '%s' "$host" | cut -d: -f1)" ;; esac
      first_slot="$(printf '%s' "$slots" | cut -d' ' -f1 | cut -d- -f1)"
      snapshot "$host" "$STAMP.slots-$first_slot" </dev/null
      shards=$((shards + 1))
    done 3< "$WORK/nodes.txt"
    if [ "$shards" -eq 0 ]; then
      log "CLUSTER NODES lists no primary with slots"
      exit 1
    fi
    age -R "$AGE_RECIPIENT_FILE" -o "$WORK/nodes.txt.age" "$WORK/nodes.txt"
    rclone copyto "$WORK/nodes.txt.age" "dest:$BACKUP_DEST/$STAMP.nodes.txt.age"
    ;;
  *)
    log "BACKUP_MODE must be replica or cluster, got '$BACKUP_MODE'"
    exit 2
    ;;
esac

log "deleting copies older than $BACKUP_RETENTION_DAYS days under dest:$BACKUP_DEST/"
rclone delete "dest:$BACKUP_DEST/" --min-age "$BACKUP_RETENTION_DAYS"d --include '*.age'
log "done"
