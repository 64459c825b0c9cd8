#!/usr/bin/env bash
# Whole-process benchmark: `pixlint lint --format json` (the Native AOT binary) beside grep and wc
# on the same files, from a 2k-line configuration to a 1M-line one and a folder of 10,000 small
# ones. Prints a Markdown report (tests/perf/results.md is the committed reference run).
#
#   tests/perf/run.sh                 # publish the AOT binary, generate the corpora, measure
#   RUNS=5 tests/perf/run.sh          # fewer runs per command (default 10; 5 for the folders)
#   PIXLINT_BIN=path/to/pixlint tests/perf/run.sh   # measure that binary, do not publish
#
# Needs hyperfine and GNU time (Debian: apt-get install hyperfine time), python3 and the .NET SDK.
# Corpora are generated once into $PIXLINT_PERF_DIR (default /tmp/pixlint-perf), deterministically.
# Not part of CI: timings belong to a quiet machine, not to a test.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD

runs=${RUNS:-10}
folder_runs=${FOLDER_RUNS:-5}
dir=${PIXLINT_PERF_DIR:-/tmp/pixlint-perf}
pattern='inspect esmtp'

for tool in hyperfine python3 grep wc find; do
  command -v "$tool" >/dev/null || { echo "tests/perf/run.sh: $tool is missing (apt-get install hyperfine time)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "tests/perf/run.sh: GNU time (/usr/bin/time) is missing (apt-get install time)" >&2; exit 2; }

if [ -z "${PIXLINT_BIN:-}" ]; then
  echo "== publishing the Native AOT binary (artifacts/pixlint)" >&2
  dotnet publish src/PixLint.Cli -c Release -r linux-x64 -o artifacts/pixlint >&2
  PIXLINT_BIN=$repo/artifacts/pixlint/pixlint
fi
bin=$(realpath "$PIXLINT_BIN")

mkdir -p "$dir/results"
gen=$repo/tests/PixLint.Benchmarks/gen_asa_config.py
for n in 2000 10000 100000 1000000; do
  [ -s "$dir/asa-$n.cfg" ] || { echo "== generating asa-$n.cfg" >&2; python3 "$gen" -n "$n" --seed 1 -o "$dir/asa-$n.cfg"; }
done
if [ ! -d "$dir/fleet-10000" ] || [ "$(find "$dir/fleet-10000" -name '*.cfg' | wc -l)" -ne 10000 ]; then
  echo "== generating fleet-10000 (10,000 small configurations)" >&2
  python3 tests/perf/gen_fleet.py -n 10000 -o "$dir/fleet-10000" 2>/dev/null
fi
if [ ! -d "$dir/fleet-1000" ]; then
  # The first 1,000 of the same files: peak memory over 1,000 and 10,000 files shows whether it stays flat.
  mkdir -p "$dir/fleet-1000"
  find "$dir/fleet-10000" -name '*.cfg' | sort | sed -n '1,1000p' | xargs -I{} ln -f {} "$dir/fleet-1000/"
fi

load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# measure NAME TARGET RUNS: pixlint, grep and wc on TARGET (a file or a folder).
measure() {
  local name=$1 target=$2 n=$3 grep_cmd wc_cmd
  if [ -d "$target" ]; then
    grep_cmd="grep -rc '$pattern' $target"
    wc_cmd="find $target -type f -exec wc -l {} +"
  else
    grep_cmd="grep -c '$pattern' $target"
    wc_cmd="wc -l $target"
  fi

  # A benchmark of a failing run measures nothing: pixlint must exit 0 (clean) or 1 (findings).
  local code=0
  "$bin" lint --format json "$target" >/dev/null || code=$?
  [ "$code" -le 1 ] || { echo "tests/perf/run.sh: pixlint exited $code on $target" >&2; exit 2; }

  echo "== $name" >&2
  hyperfine --shell=none --warmup 2 --runs "$n" --ignore-failure --style basic \
    --export-json "$dir/results/$name.json" \
    -n pixlint "$bin lint --format json $target" \
    -n grep "$grep_cmd" \
    -n wc "$wc_cmd" >&2

  : > "$dir/results/$name.rss"
  for _ in 1 2 3; do
    # pixlint exits 1 when it finds something: that is not a failure here.
    { /usr/bin/time -v "$bin" lint --format json "$target" 2>&1 >/dev/null || true; } \
      | awk -F': ' '/Maximum resident set size/ {print $2}' >> "$dir/results/$name.rss"
  done
}

measure asa-2000 "$dir/asa-2000.cfg" "$runs"
measure asa-10000 "$dir/asa-10000.cfg" "$runs"
measure asa-100000 "$dir/asa-100000.cfg" "$runs"
measure asa-1000000 "$dir/asa-1000000.cfg" "$runs"
measure fleet-1000 "$dir/fleet-1000" "$folder_runs"
measure fleet-10000 "$dir/fleet-10000" "$folder_runs"

load_after=$(cut -d' ' -f1-3 /proc/loadavg)

PIXLINT_PERF_DIR=$dir BIN=$bin LOAD_BEFORE=$load_before LOAD_AFTER=$load_after RUNS=$runs FOLDER_RUNS=$folder_runs \
  python3 - <<'PY'
import datetime, json, os, platform, statistics, subprocess

d = os.environ["PIXLINT_PERF_DIR"]
bin_ = os.environ["BIN"]

def first(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.splitlines()[0].strip()
    except (OSError, IndexError):
        return "?"

def cpuinfo(key):
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    return "?"

with open("/proc/meminfo") as f:
    mem_kb = int(next(l for l in f if l.startswith("MemTotal")).split()[1])

def median(name, command):
    with open(f"{d}/results/{name}.json") as f:
        results = json.load(f)["results"]
    return next(r["median"] for r in results if r["command"] == command)

def rss_mb(name):
    with open(f"{d}/results/{name}.rss") as f:
        return statistics.median(int(x) for x in f.read().split()) / 1024

def lines_and_bytes(path):
    files = [os.path.join(path, f) for f in os.listdir(path)] if os.path.isdir(path) else [path]
    n = b = 0
    for p in files:
        with open(p, "rb") as f:
            data = f.read()
        n += data.count(b"\n")
        b += len(data)
    return n, b, len(files)

rows = [("asa-2000", "asa-2000.cfg"), ("asa-10000", "asa-10000.cfg"), ("asa-100000", "asa-100000.cfg"),
        ("asa-1000000", "asa-1000000.cfg"), ("fleet-1000", "fleet-1000"), ("fleet-10000", "fleet-10000")]
m = {}
print("# PixLint whole-process benchmark")
print()
print(f"- Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC")
print(f"- Machine: {cpuinfo('model name')}, {os.cpu_count()} cores, {mem_kb / 1048576:.0f} GiB RAM, "
      f"Linux {platform.release()}")
print(f"- Load average (1, 5, 15 min): {os.environ['LOAD_BEFORE']} before, {os.environ['LOAD_AFTER']} after "
      "(other work on the machine makes every command slower, pixlint's folder runs most: they use both cores)")
print(f"- pixlint {first([bin_, '--version'])} (Native AOT, linux-x64); {first(['hyperfine', '--version'])}; "
      f"{first(['grep', '--version'])}; {first(['wc', '--version'])}")
print(f"- Each command: median of {os.environ['RUNS']} runs ({os.environ['FOLDER_RUNS']} for folders) after 2 warm-up runs, "
      "files in the page cache; peak memory: median of 3 runs of `/usr/bin/time -v`")
print(f"- pixlint: `pixlint lint --format json TARGET` (all default rules); grep: `grep -c 'inspect esmtp'` "
      "(`-rc` for a folder); wc: `wc -l` (`find -exec wc -l {} +` for a folder)")
print()
print("| input | files | lines | MB | pixlint | grep | wc | pixlint / grep | pixlint / wc | pixlint peak RSS | pixlint lines/s |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for name, target in rows:
    lines, size, files = lines_and_bytes(os.path.join(d, target))
    p, g, w = median(name, "pixlint"), median(name, "grep"), median(name, "wc")
    r = rss_mb(name)
    m[name] = (p, r, lines)
    print(f"| {name} | {files:,} | {lines:,} | {size / 1e6:.1f} | {p * 1000:,.0f} ms | {g * 1000:,.1f} ms | "
          f"{w * 1000:,.1f} ms | {p / g:.1f}x | {p / w:.1f}x | {r:,.0f} MB | {lines / p / 1e6:.2f} M |")

p2k, _, _ = m["asa-2000"]
p1m, r1m, _ = m["asa-1000000"]
p10k, _, _ = m["asa-10000"]
p100k, _, _ = m["asa-100000"]
pf, rf, _ = m["fleet-10000"]
_, rf1, _ = m["fleet-1000"]

def verdict(value, target, stretch):
    return "stretch met" if value <= stretch else "met" if value <= target else "MISSED"

print()
print("Targets (whole process, this machine):")
print()
print(f"- 1M lines: {p1m:.2f} s (target 1.0 s, stretch 0.5 s: {verdict(p1m, 1.0, 0.5)}); "
      f"peak RSS {r1m:.0f} MB (target 400 MB, stretch 250 MB: {verdict(r1m, 400, 250)})")
print(f"- 2k lines: {p2k * 1000:.0f} ms (target 50 ms, stretch 20 ms: {verdict(p2k * 1000, 50, 20)})")
print(f"- 10,000 small configurations: {pf:.2f} s (target 10 s: {'met' if pf <= 10 else 'MISSED'}); "
      f"peak RSS {rf1:.0f} MB for 1,000 files, {rf:.0f} MB for 10,000 (flat: {'yes' if rf <= rf1 * 1.25 else 'NO'})")
print(f"- Linear cost: 10k to 100k lines (10x) took {p100k / p10k:.1f}x the time, 100k to 1M (10x) {p1m / p100k:.1f}x; "
      f"above start-up ({p2k * 1000:.0f} ms for 2k lines) "
      f"{(p100k - p2k) / (100_000 - 2_000) * 1e9:.0f} ns a line at 100k and {(p1m - p2k) / (1_000_000 - 2_000) * 1e9:.0f} ns at 1M")
PY
