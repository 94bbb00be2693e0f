# shellcheck shell=bash
# A single-node Slurm cluster on this machine for deploy/slurm/test-local.sh
# (sourced by it): Debian's munge, slurmctld and slurmd, installed with
# apt-get when missing, configured in and run from a temporary directory T,
# stopped by their pids. The caller sets T, defines log and die, and calls
# cluster_stop from its EXIT trap.
#
#   install_slurm; pick_port; write_conf; start_cluster   # SLURM_CONF exported
#   …sbatch, squeue, scontrol…
#   cluster_stop RC

T=        # the cluster's directory
PIDS=()   # munged slurmctld slurmd, in start order

# cluster_stop RC: cancels the cluster's jobs and waits until they are gone,
# stops the daemons by their pids, checks that no process of the cluster is
# left, removes T (kept when RC ≠ 0 or KEEP=1) and exits with RC (1 if a
# process was left).
cluster_stop() {
    local rc=$1
    set +e
    if [ -n "$T" ] && [ -f "$T/slurm.conf" ] && [ ${#PIDS[@]} -ge 2 ]; then
        # Cancel what is still queued or running and wait until slurmd has
        # no job left, so no job step outlives the cluster.
        scancel --full --quiet "--user=$(id -un)" 2>/dev/null
        wait_for "no jobs left" 30 jobs_gone
    fi
    local i
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
        stop_pid "${PIDS[i]}"
    done
    if [ -n "$T" ] && [ "$(leftovers)" != "" ]; then
        # Job steps (slurmstepd, saddle) that outlived slurmd: they carry
        # this cluster's SLURM_CONF in their environment.
        log "FAIL: processes of this cluster left after its daemons stopped: $(leftovers)"
        for i in $(leftovers); do kill -KILL "$i" 2>/dev/null; done
        [ $rc -ne 0 ] || rc=1
    fi
    if [ -n "$T" ]; then
        if [ "${KEEP:-0}" = 1 ] || [ $rc -ne 0 ]; then
            log "files kept in $T"
        else
            rm -rf "$T"
        fi
    fi
    exit $rc
}

# leftovers: the ids of processes whose environment has this cluster's
# SLURM_CONF: the daemons, slurmstepd and the jobs. Read with bash alone:
# a command this script ran would carry SLURM_CONF too, while this shell and
# its subshells show the environment bash started with.
leftovers() {
    local f pid vars
    for f in /proc/[0-9]*/environ; do
        pid=${f#/proc/}
        pid=${pid%/environ}
        { mapfile -d "" vars <"$f"; } 2>/dev/null || continue
        case " ${vars[*]} " in
        *" SLURM_CONF=$T/slurm.conf "*) printf '%s ' "$pid" ;;
        esac
    done
}

# stop_pid PID: SIGTERM, then SIGKILL if it has not exited within 15 s.
stop_pid() {
    local pid=$1 deadline=$((SECONDS + 15))
    kill -TERM "$pid" 2>/dev/null || return 0
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
        log "pid $pid did not stop on SIGTERM: SIGKILL"
        kill -KILL "$pid" 2>/dev/null
    fi
    wait "$pid" 2>/dev/null
    return 0
}

# wait_for WHAT SECONDS COMMAND…: polls COMMAND every 0.2 s until it
# succeeds; fails naming WHAT after SECONDS.
wait_for() {
    local what=$1 secs=$2 deadline=$((SECONDS + $2))
    shift 2
    until "$@"; do
        if [ $SECONDS -ge $deadline ]; then
            log "  timed out after $secs s waiting for $what"
            return 1
        fi
        sleep 0.2
    done
}

jobs_gone() { [ -z "$(squeue -h -o %i 2>/dev/null)" ] && ! ls "$T"/spool/job* >/dev/null 2>&1; }
node_idle() { sinfo -h -o %T 2>/dev/null | grep -qx idle; }

install_slurm() {
    local missing=()
    command -v munged >/dev/null || missing+=(munge)
    command -v slurmctld >/dev/null || missing+=(slurmctld)
    command -v slurmd >/dev/null || missing+=(slurmd)
    command -v sbatch >/dev/null || missing+=(slurm-client)
    [ ${#missing[@]} -eq 0 ] && return 0
    [ "$(id -u)" -eq 0 ] || die "missing ${missing[*]}: install them (apt-get install ${missing[*]}) or run as root"
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >"$T/apt.log" 2>&1 ||
        { apt-get update -q >>"$T/apt.log" 2>&1 &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >>"$T/apt.log" 2>&1; } ||
        die "apt-get install ${missing[*]} failed (see $T/apt.log)"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# pick_port: the first port P from 16817 on with P and P+1 free, so that two
# runs on one machine do not meet.
pick_port() {
    local p
    for ((p = 16817; p < 16917; p += 2)); do
        if port_free $p && port_free $((p + 1)); then
            SLURM_PORT=$p
            return 0
        fi
    done
    die "no free port pair in 16817…16916 (set SLURM_PORT)"
}

write_conf() {
    local host user cpus=16
    host=$(hostname -s)
    user=$(id -un)
    mkdir -p "$T/state" "$T/spool" "$T/munge"
    chmod 700 "$T/munge"
    cat >"$T/slurm.conf" <<CONF
# A single-node cluster on this host for deploy/slurm/test-local.sh.
ClusterName=saddletest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$SLURM_PORT
SlurmdPort=$((SLURM_PORT + 1))
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$T/munge/munge.socket
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/slurmctld.log
SlurmdLogFile=$T/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# No cgroups (containers), no accounting.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
MailProg=/bin/true
SwitchType=switch/none
SchedulerType=sched/backfill
SchedulerParameters=sched_min_interval=100000
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
# The node declares $cpus CPUs whatever the machine has, so the 4 tasks of
# an array run at once (each asks for shard.sbatch's 4 CPUs).
SlurmdParameters=config_overrides
KillWait=5
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=16000 State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
    export SLURM_CONF=$T/slurm.conf
}

start_cluster() {
    dd if=/dev/urandom of="$T/munge/munge.key" bs=1024 count=1 status=none
    chmod 400 "$T/munge/munge.key"
    # Each daemon in its own session (setsid execs it: $! is its pid), so
    # that Ctrl-C on the terminal reaches this script, which then cancels
    # the jobs while the daemons still run, and not the daemons.
    setsid munged --foreground --force --key-file="$T/munge/munge.key" --socket="$T/munge/munge.socket" \
        --pid-file="$T/munge/munged.pid" --log-file="$T/munge/munged.log" --seed-file="$T/munge/munged.seed" \
        >"$T/munged.out" 2>&1 &
    PIDS+=($!)
    wait_for "munged's socket" 20 test -S "$T/munge/munge.socket" || die "munged did not start: $(tail -3 "$T/munged.out" "$T/munge/munged.log" 2>/dev/null)"
    setsid slurmctld -D -f "$T/slurm.conf" >"$T/slurmctld.out" 2>&1 &
    PIDS+=($!)
    setsid slurmd -D -f "$T/slurm.conf" >"$T/slurmd.out" 2>&1 &
    PIDS+=($!)
    wait_for "the node to be idle (sinfo)" 60 node_idle || {
        tail -5 "$T/slurmctld.log" "$T/slurmd.log" 2>/dev/null
        die "the cluster did not come up"
    }
}

