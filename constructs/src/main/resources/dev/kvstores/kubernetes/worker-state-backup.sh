#!/usr/bin/env bash
# kvstores worker-state backup (run by the CronJob that WorkerStateBackup synthesizes).
# Takes a consistent copy of the store over TLS, encrypts it with age (recipient public key only) and uploads it
# with rclone to S3 / GCS / Azure Blob. It never deletes, reads or lists objects: its identity needs only
# create/write on its folder, and retention (expiry, Object Lock, retention policy, immutability) belongs to the
# bucket. Every backup is a dated folder <dest>/<stamp>/ whose manifest.json, written last, names the recipient and
# the sha256 of every encrypted object; a folder without manifest.json is incomplete and a restore ignores it.
# Three modes:
#   replica  Bitnami redis (Sentinel): one RDB snapshot (redis-cli --rdb, i.e. SYNC) from a replica if one is in
#            sync, else the primary -> <stamp>/snapshot.rdb.age
#   cluster  Bitnami redis-cluster: CLUSTER NODES, then one RDB snapshot per primary's shard, each from one of its
#            replicas when one is in sync, else the primary -> <stamp>/shard-<n>.rdb.age (the manifest adds the
#            shards, slot ranges, source nodes and key counts)
#   logical  KVRocks (no SYNC to RDB): SCAN + DUMP + PTTL per key, streamed as redis-cli RESTORE commands
#            (REPLACE, absolute TTL) -> <stamp>/restore-commands.part-<nnnnn>.age (one encrypted stream cut into
#            parts of BACKUP_PART_BYTES, default 1 GiB; the manifest lists each part's sha256 and the whole's)
# Everything comes from the environment (the CronJob sets it):
#   BACKUP_MODE            replica | cluster | logical
#   BACKUP_TARGETS         space-separated host names of the store's pods (cluster: seeds of CLUSTER NODES)
#   REDIS_PORT             TLS port of the store
#   REDIS_USER             ACL user of the backup; empty: AUTH with the password only (KVRocks has no ACL users)
#   REDIS_PASSWORD_FILE    file holding the password (passed to redis-cli as REDISCLI_AUTH)
#   REDIS_CA_FILE          PEM CA of the store's server certificate
#   AGE_RECIPIENT_FILE     file holding the age recipient (public key, age1...)
#   AGE_RECIPIENT_PINNED   optional: the recipient the environment file pins; the job refuses to run when the file
#                          holds another one (a swapped Secret)
#   BACKUP_DEST            rclone path below the remote "dest": <bucket>/<prefix>/<env>/<store>
#   BACKUP_WORK_DIR        scratch directory (an emptyDir; replica and cluster hold one RDB and its copy at a time)
#   RCLONE_CONFIG_DEST_*   the rclone remote "dest" (type, provider, region, endpoint, env_auth)
#   BACKUP_SECRET_ENV_FILES  optional "NAME=FILE ..." list: each NAME is exported with the content of FILE (the
#                          object store's keys, mounted from their Secret, so no Secret is in the pod's env spec)
# Tools: bash, redis-cli, redis-check-rdb, age, rclone, jq, coreutils (split, sha256sum), awk.
# Exit status: 0 only when every snapshot was taken, checked, encrypted and uploaded and the manifest written.
set -euo pipefail
shopt -s inherit_errexit
umask 077

for name in BACKUP_MODE BACKUP_TARGETS REDIS_PORT REDIS_PASSWORD_FILE REDIS_CA_FILE \
    AGE_RECIPIENT_FILE BACKUP_DEST BACKUP_WORK_DIR; do
  if [ -z "$(printenv "$name" || true)" ]; then
    echo "backup: environment variable $name is not set" >&2
    exit 2
  fi
done
REDIS_USER="$(printenv REDIS_USER || true)"
for pair in $(printenv BACKUP_SECRET_ENV_FILES || true); do
  secret_name="$(printf '%s' "$pair" | cut -d= -f1)"
  secret_file="$(printf '%s' "$pair" | cut -d= -f2-)"
  if ! [[ "$secret_name" =~ ^[A-Z_][A-Z0-9_]*$ ]] || [ ! -r "$secret_file" ]; then
    echo "backup: BACKUP_SECRET_ENV_FILES entry '$secret_name': '$secret_file' is not a readable file" >&2
    exit 2
  fi
  export "$secret_name=$(cat "$secret_file")"
done

