#!/usr/bin/env bash
# Growth of time and memory on the hostile shapes of issue 19, at n and 4n: each shape's time and
# peak memory should grow at most linearly (4x or less from n to 4n). Prints a Markdown table
# (tests/perf/growth.md is the committed run). Not a test: timings belong to a quiet machine.
#
#   tests/perf/growth.sh                         build (Release) and measure
#   PIXLINT_BIN=path/to/pixlint tests/perf/growth.sh   measure that binary
#   RUNS=3 tests/perf/growth.sh                  median of 3 runs per point (default 1)
#
# Shapes (tests/perf/gen_hostile.py): object-group DAGs (layers; 2^n paths), 80,000-style class-maps
# in one policy, one re-entered policy-map, applied policy-maps; and `probe` against a loopback
# server that streams endless 250- continuation lines at n and 4n lines per write.
# Needs python3 and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
runs=${RUNS:-1}
dir=${PIXLINT_PERF_DIR:-/tmp/pixlint-growth}
mkdir -p "$dir"
[ -x /usr/bin/time ] || { echo "growth.sh: GNU time (/usr/bin/time) is missing (apt-get install time)" >&2; exit 2; }

if [ -z "${PIXLINT_BIN:-}" ]; then
  dotnet build src/PixLint.Cli -c Release -v quiet -nologo >&2
  PIXLINT_BIN=$repo/src/PixLint.Cli/bin/Release/net10.0/pixlint
fi
bin=$(realpath "$PIXLINT_BIN")

# measure ARGS...: "seconds peak-MB exit" of the median run (by time)
measure() {
  local i rc
  for i in $(seq "$runs"); do
    rc=0
    /usr/bin/time -o "$dir/time" -f '%e %M' "$@" > /dev/null 2> "$dir/stderr" || rc=$?
    echo "$(tail -n 1 "$dir/time") $rc"
  done | sort -n | awk -v n="$runs" 'NR == int((n + 1) / 2) {printf "%s %.0f %s\n", $1, $2 / 1024, $3}'
}

echo "| shape | n | lines | MB | lint -f json (s) | peak RSS (MB) | exit | 4n / n time | 4n / n memory |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
row() { # shape n time mem rc file [ratios]
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$@"
}
for spec in service-dag:16 network-dag:16 protocol-dag:16 classmaps:20000 reentered:20000 applied:20000; do
  shape=${spec%%:*} n=${spec##*:}
  prev_t='' prev_m=''
  for m in "$n" $((4 * n)); do
    f="$dir/$shape-$m.cfg"
    [ -s "$f" ] || python3 tests/perf/gen_hostile.py "$shape" "$m" -o "$f"
    read -r t mem rc < <(measure "$bin" lint -f json --timeout 600 "$f")
    lines=$(wc -l < "$f") mb=$(awk -v b="$(stat -c %s "$f")" 'BEGIN {printf "%.1f", b / 1048576}')
    if [ -n "$prev_t" ]; then
      rt=$(awk -v a="$t" -v b="$prev_t" 'BEGIN {printf "%.1fx", (b > 0 ? a / b : 0)}')
      rm=$(awk -v a="$mem" -v b="$prev_m" 'BEGIN {printf "%.1fx", (b > 0 ? a / b : 0)}')
    else
      rt='' rm=''
    fi
    row "$shape" "$m" "$lines" "$mb" "$t" "$mem" "$rc" "$rt" "$rm"
    prev_t=$t prev_m=$mem
  done
done

# probe against a server streaming endless continuation lines (loopback, a free port)
server() { # LINES_PER_WRITE: prints the port, then serves until killed
  python3 - "$1" <<'PY'
import socket, sys
n = int(sys.argv[1])
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(4)
print(s.getsockname()[1], flush=True)
chunk = b"".join(b"250-EXTENSION%d\r\n" % i for i in range(n))
while True:
    c, _ = s.accept()
    try:
        c.sendall(b"220 mx.example.com ESMTP\r\n"); c.recv(1024)
        while True:
            c.sendall(chunk)
    except OSError:
        c.close()
PY
}
for n in 100 400; do
  coproc SERVER { server "$n"; }
  read -r port <&"${SERVER[0]}"
  read -r t mem rc < <(measure "$bin" probe "127.0.0.1:$port" --timeout 5)
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  row "probe, endless 250- lines" "$n lines/write" - - "$t" "$mem" "$rc" - -
done
