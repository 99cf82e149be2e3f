#!/usr/bin/env bash
# Store benchmark (not a test): real redis-server processes running the redis.conf directives the library renders
# (RedisRoleConfig, printed by main/bench/RenderedRoleConfig.java from constructs/target/classes), with TLS from a test
# CA (openssl) and ACL users as the charts render them (the platform's user without @admin, the admin "default" user).
# Server and clients are pinned to different cores when there are two. A and B runs are interleaved (ABBA) in one run
# and the table gives medians of the paired ratios. It measures:
#   1. TLS cost: SET/GET throughput and server CPU per request, TLS port vs plain port of the same server;
#   2. fsync policy: SET throughput and p50, appendfsync always vs everysec (rendered);
#   3. latency during forks: SET p99/max while a BGSAVE or an AOF rewrite runs vs without, and the fork time;
#   4. peak memory during a fork under write load: server RSS + the fork child's private pages
#      (/proc/<child>/smaps_rollup), sampled until the fork ends, against the container limit: the worker with the
#      rendered maxmemory and with the former 75% (BGSAVE and AOF rewrite), and the cache's only fork, a replica's full
#      resynchronization (diskless, as rendered);
#   5. restore time per GB: restart of the worker from its AOF (RDB preamble), until it answers without LOADING.
# Defaults are scaled down to run in a few minutes (the SMALL worker preset is 8192 MiB; this uses 512); knobs:
#   ROUNDS (2) WORKER_LIMIT_MIB (512) CACHE_LIMIT_MIB (512) REQUESTS (20000) VALUE_BYTES (1000) CLIENTS (32)
# Usage: mvn -B -q -pl constructs -am compile -DskipTests && main/store-benchmark.sh > /tmp/store-benchmark.md
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${ROUNDS:-2}"
WORKER_LIMIT_MIB="${WORKER_LIMIT_MIB:-512}"
CACHE_LIMIT_MIB="${CACHE_LIMIT_MIB:-512}"
REQUESTS="${REQUESTS:-20000}"
VALUE_BYTES="${VALUE_BYTES:-1000}"
CLIENTS="${CLIENTS:-32}"
FORMER_PERCENT=75

for tool in redis-server redis-cli redis-benchmark openssl awk java taskset; do
  command -v "$tool" >/dev/null || { echo "store-benchmark: $tool is missing (Debian: redis-server redis-tools openssl util-linux, a JDK)" >&2; exit 1; }
done
classes=constructs/target/classes
[[ -f "$classes/dev/kvstores/role/RedisRoleConfig.class" ]] \
  || { echo "store-benchmark: build first: mvn -B -q -pl constructs -am compile -DskipTests" >&2; exit 1; }

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- 2>/dev/null || echo "+changes")
started=$(date +%s)
work=$(mktemp -d /tmp/store-benchmark.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 0.5
  rm -rf "$work"
}
trap cleanup EXIT
log() { echo "[store-benchmark] $*" >&2; }

if (( $(nproc) >= 2 )); then SERVER_CPU=(taskset -c 0); CLIENT_CPU=(taskset -c 1); else SERVER_CPU=(); CLIENT_CPU=(); fi

# --- TLS from a test CA, ACL users -------------------------------------------------------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/ca.key" -out "$work/ca.crt" -days 2 -subj /CN=bench-ca 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout "$work/server.key" -out "$work/server.csr" -subj /CN=localhost 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$work/san.ext"
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" -CAcreateserial \
  -out "$work/server.crt" -days 2 -extfile "$work/san.ext" 2>/dev/null
ADMIN_PASS=$(openssl rand -hex 16)
APP_USER=suprsend-worker
APP_PASS=$(openssl rand -hex 16)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rendered() { java -cp "$classes" main/bench/RenderedRoleConfig.java "$@"; }
cli() { local port=$1; shift; redis-cli -p "$port" --user default -a "$ADMIN_PASS" --no-auth-warning "$@"; }
field() { cli "$1" info "$2" | tr -d '\r' | awk -F: -v f="$3" '$1 == f { print $2 }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", (b == 0 ? 0 : a / b) }'; }

