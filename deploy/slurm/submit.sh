#!/bin/bash
# Submits a sharded saddle study to Slurm: a job array of N shards
# (shard.sbatch) and the merge job (merge.sbatch), queued with
# --dependency=afterok so that it runs only when every task succeeded.
#
#   deploy/slurm/submit.sh [--tasks LIST] DIR N STUDY [FLAG…]
#
#   DIR    the shared directory for the parts, the logs and DIR/STUDY.json
#   N      the number of shards
#   STUDY  restarts, sweep, landscape or escape; FLAG… its saddle flags
#   --tasks LIST  submit only these array tasks (a Slurm array spec such as
#          5 or 3,5), default 0-(N−1): the way to resubmit a failed or
#          preempted task, with the same DIR, N, STUDY and flags
#
# Environment: SADDLE, the saddle binary (default: saddle on PATH), passed on
# to the jobs; sbatch's own SBATCH_* variables (SBATCH_PARTITION,
# SBATCH_ACCOUNT, SBATCH_TIMELIMIT, …) apply to both jobs.
# Prints one line: "array job A (tasks LIST of N shards), merge job M; result: DIR/STUDY.json".

set -euo pipefail

tasks=
if [ "${1:-}" = --tasks ]; then
    tasks=${2:?--tasks needs a list of array task IDs}
    shift 2
fi
if [ $# -lt 3 ]; then
    echo "usage: $0 [--tasks LIST] DIR N STUDY [FLAG…]" >&2
    exit 2
fi
dir=$1 n=$2 study=$3
shift 3
case $n in
'' | *[!0-9]* | 0) echo "$0: N must be a whole number ≥ 1, got '$n'" >&2; exit 2 ;;
esac
tasks=${tasks:-0-$((n - 1))}

HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
export SADDLE=${SADDLE:-saddle}

array=$(sbatch --parsable --export=ALL --array="$tasks" --chdir="$dir" --job-name="saddle-$study" \
    "$HERE/shard.sbatch" "$study" --shards "$n" "$@")
array=${array%%;*} # "jobid;cluster" on federated clusters
merge=$(sbatch --parsable --export=ALL --dependency=afterok:"$array" --chdir="$dir" --job-name="saddle-$study-merge" \
    "$HERE/merge.sbatch" "$study" "$n")
merge=${merge%%;*}
echo "array job $array (tasks $tasks of $n shards), merge job $merge; result: $dir/$study.json"
