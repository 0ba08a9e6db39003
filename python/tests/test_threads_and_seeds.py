"""Determinism: the same spec and seeds give the same bits whatever the thread count, in parallel or alone, from
one Python thread or many; different seeds give different batch sequences."""

import concurrent.futures

import numpy as np

import dlnlab

RUNS = [dict(batch_size=b, stepsize=g, seed=seed, data_seed=ds, max_steps=20000)
        for b in (1, 4) for g in (0.01, 0.03) for seed in (1, 2) for ds in (1, 2)]


def fingerprint(run):
    return (run.status, run.steps, run.beta.tobytes(), run.gain.tobytes(), np.float64(run.train_loss).tobytes(),
            run.trajectory.train_loss.tobytes())


def test_train_many_gives_the_bits_of_train_alone_on_any_thread_count():
    alone = [fingerprint(dlnlab.train(**r, theory=False)) for r in RUNS]
    for threads in (1, 2, 3, 0):
        assert [fingerprint(r) for r in dlnlab.train_many(RUNS, threads=threads)] == alone, threads


def test_python_threads_calling_train_at_once_get_the_serial_bits():
    serial = [fingerprint(dlnlab.train(**r)) for r in RUNS]
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(lambda r: fingerprint(dlnlab.train(**r)), RUNS))
    assert parallel == serial


def test_sweep_rows_are_the_runs_of_train_with_the_same_seeds():
    problem = dlnlab.generate(data_seed=3)
    table = dlnlab.sweep(problem, batch_size=[1, "n"], stepsize=[0.01, 0.02], seed=range(1, 4), threads=2)
    assert len(table) == 12 and list(table.seed[:3]) == [1, 2, 3]
    for i in range(len(table)):
        b = table.batch_size[i]
        run = dlnlab.train(problem, batch_size=b if b == "n" else int(b), stepsize=float(table.stepsize[i]),
                           seed=int(table.seed[i]), checkpoints_per_decade=0, theory="residual")
        assert table.beta[i].tobytes() == run.beta.tobytes() and table.steps[i] == run.steps
        assert np.float64(table.test_loss[i]).tobytes() == np.float64(run.test_loss).tobytes()
        residual = run.theory.theorem22_residual
        assert (residual is None and np.isnan(table.theorem22_residual[i])) or table.theorem22_residual[i] == residual
    again = dlnlab.sweep(problem, batch_size=[1, "n"], stepsize=[0.01, 0.02], seed=range(1, 4), threads=1)
    assert again.beta.tobytes() == table.beta.tobytes()


def test_seeds_choose_the_batches_and_the_data():
    a, b = dlnlab.train(seed=1, theory=False), dlnlab.train(seed=2, theory=False)
    assert a.beta.tobytes() != b.beta.tobytes()
    assert dlnlab.train(seed=1, theory=False).beta.tobytes() == a.beta.tobytes()
    assert dlnlab.generate(data_seed=1).X.tobytes() != dlnlab.generate(data_seed=2).X.tobytes()
    # GD does not draw batches: its seed changes nothing.
    assert dlnlab.train(batch_size="n", seed=1).beta.tobytes() == dlnlab.train(batch_size="n", seed=9).beta.tobytes()


def test_train_many_records_the_iterates_train_records_alone():
    runs = [dict(batch_size=b, stepsize=0.02, seed=seed, max_steps=3000, mean=0.2, correlation=0.4)
            for b in (1, "n") for seed in (1, 2)]
    alone = [dlnlab.train(**r, theory=False, iterates=True).trajectory for r in runs]
    for threads in (1, 2):
        for a, b in zip(alone, [r.trajectory for r in dlnlab.train_many(runs, threads=threads, iterates=True)]):
            for name in ("step", "sharpness", "beta", "gain"):
                assert getattr(a, name).tobytes() == getattr(b, name).tobytes(), name
