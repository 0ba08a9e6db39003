#!/usr/bin/env bash
# Builds Release, runs the C# benchmarks, the C yardstick and the numpy yardstick one after the other on this machine,
# and writes docs/PERFORMANCE.md (raw figures in bench/last-run/; its dated sections are kept). Extra arguments go to
# the C# suite (e.g. class names).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out="$root/bench/last-run"
mkdir -p "$out"
echo "{\"start\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"," > "$out/load.json.tmp"
dotnet build -c Release bench/DlnLab.Bench -nologo -v q
dotnet build -c Release src/DlnLab.Cli -nologo -v q
dll="$root/bench/DlnLab.Bench/bin/Release/net10.0/DlnLab.Bench.dll"
dln="$root/src/DlnLab.Cli/bin/Release/net10.0/dln.dll"
dotnet "$dll" --export-grid "$out/grid.json"
# The C yardstick (bench/c/yardstick.c) on the six step cases' problems: first its beta against `dln train --json`
# on the same data, spec and seed (compared bit for bit by bench/c/compare.py), then its timing.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gcc -O3 -march=native -ffp-contract=off -Wall -Wextra -o "$work/yardstick" bench/c/yardstick.c -lm
dotnet "$dll" --export-cases "$work/cases"
: > "$out/c-check.jsonl"
: > "$out/c-steps.jsonl"
while IFS=$'\t' read -r n d b gamma steps seed alpha problem; do
  "$work/yardstick" beta "$work/cases/$problem" "$b" "$gamma" "$steps" "$seed" "$alpha" > "$work/c-beta.json"
  dotnet "$dln" train --data "$work/cases/$problem" --batch-size "$b" --stepsize "$gamma" --max-steps "$steps" \
    --seed "$seed" --alpha "$alpha" --tolerance 0 --checkpoints-per-decade 0 --theory none --json > "$work/dln.json"
  python3 bench/c/compare.py "$n" "$d" "$b" "$work/c-beta.json" "$work/dln.json" >> "$out/c-check.jsonl"
done < "$work/cases/cases.tsv"
while IFS=$'\t' read -r n d b gamma steps seed alpha problem; do
  "$work/yardstick" time "$work/cases/$problem" "$b" "$gamma" "$steps" "$seed" "$alpha" >> "$out/c-steps.jsonl"
done < "$work/cases/cases.tsv"
rm -rf "$work/cases"
# The default `dln reproduce` (all figures, fresh output folder) on all cores and on one, alternated three times;
# report.py takes the medians. Its runs.db is then exported for the yardstick.
reproduce="$out/reproduce-out"
echo '{"runs": [' > "$out/reproduce.json.tmp"
sep=""
for rep in 1 2 3; do
  for threads in "$(nproc)" 1; do
    rm -rf "$reproduce"
    start=$(date +%s.%N)
    dotnet "$dln" reproduce --out "$reproduce" --threads "$threads" > /dev/null
    end=$(date +%s.%N)
    echo "$sep{\"threads\": $threads, \"seconds\": $(awk "BEGIN { printf \"%.3f\", $end - $start }")}" >> "$out/reproduce.json.tmp"
    sep=","
  done
done
echo ']}' >> "$out/reproduce.json.tmp"
mv "$out/reproduce.json.tmp" "$out/reproduce.json"
dotnet "$dll" --export-reproduce "$reproduce/runs.db" "$out/reproduce-grid.json"
rm -rf "$reproduce"
# OpenBLAS tuning variables of this environment would slow numpy down: the yardstick runs without them.
numpy=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3)
# A research script's workload, whole process on both sides (bench/workloads/experiment1.toml): `dln sweep` three
# times into a fresh store, then the numpy yardstick running the same 60 runs (exported from the store) to their end.
workload="$root/bench/workloads/experiment1.toml"
echo '{"dln": [' > "$out/workload.json.tmp"
sep=""
for rep in 1 2 3; do
  rm -f "$work"/experiment1.db*
  start=$(date +%s.%N)
  dotnet "$dln" sweep "$workload" --store "$work/experiment1.db" --quiet > /dev/null
  end=$(date +%s.%N)
  echo "$sep$(awk "BEGIN { printf \"%.3f\", $end - $start }")" >> "$out/workload.json.tmp"
  sep=","
done
dotnet "$dll" --export-store "$work/experiment1.db" "$work/experiment1.json"
start=$(date +%s.%N)
"${numpy[@]}" bench/numpy/yardstick.py grid "$work/experiment1.json" 1000000 > "$out/numpy-workload.json"
end=$(date +%s.%N)
echo "], \"numpy\": $(awk "BEGIN { printf \"%.3f\", $end - $start }"), \"dlnSteps\": $(python3 -c "import json,sys; print(sum(r['steps'] for r in json.load(open(sys.argv[1]))['runs']))" "$work/experiment1.json")}" >> "$out/workload.json.tmp"
mv "$out/workload.json.tmp" "$out/workload.json"
"${numpy[@]}" bench/numpy/yardstick.py steps > "$out/numpy-steps.json"
"${numpy[@]}" bench/numpy/yardstick.py grid "$out/grid.json" 8 > "$out/numpy-grid.json"
"${numpy[@]}" bench/numpy/yardstick.py grid "$out/reproduce-grid.json" 10 > "$out/numpy-reproduce.json"
(cd "$out" && dotnet "$dll" --out "$out/csharp.json" "$@" > "$out/csharp.log" 2>&1) || { tail -40 "$out/csharp.log"; exit 1; }
rm -rf "$out/BenchmarkDotNet.Artifacts"
echo "\"end\": \"$(cut -d' ' -f1-3 /proc/loadavg)\", \"cores\": $(nproc)}" >> "$out/load.json.tmp"
mv "$out/load.json.tmp" "$out/load.json"
mkdir -p docs
python3 bench/report.py --command "bench/run.sh $*" --keep docs/PERFORMANCE.md "$out" > docs/PERFORMANCE.md.tmp
mv docs/PERFORMANCE.md.tmp docs/PERFORMANCE.md
echo "wrote docs/PERFORMANCE.md"
