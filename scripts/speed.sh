#!/usr/bin/env bash
# Throughput (MB/s of text per core), single-post latency including start-up,
# and peak memory. Uses ../shared/eval inputs when present, else the
# shipped example. Figures go in the README.
set -euo pipefail
cd "$(dirname "$0")/.."
E=${SCRUBS_EVAL:-../shared/eval}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
go build -trimpath -o "$T/scrubs" ./cmd/scrubs
python3 - "$T" "$E" <<'PY'
import json, os, subprocess, sys, time, resource
T, E = sys.argv[1], sys.argv[2]
exe = os.path.join(T, "scrubs")
def load(path):
    return [json.loads(l) for l in open(path, encoding="utf-8")] if os.path.exists(path) else []
deid_in = load(f"{E}/external/physionet-deid.dev.input.jsonl") + load(f"{E}/external/asq-phi.dev.input.jsonl") + load(f"{E}/external/presidio-synth.dev.input.jsonl")
posts_in = load(f"{E}/dev/posts.jsonl")
tweets_in = load(f"{E}/external/tweets-general.input.jsonl")
if not deid_in:
    deid_in = [{"id": "x", "text": open("examples/post.txt").read()}]
if not posts_in:
    posts_in = deid_in
CATEGORIES = ["patient-privacy", "patient-boundary", "credentials", "conflict-of-interest",
    "misleading-claims", "discrimination", "disparagement", "profanity", "sexual-content",
    "intoxication", "political-endorsement", "missing-disclaimer", "copyright", "self-privacy",
    "unprofessional-conduct"]
def context_bytes(r):
    """Bytes of the other text check reads: bio, replied-to post, alt texts."""
    n = len(((r.get("author") or {}).get("bio") or "").encode())
    n += len(((r.get("reply_to") or {}).get("text") or "").encode())
    n += sum(len((m.get("alt") or "").encode()) for m in r.get("media") or [])
    return n
def blowup(rows, target=20_000_000):
    size = sum(len(r["text"].encode()) for r in rows)
    k = max(1, target // max(size, 1))
    out = []
    for i in range(k):
        for r in rows:
            out.append(dict(r, id=f'{r.get("id","")}-{i}'))
    return out, size * k, sum(context_bytes(r) for r in rows) * k
def run(cmd, rows, name):
    rows, size, ctx = blowup(rows)
    path = os.path.join(T, name + ".jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for r in rows: f.write(json.dumps(r) + "\n")
    env = dict(os.environ, GOMAXPROCS="1")
    best = bestcpu = None
    for _ in range(3):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        p = subprocess.run([exe] + cmd + ["--format", "jsonl", path], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        dt = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        if p.returncode not in (0, 1):
            sys.exit(p.stderr.decode())
        best = dt if best is None else min(best, dt)
        bestcpu = cpu if bestcpu is None else min(bestcpu, cpu)
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    # GOMAXPROCS=1: one core. MB per CPU-second is the per-core rate even on
    # a busy machine; wall-clock MB/s is shown too.
    print(f"{name:6} {size/1e6:6.1f} MB of text, 1 core: {size/1e6/bestcpu:6.1f} MB per CPU-second ({size/1e6/best:.1f} MB/s wall, best of 3); peak RSS so far {rss:.0f} MB")
    if ctx:
        print(f"{'':6} with the {ctx/1e6:.1f} MB of bios, replied-to posts and alt texts also read: {(size+ctx)/1e6/bestcpu:6.1f} MB per CPU-second")
run(["deid"], deid_in, "deid")
run(["check"], posts_in, "check")
# the floor under check: the same posts with every category switched off,
# so that only reading the JSON, building the fields (tokenising, phrase
# lookup) and writing the verdicts is left
floor = os.path.join(T, "floor.yaml")
with open(floor, "w") as f:
    f.write("rules:\n" + "".join(f"  {c}: off\n" for c in CATEGORIES))
run(["check", "--config", floor], posts_in, "floor")
if tweets_in:
    # real tweets (no context fields): what an audit of a history reads
    run(["check"], tweets_in, "tweets")
lat = []
post = "Mrs. K in 22 has hit the call light 31 times since 7pm. #nightfloat"
for _ in range(20):
    t0 = time.perf_counter()
    subprocess.run([exe, "check", "--format", "json", post], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    lat.append(time.perf_counter() - t0)
lat.sort()
print(f"single short post, wall time incl. start-up: median {lat[10]*1000:.0f} ms, max {lat[-1]*1000:.0f} ms (20 runs)")
print(f"peak RSS of any run: {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024:.0f} MB")
PY
