#!/usr/bin/env bash
# Runs the Slurm deploy files on a real single-node Slurm cluster brought up
# on this machine, exactly as a user submits them:
#
#   deploy/slurm/test-local.sh
#
# It installs Debian's slurmctld, slurmd and munge with apt-get when they are
# missing (as root), writes a minimal slurm.conf for this host into a
# temporary directory, starts munged, slurmctld and slurmd from there (no
# cgroups, no accounting: it runs in containers too), builds saddle, and
# checks through deploy/slurm/submit.sh, shard.sbatch and merge.sbatch:
#
#   restarts    an array of 4 shards with the merge queued --dependency=afterok;
#               the merged result is byte-identical to the single `--json` run
#   landscape   the same for `landscape --mode plane`
#   escape      the same for `escape`
#   preemption  one running restarts task gets `scancel --batch --signal=TERM`;
#               it saves what it finished, the merge never starts, and the
#               documented resubmission (submit.sh --tasks K) resumes it; the
#               merged result is still byte-identical
#   bad-flag    an array whose tasks get a bad flag (--steps -5): every task
#               fails with a usage error, the merge is left pending with
#               DependencyNeverSatisfied (then cancelled); the script names
#               each failed task and the line in its log
#   bad-array   an array of 5 tasks for --shards 4: only task 4 fails (its ID
#               is not a shard), the merge is held; the script names task 4
#
# Prints the time of each step and a summary line; exits 1 if any step
# failed. The daemons are stopped by their process ids on every exit, and
# the temporary directory is removed (kept with KEEP=1).
#
# Environment: SLURM_PORT (default: the first free pair from 16817 on;
# slurmd uses the next port),
# TIMEOUT (seconds one job may take, default 180), PREEMPT_N (restarts of
# the preemption study, default 2000), KEEP=1.

set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$PWD
SLURM_PORT=${SLURM_PORT:-}
TIMEOUT=${TIMEOUT:-180}
export GOFLAGS="${GOFLAGS:-} -buildvcs=false"

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() {
    log "FAIL: $*"
    exit 1
}

# shellcheck source=deploy/slurm/local-cluster.sh
source "$ROOT/deploy/slurm/local-cluster.sh"

SINGLE= # the single-machine run of the preemption step, while it runs
on_exit() {
    local rc=$?
    [ -z "$SINGLE" ] || stop_pid "$SINGLE"
    cluster_stop $rc
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- jobs ----------------------------------------------------------------

# job_field JOBID FIELD: a field of `scontrol show job` (the first task's for
# an array), e.g. JobState, Reason, ExitCode.
job_field() {
    scontrol -o show job "$1" 2>/dev/null | head -1 | tr ' ' '\n' | sed -n "s/^$2=//p"
}

merge_held() { [ "$(job_field "$MERGE" Reason)" = DependencyNeverSatisfied ]; }

job_ended() {
    case $(job_field "$1" JobState) in
    COMPLETED | FAILED | CANCELLED | TIMEOUT | NODE_FAIL | PREEMPTED | OUT_OF_MEMORY | BOOT_FAIL | DEADLINE) return 0 ;;
    esac
    return 1
}

# task_states ARRAYJOB: "ID STATE EXIT" per array task.
task_states() {
    scontrol -o show job "$1" 2>/dev/null |
        sed -n 's/.*ArrayTaskId=\([0-9]*\) .*JobState=\([A-Z_]*\) .*ExitCode=\([0-9:]*\).*/\1 \2 \3/p'
}

all_tasks_ended() {
    local states
    states=$(task_states "$1")
    [ -n "$states" ] && ! grep -qvE ' (COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|PREEMPTED|OUT_OF_MEMORY)' <<<"$states"
}

# submit DIR N STUDY FLAG…: submit.sh as a user runs it; sets ARRAY and
# MERGE to the job IDs.
submit() {
    local out
    out=$(SADDLE="$SADDLE" "$ROOT/deploy/slurm/submit.sh" "$@") || { log "  submit.sh $*: failed"; return 1; }
    log "  $out"
    ARRAY=$(sed -n 's/^array job \([0-9]*\) .*/\1/p' <<<"$out")
    MERGE=$(sed -n 's/.*merge job \([0-9]*\);.*/\1/p' <<<"$out")
    [ -n "$ARRAY" ] && [ -n "$MERGE" ] || { log "  cannot read the job IDs from submit.sh: $out"; return 1; }
}

