#!/usr/bin/env bash
# kvstores worker-state restore: fetch a backup the CronJob wrote, check it, decrypt it with the age private key,
# verify it and lay it out for a fresh store; then put it into that store. Run it where the private key is (an
# operator machine, or the one-off restore Job of docs/worker-state-restore-job.yaml), never in the backup job.
#
#   worker-state-restore.sh SOURCE OUT_DIR
#     SOURCE   rclone path of one backup: a dated folder <stamp> holding manifest.json, or the store's folder
#              (dest:<bucket>/<prefix>/<env>/<store>): then its newest complete backup (a folder with manifest.json)
#     OUT_DIR  created; receives manifest.json and
#              replica:   dump.rdb (checked by redis-check-rdb) and appendonlydir/ (the snapshot as AOF base file)
#              cluster:   per shard shard-<n>/dump.rdb + shard-<n>/appendonlydir/
#              logical:   restore-commands.txt
#              Before anything is decrypted: the manifest's recipient must be the public key of AGE_IDENTITY_FILE
#              (a backup encrypted to another key, e.g. after a swapped recipient Secret, is refused) and every
#              object's sha256 must match the manifest (a replaced or damaged object is refused); after: key or
#              line counts. A backup of the first layout (a lone <stamp>.rdb.age, no manifest) is restored only with
#              RESTORE_UNVERIFIED=yes, since nothing can be checked before decryption.
#   worker-state-restore.sh install FROM DATA_DIR
#              puts FROM/appendonlydir (OUT_DIR, or OUT_DIR/shard-<n>) into the data directory of a STOPPED primary,
#              replacing its appendonlydir/ and dump.rdb and keeping nodes.conf (the cluster node's identity/slots)
#   worker-state-restore.sh cluster-map OUT_DIR HOST PORT
#              which primary of the fresh cluster (any node HOST:PORT) owns exactly each shard's slot ranges;
#              writes OUT_DIR/cluster-map.tsv (shard, host:port, node id); fails when a shard has no such primary
#   worker-state-restore.sh cluster-verify OUT_DIR HOST PORT
#              after the primaries restarted on their shards: every node CLUSTER NODES lists (primaries and
#              replicas) reports cluster_state:ok (waits up to VERIFY_WAIT_SECONDS, default 300, for them to agree),
#              no node is flagged fail, and every primary's DBSIZE is within [keys - expires, keys] of its shard in the
#              manifest
#   worker-state-restore.sh load OUT_DIR HOST PORT
#              logical backup: replays restore-commands.txt into the fresh store HOST:PORT (RESTORE ... REPLACE);
#              fails unless every command answered OK
#
# Environment: AGE_IDENTITY_FILE (the age private key, for SOURCE OUT_DIR), the rclone remote "dest" as for the
# job (RCLONE_CONFIG_DEST_TYPE=s3 ... or an rclone.conf); for cluster-map, cluster-verify and load: REDISCLI_AUTH
# (the fresh store's admin password), REDIS_CA_FILE (its CA; empty: no TLS), REDIS_USER (optional);
# RESTORE_SHARD=shard-<n>: of a cluster backup, fetch only that shard (the one a volume gets).
# Tools: bash, rclone, age, age-keygen, redis-check-rdb, redis-cli, jq, sha256sum.
#
# With appendonly yes (the worker state default) Redis 7 ignores a lone dump.rdb on an empty volume and starts
# empty; appendonlydir/ makes the snapshot the AOF base file, which it loads.
set -euo pipefail
shopt -s inherit_errexit
umask 077

log() { echo "restore: $*" >&2; }
fail() { log "FAILED: $*"; exit 1; }
usage() {
  echo "usage: worker-state-restore.sh SOURCE OUT_DIR | install FROM DATA_DIR | cluster-map OUT_DIR HOST PORT" \
    "| cluster-verify OUT_DIR HOST PORT | load OUT_DIR HOST PORT (see the comment at the top of this script)" >&2
  exit 2
}
REDIS_USER="$(printenv REDIS_USER || true)"
REDIS_CA_FILE="$(printenv REDIS_CA_FILE || true)"
RESTORE_SHARD="$(printenv RESTORE_SHARD || true)"
VERIFY_WAIT_SECONDS="$(printenv VERIFY_WAIT_SECONDS || echo 300)"
STAMP_RE='[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{6}Z'

