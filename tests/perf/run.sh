#!/usr/bin/env bash
# Whole-process benchmark: `pixlint lint --format json` (the Native AOT binary) beside `grep -c`
# (`grep -rc` for a folder) and `wc -l` on the same files, from a 2k-line configuration to a 1M-line
# one and a folder of 10,000 small ones. The three commands run alternately (pixlint, grep, wc,
# pixlint, ...), so a change in the machine's load touches all three alike; each run's wall time,
# CPU time (user + system) and peak RSS come from wait4(2). Prints a Markdown report with the
# ratios and the peak RSS against the goals of issue 17 (tests/perf/results.md is the committed run).
#
#   tests/perf/run.sh                 # publish the AOT binary, generate the corpora, measure
#   RUNS=5 tests/perf/run.sh          # fewer rounds (default 10; FOLDER_RUNS, default 5, for the folders)
#   PIXLINT_BIN=path/to/pixlint tests/perf/run.sh   # measure that binary, do not publish
#   ONLY="asa-1000000 fleet-10000" tests/perf/run.sh # only these inputs
#
# Needs python3, grep, wc and the .NET SDK.
# Corpora are generated once into $PIXLINT_PERF_DIR (default /tmp/pixlint-perf), deterministically.
# Not part of CI: timings belong to a quiet machine, not to a test.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD

runs=${RUNS:-10}
folder_runs=${FOLDER_RUNS:-5}
dir=${PIXLINT_PERF_DIR:-/tmp/pixlint-perf}
pattern='inspect esmtp'

for tool in python3 grep wc find; do
  command -v "$tool" >/dev/null || { echo "tests/perf/run.sh: $tool is missing" >&2; exit 2; }
done

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

# A benchmark of a failing run measures nothing: pixlint must exit 0 (clean) or 1 (findings).
for target in "$dir/asa-2000.cfg" "$dir/fleet-1000"; do
  code=0
  "$bin" lint --format json "$target" >/dev/null || code=$?
  [ "$code" -le 1 ] || { echo "tests/perf/run.sh: pixlint exited $code on $target" >&2; exit 2; }
done

PIXLINT_PERF_DIR=$dir BIN=$bin RUNS=$runs FOLDER_RUNS=$folder_runs PATTERN=$pattern ONLY=${ONLY:-} \
  python3 - <<'PY'
import datetime, os, platform, statistics, subprocess, sys, time

d = os.environ["PIXLINT_PERF_DIR"]
bin_ = os.environ["BIN"]
pattern = os.environ["PATTERN"]
runs, folder_runs = int(os.environ["RUNS"]), int(os.environ["FOLDER_RUNS"])
only = os.environ["ONLY"].split()

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

def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])

