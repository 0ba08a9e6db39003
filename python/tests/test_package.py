"""The package itself: documented, versioned as the native library, and the problem arrays round-trip."""

import dataclasses
import importlib.metadata
import inspect

import numpy as np
import pytest

import dlnlab


def test_every_public_name_has_a_docstring():
    for name in dlnlab.__all__:
        obj = getattr(dlnlab, name)
        assert inspect.getdoc(obj), name
    for name in ("train", "train_many", "sweep", "check", "generate", "gradient_flow"):
        assert "ValueError" in inspect.getdoc(getattr(dlnlab, name)) or name not in ("train", "generate"), name


def test_the_version_is_the_library_s_and_the_installed_distribution_s():
    assert dlnlab.__version__.count(".") == 2
    try:
        assert importlib.metadata.version("dlnlab") == dlnlab.__version__
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("dlnlab is imported from the source tree, not installed")


def test_run_fields_are_typed_values():
    run = dlnlab.train(n=20, d=30, s=3, alpha=0.1, batch_size=1, stepsize=0.01, seed=1)
    assert run.status == "converged" and isinstance(run.steps, int) and isinstance(run.bounced, bool)
    assert run.beta.shape == run.gain.shape == run.alpha.shape == (30,)
    assert run.trajectory.step[0] == 0 and run.trajectory.step[-1] == run.steps
    assert run.spec.training.batch_size == 1 and run.spec.problem.n == 20
    assert np.allclose(run.alpha_inf, np.exp(run.ln_alpha_inf_squared / 2))
    assert {f.name for f in dataclasses.fields(run.theory)} >= {"theorem22_residual", "sharpness"}


def test_problem_arrays_round_trip():
    problem = dlnlab.generate(n=6, d=9, s=2, n_test=4)
    copy = dlnlab.Problem.from_arrays(problem.X, problem.y, problem.beta_star, problem.X_test, problem.y_test)
    for name in ("X", "y", "beta_star", "X_test", "y_test"):
        assert getattr(copy, name).tobytes() == getattr(problem, name).tobytes(), name
    assert np.count_nonzero(problem.beta_star) == 2 and problem.n_test == 4
    assert np.allclose(problem.X @ problem.beta_star, problem.y)
