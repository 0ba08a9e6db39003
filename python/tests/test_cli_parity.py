"""dlnlab gives the CLI's numbers, bit for bit: every field of `dln train --json`, `dln sweep`'s stored runs and
`dln solve --json`'s gradient-flow interpolator (dln solve's minimum-l1 and minimum-l2 solve a row-scaled copy of the
system, so those agree to rounding)."""

import dataclasses

import numpy as np
import pytest

import dlnlab
from bits import assert_same

# (CLI arguments, dlnlab keywords) for the same run: SGD, GD, a schedule, per-coordinate alpha and a given start,
# the depth-3 model, epoch batches, a run that diverges, correlated inputs with a mean, and checkpoints every K steps.
SPECS = [
    (["--n", 20, "--d", 30, "--s", 3, "--alpha", 0.1, "--batch-size", 1, "--stepsize", 0.01, "--seed", 1],
     dict(n=20, d=30, s=3, alpha=0.1, batch_size=1, stepsize=0.01, seed=1)),
    (["--batch-size", "n", "--stepsize", 0.05, "--data-seed", 7, "--noise", 0.1],
     dict(batch_size="n", stepsize=0.05, data_seed=7, noise=0.1)),
    (["--n", 15, "--d", 40, "--batch-size", 5, "--stepsize", "inv:0.05,1000", "--seed", 3, "--tolerance", 1e-8],
     dict(n=15, d=40, batch_size=5, stepsize="inv:0.05,1000", seed=3, tolerance=1e-8)),
    (["--n", 10, "--d", 4, "--s", 2, "--alpha", "0.1,0.2,0.3,0.4", "--u0", "0.2,0.3,0.1,0.5", "--v0", 0.05,
      "--batch-size", 2, "--stepsize", 0.02, "--batch-mode", "epoch"],
     dict(n=10, d=4, s=2, alpha=[0.1, 0.2, 0.3, 0.4], u0=np.array([0.2, 0.3, 0.1, 0.5]), v0=0.05, batch_size=2,
          stepsize=0.02, batch_mode="epoch")),
    (["--model", "power:3", "--alpha", 0.3, "--batch-size", "n", "--stepsize", 0.002, "--max-steps", 20000],
     dict(model="power:3", alpha=0.3, batch_size="n", stepsize=0.002, max_steps=20000)),
    (["--batch-size", "n", "--stepsize", 5], dict(batch_size="n", stepsize=5)),
    (["--stepsize", "list:0.02,0.01", "--checkpoints-per-decade", 0, "--max-steps", 500, "--nonzeros", "rademacher",
      "--support", "leading", "--scale", 2, "--n-test", 50],
     dict(stepsize=[0.02, 0.01], checkpoints_per_decade=0, max_steps=500, nonzeros="rademacher", support="leading",
          scale=2, n_test=50)),
    (["--mean", 0.5, "--correlation", 0.6, "--batch-size", "n", "--stepsize", 0.02, "--data-seed", 4],
     dict(mean=0.5, correlation=0.6, batch_size="n", stepsize=0.02, data_seed=4)),
    (["--correlation", -0.3, "--checkpoint-every", 250, "--max-steps", 2000, "--stepsize", 0.01],
     dict(correlation=-0.3, checkpoint_every=250, max_steps=2000, stepsize=0.01)),
    (["--batch-size", 5, "--stepsize", 0.002, "--label-noise", 0.1, "--momentum", 0.5, "--max-steps", 3000],
     dict(batch_size=5, stepsize=0.002, label_noise=0.1, momentum=0.5, max_steps=3000)),
    (["--batch-size", "n", "--stepsize", 0.01, "--label-noise", 0.2, "--max-steps", 3000],
     dict(batch_size="n", stepsize=0.01, label_noise=0.2, max_steps=3000)),
]

TRAJECTORY = ("step", "train_loss", "test_loss", "gain_l1", "distance_to_beta_star")


def compare(run, expected):
    assert set(f.name for f in dataclasses.fields(run)) == set(expected), "the fields of Run are those of the JSON"
    for name, value in expected.items():
        if name in ("theory", "spec", "timing", "trajectory"):
            continue
        assert_same(getattr(run, name), value, name)
    theory_fields = set(f.name for f in dataclasses.fields(run.theory))
    assert set(expected["theory"]) <= theory_fields and theory_fields - set(expected["theory"]) <= {
        "theorem22_beta", "gradient_flow_beta"}, "the fields of Theory are those of the JSON (null vectors left out)"
    for name, value in expected["theory"].items():
        assert_same(getattr(run.theory, name), value, "theory." + name)
    for name in ("theorem22_beta", "gradient_flow_beta"):
        if name not in expected["theory"]:
            assert getattr(run.theory, name) is None, name
    for name in TRAJECTORY:
        assert_same(getattr(run.trajectory, name), [c[name] for c in expected["trajectory"]], "trajectory." + name)
    # spec.config, the CLI's configuration text, is the one JSON field dlnlab leaves out (results.Spec says why).
    assert set(expected["spec"]) - {"config"} == set(f.name for f in dataclasses.fields(run.spec))
    problem = expected["spec"]["problem"]
    assert set(problem) == {k for k, v in vars(run.spec.problem).items() if v is not None}
    for name, value in problem.items():
        assert_same(getattr(run.spec.problem, name), value, "spec.problem." + name)
    assert set(expected["spec"]["training"]) == set(vars(run.spec.training)) - {"checkpoint_every"}
    for name, value in expected["spec"]["training"].items():
        assert_same(getattr(run.spec.training, name), value, "spec.training." + name)
    assert run.spec.dln_version == expected["spec"]["dln_version"]
    assert set(vars(run.timing)) == set(expected["timing"])