log() { echo "backup: $(date -u +%Y-%m-%dT%H:%M:%SZ) $*" >&2; }
fail() { log "FAILED: $*"; exit 1; }

RECIPIENT="$(tr -d ' \r\n' < "$AGE_RECIPIENT_FILE")"
if ! printf '%s' "$RECIPIENT" | grep -Ex 'age1[02-9ac-hj-np-z]{58}' >/dev/null; then
  fail "$AGE_RECIPIENT_FILE does not hold one age recipient (age1 and 58 bech32 characters)"
fi
PINNED="$(printenv AGE_RECIPIENT_PINNED || true)"
if [ -n "$PINNED" ] && [ "$PINNED" != "$RECIPIENT" ]; then
  fail "the recipient in $AGE_RECIPIENT_FILE ($RECIPIENT) is not the one the environment file pins ($PINNED):" \
    "the Secret was changed outside the stack; re-apply the stack (it writes the Secret) before the next backup"
fi
REDISCLI_AUTH="$(cat "$REDIS_PASSWORD_FILE")"
export REDISCLI_AUTH
STAMP="$(date -u +%Y-%m-%dT%H%M%SZ)"
STORE="$(basename "$BACKUP_DEST")"
WORK="$BACKUP_WORK_DIR/$STAMP"
mkdir -p "$WORK"
# A dated folder counts only with its manifest.json, uploaded last. The job cannot delete (write-only identity), so
# an incomplete folder stays; a restore ignores it, and the bucket's retention expires it.
COMPLETE=""
cleanup() {
  rm -rf "$WORK"
  if [ -z "$COMPLETE" ]; then
    log "dest:$BACKUP_DEST/$STAMP/ is incomplete (no manifest.json): a restore ignores it"
  fi
}
trap cleanup EXIT

# cli HOST PORT ARGS...: redis-cli over TLS as the backup user (or with the password only).
cli() {
  local host="$1" port="$2"
  shift 2
  if [ -n "$REDIS_USER" ]; then
    redis-cli --no-auth-warning --tls --cacert "$REDIS_CA_FILE" --user "$REDIS_USER" -h "$host" -p "$port" "$@"
  else
    redis-cli --no-auth-warning --tls --cacert "$REDIS_CA_FILE" -h "$host" -p "$port" "$@"
  fi
}

# in_sync_replica HOST PORT: true when HOST is a replica whose link to its primary is up (ROLE: slave, connected).
in_sync_replica() {
  local role
  role="$(cli "$1" "$2" ROLE 2>/dev/null || true)"
  [ "$(printf '%s\n' "$role" | sed -n 1p)" = "slave" ] && [ "$(printf '%s\n' "$role" | sed -n 4p)" = "connected" ]
}

# rdb HOST PORT FILE: RDB snapshot of HOST, checked by redis-check-rdb; its report goes to FILE.check.
rdb() {
  log "taking the RDB snapshot of $1:$2"
  cli "$1" "$2" --rdb "$3" >&2 || fail "redis-cli --rdb from $1:$2"
  redis-check-rdb "$3" > "$3.check" 2>&1 || { cat "$3.check" >&2; fail "redis-check-rdb rejects the snapshot of $1:$2"; }
}

# info_count FILE WHAT: the number redis-check-rdb reports as "[info] N WHAT".
info_count() {
  local n
  n="$(sed -n "s/^\[info\] \([0-9][0-9]*\) $2\$/\1/p" "$1" | tail -n 1)"
  printf '%s' "$n" | grep -E '^[0-9]+$' >/dev/null || n=0
  printf '%s' "$n"
}

# put FILE OBJECT: uploads FILE to dest:$BACKUP_DEST/OBJECT without looking at the destination first (no HEAD, no
# list: the identity may only create objects).
put() {
  rclone copyto --no-check-dest "$1" "dest:$BACKUP_DEST/$2" || fail "upload of $2"
}

# encrypt_upload FILE OBJECT: age-encrypts FILE to OBJECT under dest:$BACKUP_DEST/ and prints the sha256 of the
# encrypted bytes.
encrypt_upload() {
  age -r "$RECIPIENT" -o "$1.age" "$1"
  rm -f "$1"
  log "uploading $2"
  put "$1.age" "$2"
  sha256sum "$1.age" | cut -d' ' -f1
  rm -f "$1.age"
}

