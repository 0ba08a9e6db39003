"""The interpolators the theory predicts, solved by the native library (the solvers of ``dln solve``)."""

from dataclasses import dataclass

import numpy as np

from . import _native, _spec
from .training import _problem_of as _given_problem


def _problem_of(problem, keywords):
    unknown = set(keywords) - set(_spec.PROBLEM_KEYS)
    if unknown:
        raise TypeError(f"unknown keyword {sorted(unknown)[0]!r}; the problem keywords are {', '.join(_spec.PROBLEM_KEYS)}")
    return _given_problem(problem, keywords)


@dataclass(frozen=True)
class GradientFlowSolution:
    """The gradient-flow interpolator and how well the dual Newton solver reached it."""

    beta: np.ndarray
    """argmin psi_alpha(b) over X b = y (Theorem 2.1; its general-start form for a given u0, v0; argmin Q_D for power:D)."""
    iterations: int
    relative_residual: float
    """||X beta - y|| / ||y|| at the solution."""


@dataclass(frozen=True)
class MinimumL1Solution:
    """Basis pursuit: argmin ||b||_1 over X b = y, with its dual certificate."""

    beta: np.ndarray
    dual_certificate: np.ndarray
    """lambda (n) with ||X^T lambda||_inf <= 1 and X^T lambda = sign(beta) on the support."""
    l1_norm: float
    duality_gap: float
    dual_infeasibility: float
    relative_residual: float
    iterations: int
    converged: bool


def gradient_flow(problem=None, *, model=None, alpha=None, u0=None, v0=None, **problem_keywords):
    """The interpolator gradient flow converges to from the start given by model, alpha, u0, v0 (as :func:`train`
    reads them; default uv from alpha = 0.1): argmin psi_alpha over X b = y, with the hyperbolic entropy psi_alpha
    (Theorem 2.1). Raises SolverError when the dual Newton solver does not reach its tolerance."""
    problem = _problem_of(problem, problem_keywords)
    text = _spec.text(dict(model=model, alpha=alpha, u0=u0, v0=v0), _spec.TRAINING_KEYS)
    beta, stats = np.empty(problem.d), np.empty(2)
    _native.check(_native.lib.dln_gradient_flow(problem._handle, text, beta.ctypes.data, stats.ctypes.data))
    return GradientFlowSolution(beta=beta, iterations=int(stats[0]), relative_residual=float(stats[1]))


def minimum_l1(problem=None, **problem_keywords):
    """The minimum-l1-norm interpolator argmin ||b||_1 over X b = y (a simplex, with dual certificate)."""
    problem = _problem_of(problem, problem_keywords)
    beta, certificate, stats = np.empty(problem.d), np.empty(problem.n), np.empty(6)
    _native.check(_native.lib.dln_minimum_l1(problem._handle, beta.ctypes.data, certificate.ctypes.data, stats.ctypes.data))
    l1, gap, infeasibility, residual, iterations, converged = stats.tolist()
    return MinimumL1Solution(beta=beta, dual_certificate=certificate, l1_norm=l1, duality_gap=gap,
                             dual_infeasibility=infeasibility, relative_residual=residual, iterations=int(iterations),
                             converged=bool(converged))


def minimum_l2(problem=None, **problem_keywords):
    """The minimum-l2-norm interpolator X^T (X X^T)^{-1} y (X of full row rank), as an array."""
    problem = _problem_of(problem, problem_keywords)
    beta = np.empty(problem.d)
    _native.check(_native.lib.dln_minimum_l2(problem._handle, beta.ctypes.data))
    return beta