# check_merge DIR STUDY: the merge job MERGE completed and DIR/STUDY.json
# equals DIR/single.json byte for byte.
check_merge() {
    local dir=$1 study=$2
    wait_for "merge job $MERGE" "$TIMEOUT" job_ended "$MERGE" || return 1
    local state
    state=$(job_field "$MERGE" JobState)
    if [ "$state" != COMPLETED ]; then
        log "  merge job $MERGE is $state: $(tail -2 "$dir/saddle-$study-merge-$MERGE.log" 2>/dev/null)"
        task_states "$ARRAY" | sed 's/^/  task /'
        return 1
    fi
    cmp "$dir/single.json" "$dir/$study.json" || return 1
    log "  $dir/$study.json is byte-identical to the single run ($(wc -c <"$dir/$study.json") bytes); merge log: $(head -1 "$dir/saddle-$study-merge-$MERGE.log")"
}

# sharded DIR N STUDY FLAG…: the single run's --json, then the study as an
# array of N with its merge, compared.
sharded() {
    local dir=$1 n=$2 study=$3
    shift 3
    mkdir -p "$dir"
    "$SADDLE" "$study" "$@" --json >"$dir/single.json" || return 1
    submit "$dir" "$n" "$study" "$@" || return 1
    check_merge "$dir" "$study"
}

RESTARTS=(--net xor --init workload-w5 --n 40 --steps 500 --lr 0.5 --success-below 0.01 --seed 1)
LANDSCAPE=(--net xor --mode plane --grid 9 --steps 300 --filter-norm --seed 3)
ESCAPE=(--saddle xor --methods gd,momentum,pgd --n 6 --steps 400 --seed 2)
# Long enough that a task is still running well after its first progress
# line: --batch 1 (one restart at a time; the result does not depend on the
# batch size) and 20,000 steps make a task of 500 restarts take about 5 s on
# one idle core (batched restarts finished a task of 1,000 restarts × 2,000
# steps in about a second, before the signal could reach it); raise
# PREEMPT_N on a faster machine.
PREEMPT=(--net xor --init workload-w5 --n "${PREEMPT_N:-2000}" --steps 20000 --batch 1 --lr 0.5 --success-below 0.01 --seed 5)

step_restarts() { sharded "$T/restarts" 4 restarts "${RESTARTS[@]}"; }
step_landscape() { sharded "$T/landscape" 4 landscape "${LANDSCAPE[@]}"; }
step_escape() { sharded "$T/escape" 4 escape "${ESCAPE[@]}"; }

progress_line() { grep -q '^restarts: [0-9]*/' "$1" 2>/dev/null; }
# progress_line_or_end LOG PART: a progress line in LOG, or PART written.
progress_line_or_end() { progress_line "$1" || [ -f "$2" ]; }

step_preemption() {
    local dir=$T/preempt k=2
    mkdir -p "$dir"
    "$SADDLE" restarts "${PREEMPT[@]}" --json >"$dir/single.json" &
    SINGLE=$!
    submit "$dir" 4 restarts "${PREEMPT[@]}" || return 1
    local tasklog=$dir/saddle-restarts-${ARRAY}_$k.log
    # saddle prints a progress line at each tenth of the shard once it has
    # run a second: then restarts have finished, and most are still to do.
    wait_for "a progress line in $tasklog" "$TIMEOUT" progress_line_or_end "$tasklog" "$dir/restarts.part-$k-of-4.json" || return 1
    if ! progress_line "$tasklog"; then
        log "  task $k ended before it could be signalled ($(task_states "$ARRAY" | awk -v k=$k '$1 == k {print $2}')): raise PREEMPT_N"
        return 1
    fi
    log "  task $k working: $(tail -1 "$tasklog"); scancel --batch --signal=TERM ${ARRAY}_$k"
    scancel --batch --signal=TERM "${ARRAY}_$k"
    wait_for "the array's tasks to end" "$TIMEOUT" all_tasks_ended "$ARRAY" || return 1
    task_states "$ARRAY" | sed 's/^/  task /'
    local saved=$dir/restarts.interrupted-$k.json
    [ -f "$saved" ] || { log "  task $k saved nothing: $(tail -2 "$tasklog")"; return 1; }
    log "  task $k: $(tail -1 "$tasklog")"
    [ ! -f "$dir/restarts.part-$k-of-4.json" ] || { log "  the interrupted task wrote a part"; return 1; }
    wait_for "merge job $MERGE to be held (DependencyNeverSatisfied)" 60 merge_held || return 1
    log "  merge job $MERGE: PENDING DependencyNeverSatisfied; scancel $MERGE"
    scancel "$MERGE"
    # The documented resubmission: the same submit.sh command with --tasks K.
    submit --tasks "$k" "$dir" 4 restarts "${PREEMPT[@]}" || return 1
    local rc=0
    wait "$SINGLE" || rc=$?
    SINGLE=
    [ $rc = 0 ] || { log "  the single run failed (exit $rc)"; return 1; }
    check_merge "$dir" restarts || return 1
    local relog=$dir/saddle-restarts-${ARRAY}_$k.log
    grep -q "^restarts: resumed from restarts.interrupted-$k.json" "$relog" ||
        { log "  the resubmitted task did not resume: $(head -2 "$relog")"; return 1; }
    log "  resubmitted task ${ARRAY}_$k: $(grep '^restarts: resumed' "$relog")"
}