# write_manifest MODE ENTRY_JSON: <stamp>/manifest.json, uploaded last: the format, mode, store, time, recipient and
# the mode's entry (replica, logical: one file; cluster: the shards), each with the sha256 of its encrypted object.
write_manifest() {
  jq --arg mode "$1" --arg store "$STORE" --arg created "$STAMP" --arg recipient "$RECIPIENT" \
    '{format: "kvstores-worker-state-backup/2", mode: $mode, store: $store, created: $created,
      recipient: $recipient} + .' "$2" > "$WORK/manifest.json"
  put "$WORK/manifest.json" "$STAMP/manifest.json"
  COMPLETE="yes"
}

backup_replica() {
  local source_host="" source_port="$REDIS_PORT" host role
  for host in $BACKUP_TARGETS; do
    if in_sync_replica "$host" "$REDIS_PORT"; then
      source_host="$host"
      break
    fi
    role="$(cli "$host" "$REDIS_PORT" ROLE 2>/dev/null | head -n 1 || true)"
    if [ "$role" = "master" ] && [ -z "$source_host" ]; then
      source_host="$host"
    fi
  done
  [ -n "$source_host" ] || fail "no node of [$BACKUP_TARGETS] answered ROLE"
  local sha keys expires
  rdb "$source_host" "$source_port" "$WORK/snapshot.rdb"
  keys="$(info_count "$WORK/snapshot.rdb.check" "keys read")"
  expires="$(info_count "$WORK/snapshot.rdb.check" "expires")"
  sha="$(encrypt_upload "$WORK/snapshot.rdb" "$STAMP/snapshot.rdb.age")"
  jq -n --arg file "snapshot.rdb.age" --arg source "$source_host:$source_port" --arg sha "$sha" \
    --argjson keys "$keys" --argjson expires "$expires" \
    '{file: $file, source: $source, keys: $keys, expires: $expires, sha256: $sha}' > "$WORK/entry.json"
  write_manifest replica "$WORK/entry.json"
  log "$keys key(s) in dest:$BACKUP_DEST/$STAMP/"
}

# endpoint ADDRESS: "host port" of a CLUSTER NODES address ip:port@bus[,hostname] (the announced host name when
# there is one: the server certificate names it).
endpoint() {
  printf '%s\n' "$1" | awk '{
    n = split($0, parts, ",")
    split(parts[1], hostport, "@")
    s = hostport[1]
    i = length(s)
    while (i > 0 && substr(s, i, 1) != ":") i--
    host = substr(s, 1, i - 1)
    if (n >= 2 && parts[2] != "") host = parts[2]
    print host, substr(s, i + 1)
  }'
}

