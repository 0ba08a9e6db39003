#!/usr/bin/env bash
# Builds Release, runs the C# benchmarks and the numpy yardstick one after the other on this machine, and writes
# docs/PERFORMANCE.md (raw figures in bench/last-run/). Extra arguments go to the C# suite (e.g. class names).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out="$root/bench/last-run"
mkdir -p "$out"
dotnet build -c Release bench/DlnLab.Bench -nologo -v q
dotnet build -c Release src/DlnLab.Cli -nologo -v q
dll="$root/bench/DlnLab.Bench/bin/Release/net10.0/DlnLab.Bench.dll"
dln="$root/src/DlnLab.Cli/bin/Release/net10.0/dln.dll"
dotnet "$dll" --export-grid "$out/grid.json"
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
"${numpy[@]}" bench/numpy/yardstick.py steps > "$out/numpy-steps.json"
"${numpy[@]}" bench/numpy/yardstick.py grid "$out/grid.json" 8 > "$out/numpy-grid.json"
"${numpy[@]}" bench/numpy/yardstick.py grid "$out/reproduce-grid.json" 10 > "$out/numpy-reproduce.json"
(cd "$out" && dotnet "$dll" --out "$out/csharp.json" "$@" > "$out/csharp.log" 2>&1) || { tail -40 "$out/csharp.log"; exit 1; }
rm -rf "$out/BenchmarkDotNet.Artifacts"
mkdir -p docs
python3 bench/report.py --command "bench/run.sh $*" "$out" > docs/PERFORMANCE.md.tmp
mv docs/PERFORMANCE.md.tmp docs/PERFORMANCE.md
echo "wrote docs/PERFORMANCE.md"
