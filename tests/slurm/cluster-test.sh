#!/usr/bin/env bash
# A sweep on a real one-node SLURM cluster on localhost: installs Debian's slurmctld, slurmd, slurm-client and munge
# if missing, starts the cluster with its configuration and state in a temporary folder, submits a sweep with
# `dln slurm --submit` (an 8-task array plus the merge job), cancels one array task midway (the merge job is then
# dropped: its dependency can never be met), shows what `dln merge` reports missing, resubmits (each task computes
# only what its store lacks), waits for both jobs, and checks the merged store's export against a single-process
# sweep of the same spec: runs.csv, runs.npz, gain.npy, beta.npy and thresholds.csv identical apart from wall times.
# Every daemon it starts is stopped by its process id, and it fails if any process it started is left.
#
# Usage: DLN='dotnet path/to/dln.dll' tests/slurm/cluster-test.sh
# Exit codes: 0 passed, 1 failed, 77 SLURM cannot be installed here (not root, or no apt-get, or apt-get failed).
set -uo pipefail

DLN=${DLN:?set DLN to the command that runs dln, e.g. DLN="dotnet src/DlnLab.Cli/bin/Release/net10.0/dln.dll"}
BUDGET=${DLN_SLURM_BUDGET_S:-170}   # the whole test, install included
SHARDS=8
CANCELLED=3                          # the array task cancelled midway
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