# rcli HOST PORT ARGS...: redis-cli to the fresh store (TLS when REDIS_CA_FILE is set; REDISCLI_AUTH holds the
# password).
rcli() {
  local host="$1" port="$2"
  shift 2
  if [ -n "$REDIS_USER" ]; then set -- --user "$REDIS_USER" "$@"; fi
  if [ -n "$REDIS_CA_FILE" ]; then set -- --tls --cacert "$REDIS_CA_FILE" "$@"; fi
  redis-cli --no-auth-warning -h "$host" -p "$port" "$@"
}

require_identity() {
  [ -n "$(printenv AGE_IDENTITY_FILE || true)" ] || { log "AGE_IDENTITY_FILE is not set (the age private key file)"; exit 2; }
}

# lay_out RDB DIR: DIR/appendonlydir with RDB as the AOF base file (appendonly.aof.1.base.rdb + manifest).
lay_out() {
  mkdir -p "$2/appendonlydir"
  cp "$1" "$2/appendonlydir/appendonly.aof.1.base.rdb"
  printf 'file appendonly.aof.1.base.rdb seq 1 type b\n' > "$2/appendonlydir/appendonly.aof.manifest"
}

# decrypt ENCRYPTED PLAIN: age -d with the private key (a wrong key fails: "no identity matched any of the recipients").
decrypt() {
  age -d -i "$AGE_IDENTITY_FILE" -o "$2" "$1" || fail "cannot decrypt $(basename "$1") with $AGE_IDENTITY_FILE"
  rm -f "$1"
}

# check_sha FILE EXPECTED
check_sha() {
  local actual
  actual="$(sha256sum "$1" | cut -d' ' -f1)"
  [ "$actual" = "$2" ] || fail "$(basename "$1"): sha256 $actual, the manifest says $2 (damaged or replaced object)"
}

# check_recipient MANIFEST: the manifest's recipient is our identity's public key (before any download of data).
check_recipient() {
  local ours theirs
  ours="$(age-keygen -y "$AGE_IDENTITY_FILE" 2>/dev/null | head -n 1)" || true
  [ -n "$ours" ] || fail "cannot derive the public key of $AGE_IDENTITY_FILE (age-keygen -y): not an age identity file"
  theirs="$(jq -r '.recipient // empty' "$1")"
  [ -n "$theirs" ] || fail "the manifest names no recipient (format $(jq -r '.format' "$1")): cannot check it"
  [ "$theirs" = "$ours" ] || fail "the backup was encrypted to $theirs, not to the public key of $AGE_IDENTITY_FILE" \
    "($ours): the recipient was swapped when it was written, or this is not your key"
}

# fetch_legacy OBJECT OUT: a backup of the first layout (<stamp>.rdb.age, no manifest): only with RESTORE_UNVERIFIED=yes.
fetch_legacy() {
  local object="$1" out="$2"
  [ "$(printenv RESTORE_UNVERIFIED || true)" = "yes" ] || fail "$object has no manifest (first backup layout):" \
    "its integrity and recipient cannot be checked before decryption; set RESTORE_UNVERIFIED=yes to restore it anyway"
  mkdir -p "$out"
  log "downloading $object (UNVERIFIED: no manifest)"
  rclone copyto "$object" "$out/snapshot.rdb.age"
  decrypt "$out/snapshot.rdb.age" "$out/dump.rdb"
  redis-check-rdb "$out/dump.rdb" >&2 || fail "redis-check-rdb rejects $object"
  lay_out "$out/dump.rdb" "$out"
  log "ready: $out/appendonlydir (AOF on) and $out/dump.rdb (AOF off), from $object"
}

