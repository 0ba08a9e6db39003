"""What a run gives back: small dataclasses with the fields, names and meaning of ``dln train --json``.

Numbers are the native library's doubles, bit for bit. Where the CLI's JSON writes null for a value that does not
exist (no test set, a power:D run's gain, a theory check of a run that did not converge) the field is None; where
the JSON writes null for a non-finite number (a diverged run's loss) the field keeps the number (inf or nan).
"""

from dataclasses import dataclass
from typing import Optional, Union

import numpy as np


@dataclass(frozen=True)
class Checkpoints:
    """The trajectory at log-spaced steps (first and last included; every checkpoint_every steps when that is given),
    one array entry per checkpoint: the fields of ``dln train --json``'s trajectory, and with ``train(...,
    iterates=True)`` the values ``dln train --trajectory FILE.npz`` records beside them (sharpness, beta, gain)."""

    step: np.ndarray
    """Step k of each checkpoint (int64)."""
    train_loss: np.ndarray
    """Training loss F(beta_k) = 1/(2n) ||X beta_k - y||^2."""
    test_loss: np.ndarray
    """Test loss 1/(2 n_test) ||X_test beta_k - y_test||^2 (nan without a test set)."""
    gain_l1: np.ndarray
    """||Gain_gamma||_1 up to step k (nan for power:D)."""
    distance_to_beta_star: np.ndarray
    """||beta_k - beta*||_2 (nan when beta* is unknown)."""
    sharpness: np.ndarray
    """lambda_max of the Hessian of F in (u, v) at step k (uv runs trained with iterates=True; nan otherwise)."""
    beta: Optional[np.ndarray] = None
    """beta_k, one row per checkpoint (checkpoints x d; None unless trained with iterates=True)."""
    gain: Optional[np.ndarray] = None
    """The gain so far ln(alpha^2 / alpha_inf,k^2), one row per checkpoint (checkpoints x d; None unless a uv run was
    trained with iterates=True)."""

    def __len__(self):
        return len(self.step)


@dataclass(frozen=True)
class Theory:
    """A run against the theory (``theory`` of ``dln train --json``); fields are None where they do not apply."""

    theorem22_residual: Optional[float]
    """||beta - beta_22|| / ||beta_22||, beta_22 = argmin_{X b = y} D_{psi_{alpha_inf}}(b, beta0~) (Theorem 2.2; converged uv runs)."""
    theorem22_beta: Optional[np.ndarray]
    """The Theorem 2.2 interpolator beta_22 predicted from the run's own alpha_inf and beta0~."""
    distance_to_gradient_flow: Optional[float]
    """||beta - beta_GF|| / ||beta_GF||, beta_GF the gradient-flow interpolator of the run's model and start (Theorem 2.1)."""
    gradient_flow_beta: Optional[np.ndarray]
    """The gradient-flow interpolator: argmin psi_alpha over X b = y (uv from the report's start), its general-start or power:D form."""
    sharpness: Optional[float]
    """lambda_max of the Hessian of F at the final weights (converged uv runs)."""
    gd_stability_threshold: Optional[float]
    """2 / sharpness: GD is locally stable at the final point below this stepsize."""
    distance_without_beta_tilde0: Optional[float]
    """||beta - beta_0~=0|| / ||beta_0~=0||, beta_0~=0 = argmin_{X b = y} psi_{alpha_inf}(b): the Theorem 2.2 limit with the
    perturbation beta0~ dropped (converged uv runs whose solve converged)."""
    gain_shape_cosine: Optional[float]
    """Cosine similarity of the run's gain with its predicted shape E[g_B(beta_0)^2] (uv runs that did not diverge)."""
    theorems_cover_run: bool = True
    """Whether Theorems 2.1 and 2.2 are about this run: plain (S)GD, no label noise and no momentum (the checks of
    Theorem 2.2 and the predictions are None otherwise)."""


@dataclass(frozen=True)
class ProblemSpec:
    """The problem of a run (``spec.problem``): the generator's settings, or ``data`` for a problem made from arrays."""

    n: int
    d: int
    generator: Optional[str] = None
    """"sparse-regression" for a generated problem, None for one made from arrays."""
    s: Optional[int] = None
    nonzeros: Optional[str] = None
    scale: Optional[float] = None
    support: Optional[str] = None
    noise: Optional[float] = None
    mean: Optional[float] = None
    """Mean mu of every input coordinate, x ~ N(mu 1, Sigma)."""
    correlation: Optional[float] = None
    """rho of the inputs' Toeplitz covariance Sigma_ij = rho^|i-j|."""
    n_test: Optional[int] = None
    data_seed: Optional[int] = None
    data: Optional[str] = None
    """"arrays" for a problem made from arrays (the CLI names the --data path here)."""