backup_cluster() {
  local nodes="" host
  for host in $BACKUP_TARGETS; do
    nodes="$(cli "$host" "$REDIS_PORT" CLUSTER NODES 2>/dev/null || true)"
    if printf '%s\n' "$nodes" | grep -E '^[0-9a-f]{40} ' >/dev/null; then
      break
    fi
    nodes=""
  done
  [ -n "$nodes" ] || fail "no node of [$BACKUP_TARGETS] answered CLUSTER NODES"
  printf '%s\n' "$nodes" > "$WORK/nodes.txt"
  # One line per primary that owns slots: first slot, id, address, replicas' addresses (- for none), slot ranges
  # (a-b ...).
  awk '
    $3 ~ /(^|,)master(,|$)/ && $3 !~ /fail/ {
      ranges = ""; first = -1
      for (i = 9; i <= NF; i++) {
        if (substr($i, 1, 1) == "[") continue
        r = $i
        if (index(r, "-") == 0) r = r "-" r
        ranges = ranges (ranges == "" ? "" : " ") r
        split(r, ab, "-")
        if (first < 0 || ab[1] + 0 < first) first = ab[1] + 0
      }
      if (ranges != "") { primary[$1] = $2; slots[$1] = ranges; firsts[$1] = first }
    }
    $3 ~ /(^|,)slave(,|$)/ && $3 !~ /fail|handshake|noaddr/ && $8 == "connected" {
      replicas[$4] = replicas[$4] (replicas[$4] == "" ? "" : " ") $2
    }
    END {
      for (id in primary) printf "%d\t%s\t%s\t%s\t%s\n", firsts[id], id, primary[id],
        (replicas[id] == "" ? "-" : replicas[id]), slots[id]
    }' "$WORK/nodes.txt" | sort -n > "$WORK/shards.tsv"
  [ -s "$WORK/shards.tsv" ] || fail "CLUSTER NODES lists no primary with slots"
  local covered
  covered="$(cut -f5 "$WORK/shards.tsv" | tr ' ' '\n' | awk -F- '{ n += $2 - $1 + 1 } END { print n + 0 }')"
  [ "$covered" -eq 16384 ] || fail "the primaries own $covered of 16384 slots: the cluster is not whole, a backup would miss data"

  : > "$WORK/shards.jsonl"
  local index=0 first id address replicas slots source source_role ep src_host src_port candidate sha keys expires
  while IFS="$(printf '\t')" read -r -u 3 first id address replicas slots; do
    source=""
    source_role="primary"
    for candidate in $replicas; do
      [ "$candidate" != "-" ] || continue
      ep="$(endpoint "$candidate")"
      if in_sync_replica "$(echo "$ep" | cut -d' ' -f1)" "$(echo "$ep" | cut -d' ' -f2)"; then
        source="$ep"
        source_role="replica"
        break
      fi
    done
    [ -n "$source" ] || source="$(endpoint "$address")"
    src_host="$(echo "$source" | cut -d' ' -f1)"
    src_port="$(echo "$source" | cut -d' ' -f2)"
    rdb "$src_host" "$src_port" "$WORK/shard-$index.rdb" </dev/null
    keys="$(info_count "$WORK/shard-$index.rdb.check" "keys read")"
    expires="$(info_count "$WORK/shard-$index.rdb.check" "expires")"
    sha="$(encrypt_upload "$WORK/shard-$index.rdb" "$STAMP/shard-$index.rdb.age" </dev/null)"
    jq -cn --arg file "shard-$index.rdb.age" --arg slots "$slots" --arg primary "$id" \
      --arg source "$src_host:$src_port" --arg role "$source_role" --arg sha "$sha" \
      --argjson keys "$keys" --argjson expires "$expires" \
      '{file: $file, slots: ($slots | split(" ") | map(split("-") | map(tonumber))), primary: $primary,
        source: $source, sourceRole: $role, keys: $keys, expires: $expires, sha256: $sha}' >> "$WORK/shards.jsonl"
    index=$((index + 1))
  done 3< "$WORK/shards.tsv"
  jq -s '{shards: .}' "$WORK/shards.jsonl" > "$WORK/entry.json"
  write_manifest cluster "$WORK/entry.json"
  log "$index shard(s) in dest:$BACKUP_DEST/$STAMP/"
}

# export_keys HOST PORT: every key of HOST as a redis-cli command line
#   RESTORE "<key>" 0 "<DUMP payload>" REPLACE                 (no TTL)
#   RESTORE "<key>" <unix ms> "<DUMP payload>" REPLACE ABSTTL  (TTL: absolute, so a late restore keeps the expiry)
# with arguments quoted as redis-cli prints them (binary safe, read back by redis-cli's own parser). A key deleted
# between SCAN and DUMP is skipped; a DUMP error (a type the server cannot dump) fails the export. The number of
# lines goes to $WORK/export.count.
export_keys() {
  local host="$1" port="$2" cursor="0" page count=0 n
  while :; do
    page="$(cli "$host" "$port" --no-raw SCAN "$cursor" COUNT 1000)" || fail "SCAN $cursor on $host:$port"
    cursor="$(printf '%s\n' "$page" | sed -n '1s/^1) "\(.*\)"$/\1/p')"
    [ -n "$cursor" ] || fail "unexpected SCAN reply from $host:$port: $(printf '%s\n' "$page" | head -n 1)"
    printf '%s\n' "$page" | awk 'NR > 1 { sub(/^2\) /, ""); sub(/^ *[0-9]+\) /, ""); if ($0 != "(empty array)") print }' \
      > "$WORK/page.keys"
    if [ -s "$WORK/page.keys" ]; then
      awk '{ print "DUMP " $0; print "PTTL " $0 }' "$WORK/page.keys" | cli "$host" "$port" --no-raw > "$WORK/page.replies" \
        || fail "DUMP/PTTL on $host:$port"
      [ "$(wc -l < "$WORK/page.replies")" -eq $((2 * $(wc -l < "$WORK/page.keys"))) ] \
        || fail "DUMP/PTTL on $host:$port: expected $((2 * $(wc -l < "$WORK/page.keys"))) replies, got $(wc -l < "$WORK/page.replies")"
      awk -v now="$(date +%s%3N)" -v countfile="$WORK/page.count" '
        NR == FNR { key[FNR] = $0; n = FNR; next }
        { reply[FNR] = $0 }
        END {
          written = 0
          for (i = 1; i <= n; i++) {
            dump = reply[2 * i - 1]; ttl = reply[2 * i]
            if (dump == "(nil)") continue
            if (substr(dump, 1, 1) != "\"") { print "backup: DUMP " key[i] " failed: " dump > "/dev/stderr"; exit 3 }
            if (ttl !~ /^\(integer\) -?[0-9]+$/) { print "backup: PTTL " key[i] " failed: " ttl > "/dev/stderr"; exit 3 }
            sub(/^\(integer\) /, "", ttl)
            if (ttl + 0 == -2) continue
            if (ttl + 0 < 0) printf "RESTORE %s 0 %s REPLACE\n", key[i], dump
            else printf "RESTORE %s %.0f %s REPLACE ABSTTL\n", key[i], now + ttl, dump
            written++
          }
          print written > countfile
        }' "$WORK/page.keys" "$WORK/page.replies" || exit 3
      n="$(cat "$WORK/page.count")"
      count=$((count + n))
    fi
    [ "$cursor" != "0" ] || break
  done
  echo "$count" > "$WORK/export.count"
}

