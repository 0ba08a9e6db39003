"""Speed of the Python package: the per-call overhead of dlnlab.train above the run's own training time, and a
10,000-run sweep through dlnlab against the same runs through `dln sweep` (bits checked equal).

Usage (after the README's "From Python" build): /usr/bin/python3 bench/python/dlnlab_bench.py [OUT.json]
with dlnlab importable (installed, or PYTHONPATH=python) and the CLI built (dotnet build -c Release). The two sweeps
alternate, three times each, each into a fresh store; the figures are medians. Writes the raw figures to OUT.json.
"""

import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

import dlnlab

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLI = ROOT / "src" / "DlnLab.Cli" / "bin" / "Release" / "net10.0" / "dln.dll"


def overhead(keywords, calls, theory):
    """Median over calls of (wall time of dlnlab.train) - (its training time), and the training time itself."""
    problem = dlnlab.generate()
    for _ in range(200):
        dlnlab.train(problem, **keywords, theory=theory)
    extra, own = [], []
    for _ in range(calls):
        start = time.perf_counter()
        run = dlnlab.train(problem, **keywords, theory=theory)
        wall = time.perf_counter() - start
        extra.append(wall - run.timing.wall_seconds)
        own.append(run.timing.wall_seconds)
    return {"keywords": keywords, "theory": theory, "calls": calls, "median_overhead_us": statistics.median(extra) * 1e6,
            "p10_overhead_us": float(np.percentile(extra, 10)) * 1e6, "median_training_us": statistics.median(own) * 1e6}


SWEEP_FLAGS = ["--batch-size", "1", "--stepsize-log", "1e-3:2e-2:10", "--datasets", "10", "--repeats", "100",
               "--max-steps", "3000", "--tolerance", "1e-5"]


def cli_sweep(folder):
    store = folder / "sweep.db"
    start = time.perf_counter()
    subprocess.run(["dotnet", str(CLI), "sweep", *SWEEP_FLAGS, "--store", str(store), "--quiet"], check=True,
                   capture_output=True)
    seconds = time.perf_counter() - start
    return seconds, store


def exported(store, folder):
    subprocess.run(["dotnet", str(CLI), "export", "--store", str(store), "--out", str(folder / "export")], check=True,
                   capture_output=True)
    return np.load(folder / "export" / "runs.npz")


def dlnlab_runs(runs):
    return [dict(data_seed=int(ds), batch_size=int(b), stepsize=float(g), seed=int(s), max_steps=int(m),
                 tolerance=float(t), checkpoints_per_decade=0)
            for ds, b, g, s, m, t in zip(runs["data_seed"], runs["batch_size"], runs["stepsize"], runs["batch_seed"],
                                         runs["max_steps"], runs["tolerance"])]


def main():
    out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / "last-run" / "python.json"
    result = {"uptime_before": open("/proc/loadavg").read().split()[:3], "cpus": os.cpu_count()}
    result["overhead"] = [
        overhead(dict(stepsize=0.01, max_steps=1), 5000, False),
        overhead(dict(stepsize=0.01), 300, False),
        overhead(dict(batch_size="n", stepsize=0.05), 300, False),
        overhead(dict(stepsize=0.01), 300, True),
    ]
    folder = pathlib.Path(tempfile.mkdtemp(prefix="dlnlab-bench-"))
    try:
        cli_times, python_times, sweep_times = [], [], []
        runs = None
        for repeat in range(3):
            shutil.rmtree(folder / "export", ignore_errors=True)
            (folder / "sweep.db").unlink(missing_ok=True)
            seconds, store = cli_sweep(folder)
            cli_times.append(seconds)
            if runs is None:
                runs = exported(store, folder)
                specs = dlnlab_runs(runs)
            start = time.perf_counter()
            table = dlnlab.train_many(specs, theory="residual")
            python_times.append(time.perf_counter() - start)
            # The same grid as a dlnlab.sweep (its own seeds): 10 stepsizes x 10 datasets x 100 batch seeds.
            start = time.perf_counter()
            grid = dlnlab.sweep(batch_size=1, stepsize=np.geomspace(1e-3, 2e-2, 10), data_seed=range(1, 11),
                                seed=range(1, 101), max_steps=3000)
            sweep_times.append(time.perf_counter() - start)
        same = all(r.beta.tobytes() == runs["beta"][i].tobytes() and r.steps == runs["steps"][i] for i, r in enumerate(table))
        result["sweep"] = {"runs": len(specs), "grid_runs": len(grid), "cli_flags": SWEEP_FLAGS,
                           "cli_seconds": cli_times, "dlnlab_train_many_seconds": python_times,
                           "dlnlab_sweep_seconds": sweep_times, "same_bits_as_cli": same,
                           "ratio_train_many_to_cli": statistics.median(python_times) / statistics.median(cli_times),
                           "ratio_sweep_to_cli": statistics.median(sweep_times) / statistics.median(cli_times)}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    result["uptime_after"] = open("/proc/loadavg").read().split()[:3]
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