fetch_folder() {
  local folder="$1" out="$2" mode file sha keys expires name count part_sha
  mkdir -p "$out"
  rclone copyto "$folder/manifest.json" "$out/manifest.json" || fail "no manifest.json in $folder (incomplete backup)"
  jq -e . "$out/manifest.json" >/dev/null 2>&1 || fail "manifest.json of $folder is not JSON"
  check_recipient "$out/manifest.json"
  mode="$(jq -r '.mode' "$out/manifest.json")"
  case "$mode" in
    replica)
      file="$(jq -r '.file' "$out/manifest.json")"
      sha="$(jq -r '.sha256' "$out/manifest.json")"
      keys="$(jq -r '.keys' "$out/manifest.json")"
      [ "$file" = "snapshot.rdb.age" ] || fail "manifest.json of $folder names file '$file' (expected snapshot.rdb.age)"
      log "downloading $folder/$file"
      rclone copyto "$folder/$file" "$out/$file"
      check_sha "$out/$file" "$sha"
      decrypt "$out/$file" "$out/dump.rdb"
      redis-check-rdb "$out/dump.rdb" > "$out/check.log" 2>&1 \
        || { cat "$out/check.log" >&2; fail "redis-check-rdb rejects $file"; }
      count="$(sed -n 's/^\[info\] \([0-9][0-9]*\) keys read$/\1/p' "$out/check.log")"
      [ "$count" = "$keys" ] || fail "$file holds $count keys, the manifest says $keys"
      lay_out "$out/dump.rdb" "$out"
      log "$keys keys: RDB looks OK"
      log "ready: $out/appendonlydir (AOF on) and $out/dump.rdb (AOF off), from $folder"
      ;;
    cluster)
      jq -r '.shards[] | [.file, .sha256, .keys, .expires, (.slots | map("\(.[0])-\(.[1])") | join(" "))] | @tsv' \
        "$out/manifest.json" > "$out/shards.tsv"
      while IFS="$(printf '\t')" read -r -u 3 file sha keys expires slots; do
        name="$(basename "$file" .rdb.age)"
        printf '%s' "$name" | grep -Ex 'shard-[0-9]+' >/dev/null || fail "manifest.json names file '$file'"
        if [ -n "$RESTORE_SHARD" ] && [ "$RESTORE_SHARD" != "$name" ]; then
          continue
        fi
        log "downloading $folder/$file (slots $slots)"
        rclone copyto "$folder/$file" "$out/$file" </dev/null
        check_sha "$out/$file" "$sha"
        mkdir -p "$out/$name"
        decrypt "$out/$file" "$out/$name/dump.rdb"
        redis-check-rdb "$out/$name/dump.rdb" > "$out/$name/check.log" 2>&1 \
          || { cat "$out/$name/check.log" >&2; fail "redis-check-rdb rejects $file"; }
        count="$(sed -n 's/^\[info\] \([0-9][0-9]*\) keys read$/\1/p' "$out/$name/check.log")"
        [ "$count" = "$keys" ] || fail "$file holds $count keys, the manifest says $keys"
        lay_out "$out/$name/dump.rdb" "$out/$name"
        log "$name: $keys keys, slots $slots: RDB looks OK"
      done 3< "$out/shards.tsv"
      log "ready: $out/shard-<n>/appendonlydir per shard; next: cluster-map, install on each primary, cluster-verify"
      ;;
    logical)
      file="$(jq -r '.file' "$out/manifest.json")"
      sha="$(jq -r '.sha256' "$out/manifest.json")"
      keys="$(jq -r '.keys' "$out/manifest.json")"
      [ "$file" = "restore-commands.age" ] || fail "manifest.json of $folder names file '$file'"
      : > "$out/$file"
      jq -r '.parts[] | [.file, .sha256] | @tsv' "$out/manifest.json" > "$out/parts.tsv"
      [ -s "$out/parts.tsv" ] || fail "manifest.json of $folder lists no parts"
      while IFS="$(printf '\t')" read -r -u 3 name part_sha; do
        printf '%s' "$name" | grep -Ex 'restore-commands\.part-[0-9]{5}\.age' >/dev/null \
          || fail "manifest.json of $folder names part '$name'"
        log "downloading $folder/$name"
        rclone copyto "$folder/$name" "$out/$name" </dev/null
        check_sha "$out/$name" "$part_sha"
        cat "$out/$name" >> "$out/$file"
        rm -f "$out/$name"
      done 3< "$out/parts.tsv"
      check_sha "$out/$file" "$sha"
      decrypt "$out/$file" "$out/restore-commands.txt"
      count="$(wc -l < "$out/restore-commands.txt" | tr -d ' ')"
      [ "$count" = "$keys" ] || fail "$file holds $count commands, the manifest says $keys"
      grep -Ev '^RESTORE "' "$out/restore-commands.txt" >/dev/null \
        && fail "$file holds lines that are not RESTORE commands"
      log "ready: $out/restore-commands.txt ($keys keys); next: load"
      ;;
    *) fail "manifest.json of $folder has mode '$mode' (expected replica, cluster or logical)" ;;
  esac
}