# expect_failure NAME "IDS" TASKS N STUDY FLAG…: submits the array tasks
# TASKS of the study with submit.sh --tasks, waits for the array,
# checks that exactly the tasks IDS failed and that the merge job is held
# (DependencyNeverSatisfied), names each failed task with the last line of
# its log, and cancels the merge.
expect_failure() {
    local dir=$T/$1 want=$2 tasks=$3
    shift 3
    mkdir -p "$dir"
    submit --tasks "$tasks" "$dir" "$@" || return 1
    wait_for "the array's tasks to end" "$TIMEOUT" all_tasks_ended "$ARRAY" || return 1
    wait_for "merge job $MERGE to be held (DependencyNeverSatisfied)" 60 merge_held || return 1
    local failed id
    failed=$(task_states "$ARRAY" | awk '$2 != "COMPLETED" {print $1}' | sort -n | tr '\n' ' ')
    for id in $failed; do
        log "  task ${ARRAY}_$id failed ($(task_states "$ARRAY" | awk -v id="$id" '$1 == id {print $2, "exit", $3}')): $(tail -1 "$dir/saddle-restarts-${ARRAY}_$id.log")"
    done
    [ "$failed" = "$want " ] || { log "  expected tasks $want to fail, failed: ${failed:-none}"; return 1; }
    log "  merge job $MERGE not run: $(job_field "$MERGE" JobState) $(job_field "$MERGE" Reason); scancel $MERGE"
    scancel "$MERGE"
    [ ! -f "$dir/restarts.json" ] || { log "  a result was written"; return 1; }
}

# A bad flag: every task stops with a usage error.
step_bad_flag() { expect_failure bad-flag "0 1 2 3" 0-3 4 restarts "${RESTARTS[@]}" --steps -5; }
# Five tasks for four shards: task 4's ID is not below --shards 4.
step_bad_array() { expect_failure bad-array "4" 0-4 4 restarts "${RESTARTS[@]}"; }

# ---- main ------------------------------------------------------------------

declare -a SUMMARY=()
FAILED=0
now() { date +%s.%N; }
# run_step NAME FUNCTION: runs it, prints and records its time.
run_step() {
    local name=$1 t0 t1 status=ok
    t0=$(now)
    log "== $name"
    "$2" || status=FAIL
    if [ $status = FAIL ]; then # leave the next step an empty queue
        scancel --full --quiet "--user=$(id -un)" 2>/dev/null
        wait_for "the failed step's jobs to end" 30 jobs_gone
        [ -z "$SINGLE" ] || { stop_pid "$SINGLE"; SINGLE=; }
    fi
    t1=$(now)
    local secs
    secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
    log "== $name: $status in ${secs} s"
    SUMMARY+=("$name $status ${secs}s")
    [ $status = ok ] || FAILED=1
}

T=$(mktemp -d /tmp/saddle-slurm.XXXXXX)
SADDLE=$T/saddle

step_setup() {
    install_slurm
    go build -o "$SADDLE" ./cmd/saddle || die "go build failed"
    [ -n "$SLURM_PORT" ] || pick_port
    write_conf
    start_cluster
    log "  $(slurmctld -V), munged, slurmctld, slurmd running (pids ${PIDS[*]}, port $SLURM_PORT); $(sinfo -h -o '%P %D node %T, %c CPUs')"
}
run_step setup step_setup
[ $FAILED = 0 ] || die "no cluster: ${SUMMARY[*]}"
run_step restarts step_restarts
run_step landscape step_landscape
run_step escape step_escape
run_step preemption step_preemption
run_step bad-flag step_bad_flag
run_step bad-array step_bad_array

if [ $FAILED = 0 ]; then
    log "slurm test-local: ok (${SUMMARY[*]})"
else
    log "slurm test-local: FAILED (${SUMMARY[*]})"
fi
exit $FAILED