@dataclass(frozen=True)
class TrainingSpec:
    """The options a run was trained with (``spec.training``), resolved: batch_size a number, stepsize its schedule's text."""

    model: str
    u0: Union[None, float, np.ndarray]
    v0: Union[None, float, np.ndarray]
    alpha: Union[float, np.ndarray]
    batch_size: int
    stepsize: str
    batch_mode: str
    seed: int
    tolerance: float
    max_steps: int
    divergence_factor: float
    bounce_factor: float
    loss_check_interval: int
    checkpoints_per_decade: int
    checkpoint_every: int = 0
    """Checkpoints every this many steps instead of log-spaced (0: log-spaced); ``dln train --checkpoint-every``, which
    ``dln train --json`` does not echo in spec.training."""
    label_noise: float = 0.0
    """Label-noise SGD's delta (0: plain SGD)."""
    momentum: float = 0.0
    """Heavy-ball momentum M (0: none)."""
    effective_stepsize: float = 0.0
    """lambda = gamma_0 / (1 - M)^2, heavy ball's effective stepsize (gamma_0 without momentum)."""

    @property
    def is_plain_sgd(self) -> bool:
        """Plain (S)GD: no label noise and no momentum, the runs Theorems 2.1 and 2.2 are about."""
        return self.label_noise == 0 and self.momentum == 0


@dataclass(frozen=True)
class Spec:
    """What produced a run (``spec``). ``dln train --json``'s spec.config, the command's resolved configuration as the
    TOML text ``--config`` reads, has no field here: a Python call is not read from a configuration file, and its
    keywords are all in ``problem`` and ``training``."""

    dln_version: str
    problem: ProblemSpec
    training: TrainingSpec


@dataclass(frozen=True)
class Timing:
    """Wall time of the training itself (``timing``): problem generation and the theory check excluded."""

    wall_seconds: float
    steps_per_second: float


@dataclass(frozen=True)
class Run:
    """One (S)GD run on a diagonal linear network: every field of ``dln train --json``, under its name."""

    status: str
    """How the run ended: "converged" (training loss <= tolerance), "budget_exhausted" (max_steps reached, the loss falling or
    flat), "oscillating" (max_steps reached with the loss bouncing above its running minimum without progress in the
    last quarter of the budget) or "diverged"."""
    steps: int
    """Number of updates applied."""
    train_loss: float
    """F(beta) = 1/(2n) ||X beta - y||^2 at the final iterate."""
    test_loss: Optional[float]
    """1/(2 n_test) ||X_test beta - y_test||^2 (None without a test set)."""
    population_loss: Optional[float]
    """Exact population loss 1/2 ||beta - beta*||^2 + sigma^2/2 for isotropic Gaussian inputs (None otherwise)."""
    distance_to_beta_star: Optional[float]
    """||beta - beta*||_2 (None when beta* is unknown)."""
    gain_l1: float
    """||Gain_gamma||_1 (nan for power:D)."""
    bounced: bool
    """The loss rose above bounce_factor times its running minimum (edge of stability)."""
    max_loss_rise: float
    """Largest ratio of the loss to its running minimum."""
    singular_steps: int
    """Steps at which some |gamma g_i| >= 1."""
    max_step_gradient: float
    """max over steps and coordinates of |gamma_k g_k,i|."""
    gain: Optional[np.ndarray]
    """The gain Gain_gamma = -ln(alpha_inf^2 / alpha^2) (uv only; None for power:D)."""
    beta: np.ndarray
    """The final iterate beta = u * v (w+^D - w-^D for power:D)."""
    ln_alpha_inf_squared: Optional[np.ndarray]
    """ln(alpha_inf^2), the effective initialisation, exact even where alpha_inf underflows (uv only)."""
    beta_tilde0: Optional[np.ndarray]
    """The perturbation beta0~ of Theorem 2.2 (uv only)."""
    alpha_inf: Optional[np.ndarray]
    """alpha_inf = exp(ln(alpha_inf^2) / 2) (uv only)."""
    delta: Optional[np.ndarray]
    """delta = arcsinh(beta0~ / alpha_inf^2) (uv only)."""
    alpha: np.ndarray
    """The initialisation scale alpha per coordinate."""
    theory: Optional[Theory]
    """The theory check (None when train(..., theory=False))."""
    trajectory: Checkpoints
    """Checkpoints at log-spaced steps."""
    spec: Spec
    """The problem and options that produced the run."""
    timing: Timing
    """Wall time of the training."""