@pytest.mark.parametrize("arguments, keywords", SPECS, ids=[" ".join(map(str, a[:6])) for a, _ in SPECS])
def test_train_matches_the_cli_json_bit_for_bit(cli, arguments, keywords):
    expected = cli.json("train", *arguments)
    compare(dlnlab.train(**keywords), expected)


def test_iterates_are_those_of_the_cli_s_npz_trajectory(cli, tmp_path):
    for arguments, keywords in (
            (["--batch-size", 5, "--stepsize", 0.02, "--seed", 4], dict(batch_size=5, stepsize=0.02, seed=4)),
            (["--batch-size", "n", "--stepsize", 0.05, "--checkpoint-every", 50, "--max-steps", 400],
             dict(batch_size="n", stepsize=0.05, checkpoint_every=50, max_steps=400)),
            (["--model", "power:3", "--alpha", 0.3, "--batch-size", "n", "--stepsize", 0.002, "--max-steps", 3000],
             dict(model="power:3", alpha=0.3, batch_size="n", stepsize=0.002, max_steps=3000))):
        path = tmp_path / "t.npz"
        code, _, err = cli.run("train", *arguments, "--trajectory", path)
        assert code == 0, err
        expected = np.load(path, allow_pickle=False)
        run = dlnlab.train(**keywords, iterates=True)
        plain = dlnlab.train(**keywords)
        assert run.steps == plain.steps and run.beta.tobytes() == plain.beta.tobytes(), "iterates change no bit of the run"
        assert np.isnan(plain.trajectory.sharpness).all() and plain.trajectory.beta is None
        for name in ("step", "train_loss", "gain_l1", "sharpness", "beta"):
            a, b = np.asarray(getattr(run.trajectory, name)), expected[name]
            assert a.shape == b.shape and a.tobytes() == b.tobytes(), name
        if keywords.get("model"):
            assert run.trajectory.gain is None and np.isnan(run.trajectory.sharpness).all()
        else:
            assert run.trajectory.gain.tobytes() == expected["gain"].tobytes()
            assert np.isfinite(run.trajectory.sharpness).all()
        if "checkpoint_every" in keywords:
            assert list(run.trajectory.step) == list(range(0, 401, 50))


def test_an_oscillating_run_is_oscillating_as_in_the_cli(cli, tmp_path):
    # THEORY.md's period-2 orbit: n = d = 1, x = y = 1, alpha = 0.1, GD at gamma = 1.1.
    np.save(tmp_path / "X.npy", np.ones((1, 1)))
    np.save(tmp_path / "y.npy", np.ones(1))
    arguments = ["--alpha", 0.1, "--batch-size", "n", "--stepsize", 1.1, "--max-steps", 2000]
    expected = cli.json("train", "--data", tmp_path, *arguments)
    problem = dlnlab.Problem.from_arrays(np.ones((1, 1)), np.ones(1))
    run = dlnlab.train(problem, alpha=0.1, batch_size="n", stepsize=1.1, max_steps=2000)
    assert expected["status"] == run.status == "oscillating"
    assert run.steps == expected["steps"] and run.beta.tobytes() == np.array(expected["beta"]).tobytes()
    # The check of the returned run (its status crosses the ABI as 3) gives the CLI's theory.
    checked = dlnlab.check(run, problem)
    for name, value in expected["theory"].items():
        assert_same(getattr(checked, name), value, "theory." + name)


def test_a_problem_given_as_arrays_trains_as_the_cli_trains_it_from_files(cli, tmp_path):
    generated = dlnlab.generate(n=12, d=20, s=2, data_seed=5, n_test=30)
    for name, array in (("X", generated.X), ("y", generated.y), ("beta_star", generated.beta_star),
                        ("X_test", generated.X_test), ("y_test", generated.y_test)):
        np.save(tmp_path / f"{name}.npy", array)
    expected = cli.json("train", "--data", tmp_path, "--batch-size", 3, "--stepsize", 0.01, "--seed", 2)
    problem = dlnlab.Problem.from_arrays(generated.X, generated.y, generated.beta_star, generated.X_test, generated.y_test)
    run = dlnlab.train(problem, batch_size=3, stepsize=0.01, seed=2)
    for name, value in expected.items():
        if name not in ("theory", "spec", "timing", "trajectory"):
            assert_same(getattr(run, name), value, name)
    for name, value in expected["theory"].items():
        assert_same(getattr(run.theory, name), value, "theory." + name)
    assert run.spec.problem.data == "arrays" and run.spec.problem.n == 12