fetch() {
  local source_path="$1" out="$2" newest
  require_identity
  case "$source_path" in
    *.rdb.age) fetch_legacy "$source_path" "$out"; return ;;
  esac
  if rclone lsf --files-only --max-depth 1 "$source_path" 2>/dev/null | grep -x 'manifest.json' >/dev/null; then
    fetch_folder "$source_path" "$out"
    return
  fi
  # The store's folder: its newest complete backup (a dated folder counts only with its manifest.json).
  newest="$(rclone lsf -R --files-only --max-depth 2 "$source_path" \
    | grep -E "^$STAMP_RE(\.rdb\.age|/manifest\.json)\$" | sort | tail -n 1 || true)"
  case "$newest" in
    "") fail "no backup (<stamp>/manifest.json) under $source_path" ;;
    */manifest.json) fetch_folder "$source_path/$(dirname "$newest")" "$out" ;;
    *) fetch_legacy "$source_path/$newest" "$out" ;;
  esac
}

install_into() {
  local from="$1" data="$2"
  [ -f "$from/appendonlydir/appendonly.aof.manifest" ] || fail "$from holds no appendonlydir/ (run SOURCE OUT_DIR first)"
  [ -d "$data" ] || fail "$data is not a directory"
  rm -rf "$data/appendonlydir" "$data/dump.rdb"
  cp -R "$from/appendonlydir" "$data/appendonlydir"
  log "installed $from/appendonlydir into $data (nodes.conf kept); start the node"
}

# normalize "a-b a ..." -> sorted "a-b" ranges, one a line
ranges() {
  tr ' ' '\n' | grep -v '^\[' | grep -v '^$' | awk -F- '{ print ($2 == "" ? $1 "-" $1 : $0) }' | sort -n
}

# endpoint "CLUSTER NODES line": host:port of that node (its announced hostname when it has one).
endpoint() {
  printf '%s' "$1" | cut -d' ' -f2 | awk '{ n = split($0, p, ","); split(p[1], hp, "@"); s = hp[1];
    i = length(s); while (i > 0 && substr(s, i, 1) != ":") i--; h = substr(s, 1, i - 1);
    if (n >= 2 && p[2] != "") h = p[2]; print h ":" substr(s, i + 1) }'
}

# nodes_not_ok HOST PORT: prints one line per node of the cluster (as HOST:PORT lists them) that is flagged fail
# or does not itself report cluster_state:ok; prints nothing when every node agrees the cluster is ok.
nodes_not_ok() {
  local nodes line ep state
  nodes="$(rcli "$1" "$2" CLUSTER NODES 2>&1)" || { echo "$1:$2 (CLUSTER NODES: $nodes)"; return 0; }
  printf '%s\n' "$nodes" | grep -E '^[0-9a-f]{40} ' >/dev/null || { echo "$1:$2 ($(printf '%s\n' "$nodes" | head -n 1))"; return 0; }
  while read -r line; do
    [ -n "$line" ] || continue
    ep="$(endpoint "$line")"
    case ",$(printf '%s' "$line" | cut -d' ' -f3)," in
      *,fail,*|*,fail\?,*|*,noaddr,*|*,handshake,*) echo "$ep (flags $(printf '%s' "$line" | cut -d' ' -f3))"; continue ;;
    esac
    state="$(rcli "$(printf '%s' "$ep" | sed 's/:[0-9]*$//')" "$(printf '%s' "$ep" | sed 's/.*://')" CLUSTER INFO 2>&1 \
      | tr -d '\r' | grep '^cluster_state:' || true)"
    [ -n "$state" ] || state="no answer"
    [ "$state" = "cluster_state:ok" ] || echo "$ep ($state)"
  done <<< "$nodes"
}

