"""Turns one run of bench/run.sh (C# BenchmarkDotNet results and the numpy yardstick's, from one folder) into
docs/PERFORMANCE.md on stdout. Usage: python3 report.py [--command "bench/run.sh"] [--keep docs/PERFORMANCE.md] FOLDER;
--keep carries over the dated sections (headings "## YYYY-MM-DD...") of an earlier PERFORMANCE.md after the tables."""
import datetime
import json
import os
import platform
import re
import statistics
import sys

L3_BYTES = 32 << 20


def load(folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            lines = f.read().splitlines()
        model = next(l.split(":", 1)[1].strip() for l in lines if l.startswith("model name"))
        flags = next(l.split(":", 1)[1].split() for l in lines if l.startswith("flags"))
        wide = [f for f in ("avx2", "fma", "avx512f") if f in flags]
        return f"{model}, {os.cpu_count()} logical cores, {' '.join(wide)}"
    except (OSError, StopIteration):
        return platform.processor() or "unknown"


def rate(row, unit):
    """Units per second from a BenchmarkDotNet mean (ns per invocation)."""
    return row["units"][unit] / (row["meanNs"] * 1e-9)


def spread(row):
    return f"±{100 * row['stdDevNs'] / row['meanNs']:.1f}%"


def numpy_extrapolation(runs, sampled):
    """Seconds the numpy yardstick would take for all of `runs`: for each batch size, the sampled runs' seconds per
    step times the steps of `runs` at that batch size (every batch size needs a sampled run)."""
    steps = {}
    for run in runs:
        steps[run["b"]] = steps.get(run["b"], 0) + run["steps"]
    seconds = 0
    for b, count in steps.items():
        same = [s for s in sampled if s["b"] == b]
        seconds += count * sum(s["seconds"] for s in same) / sum(s["steps"] for s in same)
    return seconds


def load_lines(folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def dated_sections(path):
    """The sections of an earlier PERFORMANCE.md from its first dated heading ("## 2026-...") on, or ""."""
    if not path or not os.path.exists(path):
        return ""
    with open(path) as f:
        text = f.read()
    match = re.search(r"^## \d{4}-\d{2}-\d{2}", text, re.MULTILINE)
    return text[match.start():].rstrip("\n") if match else ""


def g(x, digits=3):
    if x is None:
        return "n/a"
    if abs(x) >= 1e4:
        return f"{x:,.0f}"
    return f"{x:.{digits}g}"


def main():
    command = "bench/run.sh"
    keep = None
    args = sys.argv[1:]
    while args[:1] in (["--command"], ["--keep"]):
        if args[0] == "--command":
            command = args[1]
        else:
            keep = args[1]
        args = args[2:]
    folder = args[0]
    cs = load(folder, "csharp.json")
    npy = load(folder, "numpy-steps.json")
    grid = load(folder, "grid.json")
    npgrid = load(folder, "numpy-grid.json")
    results = cs["results"]

    def find(method, **params):
        for r in results:
            if r["method"] == method and all(r["parameters"].get(k) == v for k, v in params.items()):
                return r
        return None

    out = []
    w = out.append
    measured = os.path.getmtime(os.path.join(folder, "csharp.json"))
    now = datetime.datetime.fromtimestamp(measured, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    w("# Performance")
    w("")
    w(f"Measured {now} on {cpu_model()}, {cs['runtime']} (Vector512 accelerated: {cs['vector512Accelerated']}), "
      f"numpy {npy['numpy'] if npy else 'n/a'} with BLAS {', '.join(npy['blas'].get('loaded', [])) if npy and isinstance(npy['blas'], dict) else 'see numpy-steps.json'}.")
    w(f"Command: `{command}` (C# BenchmarkDotNet short job in process, the C yardstick and the numpy yardstick, one after the other). "
      "Raw figures: bench/last-run/*.json. The machine is shared, so timings carry noise: the ± column is "
      "BenchmarkDotNet's standard deviation over its iterations.")
    machine_load = load(folder, "load.json")
    if machine_load:
        w(f"Load average (1, 5, 15 min) when bench/run.sh started: {machine_load['start']}; when it ended: "
          f"{machine_load['end']} ({machine_load['cores']} cores).")
    w("")

    read, triad, fma, store = find("Read"), find("Triad"), find("PeakFma"), find("Store512")
    bandwidth = rate(read, "bytes") if read else None
    peak = rate(fma, "flops") if fma else None
    w("## The machine, one core")
    w("")
    w("| probe | measured |")
    w("| --- | --- |")
    if read:
        w(f"| read (sum of 256 MiB) | {bandwidth / 1e9:.1f} GB/s {spread(read)} |")
    if triad:
        w(f"| triad a = b + s c (3 x 64 MiB, 24 bytes per element) | {rate(triad, 'bytes') / 1e9:.1f} GB/s {spread(triad)} |")
    if fma:
        w(f"| FMA throughput (12 independent 512-bit chains) | {peak / 1e9:.1f} GFLOP/s {spread(fma)} |")
    stores_per_fma = None
    if store:
        stores_per_fma = rate(store, "stores") / (peak / 16) if fma else None
        per_fma = f" ({stores_per_fma:.2f} per 512-bit FMA)" if stores_per_fma else ""
        w(f"| 512-bit stores into the first-level cache | {rate(store, 'stores') / 1e9:.2f} G/s{per_fma} {spread(store)} |")
    w("")

    w("## Training steps: C# Trainer against the numpy yardstick")
    w("")
    w("Steps per second of one run with tolerance 0 and a fixed budget (setup and result included, checkpoints off). "
      "Fraction of peak: X's bytes per step (8 b d) over the read bandwidth where X does not fit in L3, else "
      "FLOPs per step (4 b d + 10 d) over the FMA peak.")
    w("")
    w("| (n, d, b) | C# steps/s | numpy steps/s | ratio | C# GFLOP/s | C# GB/s of X | fraction of peak |")
    w("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    ratios = {}
    step_rates = {}
    for r in [r for r in results if r["method"] == "Train"]:
        name = r["parameters"]["Case"]
        n, d, b = (int(t) for t in name.strip("()").split(","))
        steps = rate(r, "steps")
        flops = rate(r, "flops")
        bytes_ = rate(r, "bytes")
        numpy_rate = None
        if npy:
            match = [c for c in npy["cases"] if (c["n"], c["d"], c["b"]) == (n, d, b)]
            numpy_rate = match[0]["stepsPerSecond"] if match else None
        ratio = steps / numpy_rate if numpy_rate else None
        ratios[(n, d, b)] = ratio
        step_rates[(n, d, b)] = steps
        memory_bound = 8 * n * d > L3_BYTES and b == n
        fraction = (f"{100 * bytes_ / bandwidth:.0f}% of read bandwidth" if memory_bound and bandwidth
                    else f"{100 * flops / peak:.0f}% of FMA peak" if peak else "n/a")
        w(f"| {name} | {g(steps)} {spread(r)} | {g(numpy_rate)} | {g(ratio)}x | {flops / 1e9:.2f} | {bytes_ / 1e9:.2f} | {fraction} |")
    w("")

    c_steps = load_lines(folder, "c-steps.jsonl")
    c_check = load_lines(folder, "c-check.jsonl")
    c_ratios = {}
    if c_steps:
        w("## Training steps: DlnLab against the C yardstick")
        w("")
        w("bench/c/yardstick.c: the same step in C (gcc -O3 -march=native -ffp-contract=off, single-threaded): the rotated "
          "log-domain update of MATH.md with renormalisation every 32 steps, the engine's batch draws (xoshiro256**, the "
          "same permutation swaps), every sum in the engine's canonical order, the fused b = 1 step (update and the next "
          "sample's dot in one pass), beta and the gradient in registers for d <= 32, four rows per pass over beta for "
          "long rows, and the loss on the engine's schedule. Whole runs of the same problems, budgets and seeds as the C# "
          "table above (state set-up included), at least 3 runs and 1 s after one warm-up run; mean steps per second. "
          "`-ffp-contract=off` keeps gcc from fusing a multiply and an add the engine rounds apart (it fuses only where "
          "the engine does, through intrinsics).")
        w("")
        w("| (n, d, b) | DlnLab steps/s | C steps/s (mean, ± sd) | C best run | DlnLab/C | beta against `dln train --json` |")
        w("| --- | ---: | ---: | ---: | ---: | --- |")
        checks = {(c["n"], c["d"], c["b"]): c for c in c_check or []}
        for c in c_steps:
            key = (c["n"], c["d"], c["b"])
            mine = step_rates.get(key)
            ratio = mine / c["stepsPerSecond"] if mine else None
            c_ratios[key] = ratio
            check = checks.get(key)
            if check is None:
                verdict = "not checked"
            elif check["identical"] == check["coordinates"] and check["steps"] == check["dlnSteps"]:
                verdict = f"bit-identical ({check['coordinates']} of {check['coordinates']} coordinates, {check['steps']:,} steps)"
            else:
                verdict = (f"{check['identical']} of {check['coordinates']} coordinates identical, max |difference| / max |beta| = "
                           f"{check['maxAbsDifferenceOverMaxAbs']:.2g} (steps {check['steps']} and {check['dlnSteps']})")
            name = f"({c['n']}, {c['d']}, {c['b']})"
            w(f"| {name} | {g(mine)} | {g(c['stepsPerSecond'])} ±{100 * c['stdDevSeconds'] / c['meanSeconds']:.1f}% | "
              f"{g(c['bestStepsPerSecond'])} | {g(ratio)} | {verdict} |")
        w("")
        identical = sum(1 for c in (c_check or []) if c["identical"] == c["coordinates"] and c["steps"] == c["dlnSteps"])
        at_least = sum(1 for r in c_ratios.values() if r is not None and r >= 1)
        w(f"The C run's final beta is bit-identical to `dln train --data DIR --json --theory none` (same X.npy and y.npy, "
          f"written by `DlnLab.Bench --export-cases`, same batch size, stepsize, budget, seed and alpha, tolerance 0) on "
          f"{identical} of {len(c_check or [])} cases; DlnLab is at least as fast as C on {at_least} of {len(c_ratios)}.")
        w("")

    w("## Lockstep: many runs sharing X, (n, d) = (20, 30)")
    w("")
    w("Run-steps per second: R runs at different stepsizes, 20000 steps each, one after the other through Trainer "
      "or together through LockstepTrainer (each run's result is the same bits in any group, and agrees with the "
      "single run to rounding away from the edge of stability: beta and gains within 1e-12 relative, the loss L within "
      "1e-12 (L + sqrt(L L0)), L0 the loss at beta = 0; tested).")
    w("")
    w("| runs R | single-run path, run-steps/s | lockstep, run-steps/s | ratio | lockstep GFLOP/s (fraction of FMA peak) |")
    w("| ---: | ---: | ---: | ---: | ---: |")
    lockstep_rates = None  # (lockstep, single-run) run-steps/s of the R with the best ratio
    for r in [r for r in results if r["method"] == "Lockstep"]:
        runs = r["parameters"]["Runs"]
        single = find("SingleRuns", Runs=runs)
        ls, sg = rate(r, "steps"), rate(single, "steps")
        if lockstep_rates is None or ls / sg > lockstep_rates[0] / lockstep_rates[1]:
            lockstep_rates = (ls, sg)
        gflops = ls * (4 * 20 * 30 + 10 * 30) / 1e9
        w(f"| {runs} | {g(sg)} {spread(single)} | {g(ls)} {spread(r)} | {ls / sg:.2f}x | {gflops:.1f} ({100 * gflops * 1e9 / peak:.0f}%) |")
    w("")
    lockstep_ratio = lockstep_rates[0] / lockstep_rates[1] if lockstep_rates else None
    sgd = [r for r in results if r["method"] == "SgdLockstep"]
    if sgd:
        w("SGD with b = 1, the same problem: R runs at different stepsizes and seeds, 100000 steps each, one after the "
          "other through Trainer or together through LockstepTrainer, which steps them in turn in one loop so that "
          "their dependency chains overlap (each run's result is the same bits as its single run; tested).")
        w("")
        w("| runs R | single-run path, run-steps/s | lockstep, run-steps/s | ratio |")
        w("| ---: | ---: | ---: | ---: |")
        for r in sgd:
            runs = r["parameters"]["Runs"]
            single = find("SgdSingleRuns", Runs=runs)
            ls, sg = rate(r, "steps"), rate(single, "steps")
            w(f"| {runs} | {g(sg)} {spread(single)} | {g(ls)} {spread(r)} | {ls / sg:.2f}x |")
        w("")

    w("## The sweep runner on 1 and 2 cores")
    w("")
    w("SweepRunner (what `dln sweep` and `dln reproduce` run) on the stepsize sweep of `dln reproduce` with 16 datasets "
      "(32 threshold bisections, then GD and SGD b = 1 at 12 fractions of the thresholds, theory checks on every run), "
      "into a fresh store each time.")
    w("")
    w("| sweep | 1 core | 2 cores | speed-up |")
    w("| --- | ---: | ---: | ---: |")
    speedup = None
    one = find("WholeSweep", DegreeOfParallelism="1")
    two = find("WholeSweep", DegreeOfParallelism="2")
    if one and two:
        speedup = one["meanNs"] / two["meanNs"]
        w(f"| reproduce stepsize sweep, 16 datasets | {one['meanNs'] / 1e9:.2f} s {spread(one)} | "
          f"{two['meanNs'] / 1e9:.2f} s {spread(two)} | {speedup:.2f}x |")
    w("")

    w("## A reproduce-sized grid against the numpy yardstick")
    w("")
    grid_ratio = None
    single_grid, lockstep_grid = find("SingleRunsOneCore"), find("LockstepAllCores")
    if grid and npgrid and single_grid and lockstep_grid:
        numpy_seconds = numpy_extrapolation(grid["runs"], npgrid["sampledRuns"])
        sampled_seconds = sum(s["seconds"] for s in npgrid["sampledRuns"])
        by_index = {run["index"]: run["steps"] for run in grid["runs"]}
        agreement = ", ".join(f"{s['steps']}/{by_index[s['index']]}" for s in npgrid["sampledRuns"])
        grid_ratio = numpy_seconds / (lockstep_grid["meanNs"] * 1e-9)
        w(f"A fixed grid with the shape of figure 1 (bench/DlnLab.Bench/ReproduceGrid.cs; the default `dln reproduce` "
          f"itself is measured in the next section): (n, d, s, alpha) = (20, 30, 3, 0.1), 16 stepsizes in [1e-3, 0.02], GD once and SGD (b = 1) "
          f"with 3 seeds, tolerance 1e-5, at most 1e5 steps: {len(grid['runs'])} runs, "
          f"{sum(run['steps'] for run in grid['runs']):,} steps in all (C# counts).")
        w("")
        w("| path | seconds for the grid | ratio to numpy |")
        w("| --- | ---: | ---: |")
        w(f"| numpy yardstick, extrapolated | {numpy_seconds:.1f} | 1x |")
        w(f"| C#, single runs, 1 core | {single_grid['meanNs'] * 1e-9:.3f} {spread(single_grid)} | {numpy_seconds / (single_grid['meanNs'] * 1e-9):.0f}x |")
        w(f"| C#, GD in lockstep + all {cs['processorCount']} cores | {lockstep_grid['meanNs'] * 1e-9:.3f} {spread(lockstep_grid)} | {grid_ratio:.0f}x |")
        w("")
        w(f"The numpy figure is extrapolated, not measured whole: {len(npgrid['sampledRuns'])} runs of the grid, spread "
          f"over the stepsizes for each batch size, were run to their end ({sampled_seconds:.1f} s); their seconds per "
          f"step for each batch size times the grid's step count for that batch size gives the estimate. Steps taken "
          f"by numpy/C# on the sampled runs (same data; SGD draws other batches): {agreement}.")
    w("")

    reproduce = load(folder, "reproduce.json")
    rgrid = load(folder, "reproduce-grid.json")
    nprep = load(folder, "numpy-reproduce.json")
    reproduce_ratio = reproduce_seconds = None
    if reproduce:
        by_threads = {}
        for r in reproduce["runs"]:
            by_threads.setdefault(r["threads"], []).append(r["seconds"])
        w("## The default `dln reproduce` against the numpy yardstick")
        w("")
        w("Wall time of `dln reproduce --out FRESH_FOLDER [--threads T]` with every other setting at its default (all "
          "figures and the report, process start included), Release build, alternating the thread counts; medians.")
        w("")
        w("| threads | runs | median seconds |")
        w("| ---: | ---: | ---: |")
        for threads in sorted(by_threads, reverse=True):
            w(f"| {threads} | {len(by_threads[threads])} | {statistics.median(by_threads[threads]):.2f} "
              f"({', '.join(f'{x:.2f}' for x in by_threads[threads])}) |")
        reproduce_seconds = statistics.median(by_threads[max(by_threads)])
        w("")
        if rgrid and nprep:
            numpy_seconds = numpy_extrapolation(rgrid["runs"] + rgrid["thresholdTrials"], nprep["sampledRuns"])
            run_steps = sum(r["steps"] for r in rgrid["runs"])
            trial_steps = sum(r["steps"] for r in rgrid["thresholdTrials"])
            sampled_seconds = sum(s["seconds"] for s in nprep["sampledRuns"])
            reproduce_ratio = numpy_seconds / reproduce_seconds
            w(f"The same work through the numpy yardstick is extrapolated, not measured whole (it would take about "
              f"{numpy_seconds / 60:.0f} minutes): the reproduce's {len(rgrid['runs'])} stored runs ({run_steps:,} steps, "
              f"from its runs.db) and the {len(rgrid['thresholdTrials'])} trial runs of its threshold bisections "
              f"({trial_steps:,} steps, replayed in C# to count them) make {run_steps + trial_steps:,} steps; "
              f"{len(nprep['sampledRuns'])} of the stored runs, spread over batch sizes and stepsizes, were run in numpy "
              f"to their end ({sampled_seconds:.1f} s), and their seconds per step for each batch size times the steps "
              f"at that batch size give the estimate. Figures, report and theory checks are not counted on the numpy "
              f"side.")
            w("")
            w("| path | seconds | ratio |")
            w("| --- | ---: | ---: |")
            w(f"| numpy yardstick, extrapolated | {numpy_seconds:,.0f} | 1x |")
            for threads in sorted(by_threads, reverse=True):
                t = statistics.median(by_threads[threads])
                w(f"| `dln reproduce`, {threads} thread{'s' if threads > 1 else ''} (measured) | {t:.2f} | {numpy_seconds / t:.0f}x |")
            w("")

    workload = load(folder, "workload.json")
    npwork = load(folder, "numpy-workload.json")
    workload_ratio = None
    if workload and npwork:
        dln_seconds = statistics.median(workload["dln"])
        numpy_steps = sum(r["steps"] for r in npwork["sampledRuns"])
        workload_ratio = workload["numpy"] / dln_seconds
        w("## A research script's workload, whole process")
        w("")
        gammas = sorted({r["gamma"] for r in npwork["sampledRuns"]})
        sizes = sorted({r["b"] for r in npwork["sampledRuns"]})
        w(f"bench/workloads/experiment1.toml: the workload of a research script's \"experiment 1\" ({len(gammas)} "
          f"stepsizes from {gammas[0]:g} to {gammas[-1]:g}, batch sizes {', '.join(str(b) for b in sizes)}, the steps "
          f"of the table) on one dataset, as `dln sweep SPEC --store FRESH.db` (process start, store and theory checks "
          f"included), {len(workload['dln'])} times, and as the numpy yardstick running the same runs on the same data "
          f"(exported from the store) to their end in one Python process, start to exit. Both sides measured whole, "
          f"not extrapolated.")
        w("")
        w("| path | runs | steps | seconds | ratio |")
        w("| --- | ---: | ---: | ---: | ---: |")
        w(f"| numpy yardstick | {len(npwork['sampledRuns'])} | {numpy_steps:,} | {workload['numpy']:.1f} | 1x |")
        w(f"| `dln sweep` ({cs['processorCount']} threads), median of {len(workload['dln'])} "
          f"({', '.join(f'{x:.2f}' for x in workload['dln'])}) | {npwork['gridRuns']} | {workload['dlnSteps']:,} | "
          f"{dln_seconds:.2f} | {workload_ratio:.0f}x |")
        w("")

    solvers = [("MinimumL1", "minimum l1 norm (simplex, with its dual certificate)"),
               ("GradientFlowInterpolator", "gradient-flow interpolator, alpha = 0.1 (dual Newton)"),
               ("MinimumL2", "minimum l2 norm")]
    cases = ["(20, 30, 3)", "(200, 1000, 20)"]
    if any(find(method, Problem=c) for method, _ in solvers for c in cases):
        w("## Theory solvers")
        w("")
        w("The interpolators of `dln solve`, the theory checks (gradient flow) and the findings (bench/DlnLab.Bench/"
          "TheoryBenchmarks.cs), one solve each on a sparse-regression problem (n, d, s); no numpy counterpart is run.")
        w("")
        w("| solver | " + " | ".join(cases) + " |")
        w("| --- |" + " ---: |" * len(cases))
        for method, text in solvers:
            cells = []
            for c in cases:
                row = find(method, Problem=c)
                if row is None:
                    cells.append("-")
                else:
                    ms = row["meanNs"] / 1e6
                    cells.append(f"{ms:,.{3 if ms < 1 else 1}f} ms {spread(row)}")
            w(f"| {text} | " + " | ".join(cells) + " |")
        w("")

    w("## Targets")
    w("")
    w("| target | measured | met |")
    w("| --- | --- | --- |")

    def target(text, value, threshold, unit="x"):
        if value is None:
            w(f"| {text} | n/a | no |")
        else:
            w(f"| {text} | {value:.{0 if unit == 'x' and value > 10 else 2}f}{unit} | {'yes' if value >= threshold else 'no'} |")

    if c_ratios:
        worst = min((r for r in c_ratios.values() if r is not None), default=None)
        target("DlnLab/C >= 1.0 on all six step cases (the lowest ratio)", worst, 1.0)
    target("(20, 30) GD >= 100x numpy", ratios.get((20, 30, 20)), 100)
    target("(20, 30) SGD b = 1 >= 500x numpy", ratios.get((20, 30, 1)), 500)
    big = find("Train", Case="(1000, 10000, 1000)")
    if big and bandwidth:
        target("(1000, 10000) GD >= 60% of read bandwidth", 100 * rate(big, "bytes") / bandwidth, 60, "%")
    target("lockstep >= 2x single-run, (20, 30) GD", lockstep_ratio, 2)
    target("sweep runner >= 1.8x from 1 to 2 cores", speedup, 1.8)
    target("reproduce-sized grid >= 100x numpy (extrapolated)", grid_ratio, 100)
    target("default `dln reproduce` >= 100x numpy (extrapolated)", reproduce_ratio, 100)
    target("a research script's workload >= 300x numpy (whole process)", workload_ratio, 300)
    if reproduce_seconds is not None:
        w(f"| default `dln reproduce` < 2 minutes on {cs['processorCount']} cores | {reproduce_seconds:.1f} s | "
          f"{'yes' if reproduce_seconds < 120 else 'no'} |")
    w("")
    w("How the figures are made: bench/DlnLab.Bench (BenchmarkDotNet; StepCase.cs lists the cases and stepsizes), "
      "bench/numpy/yardstick.py (one numpy call per operation, a Python loop per step, (u, v), X[idx] batches drawn "
      "with Generator.choice, the gain accumulated with a logarithm per coordinate per step; the full loss checked "
      "every step for GD and every 16 ceil(n/b) steps for SGD, the C# trainer's schedule), bench/report.py.")
    w("")
    w("## Notes")
    w("")
    w("- Kernels (src/DlnLab/Training): every dot product of the single-run path is summed in one canonical order "
      "(Kernels.Dot), so the fused b = 1 step (update and the next sample's dot in one pass, no gradient buffer), the "
      "register-blocked gradient for d <= 32 (beta and g in 512-bit registers) and the four-rows-at-a-time passes for "
      "long rows (Dot4: beta loaded once for four rows; X read once per step) give bit-identical iterates. Steps "
      "allocate nothing; no transcendental function per coordinate per step; for b < n the full loss is evaluated only "
      "at loss checks and checkpoints. X always starts a 64-byte cache line, the state arrays where the pinned heap allows "
      "(LinearAlgebra/CacheAligned.cs): a 512-bit load that straddles two lines costs two. Every kernel is written "
      "once over an octet of doubles (IOctet: one Vector512, two Vector256, four Vector128 or eight scalars) and "
      "dispatched at run time on the widest accelerated width; the canonical order is defined on 8-lane chunks, so "
      "every width gives the same bits (tested at every width; `dln train` with DOTNET_EnableAVX512=0 or "
      "DOTNET_EnableAVX2=0 prints the same run).")
    w("- Lockstep (LockstepTrainer, LockstepKernels): eight GD runs sharing X advance together, runs across the vector "
      "lanes (where an octet takes more than one register, in smaller tiles); b = 1 SGD runs sharing X go through "
      "SingleSampleLockstep, two at a time with their steps interleaved, each bit-identical to its single run; residuals and gradients are two register-blocked matrix products, the gradient sums go from registers "
      "into the update, each block's updates are applied between the next block's sums (so their stores do not come "
      "in one burst), and a vector of runs with no moved exponent skips the products by unit scales (same bits). A run's result is the same bits in any "
      "group (alone, with any others, in any lane; tested), and agrees with Trainer.Train to rounding, with the same "
      "status and steps (tested, bounds above), away from the edge of stability; a run that bounces or takes a step with "
      "|gamma g| >= 1 amplifies last-bit differences, as any change of summation order would.")
    w("- Sweeps (SweepRunner, WorkItems): full-batch runs of one dataset at one stepsize (they differ in alpha, "
      "tolerance or budget and so take similar numbers of steps) are trained in lockstep, chosen from the spec alone so "
      "a resumed sweep takes the same path for every run. Runs at different stepsizes are trained one by one: their "
      "lengths differ by orders of magnitude near the edge of stability, and a lockstep block costs what its longest "
      "run costs (grouping the default reproduce's GD runs by dataset instead made it slower, medians of 3 on 2 threads "
      "on 2026-11-27: 12%, 4.92 s against 4.41 s, before the lockstep update was pipelined; 8%, 8.70 s against 8.06 s, "
      "after it, on a machine busy with other work). So the default reproduce, whose GD runs all have different "
      "stepsizes, forms no lockstep group. With a tolerance of 0 every run takes its whole budget unless it diverges, "
      "so there a dataset's full-batch runs with one budget are grouped whatever their stepsize (the research-script "
      "workload above at 10^6 steps per run: 2.48-2.57 s -> 1.96-2.03 s on 2026-12-04). All "
      "threshold bisections are scheduled first, so no worker waits for a threshold another is computing.")
    if lockstep_ratio is not None and lockstep_ratio < 2:
        ls, sg = lockstep_rates
        text = (f"- Lockstep below 2x ({lockstep_ratio:.2f}x here): a GD step of 8 runs at (20, 30) is 1,200 512-bit "
                "multiply-adds (residuals and gradients) and the state update, which stores w+, w-, S and beta of 30 "
                "coordinates (120 512-bit stores, and 20 of residuals).")
        if store and fma:
            fma_ns = 1200 / (peak / 16) * 1e9
            store_ns = 140 / rate(store, "stores") * 1e9
            text += (f" At the probed rates the multiply-adds alone take {fma_ns:.0f} ns and the stores {store_ns:.0f} ns "
                     f"(a store costs {1 / stores_per_fma:.1f} multiply-add slots); a lockstep step took {8 / ls * 1e9:.0f} ns, "
                     f"where 2x the single-run path needs {4 / sg * 1e9:.0f} ns. The single-run path it is compared with "
                     f"runs at {100 * sg * (4 * 20 * 30 + 10 * 30) / peak:.0f}% of FMA peak, register-blocked over the 30 "
                     "coordinates.")
        w(text)
    sgd = ratios.get((20, 30, 1))
    if sgd is not None and sgd < 500:
        w(f"- SGD b = 1 at (20, 30) below 500x ({sgd:.0f}x here): a step is a serial chain (the next sample's dot "
          f"product needs the updated beta, then an 8-lane reduction) of {1e9 / step_rates[(20, 30, 1)]:.0f} ns here.")
    w("- The numpy yardstick runs on Debian's numpy with the BLAS listed above (the reference BLAS, not OpenBLAS, "
      "is what this machine has); at (20, 30) the Python interpreter's per-call cost dominates whichever BLAS it is.")
    w("- Ratios are from one run of bench/run.sh, both sides measured minutes apart on the same machine. The machine "
      "is shared: the ± column is the spread within this run, and a repeated run can differ by more.")
    kept = dated_sections(keep)
    if kept:
        w("")
        w(kept)
    print("\n".join(out))


if __name__ == "__main__":
    main()
