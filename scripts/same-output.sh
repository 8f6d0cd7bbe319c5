#!/usr/bin/env bash
# Speed work must not change what scrubs says. This records the output of
# `scrubs deid` and `scrubs check` on every dev input (../shared/eval dev
# splits, tweets-general, eval/fresh, the shipped examples) and compares.
#
#   scripts/same-output.sh record DIR    # before the change
#   scripts/same-output.sh compare DIR   # after: exit 1 on any difference
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:?record or compare}; dir=${2:?output folder}
E=${SCRUBS_EVAL:-../shared/eval}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
go build -o "$T/scrubs" ./cmd/scrubs
out=$dir
[ "$mode" = compare ] && out=$T/out
mkdir -p "$out"
run() { # name, command...
  local name=$1; shift
  "$T/scrubs" "$@" > "$out/$name" 2>&1 || [ $? -eq 1 ]
}
inputs=(eval/fresh/set1.posts.jsonl eval/fresh/set2.posts.jsonl eval/fresh/set3.posts.jsonl eval/fresh/set4.posts.jsonl eval/fresh/set5.posts.jsonl eval/fresh/set6.posts.jsonl eval/fresh/set7.posts.jsonl eval/fresh/set8.posts.jsonl eval/fresh/set9.posts.jsonl eval/fresh/set10.posts.jsonl eval/fresh/set11.posts.jsonl eval/fresh/set12.posts.jsonl eval/fresh/set13.posts.jsonl eval/fresh/set14.posts.jsonl eval/fresh/set15.posts.jsonl eval/fresh/set16.posts.jsonl eval/fresh/set17.posts.jsonl eval/fresh/set18.posts.jsonl eval/fresh/set19.posts.jsonl eval/fresh/set20.posts.jsonl eval/fresh/set21.posts.jsonl)
if [ -d "$E" ]; then
  inputs+=("$E/dev/posts.jsonl" "$E/external/tweets-general.input.jsonl")
  for s in physionet-deid asq-phi presidio-synth; do inputs+=("$E/external/$s.dev.input.jsonl"); done
fi
for f in "${inputs[@]}"; do
  b=$(basename "$f" .jsonl)
  run "$b.check" check --format jsonl "$f"
  run "$b.deid" deid --format jsonl "$f"
  run "$b.surrogate" deid --surrogate --seed s3cr3t --format jsonl "$f"
done
run example.text check --format text --role resident --account personal examples/post.txt
if [ "$mode" = compare ]; then
  if diff -rq "$dir" "$out"; then echo "outputs identical ($(ls "$out" | wc -l) files)"; else
    for f in "$out"/*; do cmp -s "$f" "$dir/$(basename "$f")" || { echo "== $(basename "$f")"; diff <(head -c 300000 "$dir/$(basename "$f")") <(head -c 300000 "$f") | head -20; }; done
    exit 1
  fi
fi
