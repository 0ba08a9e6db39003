"""No leak: every export called thousands of times leaves the resident set where it was (each handle freed)."""

import gc

import numpy as np

import dlnlab


def rss_kib():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")


def growth_kib(call, count):
    for _ in range(count // 10):  # warm up: caches, the runtime's heaps
        call()
    gc.collect()
    before = rss_kib()
    for _ in range(count):
        call()
    gc.collect()
    return rss_kib() - before


def test_ten_thousand_train_calls_keep_the_rss_stable():
    problem = dlnlab.generate(n=10, d=20, n_test=100)
    seeds = iter(range(10**9))
    # Each call trains, checks the theory (the solvers), reads every field and frees its handle.
    grown = growth_kib(lambda: dlnlab.train(problem, stepsize=0.05, max_steps=200, seed=next(seeds)), 10_000)
    assert grown < 8 * 1024, f"RSS grew by {grown} KiB over 10,000 calls"


def test_the_other_exports_do_not_leak_either():
    X = np.random.default_rng(1).standard_normal((8, 12))
    y = X @ np.r_[1.0, -2.0, np.zeros(10)]
    problem = dlnlab.Problem.from_arrays(X, y)

    def every_export():
        p = dlnlab.Problem.from_arrays(X, y)           # dln_problem_from_arrays, _shape, _free
        assert p.X.shape == (8, 12)                     # dln_problem_read
        dlnlab.gradient_flow(problem)                   # dln_gradient_flow
        dlnlab.minimum_l1(problem)                      # dln_minimum_l1
        dlnlab.minimum_l2(problem)                      # dln_minimum_l2
        run = dlnlab.train(problem, stepsize=0.05, max_steps=300, theory=False)
        dlnlab.check(run, problem)                      # dln_check
        dlnlab.train_many([dict(stepsize=0.05, max_steps=100)] * 4, problem)  # dln_train_many
        try:
            dlnlab.train(problem, stepsize=-1)          # an error: dln_last_error
        except ValueError:
            pass

    grown = growth_kib(every_export, 2_000)
    assert grown < 8 * 1024, f"RSS grew by {grown} KiB over 2,000 rounds"
    generated = growth_kib(lambda: dlnlab.generate(data_seed=1), 10_000)  # cached: one problem
    assert generated < 4 * 1024