backup_logical() {
  local host="" candidate sha keys
  for candidate in $BACKUP_TARGETS; do
    if [ "$(cli "$candidate" "$REDIS_PORT" PING 2>/dev/null || true)" = "PONG" ]; then
      host="$candidate"
      break
    fi
  done
  [ -n "$host" ] || fail "no node of [$BACKUP_TARGETS] answered PING"
  log "exporting every key of $host:$REDIS_PORT (SCAN, DUMP, PTTL) to dest:$BACKUP_DEST/$STAMP/restore-commands.part-*.age"
  # Streamed: the export never lands on disk unencrypted; the encrypted stream is cut into parts of
  # BACKUP_PART_BYTES (default 1 GiB), each uploaded with a known size (a streamed multipart upload ends with a HEAD,
  # which a create-only identity may not do), so the scratch volume holds one part at a time.
  mkfifo "$WORK/sha.fifo"
  sha256sum < "$WORK/sha.fifo" | cut -d' ' -f1 > "$WORK/export.sha256" &
  local sha_pid=$!
  export PART_DIR="$WORK"
  export PART_DEST="$BACKUP_DEST/$STAMP"
  : > "$WORK/parts.sha256"
  export_keys "$host" "$REDIS_PORT" | age -r "$RECIPIENT" | tee "$WORK/sha.fifo" \
    | split -b "$(printenv BACKUP_PART_BYTES || echo 1073741824)" -d -a 5 --additional-suffix=.age \
        --filter='cat > "$PART_DIR/$FILE" && sha256sum "$PART_DIR/$FILE" | cut -d" " -f1 | sed "s|\$| $FILE|" >> "$PART_DIR/parts.sha256" && rclone copyto --no-check-dest "$PART_DIR/$FILE" "dest:$PART_DEST/$FILE" && rm -f "$PART_DIR/$FILE"' \
        - restore-commands.part- \
    || fail "export or upload of dest:$BACKUP_DEST/$STAMP/restore-commands.part-*.age"
  wait "$sha_pid"
  sha="$(cat "$WORK/export.sha256")"
  keys="$(cat "$WORK/export.count")"
  jq -R 'split(" ") | {file: .[1], sha256: .[0]}' "$WORK/parts.sha256" | jq -s . > "$WORK/parts.json"
  jq -n --arg source "$host:$REDIS_PORT" --arg sha "$sha" --argjson keys "$keys" --slurpfile parts "$WORK/parts.json" \
    '{file: "restore-commands.age", content: "redis-cli commands: RESTORE key ttl payload REPLACE [ABSTTL], one a line",
      source: $source, keys: $keys, sha256: $sha, parts: $parts[0]}' > "$WORK/entry.json"
  write_manifest logical "$WORK/entry.json"
  log "$keys key(s) in dest:$BACKUP_DEST/$STAMP/"
}

case "$BACKUP_MODE" in
  replica) backup_replica ;;
  cluster) backup_cluster ;;
  logical) backup_logical ;;
  *)
    log "BACKUP_MODE must be replica, cluster or logical, got '$BACKUP_MODE'"
    exit 2
    ;;
esac

log "done"
