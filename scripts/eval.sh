#!/usr/bin/env bash
# Measures accuracy against ../shared/eval (dev splits by default; pass
# "test" to measure the held-out splits once, without tuning on them).
set -euo pipefail
cd "$(dirname "$0")/.."
E=${SCRUBS_EVAL:-../shared/eval}
split=${1:-dev}
[ -x "$E/score" ] || { echo "no evaluation data at $E (set SCRUBS_EVAL)"; exit 2; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
go build -o "$T/scrubs" ./cmd/scrubs
if [ "$split" = dev ]; then
  echo "== dev/ (score posts)"
  "$T/scrubs" check --format jsonl "$E/dev/posts.jsonl" > "$T/dev.out.jsonl" || true
  "$E/score" posts "$E/dev/gold.jsonl" "$T/dev.out.jsonl"
fi
for set in physionet-deid asq-phi presidio-synth; do
  echo "== external/$set.$split (score deid)"
  "$T/scrubs" deid --format jsonl "$E/external/$set.$split.input.jsonl" > "$T/$set.out.jsonl" || true
  "$E/score" deid "$E/external/$set.$split.gold.jsonl" "$T/$set.out.jsonl"
done
echo "== external/asq-phi.$split (score posts, patient-privacy)"
"$T/scrubs" check --format jsonl "$E/external/asq-phi.$split.input.jsonl" > "$T/asq.posts.jsonl" || true
"$E/score" posts "$E/external/asq-phi.$split.gold.jsonl" "$T/asq.posts.jsonl" | tail -4
echo "== external/tweets-general (score posts: clean flag rate)"
"$T/scrubs" check --format jsonl "$E/external/tweets-general.input.jsonl" > "$T/tweets.out.jsonl" || true
"$E/score" posts "$E/external/tweets-general.gold.jsonl" "$T/tweets.out.jsonl" | tail -3
echo "== eval/fresh (the project's own posts; set3, set5, set9, set13 and set19 are held out: never tune on them)"
for n in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21; do
  "$T/scrubs" check --format jsonl eval/fresh/set$n.posts.jsonl > "$T/fresh$n.jsonl" || true
  echo "-- set$n"
  "$E/score" posts eval/fresh/set$n.gold.jsonl "$T/fresh$n.jsonl" --input eval/fresh/set$n.posts.jsonl | tail -4
done
