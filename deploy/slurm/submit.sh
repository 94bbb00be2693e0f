#!/bin/bash
# Submits a sharded `saddle restarts` study to Slurm: a job array of N shards
# (restarts.sbatch) and a merge job (merge.sbatch) that runs after all of
# them succeeded.
#
#   deploy/slurm/submit.sh [N]          N shards, default 16
#
# SADDLE, SADDLE_OUT and SADDLE_ARGS are passed on to both jobs (see
# restarts.sbatch). Prints the two job IDs.

set -euo pipefail

N=${1:-16}
HERE=$(cd "$(dirname "$0")" && pwd)
export SADDLE=${SADDLE:-saddle}
export SADDLE_OUT=${SADDLE_OUT:-$PWD/saddle-restarts}
export SADDLE_SHARDS=$N
if [ -n "${SADDLE_ARGS:-}" ]; then export SADDLE_ARGS; fi

ARRAY_JOB_ID=$(sbatch --parsable --export=ALL --array=0-$((N - 1)) "$HERE/restarts.sbatch")
ARRAY_JOB_ID=${ARRAY_JOB_ID%%;*} # "jobid;cluster" on federated clusters
MERGE_JOB_ID=$(sbatch --parsable --export=ALL --dependency=afterok:"$ARRAY_JOB_ID" "$HERE/merge.sbatch")
MERGE_JOB_ID=${MERGE_JOB_ID%%;*}
echo "array job $ARRAY_JOB_ID ($N shards), merge job $MERGE_JOB_ID; result: $SADDLE_OUT/restarts.json"
