#!/usr/bin/env bash
# kvstores worker-state restore: fetch a backup the CronJob wrote, decrypt it with the age private key, verify it
# with redis-check-rdb and lay it out as the data directory of a fresh Redis 7 primary with AOF on.
# Run it where the private key is (an operator machine or a one-off pod), never in the backup job.
#
#   worker-state-restore.sh SOURCE OUT_DIR
#     SOURCE   rclone path of one snapshot, e.g. dest:acme-kvstores-backups/kvstores/prod/redis-state/2026-11-28T031700Z.rdb.age,
#              or of the store's folder (dest:.../redis-state): then the newest <date>T<time>Z.rdb.age there
#     OUT_DIR  created; receives dump.rdb and appendonlydir/ (appendonly.aof.1.base.rdb + appendonly.aof.manifest)
#   AGE_IDENTITY_FILE  the age private key (age-keygen output) whose public key the backups were encrypted to
#   the rclone remote "dest" as for the job (RCLONE_CONFIG_DEST_TYPE=s3 ... or an rclone.conf)
#
# With appendonly yes (the worker state default) Redis 7 ignores a lone dump.rdb on an empty volume and starts
# empty; appendonlydir/ makes the snapshot the AOF base file, which it loads. Copy OUT_DIR/appendonlydir into the
# primary's data directory (Bitnami: /data) before it starts (README, "Backups and restore (Kubernetes)").
set -euo pipefail
umask 077
if [ "$#" -ne 2 ]; then
  echo "usage: worker-state-restore.sh SOURCE OUT_DIR" >&2
  exit 2
fi
source_path="$1"
out="$2"
if [ -z "$(printenv AGE_IDENTITY_FILE || true)" ]; then
  echo "restore: AGE_IDENTITY_FILE is not set (the age private key file)" >&2
  exit 2
fi
log() { echo "restore: $*" >&2; }

case "$source_path" in
  *.rdb.age) object="$source_path" ;;
  *)
    newest="$(rclone lsf --files-only --include '*.rdb.age' "$source_path" | grep -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{6}Z\.rdb\.age$' | sort | tail -n 1 || true)"
    if [ -z "$newest" ]; then
      log "no <date>T<time>Z.rdb.age under $source_path"
      exit 1
    fi
    object="$source_path/$newest"
    ;;
esac
mkdir -p "$out/appendonlydir"
log "downloading $object"
rclone copyto "$object" "$out/snapshot.rdb.age"
log "decrypting"
age -d -i "$AGE_IDENTITY_FILE" -o "$out/dump.rdb" "$out/snapshot.rdb.age"
rm -f "$out/snapshot.rdb.age"
log "verifying"
redis-check-rdb "$out/dump.rdb" >&2
cp "$out/dump.rdb" "$out/appendonlydir/appendonly.aof.1.base.rdb"
printf 'file appendonly.aof.1.base.rdb seq 1 type b\n' > "$out/appendonlydir/appendonly.aof.manifest"
log "ready: $out/appendonlydir (AOF on) and $out/dump.rdb (AOF off), from $object"