def test_solvers_match_dln_solve(cli):
    for arguments, keywords in ([], {}), (["--alpha", 0.01, "--data-seed", 3], dict(alpha=0.01, data_seed=3)), \
            (["--model", "power:3", "--alpha", 0.1], dict(model="power:3", alpha=0.1)):
        expected = cli.json("solve", *arguments)
        problem_keywords = {k: v for k, v in keywords.items() if k == "data_seed"}
        start = {k: v for k, v in keywords.items() if k != "data_seed"}
        flow = dlnlab.gradient_flow(dlnlab.generate(**problem_keywords), **start)
        assert_same(flow.beta, expected["interpolators"]["gradient_flow"]["beta"], "gradient_flow.beta")
        assert flow.iterations == expected["gradient_flow_solver"]["iterations"]
        # dln solve scales X's rows by powers of two first: the same beta, but the solver's residual is the scaled system's.
        assert flow.relative_residual < 1e-12
        # The simplex and the l2 solve round differently on the scaled rows: the same interpolators to rounding.
        l1 = dlnlab.minimum_l1(**problem_keywords)
        scale = np.abs(expected["interpolators"]["minimum_l1"]["beta"]).max()
        assert np.allclose(l1.beta, expected["interpolators"]["minimum_l1"]["beta"], rtol=0, atol=1e-12 * scale)
        # Its certificate is the unscaled system's: X^T lambda in [-1, 1], = sign(beta) on the support.
        problem = dlnlab.generate(**problem_keywords)
        correlation = problem.X.T @ l1.dual_certificate
        support = np.abs(l1.beta) > 1e-9 * scale
        assert np.all(np.abs(correlation) <= 1 + 1e-9) and np.allclose(correlation[support], np.sign(l1.beta[support]))
        assert l1.converged == expected["minimum_l1_solver"]["converged"] and l1.duality_gap < 1e-12
        l2 = expected["interpolators"]["minimum_l2"]["beta"]
        assert np.allclose(dlnlab.minimum_l2(**problem_keywords), l2, rtol=0, atol=1e-12 * np.abs(l2).max())


def test_check_of_a_returned_run_gives_the_theory_train_computed():
    for keywords in (dict(stepsize=0.02), dict(batch_size="n", stepsize=0.05, u0=0.3, v0=0.1),
                     dict(model="power:3", alpha=0.3, batch_size="n", stepsize=0.002, max_steps=20000)):
        with_theory = dlnlab.train(**keywords)
        checked = dlnlab.check(dlnlab.train(**keywords, theory=False))
        for field in dataclasses.fields(checked):
            a, b = getattr(checked, field.name), getattr(with_theory.theory, field.name)
            assert (a is None and b is None) or np.array_equal(a, b), field.name


def test_sweep_matches_dln_sweep_bit_for_bit(cli, tmp_path):
    # SGD runs (b = 1 and b = 5) train one by one in dln sweep, without trajectory checkpoints (as dlnlab.sweep); the
    # store keeps every run's data and batch seeds.
    store, out = tmp_path / "s.db", tmp_path / "export"
    code, _, err = cli.run("sweep", "--batch-size", "1,5", "--stepsize", "0.005,0.02", "--datasets", 2, "--store", store,
                           "--quiet")
    assert code == 0, err
    code, _, err = cli.run("export", "--store", store, "--out", out)
    assert code == 0, err
    runs = np.load(out / "runs.npz", allow_pickle=False)
    assert len(runs["stepsize"]) == 8
    table = dlnlab.train_many([
        dict(n=int(n), d=int(d), s=int(s), data_seed=int(ds), batch_size=int(b), stepsize=float(g), seed=int(bs),
             checkpoints_per_decade=0)
        for n, d, s, ds, b, g, bs in zip(runs["n"], runs["d"], runs["s"], runs["data_seed"], runs["batch_size"],
                                          runs["stepsize"], runs["batch_seed"])], theory="residual")
    for i, run in enumerate(table):
        assert run.status == runs["status"][i] and run.steps == runs["steps"][i]
        for name in ("beta", "gain", "ln_alpha_inf_squared", "beta_tilde0"):
            assert getattr(run, name).tobytes() == runs[name][i].tobytes(), name
        for name in ("train_loss", "test_loss", "population_loss", "gain_l1", "max_loss_rise"):
            a, b = np.float64(getattr(run, name)), runs[name][i]
            assert a.tobytes() == b.tobytes() or not (np.isfinite(a) or np.isfinite(b)), name
        residual = run.theory.theorem22_residual
        assert (residual is None and np.isnan(runs["theorem22_residual"][i])) or \
            np.float64(residual).tobytes() == runs["theorem22_residual"][i].tobytes()