def run(argv):
    """One run: wall seconds, CPU seconds (user + system) and peak RSS in bytes, from wait4."""
    with open(os.devnull, "wb") as null:
        start = time.perf_counter()
        p = subprocess.Popen(argv, stdout=null, stderr=null)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode > 1:
        sys.exit(f"tests/perf/run.sh: {argv[0]} exited {p.returncode} on {argv[-1]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024

def files_of(path):
    return sorted(os.path.join(path, f) for f in os.listdir(path)) if os.path.isdir(path) else [path]

def lines_and_bytes(path):
    n = b = 0
    for p in files_of(path):
        with open(p, "rb") as f:
            data = f.read()
        n += data.count(b"\n")
        b += len(data)
    return n, b

def commands(target):
    folder = os.path.isdir(target)
    return {
        "pixlint": [bin_, "lint", "--format", "json", target],
        "grep": ["grep", "-rc" if folder else "-c", pattern, target],
        "wc": ["wc", "-l", *files_of(target)] if folder else ["wc", "-l", target],
    }

rows = [("asa-2000", "asa-2000.cfg"), ("asa-10000", "asa-10000.cfg"), ("asa-100000", "asa-100000.cfg"),
        ("asa-1000000", "asa-1000000.cfg"), ("fleet-1000", "fleet-1000"), ("fleet-10000", "fleet-10000")]
rows = [r for r in rows if not only or r[0] in only]
load_before = loadavg()
m = {}
for name, target in rows:
    path = os.path.join(d, target)
    cmds = commands(path)
    n = folder_runs if os.path.isdir(path) else runs
    print(f"== {name}: {n} rounds of pixlint, grep, wc", file=sys.stderr)
    for argv in cmds.values():
        run(argv)  # warm-up: the files in the page cache, the binary loaded
    got = {tool: [] for tool in cmds}
    for _ in range(n):
        for tool, argv in cmds.items():
            got[tool].append(run(argv))
    med = {tool: tuple(statistics.median(r[i] for r in rs) for i in range(3)) for tool, rs in got.items()}
    m[name] = (med, *lines_and_bytes(path), len(files_of(path)))
load_after = loadavg()

with open("/proc/meminfo") as f:
    mem_kb = int(next(l for l in f if l.startswith("MemTotal")).split()[1])

print("# PixLint whole-process benchmark")
print()
print(f"- Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC")
print(f"- Machine: {cpuinfo('model name')}, {os.cpu_count()} cores, {mem_kb / 1048576:.0f} GiB RAM, Linux {platform.release()}")
print(f"- Load average (1, 5, 15 min): {load_before} before, {load_after} after (a load above the core count slows "
      "every command, pixlint's most: it uses both cores; the CPU-time ratio is the steadier one then)")
print(f"- pixlint {first([bin_, '--version'])} (Native AOT, linux-x64); {first(['grep', '--version'])}; {first(['wc', '--version'])}")
print(f"- Each command: median of {runs} rounds ({folder_runs} for folders) after a warm-up round, the three commands "
      "alternating within each round, files in the page cache; wall time, CPU time (user + system) and peak RSS from wait4(2)")
print(f"- pixlint: `pixlint lint --format json TARGET` (all default rules); grep: `grep -c '{pattern}'` "
      "(`-rc` for a folder); wc: `wc -l` (every file of a folder in one command)")
print()
print("| input | files | lines | MB | pixlint | grep | wc | pixlint / grep | pixlint / wc | CPU pixlint / grep | pixlint peak RSS | RSS / input |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for name, _ in rows:
    med, lines, size, files = m[name]
    (p, pc, pr), (g, gc, _), (w, _, _) = med["pixlint"], med["grep"], med["wc"]
    print(f"| {name} | {files:,} | {lines:,} | {size / 1e6:.1f} | {p * 1000:,.0f} ms | {g * 1000:,.1f} ms | {w * 1000:,.1f} ms | "
          f"{p / g:.1f}x | {p / w:.1f}x | {pc / max(gc, 1e-3):.1f}x | {pr / 1e6:,.0f} MB | {pr / size:.1f}x |")

def verdict(value, goal):
    return "met" if value <= goal else "MISSED"

print()
print("Goals of issue 17 (whole process, wall-time medians on this machine):")
print()
if "asa-1000000" in m:
    med, _, size, _ = m["asa-1000000"]
    r = med["pixlint"][0] / med["grep"][0]
    rss = med["pixlint"][2] / size
    print(f"- 1M lines: {r:.1f}x grep (goal 5x: {verdict(r, 5)}); peak RSS {rss:.1f}x the file (goal 2x: {verdict(rss, 2)})")
if "fleet-10000" in m:
    med, _, _, _ = m["fleet-10000"]
    r = med["pixlint"][0] / med["grep"][0]
    print(f"- 10,000 files: {r:.1f}x grep -rc (goal 8x: {verdict(r, 8)})")
if "fleet-1000" in m and "fleet-10000" in m:
    r1, r10 = m["fleet-1000"][0]["pixlint"][2], m["fleet-10000"][0]["pixlint"][2]
    print(f"- Peak RSS {r1 / 1e6:.0f} MB for 1,000 files, {r10 / 1e6:.0f} MB for 10,000 (flat: {'yes' if r10 <= r1 * 1.25 else 'NO'})")
PY
