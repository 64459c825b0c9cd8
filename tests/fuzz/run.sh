#!/usr/bin/env bash
# Coverage-guided fuzzing of PixLint with SharpFuzz and AFL++ (README: "Fuzzing").
#
#   tests/fuzz/run.sh fuzz TARGET [SECONDS]   build, instrument, seed and run one campaign
#                                            (default 1800 s); prints the campaign's figures
#   tests/fuzz/run.sh replay TARGET FILE...    run inputs through the target, show exceptions
#   tests/fuzz/run.sh tmin TARGET FILE NAME    minimise a crashing input into
#                                            tests/fuzz/regressions/TARGET/NAME (a regression test)
#   tests/fuzz/run.sh stats TARGET             the figures of the last campaign
#   TARGET: config, rules, transcript (pixlint diagnose) or probe (what a server sends to pixlint probe)
#
# Needs AFL++ (Debian: apt-get install afl++) and the .NET SDK; SharpFuzz's instrumenter is a local
# dotnet tool (.config/dotnet-tools.json). Campaigns write to tests/fuzz/out/ (ignored by git).
# Not part of CI: the regression inputs are replayed by tests/PixLint.Fuzz.Tests on every test run.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
out="$root/tests/fuzz/out"

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
[ $# -ge 2 ] || usage
command=$1 target=$2
case "$target" in config|rules|transcript|probe) ;; *) usage ;; esac
bin="$out/bin-$target" # one build per target: two campaigns may run at once
case "$target" in transcript|probe) dict=smtp ;; *) dict=$target ;; esac

need() { command -v "$1" >/dev/null || { echo "run.sh: $1 not found: $2" >&2; exit 2; }; }

build() {
  need afl-fuzz "install AFL++ (apt-get install afl++)"
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  dotnet tool restore > /dev/null
  rm -rf "$bin"
  dotnet publish tests/PixLint.Fuzz -c Release -o "$bin" -v quiet -nologo
  # Instrument the product and the parsers it relies on; SharpFuzz itself and the runtime stay as they are.
  for dll in PixLint.Core.dll Sprache.dll YamlDotNet.dll; do
    dotnet tool run sharpfuzz "$bin/$dll" > /dev/null
  done
}

seed() {
  local dir="$out/seeds-$target"
  rm -rf "$dir"; mkdir -p "$dir"
  local n=0
  add() { # small seeds only: AFL mutates big ones slowly
    local f
    for f in "$@"; do
      [ -f "$f" ] && [ "$(stat -c %s "$f")" -le 65536 ] || continue
      n=$((n + 1)); cp "$f" "$dir/$(printf '%03d' $n)-$(basename "$f" | tr -c 'A-Za-z0-9._-' '_')"
    done
  }
  if [ "$target" = transcript ]; then
    add tests/corpus/transcripts/*.txt tests/PixLint.Diagnosis.Tests/Fixtures/*.txt
    add tests/fuzz/regressions/transcript/*
  elif [ "$target" = probe ]; then
    add tests/fuzz/seeds/probe/*
    add tests/fuzz/regressions/probe/*
  elif [ "$target" = config ]; then
    add samples/*.cfg rules/*.cfg rules/examples/*.cfg tests/PixLint.Cli.Tests/Fixtures/secrets/*.cfg
    while IFS= read -r -d '' f; do add "$f"; done < <(find tests/corpus/real -type f ! -name '*.tsv' -print0 | sort -z)
    add tests/fuzz/regressions/config/*
  else
    add rules/*.yaml rules/examples/*.yaml tests/fuzz/seeds/rules/*
    add tests/fuzz/regressions/rules/*
  fi
  echo "$dir"
}

stats() {
  local s="$out/$target/default/fuzzer_stats"
  [ -f "$s" ] || { echo "run.sh: no campaign in $out/$target" >&2; exit 2; }
  awk -F' *: ' '
    /^start_time/ {start=$2} /^last_update/ {last=$2} /^run_time/ {run=$2}
    /^execs_done/ {execs=$2} /^execs_ps_last_min/ {eps=$2} /^corpus_count/ {corpus=$2} /^edges_found/ {edges=$2} /^cycles_done/ {cycles=$2}
    /^corpus_found/ {found=$2} /^saved_crashes/ {crashes=$2} /^saved_hangs/ {hangs=$2}
    /^bitmap_cvg/ {cvg=$2} /^stability/ {stab=$2}
    END {
      if (run == "") run = last - start
      printf "duration: %d s (%.1f min)\nexecs: %d\nexecs/s: %.1f on average (%s in the last minute)\ncorpus (paths): %d entries, %d found by the fuzzer; %d queue cycles done\ncoverage: %s of the map, %d edges; stability: %s\nunique crashes: %d\nunique hangs: %d\n",
        run, run / 60, execs, (run > 0 ? execs / run : 0), eps, corpus, found, cycles, cvg, edges, stab, crashes, hangs
    }' "$s"
}

case "$command" in
  fuzz)
    seconds=${3:-1800}
    build
    seeds=$(seed)
    rm -rf "$out/$target"
    echo "== fuzzing $target for $seconds s with $(ls "$seeds" | wc -l) seeds; findings in $out/$target"
    # dotnet is not AFL-instrumented itself (the managed code reports coverage through SharpFuzz).
    AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
    AFL_AUTORESUME=0 AFL_NO_AFFINITY=1 \
      afl-fuzz -i "$seeds" -o "$out/$target" -V "$seconds" -t 5000 -m none -x "tests/fuzz/$dict.dict" \
        -- dotnet "$bin/pixlint-fuzz.dll" "$target" > "$out/$target.log" 2>&1 || { tail -n 30 "$out/$target.log"; exit 1; }
    stats
    ;;
  replay)
    shift 2
    [ -x "$bin/pixlint-fuzz.dll" ] || [ -f "$bin/pixlint-fuzz.dll" ] || build
    dotnet "$bin/pixlint-fuzz.dll" "$target" "$@"
    ;;
  tmin)
    [ $# -eq 4 ] || usage
    [ -f "$bin/pixlint-fuzz.dll" ] || build
    mkdir -p "tests/fuzz/regressions/$target"
    AFL_SKIP_BIN_CHECK=1 afl-tmin -i "$3" -o "tests/fuzz/regressions/$target/$4" -t 10000 -m none \
      -- dotnet "$bin/pixlint-fuzz.dll" "$target"
    ;;
  stats)
    stats
    ;;
  *) usage ;;
esac
