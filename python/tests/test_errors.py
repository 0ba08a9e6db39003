"""Bad input raises ValueError with the line `dln train` prints (after 'dln: error: '); a diverged run is a result."""

import numpy as np
import pytest

import dlnlab

BAD = [
    (["--batch-size", 0], dict(batch_size=0)),
    (["--batch-size", "x"], dict(batch_size="x")),
    (["--batch-size", 21], dict(batch_size=21)),
    (["--stepsize", -1], dict(stepsize=-1)),
    (["--stepsize", "inv:abc"], dict(stepsize="inv:abc")),
    (["--alpha", -1], dict(alpha=-1)),
    (["--alpha", "0.1,0.2"], dict(alpha=[0.1, 0.2])),
    (["--u0", "1,2"], dict(u0=[1, 2])),
    (["--model", "power:3", "--u0", 0.2], dict(model="power:3", u0=0.2)),
    (["--model", "foo"], dict(model="foo")),
    (["--tolerance", -1], dict(tolerance=-1)),
    (["--tolerance", "abc"], dict(tolerance="abc")),
    (["--max-steps", 0], dict(max_steps=0)),
    (["--divergence-factor", 1], dict(divergence_factor=1)),
    (["--bounce-factor", 0.5], dict(bounce_factor=0.5)),
    (["--loss-check-interval", -1], dict(loss_check_interval=-1)),
    (["--checkpoints-per-decade", 5000], dict(checkpoints_per_decade=5000)),
    (["--batch-mode", "random"], dict(batch_mode="random")),
    (["--seed", -1], dict(seed=-1)),
    (["--n", 0], dict(n=0)),
    (["--d", -3], dict(d=-3)),
    (["--s", 40], dict(s=40)),
    (["--scale", -1], dict(scale=-1)),
    (["--noise", -0.5], dict(noise=-0.5)),
    (["--n-test", 0], dict(n_test=0)),
    (["--nonzeros", "foo"], dict(nonzeros="foo")),
    (["--support", "middle"], dict(support="middle")),
    (["--mean", "Infinity"], dict(mean=float("inf"))),
    (["--correlation", 1], dict(correlation=1)),
    (["--correlation", "abc"], dict(correlation="abc")),
    (["--checkpoint-every", -1], dict(checkpoint_every=-1)),
]


@pytest.mark.parametrize("arguments, keywords", BAD, ids=[" ".join(map(str, a)) for a, _ in BAD])
def test_bad_input_raises_value_error_with_the_cli_message(cli, arguments, keywords):
    expected = cli.error("train", *arguments)
    with pytest.raises(ValueError) as raised:
        dlnlab.train(**keywords)
    assert str(raised.value) == expected


def test_bad_input_in_many_runs_names_the_cli_field_and_trains_nothing(cli):
    expected = cli.error("train", "--stepsize", 0)
    with pytest.raises(ValueError, match="^" + expected.replace("[", r"\[").replace("]", r"\]") + "$"):
        dlnlab.train_many([dict(stepsize=0.01), dict(stepsize=0)])
    with pytest.raises(ValueError, match="^--stepsize: "):
        dlnlab.sweep(stepsize=[0.01, -1])


def test_solver_and_problem_errors():
    with pytest.raises(ValueError, match="^--alpha: got -1; must be a finite number > 0$"):
        dlnlab.gradient_flow(alpha=-1)
    with pytest.raises(ValueError, match="^y: has 3 entries but X has 4 rows; they must match$"):
        dlnlab.Problem.from_arrays(np.ones((4, 2)), np.ones(3))
    with pytest.raises(ValueError, match=r"^X\[1\]: got NaN; must be a finite number$"):
        dlnlab.Problem.from_arrays(np.array([[1.0, np.nan]]), np.ones(1))
    with pytest.raises(ValueError, match="^--n: cannot be combined with problem="):
        dlnlab.train(dlnlab.generate(), n=5)
    with pytest.raises(ValueError, match="^threads: got -1; must be an integer in \\[0, 4096\\]$"):
        dlnlab.train_many([{}], threads=-1)
    with pytest.raises(TypeError):
        dlnlab.sweep(stepsizes=[0.1])


def test_a_diverged_run_is_returned_with_its_status_not_raised(cli):
    run = dlnlab.train(batch_size="n", stepsize=5)
    assert run.status == "diverged" and run.steps > 0
    assert run.train_loss > 1e8 * run.trajectory.train_loss[0] or not np.isfinite(run.train_loss)
    assert run.theory.theorem22_residual is None and run.theory.sharpness is None
    assert cli.json("train", "--batch-size", "n", "--stepsize", 5)["status"] == "diverged"
    table = dlnlab.sweep(batch_size="n", stepsize=[0.01, 5])
    assert list(table.status) == ["converged", "diverged"]