# start_server <name> <worker|cache> <limit MiB> [extra redis.conf lines...]: sets PORT TLS_PORT PID DIR
start_server() {
  local name=$1 role=$2 limit=$3; shift 3
  DIR="$work/$name"; mkdir -p "$DIR"
  PORT=$(free_port); TLS_PORT=$(free_port)
  {
    echo "# rendered by RedisRoleConfig ($role, ${limit} MiB limit)"
    rendered "$role" "$limit"
    echo "# benchmark-only lines"
    echo "bind 127.0.0.1"
    echo "port $PORT"
    echo "tls-port $TLS_PORT"
    echo "tls-cert-file $work/server.crt"
    echo "tls-key-file $work/server.key"
    echo "tls-ca-cert-file $work/ca.crt"
    echo "tls-auth-clients no"
    echo "dir $DIR"
    echo "user default on >$ADMIN_PASS ~* &* +@all"
    echo "user $APP_USER on >$APP_PASS ~* &* +@all -@admin"
    for line in "$@"; do echo "$line"; done
  } >"$DIR/redis.conf"
  "${SERVER_CPU[@]}" redis-server "$DIR/redis.conf" --daemonize yes --pidfile "$DIR/pid" --logfile "$DIR/log"
  for _ in $(seq 100); do
    [[ "$(cli "$PORT" ping 2>/dev/null)" == PONG ]] && break
    sleep 0.1
  done
  PID=$(cat "$DIR/pid"); pids+=("$PID")
}
stop_server() { cli "$1" shutdown nosave >/dev/null 2>&1 || true; }

# bench <port> <plain|tls> <redis-benchmark args...>: CSV lines "test,rps,p50,p99,max"
bench() {
  local port=$1 mode=$2; shift 2
  local tls=()
  [[ $mode == tls ]] && tls=(--tls --cacert "$work/ca.crt" --sni localhost)
  "${CLIENT_CPU[@]}" redis-benchmark -h 127.0.0.1 -p "$port" "${tls[@]}" --user "$APP_USER" -a "$APP_PASS" \
    -c "$CLIENTS" -d "$VALUE_BYTES" --csv "$@" 2>/dev/null \
    | tr -d '"' | awk -F, 'NR > 1 && $1 != "" { print $1 "," $2 "," $5 "," $7 "," $8 }'
}
cpu_seconds() { cli "$1" info cpu | tr -d '\r' | awk -F: '/^used_cpu_(sys|user):/ { s += $2 } END { printf "%.4f\n", s }'; }

# fill <port> <target used_memory bytes>: SETs key:%012d (redis-benchmark's -r names) of VALUE_BYTES random
# characters (a window of one random string per key, so the RDB does not compress them away); sets KEYS
RANDOM_TEXT=$(openssl rand -base64 $(( (VALUE_BYTES + 200) * 3 / 4 + 3 )) | tr -d '\n')
fill() {
  local port=$1 target=$2 n=0 step=10000 used perkey
  while :; do
    awk -v start="$n" -v end=$((n + step)) -v size="$VALUE_BYTES" -v rnd="$RANDOM_TEXT" 'BEGIN {
        for (i = start; i < end; i++) { k = sprintf("key:%012d", i); v = substr(rnd, i % 199 + 1, size)
          printf "*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n", length(k), k, length(v), v } }' \
      | cli "$port" --pipe >/dev/null
    n=$((n + step))
    used=$(field "$port" memory used_memory)
    (( used >= target )) && break
    perkey=$(( used / n ))
    step=$(( (target - used) / perkey ))
    (( step > 1000 )) && step=$(( step * 98 / 100 ))
    (( step < 200 )) && step=200
  done
  KEYS=$n
}

fork_running() { cli "$1" info persistence | tr -d '\r' | grep -qE '^(rdb_bgsave_in_progress|aof_rewrite_in_progress):1'; }
await_no_fork() { while fork_running "$1"; do sleep 0.1; done; }

