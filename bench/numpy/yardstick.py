"""The numpy yardstick: (S)GD on a diagonal linear network written the way research scripts write it.

One numpy call per operation, a Python loop per step, the (u, v) parametrisation, the batch as X[idx], and the gain
accumulated step by step with a logarithm per coordinate. The C# benchmarks in bench/DlnLab.Bench are compared
against it on the same machine (bench/run.sh).

  python3 yardstick.py steps                 # steps/s for the six (n, d, b) cases, JSON on stdout
  python3 yardstick.py grid GRID.json [K]    # about K of the grid's runs, timed, JSON on stdout
"""
import json
import sys
import time

import numpy as np

# (n, d, b, gamma, steps): the same cases and stepsizes as bench/DlnLab.Bench/StepCase.cs, with budgets sized so
# each timing takes about a second.
CASES = [
    (20, 30, 1, 0.01, 40_000),
    (20, 30, 20, 0.01, 40_000),
    (200, 1000, 1, 1e-5, 20_000),
    (200, 1000, 200, 1e-4, 400),
    (1000, 10000, 1, 1e-6, 4_000),
    (1000, 10000, 1000, 1e-5, 20),
]


def make_problem(n, d, s=3, seed=2024):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    beta_star = np.zeros(d)
    beta_star[rng.choice(d, size=min(s, d), replace=False)] = 10 * rng.standard_normal(min(s, d))
    return X, X @ beta_star


def train(X, y, b, gamma, alpha, max_steps, tol, seed):
    """Returns (steps done, final beta, gain). Loss checks: every step for GD (from the residual), every
    16 ceil(n / b) steps for SGD on the full training set (the same schedule as the C# trainer)."""
    n, d = X.shape
    rng = np.random.default_rng(seed)
    u = np.sqrt(2) * alpha * np.ones(d)
    v = np.zeros(d)
    gain = np.zeros(d)
    check_every = 16 * ((n + b - 1) // b)
    initial_loss = 0.5 * np.mean((X @ (u * v) - y) ** 2)
    k = 0
    while k < max_steps:
        if b == n:
            X_b, y_b = X, y
        else:
            idx = rng.choice(n, b, replace=False)
            X_b, y_b = X[idx], y[idx]
        residual = X_b @ (u * v) - y_b
        if b == n:
            loss = 0.5 * np.mean(residual ** 2)
            if loss <= tol or not np.isfinite(loss) or loss > 1e8 * initial_loss:
                break
        grad = X_b.T @ residual / b
        u, v = u - gamma * grad * v, v - gamma * grad * u
        gain += -np.log(np.abs(1 - (gamma * grad) ** 2))
        k += 1
        if b < n and k % check_every == 0:
            loss = 0.5 * np.mean((X @ (u * v) - y) ** 2)
            if loss <= tol or not np.isfinite(loss) or loss > 1e8 * initial_loss:
                break
    return k, u * v, gain


def steps_mode(repeats=3):
    results = []
    for n, d, b, gamma, steps in CASES:
        X, y = make_problem(n, d)
        times = []
        done = 0
        for _ in range(repeats):
            start = time.perf_counter()
            done, _, _ = train(X, y, b, gamma, 0.1, steps, 0.0, 11)
            times.append(time.perf_counter() - start)
        results.append({"n": n, "d": d, "b": b, "gamma": gamma, "steps": done,
                        "seconds": times, "stepsPerSecond": done / min(times)})
    return results


def grid_mode(path, sample):
    """Runs about `sample` runs of the grid to their end (evenly spread within each batch size), timing each;
    bench/report.py extrapolates to the whole grid per step and batch size."""
    with open(path) as f:
        grid = json.load(f)
    # One shared dataset ("x", "y"), or one per run ("datasets" by key, each run naming its "dataset").
    datasets = {key: (np.array(v["x"], dtype=float), np.array(v["y"], dtype=float))
                for key, v in grid.get("datasets", {}).items()}
    if "x" in grid:
        datasets[None] = (np.array(grid["x"], dtype=float), np.array(grid["y"], dtype=float))
    runs = grid["runs"]
    chosen = []
    sizes = sorted({run["b"] for run in runs})
    for b in sizes:
        same = [run for run in runs if run["b"] == b]
        chosen += same[:: max(1, len(same) * len(sizes) // sample)]
    out = []
    for run in chosen:
        X, y = datasets[run.get("dataset")]
        start = time.perf_counter()
        steps, _, _ = train(X, y, run["b"], run["gamma"], grid["alpha"], grid["maxSteps"], grid["tolerance"], run["seed"])
        out.append({**run, "steps": steps, "seconds": time.perf_counter() - start})
    return {"sampledRuns": out, "gridRuns": len(runs)}


def blas_info():
    """Which BLAS numpy really runs: threadpoolctl when installed, else the shared libraries mapped after a matmul."""
    np.ones((64, 64)) @ np.ones(64)
    try:
        from threadpoolctl import threadpool_info
        return threadpool_info()
    except ImportError:
        with open("/proc/self/maps") as f:
            libraries = sorted({line.split()[-1] for line in f if "blas" in line.lower() or "lapack" in line.lower()})
        return {"loaded": libraries}


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "steps"
    if mode == "steps":
        report = {"numpy": np.__version__, "blas": blas_info(), "cases": steps_mode()}
    elif mode == "grid":
        report = grid_mode(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 8)
    else:
        sys.exit(f"unknown mode {mode!r}: use steps or grid")
    json.dump(report, sys.stdout, indent=1)