cluster_map() {
  local out="$1" host="$2" port="$3" nodes want line id ep found missing=0 file
  [ -f "$out/manifest.json" ] || fail "$out/manifest.json not found"
  nodes="$(rcli "$host" "$port" CLUSTER NODES)"
  printf '%s\n' "$nodes" | grep -E '^[0-9a-f]{40} ' >/dev/null || fail "CLUSTER NODES on $host:$port: $(printf '%s\n' "$nodes" | head -n 1)"
  : > "$out/cluster-map.tsv"
  while IFS="$(printf '\t')" read -r -u 3 file want; do
    want="$(printf '%s' "$want" | ranges | tr '\n' ' ')"
    found=""
    while read -r line; do
      id="$(printf '%s' "$line" | cut -d' ' -f1)"
      case " $(printf '%s' "$line" | cut -d' ' -f3 | tr ',' ' ') " in *" master "*) ;; *) continue ;; esac
      if [ "$(printf '%s' "$line" | cut -d' ' -f9- | ranges | tr '\n' ' ')" = "$want" ]; then
        ep="$(endpoint "$line")"
        found="$ep	$id"
      fi
    done <<< "$nodes"
    if [ -z "$found" ]; then
      log "$(basename "$file" .rdb.age): no primary of the fresh cluster owns exactly slots $want"
      missing=1
    else
      printf '%s\t%s\n' "$(basename "$file" .rdb.age)" "$found" >> "$out/cluster-map.tsv"
    fi
  done 3< <(jq -r '.shards[] | [.file, (.slots | map("\(.[0])-\(.[1])") | join(" "))] | @tsv' "$out/manifest.json")
  [ "$missing" -eq 0 ] || fail "the fresh cluster's slot layout differs from the backup's: form it with the manifest's ranges"
  cat "$out/cluster-map.tsv"
}

cluster_verify() {
  local out="$1" host="$2" port="$3" shard ep id keys expires size bad=0
  local deadline=$((SECONDS + VERIFY_WAIT_SECONDS)) waiting
  cluster_map "$out" "$host" "$port" >/dev/null
  # Every node must see the cluster as ok before its keys count: a node that has not yet heard the others answers
  # CLUSTERDOWN (gossip takes a few seconds after restarts, longer on a busy machine).
  while waiting="$(nodes_not_ok "$host" "$port")"; [ -n "$waiting" ]; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      fail "after $VERIFY_WAIT_SECONDS seconds these nodes still do not report cluster_state:ok: $(printf '%s' "$waiting" | tr '\n' ';')"
    fi
    sleep 1
  done
  log "every node reports cluster_state:ok"
  while IFS="$(printf '\t')" read -r -u 3 shard ep id; do
    keys="$(jq -r --arg f "$shard.rdb.age" '.shards[] | select(.file == $f) | .keys' "$out/manifest.json")"
    expires="$(jq -r --arg f "$shard.rdb.age" '.shards[] | select(.file == $f) | .expires' "$out/manifest.json")"
    size="$(rcli "$(printf '%s' "$ep" | sed 's/:[0-9]*$//')" "$(printf '%s' "$ep" | sed 's/.*://')" DBSIZE)"
    if ! [[ "$size" =~ ^[0-9]+$ ]]; then
      log "$shard on $ep: DBSIZE answered '$size'"
      bad=1
    elif [ "$size" -gt "$keys" ] || [ "$size" -lt $((keys - expires)) ]; then
      log "$shard on $ep: $size keys, the backup holds $keys ($expires with a TTL)"
      bad=1
    else
      log "$shard on $ep: $size keys (backup: $keys, $expires with a TTL)"
    fi
  done 3< "$out/cluster-map.tsv"
  [ "$bad" -eq 0 ] || fail "some shards were not restored"
  log "every shard is back"
}

load() {
  local out="$1" host="$2" port="$3" total ok
  [ -f "$out/restore-commands.txt" ] || fail "$out/restore-commands.txt not found (run SOURCE OUT_DIR first)"
  total="$(wc -l < "$out/restore-commands.txt" | tr -d ' ')"
  log "replaying $total RESTORE commands into $host:$port"
  rcli "$host" "$port" --no-raw < "$out/restore-commands.txt" > "$out/load.log"
  ok="$(grep -c '^OK$' "$out/load.log" || true)"
  if [ "$ok" != "$total" ]; then
    grep -v '^OK$' "$out/load.log" | head -n 5 >&2 || true
    fail "$ok of $total commands answered OK"
  fi
  log "loaded $total keys into $host:$port"
}

if [ "$#" -eq 2 ] && [ "$1" != install ]; then
  fetch "$1" "$2"
elif [ "$#" -eq 3 ] && [ "$1" = install ]; then
  install_into "$2" "$3"
elif [ "$#" -eq 4 ] && [ "$1" = cluster-map ]; then
  cluster_map "$2" "$3" "$4"
elif [ "$#" -eq 4 ] && [ "$1" = cluster-verify ]; then
  cluster_verify "$2" "$3" "$4"
elif [ "$#" -eq 4 ] && [ "$1" = load ]; then
  load "$2" "$3" "$4"
else
  usage
fi
