#!/bin/bash
# bash results/paper/carry.sh [min episodes, default 1000] — at a session's stop, once the runners have been stopped
# (SIGTERM: each run checkpoints first), copies every part-way run folder (a training checkpoint, no done.json) with
# at least that many episodes to carry/<plan>/<id>/ and stages it (git add -f: checkpoints are ignored elsewhere),
# and removes the carried copy of every run that has finished since. session.ts queues carried runs first and copies
# each back into its plan folder, where the plan's command resumes it. A training checkpoint is 10-15 MB.
set -e
cd "$(dirname "$0")"
min=${1:-1000}
for run in */runs/*/; do
  run=${run%/}; plan=${run%%/*}; id=${run##*/}
  if [ -f "$run/done.json" ]; then
    if [ -d "carry/$plan/$id" ]; then git rm -rq "carry/$plan/$id"; rm -rf "carry/$plan/$id"; echo "finished, no longer carried: $plan/$id"; fi
    continue
  fi
  [ -f "$run/training.avf" ] || continue
  last=$(tail -n 1 "$run/metrics.jsonl" | sed 's/^{"episode":\([0-9]*\).*/\1/')
  [ "${last:-0}" -ge "$min" ] || continue
  rm -rf "carry/$plan/$id" && mkdir -p "carry/$plan"
  cp -r "$run" "carry/$plan/$id" && rm -f "carry/$plan/$id/lock.json"
  git add -f "carry/$plan/$id"
  echo "carried: $plan/$id at episode $last"
done