# sample_peak <pid> <stop-command...>: max of VmRSS + the child's private pages (KiB) until the command succeeds
sample_peak() {
  local pid=$1; shift
  local peak=0 rss child cp seen=0
  while :; do
    rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
    child=$(cat /proc/"$pid"/task/*/children 2>/dev/null | tr -s ' ' '\n' | grep -v '^$' | head -1 || true)
    cp=0
    if [[ -n "$child" ]]; then
      seen=1
      cp=$(awk '/^Private_(Clean|Dirty):/ { s += $2 } END { print s + 0 }' "/proc/$child/smaps_rollup" 2>/dev/null || echo 0)
    fi
    (( rss + cp > peak )) && peak=$((rss + cp))
    if (( seen )) && "$@"; then break; fi
    sleep 0.01
  done
  echo "$peak"
}
not_forking() { ! fork_running "$1"; }

declare -A R   # results: name -> newline-separated values

add() { R[$1]+="$2"$'\n'; }
med() { printf '%s' "${R[$1]:-}" | grep -v '^$' | median; }

log "work dir $work; rounds $ROUNDS; worker limit ${WORKER_LIMIT_MIB} MiB, cache limit ${CACHE_LIMIT_MIB} MiB"

# --- 1 and 2: TLS cost and fsync policy, on the rendered worker ---------------------------------------------------
start_server tput worker "$WORKER_LIMIT_MIB"
tput_port=$PORT; tput_tls=$TLS_PORT
for round in $(seq "$ROUNDS"); do
  order=(plain tls); (( round % 2 == 0 )) && order=(tls plain)
  declare -A rps=() cpu=()
  for mode in "${order[@]}"; do
    port=$tput_port; [[ $mode == tls ]] && port=$tput_tls
    before=$(cpu_seconds "$tput_port")
    out=$(bench "$port" "$mode" -t set,get -n "$REQUESTS" -r 100000)
    after=$(cpu_seconds "$tput_port")
    rps[$mode]=$(echo "$out" | awk -F, '$1 == "SET" { s = $2 } $1 == "GET" { g = $2 } END { print (s + g) / 2 }')
    cpu[$mode]=$(awk -v a="$before" -v b="$after" -v n="$REQUESTS" 'BEGIN { printf "%.3f", (b - a) * 1e6 / (2 * n) }')
  done
  add tls_rps "$(ratio "${rps[tls]}" "${rps[plain]}")"
  add tls_cpu "$(ratio "${cpu[tls]}" "${cpu[plain]}")"
  add plain_cpu_us "${cpu[plain]}"
  add tls_cpu_us "${cpu[tls]}"
  log "round $round TLS: rps ${rps[tls]} vs ${rps[plain]}, CPU/request ${cpu[tls]} vs ${cpu[plain]} us"

  order=(everysec always); (( round % 2 == 0 )) && order=(always everysec)
  declare -A frps=() fp50=()
  for policy in "${order[@]}"; do
    cli "$tput_port" config set appendfsync "$policy" >/dev/null
    out=$(bench "$tput_tls" tls -t set -n "$REQUESTS" -r 100000)
    frps[$policy]=$(echo "$out" | awk -F, '$1 == "SET" { print $2 }')
    fp50[$policy]=$(echo "$out" | awk -F, '$1 == "SET" { print $3 }')
  done
  cli "$tput_port" config set appendfsync everysec >/dev/null
  add fsync_rps "$(ratio "${frps[always]}" "${frps[everysec]}")"
  add fsync_p50 "$(ratio "${fp50[always]}" "${fp50[everysec]}")"
  log "round $round fsync: always ${frps[always]} rps p50 ${fp50[always]} ms, everysec ${frps[everysec]} rps p50 ${fp50[everysec]} ms"
done
stop_server "$tput_port"

# --- 3, 4 and 5: forks on a worker filled to 90% of maxmemory ------------------------------------------------------
limit_kib=$((WORKER_LIMIT_MIB * 1024))
for round in $(seq "$ROUNDS"); do
  rules=(rendered former); (( round % 2 == 0 )) && rules=(former rendered)
  for rule in "${rules[@]}"; do
    extra=(); [[ $rule == former ]] && extra=("maxmemory $((WORKER_LIMIT_MIB * FORMER_PERCENT / 100))mb")
    start_server "fork-$rule-$round" worker "$WORKER_LIMIT_MIB" "${extra[@]}"
    cli "$PORT" config set auto-aof-rewrite-percentage 0 >/dev/null   # each fork is the one measured
    maxmemory=$(cli "$PORT" config get maxmemory | tail -1)
    fill "$PORT" $((maxmemory * 90 / 100))
    cli "$PORT" bgrewriteaof >/dev/null; await_no_fork "$PORT"
    used=$(field "$PORT" memory used_memory)
    for op in bgsave bgrewriteaof; do
      if [[ $rule == rendered ]]; then   # 3: latency without and with the fork, same load
        base=$(bench "$TLS_PORT" tls -t set -n "$REQUESTS" -r "$KEYS" | awk -F, '$1 == "SET" { print $4 "," $5 }')
        cli "$PORT" "$op" >/dev/null
        during=$(bench "$TLS_PORT" tls -t set -n "$REQUESTS" -r "$KEYS" | awk -F, '$1 == "SET" { print $4 "," $5 }')
        await_no_fork "$PORT"
        add "p99_$op" "$(ratio "${during%,*}" "${base%,*}")"
        add "max_$op" "${during#*,}"
        add "fork_ms" "$(awk -v u="$(field "$PORT" stats latest_fork_usec)" -v m="$used" 'BEGIN { printf "%.1f", u / 1000 }')"
        add "fork_ms_per_gb" "$(awk -v u="$(field "$PORT" stats latest_fork_usec)" -v m="$used" 'BEGIN { printf "%.1f", u / 1000 / (m / 1073741824) }')"
      fi
      # 4: peak memory with a write load over the whole keyspace running through the fork
      "${CLIENT_CPU[@]}" redis-benchmark -h 127.0.0.1 -p "$TLS_PORT" --tls --cacert "$work/ca.crt" --sni localhost \
        --user "$APP_USER" -a "$APP_PASS" -c 16 -P 16 -d "$VALUE_BYTES" -t set -r "$KEYS" -n 100000000 -q \
        >/dev/null 2>&1 &
      load=$!; pids+=("$load")
      sleep 1
      cli "$PORT" "$op" >/dev/null
      peak=$(sample_peak "$PID" not_forking "$PORT")
      kill "$load" 2>/dev/null || true; wait "$load" 2>/dev/null || true
      cow=$(field "$PORT" persistence "$([[ $op == bgsave ]] && echo rdb_last_cow_size || echo aof_last_cow_size)")
      status=$(field "$PORT" persistence "$([[ $op == bgsave ]] && echo rdb_last_bgsave_status || echo aof_last_bgrewrite_status)")
      add "peak_${rule}_$op" "$(ratio "$peak" "$limit_kib")"
      add "cow_${rule}_$op" "$(ratio "$((cow / 1024))" "$((used / 1024))")"
      log "round $round $rule $op: used $((used / 1048576)) MiB, peak $((peak / 1024)) MiB of $WORKER_LIMIT_MIB, COW $((cow / 1048576)) MiB, $status"
    done
    if [[ $rule == rendered ]]; then   # 5: restart from the AOF (RDB preamble after the rewrite above)
      cli "$PORT" bgrewriteaof >/dev/null; await_no_fork "$PORT"
      conf="$DIR/redis.conf"; size=$(du -sb "$DIR/appendonlydir" | awk '{ print $1 }')
      stop_server "$PORT"
      while kill -0 "$PID" 2>/dev/null; do sleep 0.05; done
      start=$(date +%s.%N)
      "${SERVER_CPU[@]}" redis-server "$conf" --daemonize yes --pidfile "$DIR/pid" --logfile "$DIR/log"
      until [[ "$(cli "$PORT" ping 2>/dev/null)" == PONG ]]; do sleep 0.02; done
      end=$(date +%s.%N)
      PID=$(cat "$DIR/pid"); pids+=("$PID")
      # per GB of dataset (used_memory before the restart); the file is smaller (RDB encoding, LZF)
      add restore_s_per_gb "$(awk -v s="$start" -v e="$end" -v b="$used" 'BEGIN { printf "%.2f", (e - s) / (b / 1073741824) }')"
      add restore_file_mb_s "$(awk -v s="$start" -v e="$end" -v b="$size" 'BEGIN { printf "%.0f", b / 1048576 / (e - s) }')"
      log "round $round restore: $((used / 1048576)) MiB of data, AOF $((size / 1048576)) MiB, $(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }') s"
    fi
    stop_server "$PORT"
  done
done

# --- 4b: the cache's only fork, a replica's full resynchronization under write load ---------------------------------
cache_limit_kib=$((CACHE_LIMIT_MIB * 1024))
for round in $(seq "$ROUNDS"); do
  start_server "cache-primary-$round" cache "$CACHE_LIMIT_MIB"
  primary=$PORT; primary_tls=$TLS_PORT; primary_pid=$PID
  maxmemory=$(cli "$primary" config get maxmemory | tail -1)
  fill "$primary" $((maxmemory * 90 / 100))
  "${CLIENT_CPU[@]}" redis-benchmark -h 127.0.0.1 -p "$primary_tls" --tls --cacert "$work/ca.crt" --sni localhost \
    --user "$APP_USER" -a "$APP_PASS" -c 16 -P 16 -d "$VALUE_BYTES" -t set -r "$KEYS" -n 100000000 -q \
    >/dev/null 2>&1 &
  load=$!; pids+=("$load")
  start_server "cache-replica-$round" cache "$CACHE_LIMIT_MIB" "replicaof 127.0.0.1 $primary" \
    "masteruser default" "masterauth $ADMIN_PASS"
  replica=$PORT
  synced() { [[ "$(field "$replica" replication master_link_status)" == up ]]; }
  peak=$(sample_peak "$primary_pid" synced)
  kill "$load" 2>/dev/null || true; wait "$load" 2>/dev/null || true
  add peak_cache_sync "$(ratio "$peak" "$cache_limit_kib")"
  log "round $round cache full sync: peak $((peak / 1024)) MiB of $CACHE_LIMIT_MIB"
  stop_server "$replica"; stop_server "$primary"
done

# --- the table ------------------------------------------------------------------------------------------------------
cat <<EOF
Run: $(date -u +%Y-%m-%d), commit $commit, redis-server $(redis-server --version | awk '{ print $3 }' | tr -d 'v='), $(( ($(date +%s) - started + 30) / 60 )) minutes,
$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM;
ROUNDS=$ROUNDS WORKER_LIMIT_MIB=$WORKER_LIMIT_MIB CACHE_LIMIT_MIB=$CACHE_LIMIT_MIB REQUESTS=$REQUESTS VALUE_BYTES=$VALUE_BYTES CLIENTS=$CLIENTS
(medians over the rounds; ratios are B/A of runs paired in the same round)

| measure | A | B | median B/A (or value) |
|---|---|---|---|
| throughput, SET+GET unpipelined | plain TCP | TLS | $(med tls_rps) |
| server CPU per request | plain TCP ($(med plain_cpu_us) us) | TLS ($(med tls_cpu_us) us) | $(med tls_cpu) |
| SET throughput (TLS) | appendfsync everysec | appendfsync always | $(med fsync_rps) |
| SET p50 (TLS) | appendfsync everysec | appendfsync always | $(med fsync_p50) |
| SET p99 (TLS), worker at 90% | no fork | during BGSAVE | $(med p99_bgsave) (max $(med max_bgsave) ms) |
| SET p99 (TLS), worker at 90% | no fork | during AOF rewrite | $(med p99_bgrewriteaof) (max $(med max_bgrewriteaof) ms) |
| fork time (latest_fork_usec) | | | $(med fork_ms) ms ($(med fork_ms_per_gb) ms per GB of used memory) |
| peak RSS + child private / limit, BGSAVE under writes | | maxmemory 50% (rendered) | $(med peak_rendered_bgsave) |
| peak RSS + child private / limit, BGSAVE under writes | | maxmemory 75% (former) | $(med peak_former_bgsave) |
| peak RSS + child private / limit, AOF rewrite under writes | | maxmemory 50% (rendered) | $(med peak_rendered_bgrewriteaof) |
| peak RSS + child private / limit, AOF rewrite under writes | | maxmemory 75% (former) | $(med peak_former_bgrewriteaof) |
| COW / used memory, BGSAVE / AOF rewrite (rendered) | | | $(med cow_rendered_bgsave) / $(med cow_rendered_bgrewriteaof) |
| cache: peak / limit during a replica's full sync under writes | | maxmemory 75% | $(med peak_cache_sync) |
| restore from AOF (RDB preamble), until PING answers | | | $(med restore_s_per_gb) s per GB of data (file read at $(med restore_file_mb_s) MB/s) |
EOF