log() { printf '[%s +%3ds] %s\n' "$(date +%T)" "$SECONDS" "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
late() { [ "$SECONDS" -lt "$BUDGET" ] || fail "over the time budget of ${BUDGET}s while $1"; }

# --- install --------------------------------------------------------------------------------------------------------
packages=(slurmctld slurmd slurm-client munge)
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "SKIP: SLURM is not installed and cannot be installed here (needs root and apt-get for: ${packages[*]})"
    exit 77
  fi
  log "installing ${packages[*]}"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"; } >/dev/null 2>&1; then
    echo "SKIP: apt-get could not install ${packages[*]} (no network or no package source?)"
    exit 77
  fi
fi
[ "$(id -u)" -eq 0 ] || { echo "SKIP: a local SLURM cluster needs root (slurmd runs jobs as their users)"; exit 77; }

# --- state folder, marker, cleanup ----------------------------------------------------------------------------------
S=$(mktemp -d /tmp/dln-slurm.XXXXXX)
chmod 755 "$S"
echo "state folder: $S"
# Every process this test starts carries the marker in its environment, so that any left behind can be found.
export DLN_SLURM_TEST_MARKER=${DLN_SLURM_TEST_MARKER:-$S}
export SLURM_CONF=$S/slurm.conf
daemons=()   # "name pid" of each daemon started here
lock_pid=""

alive() { [ -r "/proc/$1/stat" ] && ! awk '{exit !($3 == "Z")}' "/proc/$1/stat" 2>/dev/null; }

# Live processes that carry the marker in their environment or hold a file under the state folder open (slurmstepd
# clears its environment but keeps the node's log open), other than this script and its ancestors.
marked() {
  "$PY" - "DLN_SLURM_TEST_MARKER=$DLN_SLURM_TEST_MARKER" "$S/" <<'PYCODE'
import os, sys
marker, state = sys.argv[1].encode(), sys.argv[2]
def parent(pid):
    try:
        return int(open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0
def holds_state(pid):
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}").startswith(state):
                    return True
            except OSError:
                pass
    except OSError:
        pass
    return False
mine, p = set(), os.getpid()
while p > 1:
    mine.add(p)
    p = parent(p)
for name in os.listdir("/proc"):
    if not name.isdigit() or int(name) in mine:
        continue
    try:
        if open(f"/proc/{name}/stat").read().rsplit(")", 1)[1].split()[0] == "Z":
            continue
        if marker in open(f"/proc/{name}/environ", "rb").read().split(b"\0") or holds_state(name):
            print(name)
    except (OSError, IndexError):
        pass
PYCODE
}

stop_pid() { # name pid: TERM, then KILL after about 10 s
  local name=$1 pid=$2 i
  alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null
  for i in $(seq 100); do alive "$pid" || break; sleep 0.1; done
  if alive "$pid"; then log "$name ($pid) ignored TERM; KILL"; kill -KILL "$pid" 2>/dev/null; sleep 0.2; fi
  wait "$pid" 2>/dev/null
}

cleanup() {
  local status=$? i entry
  trap - EXIT
  trap '' INT TERM  # a signal now (timeout's TERM, say) must not cut the cleanup short
  [ -n "$lock_pid" ] && stop_pid "store lock" "$lock_pid"
  if [ ${#daemons[@]} -gt 0 ] && command -v scancel >/dev/null; then
    timeout 10 scancel --user="$(id -un)" >/dev/null 2>&1
    for i in $(seq 50); do [ -z "$(timeout 5 squeue -h 2>/dev/null)" ] && break; sleep 0.2; done
  fi
  for (( i=${#daemons[@]}-1; i>=0; i-- )); do entry=${daemons[$i]}; stop_pid "${entry% *}" "${entry#* }"; done
  local left
  left=$(marked)
  if [ -n "$left" ]; then
    log "processes left behind, stopping them: $(for p in $left; do printf '%s(%s) ' "$p" "$({ tr '\0' ' ' <"/proc/$p/cmdline"; } 2>/dev/null | cut -c1-60)"; done)"
    for p in $left; do stop_pid "left" "$p"; done
    [ "$status" -eq 0 ] && status=1 && echo "FAIL: processes were left running" >&2
  fi
  if [ "$status" -ne 0 ] && [ -d "$S" ]; then
    for f in "$S"/slurmctld.log "$S"/slurmd.log "$S"/job/logs/*; do
      [ -f "$f" ] && { echo "--- tail of $f"; tail -n 15 "$f"; }
    done
  fi
  rm -rf "$S"
  log "done (exit $status)"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# --- munge ----------------------------------------------------------------------------------------------------------
if timeout 5 bash -c 'munge -n </dev/null | unmunge >/dev/null' 2>/dev/null; then
  log "using the munged already running"
else
  [ -s /etc/munge/munge.key ] || { mkdir -p /etc/munge; dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none; }
  chown munge:munge /etc/munge/munge.key && chmod 600 /etc/munge/munge.key
  mkdir -p /run/munge && chown munge:munge /run/munge && chmod 755 /run/munge
  chown munge:munge "$S"  # munged writes its pid, log and seed here
  # --force: start even over a socket left by a munged that was killed (no other one answers, checked above).
  runuser -u munge -- env DLN_SLURM_TEST_MARKER="$DLN_SLURM_TEST_MARKER" /usr/sbin/munged --force \
    --pid-file="$S/munged.pid" --log-file="$S/munged.log" --seed-file="$S/munged.seed" || fail "munged did not start (see $S/munged.log)"
  for i in $(seq 100); do [ -s "$S/munged.pid" ] && break; sleep 0.1; done
  [ -s "$S/munged.pid" ] || fail "munged wrote no pid file"
  daemons+=("munged $(cat "$S/munged.pid")")
  chown root:root "$S"
  for i in $(seq 100); do timeout 5 bash -c 'munge -n </dev/null | unmunge >/dev/null' 2>/dev/null && break; sleep 0.1; done
  timeout 5 bash -c 'munge -n </dev/null | unmunge >/dev/null' 2>/dev/null || fail "munge does not answer"
fi

# --- slurm.conf, daemons --------------------------------------------------------------------------------------------
read -r CTLD_PORT SLURMD_PORT < <("$PY" -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])')
mkdir -p "$S/state" "$S/spool"
cat >"$SLURM_CONF" <<CONF
ClusterName=dlntest
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
SchedulerParameters=sched_min_interval=0,batch_sched_delay=0
ReturnToService=2
SlurmdParameters=config_overrides
KillWait=5
StateSaveLocation=$S/state
SlurmdSpoolDir=$S/spool
SlurmctldPidFile=$S/slurmctld.pid
SlurmdPidFile=$S/slurmd.pid
SlurmctldLogFile=$S/slurmctld.log
SlurmdLogFile=$S/slurmd.log
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$S/jobcomp.txt
NodeName=localhost CPUs=$SHARDS RealMemory=8000 State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
# Each daemon in a session of its own (setsid execs it: the pid is the daemon's), so that a signal to this script's
# process group (timeout's TERM) does not stop them before the cleanup has cancelled the jobs.
setsid /usr/sbin/slurmctld -D -f "$SLURM_CONF" >"$S/slurmctld.out" 2>&1 &
daemons+=("slurmctld $!")
setsid /usr/sbin/slurmd -D -N localhost -f "$SLURM_CONF" >"$S/slurmd.out" 2>&1 &
daemons+=("slurmd $!")
for i in $(seq 300); do
  state=$(timeout 5 sinfo -h -N -o %T 2>/dev/null)
  [ "$state" = idle ] && break
  for entry in "${daemons[@]}"; do alive "${entry#* }" || fail "${entry% *} exited while starting (see its log below)"; done
  sleep 0.1
done
[ "$state" = idle ] || fail "the node is not idle after 30 s (sinfo says '${state:-nothing}')"
for entry in "${daemons[@]}"; do
  [ "$(cat "/proc/${entry#* }/comm" 2>/dev/null)" = "${entry% *}" ] || fail "process ${entry#* } is not ${entry% *}"
done
log "cluster up on ports $CTLD_PORT, $SLURMD_PORT"

# --- the sweep ------------------------------------------------------------------------------------------------------
cat >"$S/spec.toml" <<'SPEC'
name = "cluster-test"
[seeds]
seed = 11
datasets = 8
[problem]
n = 20
d = 30
s = 3
n_test = 200
[training]
alpha = [0.1, 0.05]
batch_size = [1, "n"]
max_steps = 100000
tolerance = 1e-5
[stepsize]
relative = [0.25, 0.5, 1.0]
SPEC
JOB=$S/job
slurm_args=("$S/spec.toml" --shards "$SHARDS" --out "$JOB" --partition debug --time 10:00 --cpus-per-task 1 --mem 200M --submit)

submit() { # prints "ARRAY MERGE"
  local out
  out=$($DLN slurm "${slurm_args[@]}") || fail "dln slurm --submit failed: $out"
  echo "$out" >&2
  sed -n 's/^submitted array job \([0-9]*\) .* merge job \([0-9]*\) .*/\1 \2/p' <<<"$out"
}

# Counts of a store: "RUNS THRESHOLDS" (0 0 while it does not exist yet).
counts() {
  "$PY" - "$1" <<'PYCODE'
import sqlite3, sys, os
if not os.path.exists(sys.argv[1]): print(0, 0); sys.exit()
try:
    c = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, timeout=5)
    print(c.execute("SELECT COUNT(*) FROM runs").fetchone()[0], c.execute("SELECT COUNT(*) FROM thresholds").fetchone()[0])
except sqlite3.Error:
    print(0, 0)
PYCODE
}

job_state() { timeout 5 scontrol show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | head -1 | cut -d= -f2; }

wait_gone() { # JOBID SECONDS: until squeue no longer lists the job (or any of its array tasks)
  local i
  for i in $(seq $(( $2 * 5 ))); do
    [ -z "$(timeout 5 squeue -h -j "$1" 2>/dev/null)" ] && return 0
    late "waiting for job $1"
    sleep 0.2
  done
  fail "job $1 still queued or running after $2 s: $(timeout 5 squeue -h -j "$1" 2>&1 | head -5)"
}

plan_runs=$("$PY" - <<'PYCODE'
# datasets x alphas x batch sizes x fractions of the spec above
print(8 * 2 * 2 * 3)
PYCODE
)
read -r ARRAY MERGE < <(submit)
[ -n "${ARRAY:-}" ] && [ -n "${MERGE:-}" ] || fail "could not read the job ids that dln slurm --submit printed"
log "submitted array $ARRAY and merge $MERGE"

# Cancel task $CANCELLED midway: once its store holds a threshold, hold its write lock (so it cannot finish while
# being cancelled), check it is unfinished, cancel it, and let go of the lock once SLURM has ended it.
store3=$JOB/shards/shard-$CANCELLED.db
for i in $(seq 1500); do
  read -r r t < <(counts "$store3")
  [ "$t" -ge 1 ] && break
  late "waiting for task $CANCELLED to store a threshold"
  sleep 0.05
done
[ "$t" -ge 1 ] || fail "task $CANCELLED stored no threshold"
lock_ready=$S/locked
"$PY" - "$store3" "$lock_ready" <<'PYCODE' &
import sqlite3, sys, time, os
c = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(120)
PYCODE
lock_pid=$!
for i in $(seq 300); do [ -e "$lock_ready" ] && break; alive "$lock_pid" || fail "could not lock $store3"; sleep 0.1; done
[ -e "$lock_ready" ] || fail "no write lock on $store3 after 30 s"
read -r r_cancel t_cancel < <(counts "$store3")
shard_runs=$(( plan_runs / SHARDS ))  # equal items, so equal shards (checked below through the merge report)
shard_thresholds=$(( shard_runs / 3 ))  # three fractions of each threshold
[ "$r_cancel" -lt "$shard_runs" ] || fail "task $CANCELLED finished before it could be cancelled ($r_cancel runs); make the spec larger"
timeout 10 scancel "${ARRAY}_$CANCELLED" || fail "scancel ${ARRAY}_$CANCELLED failed"
wait_gone "${ARRAY}_$CANCELLED" 30
stop_pid "store lock" "$lock_pid"; lock_pid=""
read -r r_cancel t_cancel < <(counts "$store3")
log "cancelled task $CANCELLED with $r_cancel runs and $t_cancel thresholds stored"

wait_gone "$ARRAY" 120
wait_gone "$MERGE" 30
for i in $(seq 0 $((SHARDS - 1))); do
  want=COMPLETED; [ "$i" -eq "$CANCELLED" ] && want=CANCELLED
  got=$(job_state "${ARRAY}_$i"); [ "$got" = "$want" ] || fail "array task $i ended $got, not $want"
done
got=$(job_state "$MERGE")
[ "$got" != COMPLETED ] && [ ! -e "$JOB/merged.db" ] || fail "the merge job ran although task $CANCELLED was cancelled (state $got)"
log "first round: 7 tasks completed, task $CANCELLED cancelled, merge job dropped ($got)"

partial=$($DLN merge "$JOB"/shards/shard-*.db --into "$S/partial.db") || fail "dln merge of the partial shards failed: $partial"
echo "$partial"
grep -q "^incomplete: $(( shard_runs - r_cancel )) of $plan_runs runs" <<<"$partial" || fail "the partial merge does not report the $(( shard_runs - r_cancel )) missing runs"
grep -q "^  shard $CANCELLED/$SHARDS: .*(its store is incomplete" <<<"$partial" || fail "the partial merge does not name shard $CANCELLED as incomplete"

# --- resubmission ---------------------------------------------------------------------------------------------------
read -r ARRAY2 MERGE2 < <(submit)
[ -n "${ARRAY2:-}" ] && [ -n "${MERGE2:-}" ] || fail "could not read the job ids of the resubmission"
log "resubmitted: array $ARRAY2 and merge $MERGE2"
wait_gone "$ARRAY2" 90
wait_gone "$MERGE2" 60
for i in $(seq 0 $((SHARDS - 1))); do
  got=$(job_state "${ARRAY2}_$i"); [ "$got" = COMPLETED ] || fail "resubmitted task $i ended $got"
  out=$JOB/logs/sweep-${ARRAY2}_$i.out
  if [ "$i" -eq "$CANCELLED" ]; then
    grep -q "shard $i/$SHARDS: $shard_runs runs, $(( shard_runs - r_cancel )) computed now, $r_cancel already stored" "$out" \
      || fail "resubmitted task $i did not compute exactly its $(( shard_runs - r_cancel )) missing runs: $(head -1 "$out")"
    grep -q "bisected now: $(( shard_thresholds - t_cancel )) of $shard_thresholds " "$out" \
      || fail "resubmitted task $i did not bisect exactly its $(( shard_thresholds - t_cancel )) missing configurations: $(grep 'bisected now' "$out")"
  else
    grep -q "shard $i/$SHARDS: all $shard_runs runs already stored; nothing computed" "$out" || fail "resubmitted task $i computed again: $(head -1 "$out")"
    grep -q "bisected now: 0 of $shard_thresholds " "$out" || fail "resubmitted task $i bisected again: $(grep 'bisected now' "$out")"
  fi
done
got=$(job_state "$MERGE2"); [ "$got" = COMPLETED ] || fail "the merge job ended $got: $(cat "$JOB"/logs/merge-"$MERGE2".out 2>/dev/null)"
grep -q "^complete: all $plan_runs runs" "$JOB/logs/merge-$MERGE2.out" || fail "the merge job did not report a complete store: $(cat "$JOB/logs/merge-$MERGE2.out")"
log "second round: task $CANCELLED computed its $(( shard_runs - r_cancel )) missing runs and $(( shard_thresholds - t_cancel )) missing bisections, the others none; merge completed"

# --- against a single process ---------------------------------------------------------------------------------------
late "starting the single-process sweep"
$DLN sweep "$S/spec.toml" --store "$S/single.db" --quiet >/dev/null || fail "the single-process sweep failed"
$DLN export --store "$S/single.db" --out "$S/export-single" >/dev/null || fail "export of the single-process store failed"
$DLN export --store "$JOB/merged.db" --out "$S/export-merged" >/dev/null || fail "export of the merged store failed"
"$PY" - "$S/export-single" "$S/export-merged" <<'PYCODE' || fail "the merged store's export differs from the single-process sweep's"
import sys, zipfile, os
a, b = sys.argv[1], sys.argv[2]
def csv_without_wall(path):
    rows = [line.split(",") for line in open(path).read().split("\n")]
    wall = rows[0].index("wall_seconds")
    return [r[:wall] + r[wall + 1:] for r in rows]
ok = True
if csv_without_wall(f"{a}/runs.csv") != csv_without_wall(f"{b}/runs.csv"): print("runs.csv differs"); ok = False
for f in ["gain.npy", "beta.npy", "thresholds.csv"]:
    if open(f"{a}/{f}", "rb").read() != open(f"{b}/{f}", "rb").read(): print(f, "differs"); ok = False
za, zb = zipfile.ZipFile(f"{a}/runs.npz"), zipfile.ZipFile(f"{b}/runs.npz")
if za.namelist() != zb.namelist(): print("runs.npz holds other arrays"); ok = False
for n in za.namelist():
    if n != "wall_seconds.npy" and za.read(n) != zb.read(n): print("runs.npz:", n, "differs"); ok = False
rows = len(open(f"{a}/runs.csv").read().strip().split("\n")) - 1
print(f"exports identical apart from wall times: {rows} runs, {len(za.namelist())} arrays in runs.npz")
sys.exit(0 if ok else 1)
PYCODE
log "PASS"
